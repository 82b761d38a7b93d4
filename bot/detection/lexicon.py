"""Lexicons: data/lexicons/<lang>.toml validated into pydantic models and compiled into one automaton each."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
from pydantic import BaseModel, ConfigDict, field_validator

from bot.data_files import DataFileError, DataPaths, load_model
from bot.detection.normalise import normalise

log = logging.getLogger(__name__)

# Lists whose words get obfuscation variants ("f*ck", "fck") in the automaton.
ABUSIVE_KEYS = ("insult", "insult_strong", "profanity", "slur")
# Lists whose phrases also match with the spaces left out, and whose words match with one typo.
GLUED_KEYS = ("insult", "insult_strong", "slur", "threat", "hate_verb", "dehumanising")
TYPO_KEYS = ("insult", "insult_strong", "slur", "dehumanising", "negative")
# Lists whose phrases match with one typo in one of their longer words; group words (never a finding on
# their own) also with one typo as single words (a hate verb would become another inflection: "eliminare").
PHRASE_TYPO_KEYS = ("insult", "insult_strong", "slur", "dehumanising", "negative", "group", "hate_verb", "threat")
WORD_TYPO_KEYS = ("group",)
# Shorter words lose a letter into another real word too easily ("schwein" -> "schein").
TYPO_DELETION_LENGTH = 8
GLUED_WORD_KEYS = ("insult_strong", "slur", "dehumanising")
GLUED_WORD_LENGTH = 8
_MILDNESS = {"profanity": 0, "insult": 1, "insult_strong": 2, "slur": 3}
# Lists checked in every language when language identification is unsure.
STRONG_KEYS = ("insult_strong", "slur", "threat")
STRONG_MINIMUM_LENGTH = 5
# How far back from the end of a message a term written with a closing stop may start (characters).
CLOSING_REACH = 40
# The last word of a message is read backwards from its end (a search for "\w+$" tries every position).
_WORD_RUN = re.compile(r"\w+")


class TermList(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    terms: tuple[str, ...] = ()

    @field_validator("terms")
    @classmethod
    def _plain_terms(cls, terms: tuple[str, ...]) -> tuple[str, ...]:
        for position, term in enumerate(terms):
            core = term.strip("*")
            if not core or core != core.strip() or "*" in core:
                raise ValueError(f"term {position} {term!r}: empty, padded, or '*' not at an end")
            if term != term.lower():
                raise ValueError(f"term {position} {term!r}: terms are written in lower case")
        return terms


class LexiconFile(BaseModel):
    """One language's word lists (see the header of data/lexicons/en.toml for what each list means)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    language: str
    insult: TermList
    insult_strong: TermList
    profanity: TermList
    slur: TermList
    group: TermList
    dehumanising: TermList
    threat: TermList
    hate_verb: TermList
    escalation: TermList
    passive_aggressive: TermList
    passive_aggressive_in_reply: TermList
    passive_aggressive_when_alone: TermList
    passive_aggressive_pointed: TermList
    passive_aggressive_tail: TermList
    second_person: TermList
    first_person: TermList
    negation: TermList
    reporting: TermList
    banter: TermList
    celebration: TermList = TermList()  # congratulations, birthdays, relief: shouting that is joy
    safe: TermList
    negative: TermList
    third_person: TermList
    marker: TermList


LIST_KEYS: tuple[str, ...] = tuple(name for name in LexiconFile.model_fields if name != "language")


@dataclass(frozen=True, slots=True)
class Hit:
    """One lexicon term found in a plain (normalised) text."""

    key: str
    start: int
    end: int
    term: str


_new_object = object.__new__
_set_key, _set_start, _set_end, _set_term = Hit.key.__set__, Hit.start.__set__, Hit.end.__set__, Hit.term.__set__


def new_hit(key: str, start: int, end: int, term: str) -> Hit:
    """`Hit(key, start, end, term)`, built through its slots: a frozen dataclass's `__init__` goes through
    `object.__setattr__` for each field and costs twice as much, for the few dozen hits of every message."""
    hit = _new_object(Hit)
    _set_key(hit, key)
    _set_start(hit, start)
    _set_end(hit, end)
    _set_term(hit, term)
    return hit


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    term: str
    open_start: bool  # "*word": may end a longer word (German and Dutch compounds)
    open_end: bool  # "word*": may start a longer word


