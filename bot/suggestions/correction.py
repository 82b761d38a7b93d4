"""The correction builder: the same message with secrets redacted, insults softened and shouting calmed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.texts import FALLBACK_LANGUAGE, Grammar, Texts
from bot.verdict import Finding
from bot.vocabulary import Category

# Which edit wins where two overlap: a redaction must never lose to anything, or a secret could survive.
_PRIORITY = {Category.SECRET: 4, Category.PII: 3}
_DEFAULT_PRIORITY = 2
_CALMING_PRIORITY = 1  # lower-casing and "!!!" collapsing yield to every real edit

_REDACTED = {Category.SECRET, Category.PII}
_WORDED = {Category.INSULT, Category.TOXICITY, Category.PROFANITY_MILD}  # adjacent ones read as one phrase
_WORDED_ORDER = [Category.TOXICITY, Category.INSULT, Category.PROFANITY_MILD]
_FORMULAS = {Category.OVER_APOLOGY, Category.PASSIVE_AGGRESSIVE}  # dropped with the rest of a short clause
_CLAUSE_BOUNDARY = ",;:.!?\n"
_MAX_CLAUSE_TAIL_WORDS = 3  # "Sorry to bother [you],": a formula's short tail goes with it
_MIN_KEPT_WORDS = 2
_MAX_CLAUSE_HEAD_WORDS = 2  # "Honestly [Bob is useless]": a short lead-in goes with the remark it introduces
_CLAUSE_START = ",;:.!?\n("
_SENTENCE_END = ".!?\n"
_SENTENCE_WORDS = 3  # a hostile phrase this long is a statement to withdraw, not a word to swap
_CONTENT_WORD = 3  # a shorter next word ("lo", "y", "to") is a function word, not the noun after an adjective
_REWORDING_REACH = 12  # how far past a swear word a listed phrase may run ("fucked" + " it up")
_CLOSING = ",.;:!?)]}»”’\n"  # after a removed span these take no space before them

_WORD_CHARACTER = re.compile(r"\w")
_PUNCTUATION_RUN = re.compile(r"[!?]{2,}1*")
_WORD = re.compile(r"(?<![\w'’])[^\W\d_]+(?:['’][^\W\d_]+)*(?![\w'’])")
_TRAILING_WORD = re.compile(r"([\w'’]+)[ \t]+$")
_SHOUTING_SHARE = 0.8  # above this share of capital letters the whole message counts as shouting
_SHOUTING_RUN = 3  # this many capitalised words in a row are shouting, not acronyms


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str
    priority: int


def build_correction(
    text: str, findings: Sequence[Finding], texts: Texts, language: str, apology: str | None = None
) -> str | None:
    """The corrected message, or None when nothing would change or nothing useful would be left.

    `apology` is the sincere draft that replaces a non-apology ("sorry if anyone was offended").
    """
    grammar = texts.grammar(language)
    edits: list[Edit] = []
    for finding in _joined_phrases(text, findings):
        edit = _plan(text, finding, texts, language, grammar, apology)
        if edit is not None:
            edits.append(edit)
    heated = [finding for finding in findings if finding.category is Category.HEATED]
    if heated or edits:
        # a corrected message should read calmly: "!!!" goes whenever anything changes; capitals only
        # when the tone was flagged, since a lone capitalised word is as often an acronym
        edits.extend(_calming_edits(text, heated))
    corrected = _apply(text, _merge(edits), grammar)
    if corrected.strip() == text.strip() or not corrected.strip(" \t\n,.;:!?"):
        return None
    if len(corrected.split()) < _MIN_KEPT_WORDS <= len(text.split()):
        return None  # "Bob." or "Fine." left of a whole jab: nothing worth editing the message into
    return corrected
    return corrected


def _joined_phrases(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """"pathetic losers": word findings with only spaces between them are one phrase, softened as one."""
    ordered = sorted(findings, key=lambda f: (f.start, f.end))
    joined: list[Finding] = []
    for finding in ordered:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.category in _WORDED
            and finding.category in _WORDED
            and previous.end <= finding.start
            and not text[previous.end : finding.start].strip(" \t")
        ):
            category = min(previous.category, finding.category, key=_WORDED_ORDER.index)
            joined[-1] = previous.model_copy(update={"end": finding.end, "category": category, "replacement": None})
            continue
        joined.append(finding)
    return joined


def _plan(
    text: str, finding: Finding, texts: Texts, language: str, grammar: Grammar, apology: str | None
) -> Edit | None:
    priority = _PRIORITY.get(finding.category, _DEFAULT_PRIORITY)
    if finding.end <= finding.start or finding.end > len(text):
        return None
    if finding.replacement is not None and not (finding.category is Category.PII and language != FALLBACK_LANGUAGE):
        # the detectors' labels ("[phone number]") are English; other languages get their own marker
        return Edit(finding.start, finding.end, finding.replacement, priority)
    if finding.category in _REDACTED:
        marker = texts.get(language, f"correction.removed.{finding.category.value}")
        return Edit(finding.start, finding.end, marker, priority)
    finding = _whole_words(text, finding)  # "Hühnerscheisse": a compound goes whole, not half
    if finding.category is Category.INSULT:
        return _soften(text, finding, grammar, priority, aimed_at_person=True)
    if finding.category is Category.TOXICITY:
        return _soften_or_drop_sentence(text, finding, grammar, priority)
    if finding.category is Category.PROFANITY_MILD:
        return _soften(text, finding, grammar, priority, aimed_at_person=False)
    if finding.category is Category.MASS_MENTION:
        return Edit(finding.start, finding.end, "", priority)
    if finding.category in _FORMULAS:
        return Edit(finding.start, _clause_end(text, finding.end), "", priority)
    if finding.category is Category.ABOUT_PRESENT_PERSON:
        # talk about the work, not the person: the remark about them goes, the rest of the message stays
        return _drop_remark(text, finding, grammar, priority)
    if finding.category is Category.PRIVATE_IN_PUBLIC:
        start, end = _sentence_bounds(text, finding.start, finding.end)
        return Edit(start, end, "", priority)
    if finding.category is Category.NON_APOLOGY and apology:
        # "sorry if anyone was offended" becomes a sincere apology in place: owning it, no "if", no "but"
        start, end = _sentence_bounds(text, finding.start, finding.end)
        return Edit(start, end, apology, priority)
    return None


def _drop_remark(text: str, finding: Finding, grammar: Grammar, priority: int) -> Edit:
    """The remark with its short lead-in and tail, and the comma or conjunction that tied it to the rest."""
    start, end = finding.start, finding.end
    before = max(text.rfind(mark, 0, start) for mark in _CLAUSE_START) + 1
    if len(text[before:start].split()) <= _MAX_CLAUSE_HEAD_WORDS:
        start = before
    else:
        conjunction = _ending_with(text[:start], grammar.conjunctions)
        if conjunction is not None:
            start = conjunction  # "the release is fine, but Bob is useless": "but" goes too
    end = _clause_end(text, end)
    following = _starting_with(text[end:], grammar.conjunctions)
    if following:
        end += following  # "Bob is an idiot and his PR ...": "and" goes, "His PR ..." starts the sentence
        if not _has_own_subject(text[end:], grammar):
            # "Lena ist faul und macht nie Tests": the rest shares the subject that went, so it goes too
            end = _clause_end(text, end)
    return Edit(start, end, "", priority)


def _has_own_subject(rest: str, grammar: Grammar) -> bool:
    """Whether a clause after a conjunction starts with its own subject (a name, a pronoun or an article)."""
    word = _next_word(" " + rest, 0)
    if not word:
        return True
    starters = {w.lower() for w in (*grammar.dangling, *grammar.articles, *grammar.vocatives, *grammar.person_copulas)}
    return word[0].isupper() or word.lower() in starters


def _starting_with(after: str, phrases: tuple[str, ...]) -> int:
    """How many characters a leading phrase of `phrases` (and the spaces around it) takes, else 0."""
    if not phrases:
        return 0
    alternatives = "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))
    match = re.match(rf"[ \t]*(?:{alternatives})(?![\w'’])[ \t]*", after, re.IGNORECASE)
    return match.end() if match is not None else 0


def _reworded(text: str, finding: Finding, grammar: Grammar, priority: int) -> Edit | None:
    """The longest listed phrase starting at the finding ("fucked up the" -> "messed up"), in plain words."""
    if not grammar.rewordings:
        return None
    original = text[finding.start : finding.end + _REWORDING_REACH]
    window = original.lower().replace("’", "'")
    if len(window) != len(original):
        return None  # a letter whose lower case is longer ("İ"): offsets would not line up
    best = ""
    for phrase in grammar.rewordings:
        if len(phrase) > len(best) and window.startswith(phrase) and len(phrase) >= finding.end - finding.start:
            after = window[len(phrase) : len(phrase) + 1]
            if not after or not _WORD_CHARACTER.match(after):
                best = phrase
    if not best:
        return None
    replacement = grammar.rewordings[best]
    if text[finding.start].isupper():
        replacement = replacement[:1].upper() + replacement[1:]
    return Edit(finding.start, finding.start + len(best), replacement, priority)


def _soften(text: str, finding: Finding, grammar: Grammar, priority: int, *, aimed_at_person: bool) -> Edit:
    """Reword "copula [article] word" neutrally, drop "you idiot" with its comma, else drop the word."""
    start = finding.start
    reworded = _reworded(text, finding, grammar, priority)
    if reworded is not None:
        return reworded
    leading = re.match(r"([\w'’]+)[ \t]+", text[finding.start : finding.end])
    lead = leading.group(1).replace("’", "'").lower() if leading is not None else ""
    if aimed_at_person and lead in grammar.predicates:
        # the detector's span holds the copula ("eres una inútil"): the whole predicate is reworded
        return Edit(finding.start, finding.end, grammar.predicates[lead], priority)
    article = None
    while (found := _ending_with(text[:start], grammar.articles)) is not None:
        article = start = found  # "such a total idiot": every article and intensifier goes with the word
    following = re.match(r"[ \t]+(\w)", text[finding.end :])
    copula = _TRAILING_WORD.search(text[:start])
    verb = copula.group(1).replace("’", "'").lower() if copula is not None else ""
    if verb in grammar.person_copulas:
        aimed_at_person = True  # "siete tutti dei coglioni": swearing at the people addressed is an insult
    if aimed_at_person and verb in grammar.predicates:
        # "you're an idiot" -> "you're mistaken": the copula is rewritten with its predicate
        return Edit(copula.start(1), finding.end, grammar.predicates[verb], priority)  # type: ignore[union-attr]
    is_copula = verb in grammar.predicates or verb in grammar.copulas
    if is_copula and following is None and grammar.mild_predicate:
        # "that is crap" -> "that is not great": dropping the predicate would leave "that is"
        return Edit(start, finding.end, grammar.mild_predicate, priority)
    if aimed_at_person:
        vocative = _ending_with(text[:start], grammar.vocatives)
        if vocative is not None:
            asking = _TRAILING_WORD.search(text[:vocative])
            asked = asking.group(1).replace("’", "'").lower() if asking is not None else ""
            if asked in grammar.predicates or asked in grammar.person_copulas:
                # "Are you stupid or what?", "Bist du blöd?": the question is the insult; it goes whole
                return Edit(*_sentence_bounds(text, finding.start, finding.end), "", priority)
            return Edit(vocative, finding.end, "", priority)
    next_word = _next_word(text, finding.end)
    if following is not None and (len(next_word) < _CONTENT_WORD or next_word.lower() in grammar.connectors):
        following = None  # "an idiot and ...", "un imbécil lo ...": the insult was the noun; its article goes too
    if article is not None and following is not None:
        # "a stupid idea": the article belongs to the noun that stays, in the form that noun needs
        written = text[article : finding.start].rstrip(" \t")
        fitted = _article_for(written, following.group(1), grammar)
        if fitted == written:
            return Edit(finding.start, finding.end, "", priority)
        return Edit(article, finding.end + len(following.group()) - 1, fitted + " ", priority)
    return Edit(start, finding.end, "", priority)


def _whole_words(text: str, finding: Finding) -> Finding:
    start, end = finding.start, finding.end
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    if start > 0 and text[start - 1] == "#":
        start -= 1  # "#puta": the hashtag goes with its word, not a lone "#"
    if (start, end) == (finding.start, finding.end):
        return finding
    return finding.model_copy(update={"start": start, "end": end})


def _soften_or_drop_sentence(text: str, finding: Finding, grammar: Grammar, priority: int) -> Edit:
    """A hostile phrase: "you're pathetic" reads "you're mistaken"; a threat or slur loses its whole sentence."""
    if len(text[finding.start : finding.end].split()) < _SENTENCE_WORDS:
        edit = _soften(text, finding, grammar, priority, aimed_at_person=True)
        if edit.replacement:
            return edit
    start, end = _sentence_bounds(text, finding.start, finding.end)
    return Edit(start, end, "", priority)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span: after the previous ".!?" or line break, through the next ones."""
    before = max(text.rfind(mark, 0, start) for mark in _SENTENCE_END)
    sentence_start = before + 1 if before >= 0 else 0
    while sentence_start < start and text[sentence_start] in " \t":
        sentence_start += 1
    after = [index for mark in _SENTENCE_END if (index := text.find(mark, end)) >= 0]
    sentence_end = min(after) if after else len(text)
    while sentence_end < len(text) and text[sentence_end] in ".!?":
        sentence_end += 1
    return sentence_start, sentence_end


