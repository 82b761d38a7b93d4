"""The detector facade: loads every data file once, then analyses a message into findings with spans."""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from typing import Any

import ahocorasick

from bot.data_files import DataPaths
from bot.detection.apology import ApologyReader
from bot.detection.context import MessageLayout
from bot.detection.every_language import EveryLanguage
from bot.detection.heated import find_heated
from bot.detection.language import LanguageIdentifier
from bot.detection.lexicon import Hit, Lexicon, compile_safe, compile_strong, find_hits, load_lexicons
from bot.detection.machine_text import blank_machine_strings
from bot.detection.mentions import MassMentionDetector
from bot.detection.normalise import Normalised, normalise
from bot.detection.pii import PiiDetector
from bot.detection.present_person import find_about_present_person
from bot.detection.privacy import PrivateInPublicDetector
from bot.detection.secrets import SecretDetector
from bot.detection.tone import find_passive_aggressive
from bot.detection.toxicity import RawFinding, find_toxicity
from bot.verdict import Analysis, Finding, MessageContext
from bot.vocabulary import SUPPORTED_LANGUAGES, ApologyKind, Category

log = logging.getLogger(__name__)

__all__ = ["Detector"]

_EMPTY_CONTEXT = MessageContext()
_EMPTY_AUTOMATON = ahocorasick.Automaton()