class Lexicon:
    """One language's lists compiled into an Aho-Corasick automaton; `find` is one pass over the text."""

    def __init__(self, source: LexiconFile, path: Path) -> None:
        self.language = source.language
        self.path = path
        self.terms: dict[str, frozenset[str]] = {
            key: frozenset(term.strip("*") for term in getattr(source, key).terms) for key in LIST_KEYS
        }
        # Marker words (the language's commonest words) are most of all hits but only vote on the language:
        # a second automaton, asked only when the language is in doubt.
        self._automaton = _compile(source, tuple(key for key in LIST_KEYS if key != "marker"), real_keys=LIST_KEYS)
        self._markers = _compile(source, ("marker",), real_keys=LIST_KEYS)
        self._masked = MaskedWords(source)
        # The last word of every term written with a closing stop ("saying" of "just saying."): only a
        # message ending in one of them is read again with a stop (most messages are not).
        self._closing_words = frozenset(
            term.rstrip(".").rsplit(" ", 1)[-1] for key in LIST_KEYS if key != "marker"
            for term in getattr(source, key).terms if term.endswith(".")
        )
        self._closing_length = max(map(len, self._closing_words), default=0)
        self._closing_suffixes = tuple(sorted(self._closing_words))

    def find(self, plain: str) -> list[Hit]:
        """Every hit except marker words."""
        return self.complete(plain, find_hits(self._automaton, plain))

    def complete(self, plain: str, hits: list[Hit]) -> list[Hit]:
        """`find`'s answer from the automaton's own hits (`find_hits` of `automata()[0]`, extended here):
        terms written with a closing stop, and masked spellings."""
        if plain and plain[-1].isalnum() and self._ends_with_closing_word(plain):
            hits.extend(self._closing(plain))
        if ("*" in plain or "#" in plain or "%" in plain) and _MAYBE_MASKED(plain):
            hits.extend(self._masked.find(plain, hits))
        return hits

    def _ends_with_closing_word(self, plain: str) -> bool:
        # Most messages end with none of them at all: one C-level `endswith` says so.
        if not self._closing_words or not plain.endswith(self._closing_suffixes):
            return False
        # Only the last (longest closing word + 1) characters, reversed: a longer last word is no closing word.
        last = _WORD_RUN.match(plain[:-(self._closing_length + 2):-1]).group(0)
        return len(last) <= self._closing_length and last[::-1] in self._closing_words

    def _closing(self, plain: str) -> list[Hit]:
        """Terms written with a closing stop ("just saying.") also end a message that has none: the last
        few words are read again with a stop after them."""
        cut = plain.rfind(" ", 0, max(0, len(plain) - CLOSING_REACH)) + 1
        end = len(plain)
        return [Hit(hit.key, cut + hit.start, end, hit.term)
                for hit in find_hits(self._automaton, plain[cut:] + ".") if cut + hit.end > end]

    def automata(self) -> tuple[ahocorasick.Automaton, ahocorasick.Automaton]:
        """The compiled lists (all but markers) and the marker words, for `EveryLanguage`."""
        return self._automaton, self._markers

    def find_markers(self, plain: str) -> list[Hit]:
        return find_hits(self._markers, plain)

    def has(self, key: str, word: str) -> bool:
        return word in self.terms[key]


# Characters people type in place of letters they would rather not spell out ("f***ing", "sh#t", "c%nt").
MASK_CHARACTERS = "*#%"
_MAYBE_MASKED = re.compile(r"[a-z][*#%]|[*#%][a-z]").search
# A token that starts with a letter and holds a mask: "motherf**ker", "f***", not "**kwargs" or "#tag".
_MASKED_TOKEN = re.compile(r"(?<![\w*#%])[a-z][a-z*#%]*[*#%][a-z*#%]*")
# A masked word shows at least two of its letters ("s**t"), or its first letter and is 4+ long ("f***");
# "a**" fits too many words.
MASKED_VISIBLE_LETTERS = 2
MASKED_INITIAL_ONLY_LENGTH = 4