def _next_word(text: str, position: int) -> str:
    match = re.match(r"[ \t]+([\w'’]+)", text[position:])
    return match.group(1) if match is not None else ""


def _clause_end(text: str, end: int) -> int:
    """Where a formula's clause ends, if only a few words follow it there ("Sorry to bother you,")."""
    rest = text[end:]
    boundary = next((index for index, char in enumerate(rest) if char in _CLAUSE_BOUNDARY), len(rest))
    if len(rest[:boundary].split()) > _MAX_CLAUSE_TAIL_WORDS:
        return end
    if boundary < len(rest) and rest[boundary] in ",;:":
        return end + boundary + 1
    return end + boundary  # a full stop stays: it ends the sentence that is left


def _article_for(article: str, next_letter: str, grammar: Grammar) -> str:
    """English "a"/"an" and the like: the article's form before the word that now follows it."""
    lower = article.lower()
    vowel = next_letter.lower() in "aeiou"
    for plain, before_vowel in grammar.before_vowel.items():
        if vowel and lower == plain:
            return _same_case(before_vowel, article)
        if not vowel and lower == before_vowel:
            return _same_case(plain, article)
    return article


def _same_case(word: str, model: str) -> str:
    return _capitalised(word) if model[:1].isupper() else word


def _ending_with(before: str, phrases: tuple[str, ...]) -> int | None:
    """Where one of `phrases` starts if `before` ends with it as whole words (and a space)."""
    if not phrases:
        return None
    match = _ending_pattern(phrases).search(before)
    return match.start(1) if match is not None else None