class Detector:
    """Language identification, normalisation, one automaton pass, context rules, then every sub-detector."""

    def __init__(self, lexicons: dict[str, Lexicon], strong: Any, identifier: LanguageIdentifier,
                 sub_detectors: list[Any], apology_reader: ApologyReader | None, *,
                 strong_languages: dict[str, tuple[str, ...]] | None = None, every_safe: Any = None) -> None:
        self._lexicons = lexicons
        self._strong = strong
        self._strong_languages = strong_languages or {}
        self._every_safe = every_safe
        # An unsure message is read by every language's lists and markers and by the fallback's strong and
        # safe lists: one merged automaton does it in one pass. Slots: lists by language, then markers by
        # language, then strong, then safe.
        automata = [lexicon.automata()[0] for lexicon in lexicons.values()]
        automata += [lexicon.automata()[1] for lexicon in lexicons.values()]
        automata += [strong if strong is not None else _EMPTY_AUTOMATON,
                     every_safe if every_safe is not None else _EMPTY_AUTOMATON]
        self._every_language = EveryLanguage(automata)
        self._slot = {language: index for index, language in enumerate(lexicons)}
        self._marker_slot = {language: len(lexicons) + index for index, language in enumerate(lexicons)}
        self._strong_slot, self._safe_slot = 2 * len(lexicons), 2 * len(lexicons) + 1
        self._identifier = identifier
        self._sub_detectors = sub_detectors
        self._apology_reader = apology_reader

    @classmethod
    def load(cls, paths: DataPaths) -> Detector:
        loaded = load_lexicons(paths, SUPPORTED_LANGUAGES)
        lexicons = {language: compiled for language, (_, compiled) in loaded.items()}
        strong, strong_languages = compile_strong([source for source, _ in loaded.values()])
        every_safe = compile_safe([source for source, _ in loaded.values()])
        markers = {language: compiled.terms["marker"] for language, compiled in lexicons.items()
                   if compiled.terms["marker"]}
        identifier = LanguageIdentifier(markers)
        subs: list[Any] = [SecretDetector.load(paths), PiiDetector.load(paths), MassMentionDetector.load(paths),
                           PrivateInPublicDetector.load(paths)]
        return cls(lexicons, strong, identifier, subs, ApologyReader.load(paths),
                   strong_languages=strong_languages, every_safe=every_safe)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._lexicons)

    def analyse(self, text: str, context: MessageContext | None = None,
                language: str | None = None) -> Analysis:
        context = context or _EMPTY_CONTEXT
        given = language is not None and language in self._lexicons
        model_scores: dict[str, float] = {}
        # Words are read from the text with its keys and hashes blanked out; the offsets stay the same.
        words = blank_machine_strings(text)
        if language is not None and given:
            confident = True
        else:
            guess = self._identifier.identify(words)
            language, confident = guess.language, guess.confident
            model_scores = dict(guess.scores)
            if language not in self._lexicons:
                language, confident = "en" if "en" in self._lexicons else next(iter(self._lexicons)), False
        findings: list[Finding] = []
        if text:
            plain = normalise(words)
            lexicon = self._lexicons[language]
            everything: list[list[Hit]] | None = None
            if not confident and len(plain.text) <= VOTE_CHARACTERS:
                # Unsure from the start: every language will be read, the guessed one with the others.
                everything = self._every_language.find(plain.text)
                found = lexicon.complete(plain.text, everything[self._slot[language]])
            else:
                found = lexicon.find(plain.text)
            hits = _outside_links(plain.text, found)
            model_sure = confident
            seen: dict[str, list[Hit]] = {language: hits}
            if (confident and not given and plain.text.count(" ") >= 2
                    and model_scores.get(language, 0.0) < VERY_SURE
                    and not any(hit.key in _FUNCTION_WORD_KEYS for hit in hits)
                    and not _outside_links(plain.text, lexicon.find_markers(plain.text))):
                # The model is sure, but not one common word of that language is here: slang, names or
                # a mix; let every lexicon make its case (with common words only: the model was sure).
                confident = False
            if not confident:
                if everything is None and len(plain.text) <= VOTE_CHARACTERS:
                    everything = self._every_language.find(plain.text)
                lexicon, hits = self._best_lexicon(plain.text, lexicon, hits, model_scores,
                                                   use_content=not model_sure, seen=seen, everything=everything)
                language = lexicon.language
            raw = self._toxicity(words, plain, hits, confident, context, language, model_scores, seen, everything)
            findings.extend(_to_finding(text, plain, item) for item in _without_overlaps(raw))
            for detector in self._sub_detectors:
                findings.extend(detector.detect(text, language, context))
        apology = ApologyKind.NONE
        if self._apology_reader is not None and text:
            reading = self._apology_reader.read(text, language)
            apology = reading.kind
            findings.extend(reading.findings)
        findings.sort(key=lambda finding: (finding.start, finding.end))
        return Analysis(language=language, language_confident=confident, findings=tuple(findings),
                        apology=apology)

    def _best_lexicon(self, plain: str, guessed: Lexicon, guessed_hits: list[Hit], model_scores: dict[str, float],
                      use_content: bool, seen: dict[str, list[Hit]],
                      everything: list[list[Hit]] | None = None) -> tuple[Lexicon, list[Hit]]:
        """For an unsure guess, the language whose common words explain the message best; on a tie (when
        the model had no opinion) the one whose lexicon recognises more of it, then the model's ranking,
        then English (the chat lingua franca). `everything`: the merged automaton's hits of `plain`."""
        def rank(lexicon: Lexicon, hits: list[Hit], text: str = plain) -> tuple[int, int, bool, float, bool]:
            content = sum(1 for hit in hits if hit.key in _CONTENT_KEYS) if use_content else 0
            if everything is not None and text is plain:
                found_markers = everything[self._marker_slot[lexicon.language]]
            else:
                found_markers = lexicon.find_markers(text)
            markers = len(_outside_links(text, found_markers))
            return (_language_score(hits) + MARKER_VOTE * markers, content, lexicon is guessed,
                    model_scores.get(lexicon.language, 0.0), lexicon.language == "en")

        if len(plain) > VOTE_CHARACTERS:
            # A long paste: its beginning says which language it is in; only the winner reads it all.
            sample = plain[:VOTE_CHARACTERS]
            best = guessed
            best_rank = rank(guessed, [hit for hit in guessed_hits if hit.end <= VOTE_CHARACTERS], sample)
            for lexicon in self._lexicons.values():
                if lexicon is not guessed:
                    candidate = rank(lexicon, _outside_links(sample, lexicon.find(sample)), sample)
                    if candidate > best_rank:
                        best, best_rank = lexicon, candidate
            if best is guessed:
                return guessed, guessed_hits
            hits = _outside_links(plain, best.find(plain))
            seen[best.language] = hits
            return best, hits
        best, best_hits = guessed, guessed_hits
        best_rank = rank(guessed, guessed_hits)
        for lexicon in self._lexicons.values():
            if lexicon is guessed:
                continue
            if everything is not None:
                hits = _outside_links(plain, lexicon.complete(plain, everything[self._slot[lexicon.language]]))
            else:
                hits = _outside_links(plain, lexicon.find(plain))
            seen[lexicon.language] = hits
            candidate = rank(lexicon, hits)
            if candidate > best_rank:
                best, best_hits, best_rank = lexicon, hits, candidate
        return best, best_hits

    def _toxicity(self, text: str, plain: Normalised, hits: list[Hit], confident: bool,
                  context: MessageContext, language: str, model_scores: dict[str, float],
                  seen: dict[str, list[Hit]], everything: list[list[Hit]] | None = None) -> list[RawFinding]:
        foreign: list[Hit] = []
        if not confident:
            known = {(hit.start, hit.end) for hit in hits}
            strong = everything[self._strong_slot] if everything is not None else find_hits(self._strong, plain.text)
            foreign = [hit for hit in strong if (hit.start, hit.end) not in known]
            if foreign and self._every_safe is not None:
                # The language is unsure: any language's allow-list may excuse another's strong word.
                safe = (everything[self._safe_slot] if everything is not None
                        else find_hits(self._every_safe, plain.text))
                foreign = _not_overlapping(foreign, [(hit.start, hit.end) for hit in safe])
        hits = _without_safe(hits)
        if "@" in plain.text:
            hits = _outside_handles(plain.text, hits)
            foreign = _outside_handles(plain.text, foreign)
        nick_end = _addressee_end(text, plain, context)
        if nick_end:
            # "m0r0n: try rebooting" (IRC and chat habit): the first word names whom one talks to.
            hits = [hit for hit in hits if hit.start >= nick_end]
            foreign = [hit for hit in foreign if hit.start >= nick_end]
        if (not foreign and not any(hit.key in _ACTIONABLE_KEYS for hit in hits) and "!" not in text
                and not _MAYBE_SHOUTING(text)):
            return []  # only pronouns and the like, no exclamation, no capitals run: nothing to weigh
        layout = MessageLayout.build(plain.text, hits)
        raw = find_toxicity(layout)
        raw.extend(find_heated(text, layout, is_reply=context.reply_to is not None))
        raw.extend(find_passive_aggressive(text, plain, layout, is_reply=context.reply_to is not None))
        raw.extend(find_about_present_person(layout, context.members_present, context.author,
                                             context.reply_to))
        if foreign:
            raw.extend(self._foreign_toxicity(plain.text, foreign, language, model_scores, seen, nick_end))
        return raw

    def _foreign_toxicity(self, plain: str, foreign: list[Hit], language: str, model_scores: dict[str, float],
                          seen: dict[str, list[Hit]], nick_end: int) -> list[RawFinding]:
        """Strong words of another language, judged with that language's own pronouns and negations
        (English "me" must not make "no me importa, cállate ..." look self-directed)."""
        by_language: dict[str, list[Hit]] = {}
        for hit in foreign:
            listed = self._strong_languages.get(hit.term, (language,))
            own = max(listed, key=lambda code: (model_scores.get(code, 0.0), -listed.index(code)))
            by_language.setdefault(own, []).append(hit)
        raw: list[RawFinding] = []
        for own, strong_hits in by_language.items():
            lexicon = self._lexicons.get(own)
            if lexicon is None:
                continue
            base = seen.get(own)
            if base is None:
                base = _outside_links(plain, lexicon.find(plain))
            base = [hit for hit in _without_safe(base) if hit.start >= nick_end]
            spans = {(hit.start, hit.end) for hit in base}
            base.extend(hit for hit in strong_hits if (hit.start, hit.end) not in spans)
            wanted = {(hit.start, f"{hit.key}:{hit.term}") for hit in strong_hits}
            raw.extend(finding for finding in find_toxicity(MessageLayout.build(plain, base))
                       if (finding.start, finding.rule) in wanted)
        return raw