class MaskedWords:
    """Any masked spelling of a listed abusive word: a token whose visible letters sit where the word's
    letters are, with the same length ("motherf**ker", "f***ing", "b*tches"). The generated variants in
    the automaton only cover the common shapes; this covers every shape of every listed word."""

    def __init__(self, source: LexiconFile) -> None:
        by_length: dict[int, dict[str, str]] = {}
        for key in ABUSIVE_KEYS:
            for term in getattr(source, key).terms:
                if "*" in term or not term.isascii() or not term.isalpha() or len(term) < 3:
                    continue
                known = by_length.setdefault(len(term), {})
                if term not in known or _MILDNESS[key] < _MILDNESS[known[term]]:
                    known[term] = key
        self._by_length = {length: tuple(words.items()) for length, words in by_length.items()}

    def find(self, plain: str, found: list[Hit]) -> list[Hit]:
        taken = {(hit.start, hit.end) for hit in found}
        hits: list[Hit] = []
        for match in _MASKED_TOKEN.finditer(plain):
            token = match.group(0)
            if (match.start(), match.end()) in taken or not _masked_inside(token):
                continue
            best: tuple[tuple[int, int], str, str] | None = None
            for order, (word, key) in enumerate(self._by_length.get(len(token), ())):
                if all(shown == letter or shown in MASK_CHARACTERS for shown, letter in zip(token, word)):
                    # "s**t" could be several words: read it as the mildest one it could be, and among
                    # those the one listed first (lists give the ordinary spelling before the rare ones).
                    rank = (_MILDNESS[key], order)
                    if best is None or rank < best[0]:
                        best = (rank, word, key)
            if best is not None:
                hits.append(Hit(best[2], match.start(), match.end(), best[1]))
        return hits


def _masked_inside(token: str) -> bool:
    """Enough letters shown, and the mask is inside the word or a run at its end ("f***"): a single
    trailing mark is a footnote or a glob ("data*"), not a hidden letter."""
    visible = sum(1 for character in token if character not in MASK_CHARACTERS)
    if visible < MASKED_VISIBLE_LETTERS and len(token) < MASKED_INITIAL_ONLY_LENGTH:
        return False
    core = token.rstrip(MASK_CHARACTERS)
    if any(character in MASK_CHARACTERS for character in core):
        return True
    return len(token) - len(core) >= 2


def _variants(term: str, key: str) -> set[str]:
    """Spellings people use to slip a word past a filter (or just type): masked vowels, dropped doubled
    letters, glued phrases ("ihate"), two swapped letters, one dropped letter."""
    variants = {term}
    if key in CLITIC_KEYS:
        variants |= _other_gender_clitics(term)
    if " " in term and key in GLUED_KEYS and len(term) >= 6:
        variants.add(term.replace(" ", ""))
    if (key in TYPO_KEYS or key in WORD_TYPO_KEYS) and term.isalpha():
        variants |= _typos(term)
    elif key in PHRASE_TYPO_KEYS and " " in term:
        # One typo in one longer word of a phrase ("disgutsed by", "black lives are worht").
        words = term.split(" ")
        for position, word in enumerate(words):
            if len(word) >= 5 and word.isalpha():
                variants.update(" ".join(words[:position] + [typo] + words[position + 1:]) for typo in _typos(word))
    if key in ABUSIVE_KEYS and " " not in term and len(term) >= 3 and term.isalpha():
        variants |= _tweet_spellings(term, key)
    if key not in ABUSIVE_KEYS or " " in term or len(term) < 4 or not term.isalpha():
        return variants
    vowels = [index for index, character in enumerate(term) if character in "aeiou" and index > 0]
    for index in vowels:
        variants.add(term[:index] + "*" + term[index + 1:])
    if len(vowels) > 1:
        variants.add("".join("*" if i in vowels else c for i, c in enumerate(term)))
    if 4 <= len(term) <= 8:
        variants.add(term[0] + "*" * (len(term) - 2) + term[-1])  # "f**k", "b***h"
    squeezed = "".join(c for i, c in enumerate(term) if i == 0 or c != term[i - 1])
    if squeezed != term and len(squeezed) >= 5:
        variants.add(squeezed)
    if len(term) >= 5 and len(vowels) == 1 and vowels[0] < len(term) - 1:
        variants.add(term[: vowels[0]] + term[vowels[0] + 1:])  # "fck", "sht" style
    return variants


# Lists whose verbs with a fused object pronoun ("buttateli", "rimandiamoli", "echadlos") also match with
# the pronoun's other gender ("buttatele", "rimandiamole", "echadlas"): a list names one, people write both.
CLITIC_KEYS = ("threat", "hate_verb", "dehumanising")
_FUSED_CLITIC = re.compile(r"(.{3,}(?:ate|ete|ite|iamo|ar|er|ir|emos|ad))(li|le|los|las)")
_OTHER_GENDER = {"li": "le", "le": "li", "los": "las", "las": "los"}


def _other_gender_clitics(term: str) -> set[str]:
    words = term.split(" ")
    variants = set()
    for position, word in enumerate(words):
        fused = _FUSED_CLITIC.fullmatch(word)
        if fused:
            swapped = fused.group(1) + _OTHER_GENDER[fused.group(2)]
            variants.add(" ".join(words[:position] + [swapped] + words[position + 1:]))
    return variants