@lru_cache(maxsize=64)
def _ending_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[\s,(]))({alternatives})[ \t]+$", re.IGNORECASE)


def _calming_edits(text: str, heated: Sequence[Finding]) -> list[Edit]:
    edits = [
        Edit(match.start(), match.end(), "?" if "?" in match.group() else "!", _CALMING_PRIORITY)
        for match in _PUNCTUATION_RUN.finditer(text)
    ]
    if not heated:
        return edits
    letters = [character for character in text if character.isalpha()]
    shouting = bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= _SHOUTING_SHARE
    for run in _capital_runs(text):
        touches_heated = any(f.start < run[-1].end() and run[0].start() < f.end for f in heated)
        # a lone "HTTP" or "PR" is an acronym; a run of capitals, or one inside a heated span, is shouting
        if shouting or touches_heated or len(run) >= _SHOUTING_RUN:
            edits.extend(Edit(m.start(), m.end(), m.group().lower(), _CALMING_PRIORITY) for m in run)
    return edits


def _capital_runs(text: str) -> list[list[re.Match[str]]]:
    """Consecutive all-capital words (two letters or more) separated only by spaces."""
    runs: list[list[re.Match[str]]] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if sum(c.isalpha() for c in word) < 2 or not word.isupper():
            continue
        if runs and not text[runs[-1][-1].end() : match.start()].strip(" \t"):
            runs[-1].append(match)
        else:
            runs.append([match])
    return runs


