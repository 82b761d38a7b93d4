"""Personal lexicons (data/lexicons/personal/<lang>.toml): apology, formula, non-apology, urgency, privacy."""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.data_files import DataFileError, DataPaths, load_model
from bot.vocabulary import SUPPORTED_LANGUAGES, Severity

GAP = "~"  # in a phrase: up to four words of anything ("sorry if ~ offended")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'",
                              "\n": " ", "\t": " ", "\r": " ", "\u00a0": " "})


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _check_phrases(phrases: tuple[str, ...]) -> tuple[str, ...]:
    for position, phrase in enumerate(phrases):
        if not phrase.strip() or phrase != phrase.strip() or phrase != phrase.lower():
            raise ValueError(f"phrase {position} {phrase!r}: empty, padded or not lower case")
        if phrase.startswith(GAP) or phrase.endswith(GAP):
            raise ValueError(f"phrase {position} {phrase!r}: a gap '~' must sit between words")
    return phrases


class PrivateGroup(_Strict):
    severity: Severity
    phrases: tuple[str, ...] = Field(min_length=1)
    _check = field_validator("phrases")(_check_phrases)


class PersonalLexiconFile(_Strict):
    """One language's personal phrases (see the header of data/lexicons/personal/en.toml)."""

    language: str
    apology: tuple[str, ...] = Field(min_length=1)
    formula: tuple[str, ...] = ()
    non_apology: tuple[str, ...] = ()
    sympathy: tuple[str, ...] = ()
    urgent: tuple[str, ...] = ()
    private: dict[str, PrivateGroup] = {}

    _check = field_validator("apology", "formula", "non_apology", "sympathy", "urgent")(_check_phrases)

    @model_validator(mode="after")
    def _known_language(self) -> PersonalLexiconFile:
        if self.language not in SUPPORTED_LANGUAGES:
            raise ValueError(f"language {self.language!r} is not one of {SUPPORTED_LANGUAGES}")
        return self


def fold(text: str) -> str:
    """Lower case and plain apostrophes, keeping every character at its offset (spans stay valid).
    The last message's fold is kept: the mention, privacy and apology readers all ask for it."""
    global _last_fold
    last = _last_fold
    if last[0] is text:
        return last[1]
    folded = _fold(text)
    _last_fold = (text, folded)
    return folded


_last_fold: tuple[str | None, str] = (None, "")