def _typos(word: str) -> set[str]:
    """Two neighbouring letters swapped (words of 5+ letters) and one dropped vowel (6+) or letter (8+)."""
    typos: set[str] = set()
    if len(word) >= 5:
        for index in range(1, len(word) - 1):
            typos.add(word[:index] + word[index + 1] + word[index] + word[index + 2:])
    for index in range(1, len(word) - 1):
        # People drop vowels ("stupd", "murdr"); any letter only in long words.
        if len(word) >= TYPO_DELETION_LENGTH or (len(word) >= 6 and word[index] in "aeiouy"):
            typos.add(word[:index] + word[index + 1:])
    typos.discard(word)
    return typos


def _tweet_spellings(term: str, key: str) -> set[str]:
    """Informal spellings: one letter doubled for stress ("shiit", "hoess", "fuckk"; runs of three or more
    are squeezed by the normaliser already; never "oo", which makes real words: "loser" -> "looser") and, for words aimed at people, a plain "-s"/"-z" plural
    ("tards", "pussys")."""
    spellings = {term + term[-1]}
    spellings.update(term[:index] + character + term[index:] for index, character in enumerate(term)
                     if character in "aeiu" and index > 0 and term[index - 1] != character
                     and term[index + 1:index + 2] != character)
    if key != "profanity" and term[-1] not in "sxz":
        spellings.update((term + "s", term + "z"))
    return spellings


def _compile(source: LexiconFile, keys: tuple[str, ...], exact: bool = False,
             real_keys: tuple[str, ...] | None = None) -> ahocorasick.Automaton:
    entries: dict[str, list[_Entry]] = {}
    real_terms = {normalise(term.strip("*")).text for key in (real_keys or keys) for term in getattr(source, key).terms}
    for key in keys:
        for term in getattr(source, key).terms:
            core = term.strip("*")
            plain = normalise(core).text if not core.isascii() else core
            # Word parts ("froci*") get no typo variants: a typo of a prefix matches half the dictionary.
            # Long hateful words may end a glued token ("gewoonvermoorden", "veelkreupelen"): compounds
            # in German and Dutch, a missing space anywhere.
            glued = not exact and key in GLUED_WORD_KEYS and len(plain) >= GLUED_WORD_LENGTH and plain.isalpha()
            # One entry shared by all of the term's spellings (tens of thousands of typo variants).
            entry = _Entry(key, core, term.startswith("*") or glued, term.endswith("*"))
            for variant in (_variants(plain, key) if "*" not in term and not exact else {plain}):
                if variant != plain and variant in real_terms:
                    continue  # a typo of one word that is another listed word stays that word
                entries.setdefault(variant, []).append(entry)
    for text, found in entries.items():
        if "*" in text and len({entry.term for entry in found}) > 1:
            # "s**t" could be several words: read it as the mildest one it could be.
            mildest = min(_MILDNESS.get(entry.key, 0) for entry in found)
            entries[text] = [entry for entry in found if _MILDNESS.get(entry.key, 0) == mildest]
    automaton = ahocorasick.Automaton()
    # Equal values are stored once: most texts are spellings of one term, so they share one value.
    shared: dict[tuple, tuple] = {}
    for text, found in entries.items():
        value = _value(text, found)
        automaton.add_word(text, shared.setdefault(value, value))
    automaton.make_automaton()
    return automaton


def _value(text: str, found: list[_Entry]) -> tuple[int, tuple[_Entry, ...], bool, bool, bool, bool]:
    """What the automaton keeps for one text: its length, entries, whether it starts and ends with a word
    character, and whether any entry may start or end inside a longer word (so `find_hits` can drop a
    match glued to a neighbouring word without looking at its entries)."""
    return (len(text), tuple(found), is_word_character(text[0]), is_word_character(text[-1]),
            any(entry.open_start for entry in found), any(entry.open_end for entry in found))


