"""The word and sentence layout of one plain message, and the lexicon hits in it, for the context rules."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from bot.detection.lexicon import Hit

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*|[^\w\s]", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?;:\u2026]+(?=\s|$)|\n|(?<=\s)[-\u2013\u2014](?=\s)")
_QUOTES = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb](.+?)[\"\u201c\u201d\u201e\u00ab\u00bb]")
# A quotation counts as reported speech when the message says this much around it.
QUOTE_COMMENT_WORDS = 5


@dataclass(slots=True)
class MessageLayout:
    """Where words and sentences are, so rules can ask "is there a 'you' within three words of this?"."""

    plain: str
    hits: list[Hit]
    word_starts: list[int] = field(default_factory=list)
    sentence_ends: list[int] = field(default_factory=list)
    quoted: list[tuple[int, int]] = field(default_factory=list)
    by_key: dict[str, list[Hit]] = field(default_factory=dict)

    @classmethod
    def build(cls, plain: str, hits: list[Hit]) -> MessageLayout:
        layout = cls(plain, hits)
        layout.word_starts = [match.start() for match in _WORD.finditer(plain) if match.group(0)[0].isalnum()]
        layout.sentence_ends = [match.end() for match in _SENTENCE_END.finditer(plain)]
        if '"' in plain or "\u201c" in plain or "\u201e" in plain or "\u00ab" in plain:
            layout.quoted = [(match.start(), match.end()) for match in _QUOTES.finditer(plain)]
        covering = [hit for hit in hits if hit.key != "negation" and " " in hit.term]
        for hit in hits:
            # "nothing but", "not worth", "don't be": a negation inside a longer listed phrase is part
            # of that phrase.
            if hit.key == "negation" and any(
                    other.start <= hit.start and hit.end <= other.end and other.end - other.start > hit.end - hit.start
                    for other in covering):
                continue
            layout.by_key.setdefault(hit.key, []).append(hit)
        return layout

    def word_index(self, position: int) -> int:
        return bisect_right(self.word_starts, position) - 1

    def sentence(self, position: int) -> int:
        return bisect_right(self.sentence_ends, position)

    def near(self, hit: Hit, key: str, before: int, after: int, same_sentence: bool = True) -> Hit | None:
        """The hit of `key` within `before` words before or `after` words after `hit` that is closest to
        it, the longest of equally close ones: "sei un" rather than "sei" before "sei un idiota"."""
        candidates = self.by_key.get(key)
        if not candidates:
            return None
        first = self.word_index(hit.start)
        last = self.word_index(max(hit.start, hit.end - 1))
        sentence = self.sentence(hit.start) if same_sentence else 0
        best: Hit | None = None
        best_rank = (0, 0)
        for other in candidates:
            if other is hit or (other.start < hit.end and hit.start < other.end):
                continue
            if other.start < hit.start:
                index = self.word_index(other.start)
                if not first - before <= index < first:
                    continue
                distance = first - self.word_index(max(other.start, other.end - 1))
            elif other.start >= hit.end:
                index = self.word_index(other.start)
                if not last < index <= last + after:
                    continue
                distance = index - last
            else:
                continue
            if same_sentence and self.sentence(other.start) != sentence:
                continue
            rank = (distance, -(other.end - other.start))
            if best is None or rank < best_rank:
                best, best_rank = other, rank
        return best

    def in_sentence(self, hit: Hit, key: str, only_before: bool = False) -> Hit | None:
        sentence = self.sentence(hit.start)
        for other in self.by_key.get(key, ()):
            if other is hit or self.sentence(other.start) != sentence:
                continue
            if only_before and other.start >= hit.start:
                continue
            return other
        return None

    def anywhere(self, key: str) -> bool:
        return bool(self.by_key.get(key))

    def is_quoted(self, hit: Hit) -> bool:
        """Inside quotation marks with a few words outside them: someone is being quoted, not said."""
        for start, end in self.quoted:
            if start <= hit.start and hit.end <= end:
                outside = self.plain[:start] + " " + self.plain[end:]
                return len(_WORD.findall(outside)) >= QUOTE_COMMENT_WORDS
        return False