def _merge(edits: Sequence[Edit]) -> list[Edit]:
    """Non-overlapping edits: calming yields to others; real overlaps join under the stronger replacement."""
    merged: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, -e.priority, -e.end)):
        if merged and edit.start < merged[-1].end:
            previous = merged[-1]
            if edit.priority == _CALMING_PRIORITY:
                continue
            if previous.priority == _CALMING_PRIORITY:
                merged[-1] = edit
                continue
            winner = previous if previous.priority >= edit.priority else edit
            merged[-1] = Edit(previous.start, max(previous.end, edit.end), winner.replacement, winner.priority)
            continue
        merged.append(edit)
    return merged


def _apply(text: str, edits: Sequence[Edit], grammar: Grammar) -> str:
    """Apply edits right to left, so the offsets of the ones still to come stay valid."""
    result = text
    ordered = sorted(edits, key=lambda e: e.start)
    for index in range(len(ordered) - 1, -1, -1):
        edit = ordered[index]
        left, right = result[: edit.start], result[edit.end :]
        if not edit.replacement:
            floor = ordered[index - 1].end if index else 0  # never reach into a span still to be edited
            removed_words = len(text[edit.start : edit.end].split())
            left = left[: _stub_start(left, right, grammar, removed_words, floor)]
            right = right[_stub_end(left, right, grammar) :]
        starts_sentence = _starts_sentence(left)
        capital = starts_sentence and (not text[edit.start].isalpha() or text[edit.start].isupper())
        if edit.replacement:
            replacement = _capitalised(edit.replacement) if capital else edit.replacement
            result = left + replacement + right
        else:
            result = _join(left, right, capital)
    return result


