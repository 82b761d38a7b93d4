"""See through obfuscation: a lower-case, plain form of a message with a map back to the original offsets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

# Letters from other scripts that look like Latin ones; transliteration would get some wrong
# (Cyrillic "р" transliterates to "r" but is read as "p").
_HOMOGLYPHS = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "к": "k", "м": "m", "т": "t",
    "н": "h", "в": "b", "г": "r", "п": "n", "ь": "b", "ё": "e", "ї": "i",
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "γ": "y", "ω": "w", "μ": "u", "ς": "c",
    "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i",
}
# Apostrophes and quotes people type on phones and keyboards, all read as the ASCII apostrophe.
_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'", "\u2032": "'"}
# Emoji used in place of a letter inside a word ("sh💩t" is rare, "f🦆k" and the like are not).
_EMOJI_LETTERS = {"🅰": "a", "🅱": "b", "🅾": "o", "🅿": "p", "ℹ": "i", "⭕": "o", "❌": "x", "🦆": "uc"}
# Leetspeak, applied only inside words that mix letters and these characters.
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s", "!": "i", "|": "l", "+": "t", "€": "e"})

# Only tokens holding at least one leet character are looked at (most words hold none).
# Whole tokens only (a match may not start inside one): a long run of letters is scanned once, not once
# per starting position; `_unleet` leaves tokens without a leet character alone.
# Tokens starting with "@" (handles) or without a letter (numbers, "!!!") are left alone by `_unleet`:
# the lookaheads skip them at their start, so `replace` is not called for them.
_LEET_WORD = re.compile(r"(?<![a-z0-9@$!|+€])(?!@)(?=[a-z0-9@$!|+€]*?[a-z])[a-z0-9@$!|+€]*[0-9@$!|+€][a-z0-9@$!|+€]*")
_LEET_CHARS = re.compile(r"[0-9@$!|+€]")
_HAS_LETTER = re.compile(r"[a-z]")
# Whether `_unleet` can change an ASCII text, told without a regex: the text read as letters "a", leet
# characters "1" (and "@", "!" apart), anything else " ". A token that changes has a letter and a leet
# character in its core (not a trailing "!", not a leading "@"), so two of them side by side in one of
# these ways; a handle ("@a"), a number ("11") or a word before "!" ("a! ") has none.
_LEET_SHAPES = str.maketrans({chr(code): " " for code in range(128)}
                             | {letter: "a" for letter in "abcdefghijklmnopqrstuvwxyz"}
                             | {character: "1" for character in "0123456789$|+"} | {"@": "@", "!": "!"})
_CHANGING_LEET_PAIRS = ("a1", "1a", "a@", "1@", "!@", "@@", "!a", "!1")
# The same for `_BETWEEN_SEPARATORS` in ASCII text: letters "a", separators "s", anything else " ".
_SEPARATOR_SHAPES = str.maketrans({chr(code): " " for code in range(128)}
                                  | {letter: "a" for letter in "abcdefghijklmnopqrstuvwxyz"}
                                  | {character: "s" for character in " .-_*"})
_REPEATS = re.compile(r"([a-z])\1{2,}")
# Single letters separated by one repeated separator: "i d i o t", "f.u.c.k", "s-h-i-t".
_SPACED = re.compile(r"(?<![a-z0-9])([a-z])([ .\-_*])(?:[a-z]\2){1,}[a-z](?![a-z0-9])")
# Cheaper searches that find something whenever the ones above do: three repeated letters (the same as
# `_REPEATS` finds, without its open-ended count), and a letter between two separators (every spaced word
# holds one), searched first.
_THREE_REPEATED = re.compile(r"([a-z])\1\1")
_BETWEEN_SEPARATORS = re.compile(r"[ .\-_*][a-z][ .\-_*]")
_WHITESPACE_RUN = re.compile(r"\s{2,}|[\t\r\n\f\v]")
_NEEDS_WORK = re.compile(r"[0-9@$!|+€]|([a-z])\1\1|(?<![a-z0-9])[a-z][ .\-_*][a-z][ .\-_*]|\s\s|[\t\r\n]")


@dataclass(frozen=True, slots=True)
class Normalised:
    """The plain form of a text; `origin[i]` is the index in the original text of plain character i."""

    text: str
    origin: tuple[int, ...] | range
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span of plain characters [start, end)."""
        if not self.text:
            return 0, 0
        first = self.origin[min(start, len(self.origin) - 1)]
        last_index = min(max(end, start + 1), len(self.origin)) - 1
        last = self.origin[last_index]
        # A plain character may stand for several original ones (a collapsed run, a stripped mark):
        # the span ends where the next plain character starts, or at the end of the text.
        following = self.origin[last_index + 1] if last_index + 1 < len(self.origin) else None
        end_original = last + 1
        if following is not None and following > end_original and not self.text[last_index + 1].isspace():
            end_original = max(end_original, following)
        return first, min(end_original, self.original_length)