# An unsure language is voted on over this much of a long message.
VOTE_CHARACTERS = 2000
# Above this the model's guess stands even when the lexicon knows none of the message's common words.
VERY_SURE = 0.8
# Keys that can produce a finding (the others only qualify those).
_ACTIONABLE_KEYS = frozenset({"insult", "insult_strong", "profanity", "slur", "dehumanising", "negative", "threat",
                              "hate_verb", "escalation", "passive_aggressive", "passive_aggressive_in_reply",
                              "passive_aggressive_when_alone", "passive_aggressive_pointed"})
_MAYBE_SHOUTING = re.compile(r"[A-Z\u00c0-\u00de]{3,}\W+[A-Z\u00c0-\u00de]{3,}").search
_CONTENT_KEYS = frozenset({"insult", "insult_strong", "profanity", "slur", "group", "hate_verb", "threat", "negative",
                           "dehumanising"})
_FUNCTION_WORD_KEYS = frozenset({"second_person", "first_person", "third_person", "negation", "marker"})
# Mostly a language's common words vote (its abusive words alone would let any lexicon claim any message);
# its group nouns, plain insults and hate verbs count too, so short "Odio i trans" is not English for
# its "i" (strong words do not: "mongo" would make a database German).
_LANGUAGE_EVIDENCE = {"second_person": 1, "first_person": 1, "third_person": 1, "negation": 1,
                      "group": 1, "insult": 1, "hate_verb": 1}