def is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def find_hits(automaton: ahocorasick.Automaton, plain: str) -> list[Hit]:
    """Every listed term standing alone in `plain` (or as a word part, for "*word" and "word*" entries).

    Most automaton matches are a short term inside a longer word ("con" in "contento"): those are dropped
    first, from the per-text flags, before any entry is looked at."""
    if not plain or len(automaton) == 0:
        return []
    hits: list[Hit] = []
    append = hits.append
    length = len(plain)
    for end_index, (size, found, first_is_word, last_is_word, any_open_start, any_open_end) in automaton.iter(plain):
        start = end_index - size + 1
        end = end_index + 1
        # A listed word must stand alone unless its entry is a word part ("*word", "word*").
        glued_before = False
        if first_is_word and start:
            character = plain[start - 1]
            if character.isalnum() or character == "_":
                if not any_open_start:
                    continue
                glued_before = True
        glued_after = False
        if last_is_word and end < length:
            character = plain[end]
            if character.isalnum() or character == "_":
                if not any_open_end:
                    continue
                glued_after = True
        if not glued_before and not glued_after:
            for entry in found:
                append(new_hit(entry.key, start, end, entry.term))
            continue
        word_start, word_end = glued_span(plain, start, end, glued_before, glued_after)
        for entry in found:
            if glued_before and not entry.open_start:
                continue
            if glued_after and not entry.open_end:
                continue
            append(new_hit(entry.key, word_start, word_end, entry.term))
    return hits


def glued_span(plain: str, start: int, end: int, glued_before: bool, glued_after: bool) -> tuple[int, int]:
    """A word part stands for the whole word it is part of ("vollidiot", not "idiot")."""
    return (_word_start(plain, start) if glued_before else start), (_word_end(plain, end) if glued_after else end)


def _word_start(plain: str, position: int) -> int:
    while position > 0 and (plain[position - 1].isalnum() or plain[position - 1] == "_"):
        position -= 1
    return position


def _word_end(plain: str, position: int) -> int:
    while position < len(plain) and (plain[position].isalnum() or plain[position] == "_"):
        position += 1
    return position


# Another language's ordinary words: a strong term of one language that another lists here is left out of
# the unsure-language fallback ("hoe" is "how" in Dutch, "negros" the Spanish for "black people").
ORDINARY_KEYS = ("group", "safe", "marker", "second_person", "first_person", "third_person", "negation")


def compile_strong(lexicons: list[LexiconFile]) -> tuple[ahocorasick.Automaton, dict[str, tuple[str, ...]]]:
    """The strong terms of every language in one automaton, for messages whose language is unsure, exact
    spellings only (a typo variant of one language's word is too often another's ordinary word), and a map
    from each term to the languages that list it."""
    ordinary = {source.language: {normalise(term.strip("*")).text for key in ORDINARY_KEYS
                                  for term in getattr(source, key).terms} for source in lexicons}
    merged: dict[str, list[str]] = {key: [] for key in STRONG_KEYS}
    languages: dict[str, list[str]] = {}
    for source in lexicons:
        others = set().union(*(words for language, words in ordinary.items() if language != source.language))
        for key in STRONG_KEYS:
            for term in getattr(source, key).terms:
                core = term.strip("*")
                # Short words of one language are too often abbreviations or words of another ("pd", "mohr").
                if len(core) < STRONG_MINIMUM_LENGTH or normalise(core).text in others:
                    continue
                merged[key].append(term)
                languages.setdefault(core, [])
                if source.language not in languages[core]:
                    languages[core].append(source.language)
    empty = {key: TermList() for key in LIST_KEYS}
    combined = LexiconFile(language="*", **{**empty, **{k: TermList(terms=tuple(v)) for k, v in merged.items()}})
    return _compile(combined, STRONG_KEYS, exact=True), {term: tuple(found) for term, found in languages.items()}


def compile_safe(lexicons: list[LexiconFile]) -> ahocorasick.Automaton:
    """Every language's allow-list in one automaton: a strong word from the fallback is excused by the
    safe list of any language, since the message's language is unsure."""
    empty = {key: TermList() for key in LIST_KEYS}
    terms = tuple(dict.fromkeys(term for source in lexicons for term in source.safe.terms))
    combined = LexiconFile(language="*", **{**empty, "safe": TermList(terms=terms)})
    return _compile(combined, ("safe",), exact=True)


def load_lexicon(path: Path, language: str) -> tuple[LexiconFile, Lexicon]:
    source = load_model(path, LexiconFile)
    if source.language != language:
        raise DataFileError(path, f"says language {source.language!r}, expected {language!r}", key="language")
    return source, Lexicon(source, path)


def load_lexicons(paths: DataPaths, languages: tuple[str, ...]) -> dict[str, tuple[LexiconFile, Lexicon]]:
    """Every language's lexicon; a missing or broken file is a DataFileError naming it (and the key)."""
    return {language: load_lexicon(paths.lexicon(language), language) for language in languages}