def _stub_start(left: str, right: str, grammar: Grammar, removed_words: int, floor: int) -> int:
    """Where the removal really starts: a clause left as a stub ("what [a clown]", "Go [kill yourself]") goes too."""
    boundary = next((index for index, char in enumerate(right) if char in _CLAUSE_BOUNDARY), len(right))
    if _WORD_CHARACTER.search(right[:boundary]):
        return len(left)  # the clause goes on after the gap (emoji and quotes do not count), so no stub
    clause_start = max(left.rfind(mark) for mark in _CLAUSE_START) + 1
    if clause_start < floor:
        return len(left)
    words = left[clause_start:].split()
    if not words:
        return len(left)
    dangling = (*grammar.dangling, *grammar.articles, *grammar.copulas, *grammar.predicates, *grammar.vocatives)
    lone_word = len(words) == 1 and removed_words >= 2
    if lone_word or _ending_with(left[clause_start:].rstrip(" \t") + " ", dangling) is not None:
        return clause_start
    return len(left)


def _stub_end(left: str, right: str, grammar: Grammar) -> int:
    """A clause that now starts with a word that needed what was removed ("[la puta madre] que te parió") goes."""
    if left.rstrip(" \t")[-1:] not in ("", *_CLAUSE_START, "¡", "¿"):
        return 0
    first = re.match(r"[ \t]*([\w'’]+)", right)
    word = first.group(1).lower() if first is not None else ""
    if word in grammar.conjunctions:
        return first.end() + len(right[first.end() :]) - len(right[first.end() :].lstrip(" \t"))  # type: ignore[union-attr]
    if word not in grammar.connectors or word in grammar.predicates:
        return 0  # "[Merde], le build ...", "[@here] is anyone ...": the clause stands on its own
    boundary = next((index for index, char in enumerate(right) if char in _CLAUSE_BOUNDARY), len(right))
    return boundary


def _starts_sentence(left: str) -> bool:
    stripped = left.rstrip(" \t")
    return not stripped or stripped[-1] in ".!?\n"


def _join(left: str, right: str, capital: bool) -> str:
    """Close the gap a removed span leaves without touching the spacing anywhere else."""
    left_core, right_core = left.rstrip(" \t"), right.lstrip(" \t")
    if left_core.endswith(("¡", "¿")) and right_core[:1] in ("!", "?"):
        # "¡[La puta madre]! Otra vez": the inverted mark and its partner go with what they enclosed
        left_core, right_core = left_core[:-1].rstrip(" \t"), right_core[1:].lstrip(" \t!?")
        capital = True
    if not left_core or left_core.endswith(("\n", ".", "!", "?")):
        # a sentence emptied whole: its own closing marks go with it
        right_core = right_core.lstrip(" \t,;:.!?")
        if left_core and not left_core.endswith("\n") and right_core:
            return left_core + " " + (_capitalised(right_core) if capital else right_core)
        return left_core + (_capitalised(right_core) if capital else right_core)
    if left_core.endswith(",") and right_core and not _WORD_CHARACTER.search(_clause_head(right_core)):
        left_core = left_core[:-1]  # "..., [all thanks to the idiot] 😂": no comma before a lone emoji
    if not right_core or right_core[0] in _CLOSING or _closes_quote(right_core):
        if left_core.endswith(",") and (not right_core or right_core[0] in ",.;:!?"):
            left_core = left_core[:-1]
        return left_core + right_core
    if capital:
        right_core = _capitalised(right_core)
    spaced = left != left_core or right != right_core
    return left_core + (" " if spaced else "") + right_core


def _clause_head(right: str) -> str:
    return right[: next((index for index, char in enumerate(right) if char in _CLAUSE_BOUNDARY), len(right))]


def _closes_quote(right: str) -> bool:
    """A straight quote right after the gap closes a quotation when nothing word-like follows it."""
    return right[0] in "\"'" and (len(right) == 1 or not right[1].isalnum())


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