@lru_cache(maxsize=8192)
def _plain_character(character: str) -> str:
    """How one non-ASCII character reads: dropped, mapped to ASCII letters, or kept (emoji, other scripts)."""
    if character in _APOSTROPHES:
        return _APOSTROPHES[character]
    if character in _EMOJI_LETTERS:
        return _EMOJI_LETTERS[character]
    category = unicodedata.category(character)
    if category in ("Cf", "Mn", "Me", "Cc"):  # zero-width, bidi marks, stray combining marks
        return ""
    if category == "Zs":
        return " "
    lowered = character.lower()
    if lowered in _HOMOGLYPHS:
        return _HOMOGLYPHS[lowered]
    compatible = unicodedata.normalize("NFKC", lowered)
    stripped = "".join(c for c in unicodedata.normalize("NFD", compatible) if unicodedata.category(c) != "Mn")
    if stripped.isascii():
        return stripped.lower()
    if len(stripped) == 1 and stripped.lower() in _HOMOGLYPHS:
        return _HOMOGLYPHS[stripped.lower()]
    if stripped.isalpha():
        # Latin letters with strokes and the like ("ŧ", fullwidth forms NFKC missed); other scripts
        # (Greek words, Arabic, CJK) stay as they are so their own words can still match.
        if unicodedata.name(stripped[0], "").startswith("LATIN"):
            return anyascii(stripped).lower()
        return stripped.lower()
    if 0x1F130 <= ord(character) <= 0x1F189 or 0x1F1E6 <= ord(character) <= 0x1F1FF:
        return anyascii(character).lower()[:1]  # squared, circled and regional-indicator letters
    return stripped


class _Uneven(Exception):
    """A stretch of the text holds a character that does not read as exactly one character."""


def _plain_run(match: re.Match[str]) -> str:
    run = match.group()
    plain = _PLAIN_RUNS.get(run)
    if plain is None:
        pieces = [_plain_character(character) for character in run]
        plain = "".join(pieces) if all(len(piece) == 1 for piece in pieces) else ""
        if len(_PLAIN_RUNS) < PLAIN_RUNS_LIMIT:
            _PLAIN_RUNS[run] = plain
    if not plain:
        raise _Uneven
    return plain


# How each stretch of non-ASCII characters reads ("é", "’", "😂😂"), when every character reads as one
# ("" when one does not); remembered up to this many stretches.
_PLAIN_RUNS: dict[str, str] = {}
PLAIN_RUNS_LIMIT = 50_000


def _map_characters(text: str) -> tuple[str, list[int] | None]:
    """The text read character by character; the offset map is None when every character reads as one,
    as in most accented text: ASCII lower-cased in bulk (bytes.lower touches ASCII letters only), each
    non-ASCII stretch read once and remembered."""
    lowered = text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
    try:
        return _NON_ASCII.sub(_plain_run, lowered), None
    except _Uneven:
        return _map_unevenly(text)