def _fold(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two ("İ"); keep those as they are
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # Most messages hold none of the characters to replace: a scan for each is cheaper than `translate`,
    # which looks every character up in a dictionary once the text is not pure ASCII.
    for character, replacement in _REPLACED:
        if character in lowered:
            lowered = lowered.replace(character, replacement)
    return lowered


_REPLACED = tuple((chr(code), replacement) for code, replacement in _APOSTROPHES.items())


class _PhraseIndex:
    """The plain phrases of several phrase sets (one language's) in one automaton: a message is read once
    for all of them, and the matches of the last text read are kept, since the apology, privacy and mention
    readers each ask about the same folded text in turn."""

    def __init__(self) -> None:
        self._entries: dict[str, list[tuple[int, str]]] = {}
        self._automaton = ahocorasick.Automaton()
        self._sets = 0
        self._last: tuple[str | None, dict[int, list[tuple[int, int, str]]]] = (None, {})

    def new_set(self) -> int:
        self._sets += 1
        return self._sets

    def add(self, set_id: int, phrase: str, label: str) -> None:
        self._entries.setdefault(phrase, []).append((set_id, label))

    def build(self) -> None:
        for phrase, entries in self._entries.items():
            self._automaton.add_word(phrase, (len(phrase), tuple(entries)))
        if self._entries:
            self._automaton.make_automaton()

    def matches(self, folded: str) -> dict[int, list[tuple[int, int, str]]]:
        """Whole-word matches of the text by set: (start, end, label) in the automaton's order."""
        last = self._last
        if last[0] is folded:
            return last[1]
        found: dict[int, list[tuple[int, int, str]]] = {}
        if self._entries:
            size = len(folded)
            for end_index, (length, entries) in self._automaton.iter(folded):
                start, end = end_index - length + 1, end_index + 1
                # Whole words only: no letter, digit or underscore just before or after.
                if start:
                    before = folded[start - 1]
                    if before.isalnum() or before == "_":
                        continue
                if end < size:
                    after = folded[end]
                    if after.isalnum() or after == "_":
                        continue
                for set_id, label in entries:
                    found.setdefault(set_id, []).append((start, end, label))
        self._last = (folded, found)
        return found


class PhraseSet:
    """Whole-word phrase matching: one Aho-Corasick pass for plain phrases (shared with the other sets of
    its language when given their index), a regex only for gapped ones."""

    def __init__(self, phrases: dict[str, str], index: _PhraseIndex | None = None) -> None:
        # phrases: phrase -> label (the private group, or the list name)
        own_index = index is None
        self._index = _PhraseIndex() if index is None else index
        self._set_id = self._index.new_set()
        gapped: dict[str, str] = {}
        self._plain = False
        for phrase, label in phrases.items():
            if GAP in phrase.split():
                gapped[phrase] = label
            else:
                self._index.add(self._set_id, phrase, label)
                self._plain = True
        if own_index:
            self._index.build()
        self._empty = not phrases
        # Each gapped regex only runs when every word of its phrase is in the text, a cheap substring test
        # of its longest (rarest) word first: "is" of "is pregnant ~ tell anyone" is inside most messages.
        self._gapped = [(words[0], words[1:], _gap_regex(phrase), label) for phrase, label in gapped.items()
                        for words in (_needed_words(phrase),)]

    def __bool__(self) -> bool:
        return not self._empty

    def finditer(self, folded: str) -> list[tuple[int, int, str]]:
        """Every whole-word match as (start, end, label), leftmost first, longest first at one start."""
        found = list(self._index.matches(folded).get(self._set_id, ())) if self._plain else []
        for longest, others, regex, label in self._gapped:
            if longest in folded and all(word in folded for word in others):
                found.extend((m.start(), m.end(), label) for m in regex.finditer(folded))
        if len(found) > 1:
            found.sort(key=_leftmost_longest)
        return found

    def search(self, folded: str) -> tuple[int, int, str] | None:
        found = self.finditer(folded)
        return found[0] if found else None


def _leftmost_longest(item: tuple[int, int, str]) -> tuple[int, int]:
    return item[0], item[0] - item[1]


def _needed_words(phrase: str) -> tuple[str, ...]:
    """The words a gapped phrase cannot match without, longest (rarest) first."""
    return tuple(sorted((word for word in phrase.split() if word != GAP), key=len, reverse=True))


def _gap_regex(phrase: str) -> re.Pattern[str]:
    pattern = ""
    for word in phrase.split():
        if word == GAP:
            pattern += r"(?:[^\w\s]*\s+\S+){0,4}?"
        else:
            # A comma or full stop may end the word before ("she is pregnant, don't tell anyone").
            pattern += (r"[^\w\s]*\s+" if pattern else "") + re.escape(word)
    return re.compile(r"(?<!\w)" + pattern + r"(?!\w)")


def phrase_set(phrases: tuple[str, ...], label: str, index: _PhraseIndex | None = None) -> PhraseSet:
    return PhraseSet({phrase: label for phrase in phrases}, index)


@dataclass(frozen=True)
class PersonalLexicon:
    language: str
    apology: PhraseSet
    formula: PhraseSet
    non_apology: PhraseSet
    sympathy: PhraseSet
    urgent: PhraseSet
    private: PhraseSet  # label: the private group's name
    private_severity: dict[str, Severity]


def load_personal_lexicons(paths: DataPaths) -> dict[str, PersonalLexicon]:
    """Every supported language's personal lexicon; a missing or invalid file is a DataFileError."""
    folder = paths.lexicon_dir() / "personal"
    lexicons = {}
    for language in SUPPORTED_LANGUAGES:
        path = folder / f"{language}.toml"
        source = load_model(path, PersonalLexiconFile)
        if source.language != language:
            raise DataFileError(path, f"says language {source.language!r} but is the file for {language!r}",
                                key="language")
        index = _PhraseIndex()  # one pass over a message for all of this language's sets
        lexicons[language] = PersonalLexicon(
            language=language,
            apology=phrase_set(source.apology, "apology", index),
            formula=phrase_set(source.formula, "formula", index),
            non_apology=phrase_set(source.non_apology, "non_apology", index),
            sympathy=phrase_set(source.sympathy, "sympathy", index),
            urgent=phrase_set(source.urgent, "urgent", index),
            private=PhraseSet({phrase: name for name, group in source.private.items() for phrase in group.phrases},
                              index),
            private_severity={name: group.severity for name, group in source.private.items()},
        )
        index.build()
    return lexicons


def languages_to_check(language: str, lexicons: dict[str, PersonalLexicon]) -> list[PersonalLexicon]:
    """The message's language first, then English (chat mixes it into every language)."""
    order = [language] if language in lexicons else []
    if "en" not in order and "en" in lexicons:
        order.append("en")
    return [lexicons[code] for code in order]