MARKER_VOTE = 2


# A stock phrase of several words is the language's own idiom ("contento tu", "als jij het zegt"): short
# retorts have few common words to vote with, so it counts as much as one of them. Single listed words
# ("fine") are other languages' words too.
_PHRASE_EVIDENCE_KEYS = frozenset({"passive_aggressive", "passive_aggressive_in_reply",
                                   "passive_aggressive_when_alone", "passive_aggressive_pointed"})


def _language_score(hits: list[Hit]) -> int:
    return sum(MARKER_VOTE if hit.key in _PHRASE_EVIDENCE_KEYS and " " in hit.term
               else _LANGUAGE_EVIDENCE.get(hit.key, 0) for hit in hits)


def _without_overlaps(raw: list[RawFinding]) -> list[RawFinding]:
    """One finding per stretch of text: the most severe, widest one; mild swearing inside an insult goes."""
    ranked = sorted(raw, key=lambda f: (-f.severity.rank, -(f.end - f.start), f.start))
    kept: list[RawFinding] = []
    for finding in ranked:
        if any(other.start < finding.end and finding.start < other.end
               and (other.category == finding.category or finding.category in _ABSORBED)
               for other in kept):
            continue
        kept.append(finding)
    return kept


_ABSORBED = {Category.PROFANITY_MILD, Category.INSULT}


_ADDRESSEE = re.compile(r"[\w\-\[\]|`^{}]+:(?=\s)")
_COMMA_ADDRESSEE = re.compile(r"[\w\-\[\]|`^{}]+,(?=\s)")
# What makes a word a nickname rather than a vocative insult ("bob_42, you..." but not "idiot, you...").
_NICK_TRAIT = re.compile(r"[\d_\[\]|`^{}]|[a-z][A-Z]")


def _addressee_end(text: str, plain: Normalised, context: MessageContext) -> int:
    """Where a leading "nick:" or "nick," (IRC and chat habit) ends in the plain text, or 0. With a comma
    the word must look like a nickname or be someone present: "idiot, you broke it" stays an insult."""
    nick = _ADDRESSEE.match(plain.text)
    if nick:
        return nick.end()
    nick = _COMMA_ADDRESSEE.match(plain.text)
    if not nick:
        return 0
    start, end = plain.span(0, nick.end() - 1)
    original = text[start:end].lstrip("@")
    if _NICK_TRAIT.search(original):
        return nick.end()
    word = nick.group(0)[:-1]
    if any(word == member.lower().lstrip("@") for member in context.members_present):
        return nick.end()
    return 0
_LINK = re.compile(r"(?:https?://|www\.)\S+")


def _outside_links(plain: str, hits: list[Hit]) -> list[Hit]:
    """Letters in a link ("t.co/...") are not words of any language."""
    if "://" not in plain and "www." not in plain:
        return hits
    return _not_overlapping(hits, [match.span() for match in _LINK.finditer(plain)])


_HANDLE = re.compile(r"@[\w.\-]+")


def _outside_handles(plain: str, hits: list[Hit]) -> list[Hit]:
    """Words inside @handles are names ("@KotzenderStern"), not things said."""
    return _not_overlapping(hits, [match.span() for match in _HANDLE.finditer(plain)])


def _without_safe(hits: list[Hit]) -> list[Hit]:
    """Drop every hit overlapping an allow-listed word or phrase (Scunthorpe, technical vocabulary)."""
    safe = [(hit.start, hit.end) for hit in hits if hit.key == "safe"]
    if not safe:
        return hits
    return _not_overlapping([hit for hit in hits if hit.key != "safe"], safe)


def _not_overlapping(hits: list[Hit], spans: list[tuple[int, int]]) -> list[Hit]:
    """The hits that overlap none of `spans`; spans are merged and bisected, so long texts stay linear."""
    if not spans or not hits:
        return hits
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [start for start, _ in merged]
    kept = []
    for hit in hits:
        index = bisect_left(starts, hit.end) - 1
        if index >= 0 and merged[index][1] > hit.start:
            continue
        kept.append(hit)
    return kept


def _to_finding(text: str, plain: Normalised, raw: RawFinding) -> Finding:
    start, end = plain.span(raw.start, raw.end)
    excerpt = text[start:end]
    if len(excerpt) > 120:
        excerpt = excerpt[:117] + "..."
    return Finding(category=raw.category, severity=raw.severity, start=start, end=end,
                   message=f"{raw.reason}: \u201c{excerpt}\u201d", excerpt=excerpt, rule=raw.rule)