def _map_unevenly(text: str) -> tuple[str, list[int]]:
    """Lower-case ASCII stretches in bulk; only the non-ASCII characters are looked at one by one."""
    pieces: list[str] = []
    origin: list[int] = []
    position = 0
    for match in _NON_ASCII.finditer(text):
        start = match.start()
        if start > position:
            pieces.append(text[position:start].lower())
            origin.extend(range(position, start))
        for index in range(start, match.end()):
            plain = _plain_character(text[index])
            if plain:
                pieces.append(plain)
                origin.extend([index] * len(plain))
        position = match.end()
    if position < len(text):
        pieces.append(text[position:].lower())
        origin.extend(range(position, len(text)))
    return "".join(pieces), origin


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _squeeze(text: str, origin: list[int], pattern: re.Pattern[str], keep: str) -> tuple[str, list[int]]:
    """Replace each match of `pattern` by its group `keep` letters, keeping the origin map aligned."""
    pieces: list[str] = []
    new_origin: list[int] = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(text[position:match.start()])
        new_origin.extend(origin[position:match.start()])
        if keep == "first":
            pieces.append(match.group(1))
            new_origin.append(origin[match.start()])
        else:  # "letters": the letters of a spaced-out word, every other character
            for offset in range(match.start(), match.end(), 2):
                pieces.append(text[offset])
                new_origin.append(origin[offset])
        position = match.end()
    pieces.append(text[position:])
    new_origin.extend(origin[position:])
    return "".join(pieces), new_origin


def _between_separators(text: str) -> bool:
    """Whether a letter stands between two separators ("a b c" holds one), as `_BETWEEN_SEPARATORS` finds."""
    if not text.isascii():
        return _BETWEEN_SEPARATORS.search(text) is not None
    return "sas" in text.translate(_SEPARATOR_SHAPES)


def _may_unleet(text: str) -> bool:
    """False only when `_unleet` would leave the text as it is (checked on ASCII text; "€" is not ASCII)."""
    if not text.isascii():
        return True
    shapes = text.translate(_LEET_SHAPES)
    return any(pair in shapes for pair in _CHANGING_LEET_PAIRS)


def _unleet(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        core = word.rstrip("!")  # a trailing "!" is punctuation, not an "i"
        if core.startswith("@") or not _HAS_LETTER.search(core) or not _LEET_CHARS.search(core):
            return word
        return core.translate(_LEET) + word[len(core):]

    return _LEET_WORD.sub(replace, text)


def normalise(text: str) -> Normalised:
    """The plain form of `text`: lower case, no accents or invisible marks, obfuscation undone."""
    length = len(text)
    origin: list[int] | None = None  # None: plain character i is original character i
    if text.isascii():
        plain = text.lower()
        if not _NEEDS_WORK.search(plain):
            return Normalised(plain, range(length), length)
    else:
        plain, origin = _map_characters(text)
    # Leetspeak maps one character to one, so the origin map stays as it is.
    if _LEET_CHARS.search(plain) and _may_unleet(plain):
        plain = _unleet(plain)
    if _THREE_REPEATED.search(plain):
        plain, origin = _squeeze(plain, _origin(origin, length), _REPEATS, "first")
    # Spaced-out words before collapsing spaces: a double space is the gap between two spaced words.
    if _between_separators(plain) and _SPACED.search(plain):
        plain, origin = _squeeze(plain, _origin(origin, length), _SPACED, "letters")
    # Text whose whitespace is single spaces between words (most) has no run to collapse: `split` and
    # `join` tell in one pass, far faster than the regex search they spare.
    if " ".join(plain.split()) != plain and _WHITESPACE_RUN.search(plain):
        plain = plain.translate(_WHITESPACE_TRANSLATION)
        plain, origin = _collapse_spaces(plain, _origin(origin, length))
    return Normalised(plain, range(length) if origin is None else tuple(origin), length)


def _origin(origin: list[int] | None, length: int) -> list[int]:
    return list(range(length)) if origin is None else origin


_WHITESPACE_TRANSLATION = str.maketrans({"\t": " ", "\r": " ", "\n": " ", "\f": " ", "\v": " "})
_SPACE_RUN = re.compile(r" {2,}")


def _collapse_spaces(text: str, origin: list[int]) -> tuple[str, list[int]]:
    pieces: list[str] = []
    new_origin: list[int] = []
    position = 0
    for match in _SPACE_RUN.finditer(text):
        pieces.append(text[position:match.start() + 1])
        new_origin.extend(origin[position:match.start() + 1])
        position = match.end()
    pieces.append(text[position:])
    new_origin.extend(origin[position:])
    return "".join(pieces), new_origin
