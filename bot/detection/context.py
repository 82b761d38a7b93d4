"""The word and sentence layout of one plain message, and the lexicon hits in it, for the context rules."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from bot.detection.lexicon import Hit

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*|[^\w\s]", re.UNICODE)
_WORD_ONLY = re.compile(r"[^\W_]+(?:'[^\W_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?;:\u2026]+(?=\s|$)|\n|(?<=\s)[-\u2013\u2014](?=\s)")
_QUOTES = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb](.+?)[\"\u201c\u201d\u201e\u00ab\u00bb]")
# Where a clause ends inside a sentence: a comma (not one inside a number), a semicolon or colon, a dash, a
# run of dots, or an adversative conjunction ("nobody does anything, shame!", "not bad but you idiot"): a
# negation, a report or the speaker named on one side says nothing of the other side.
_CLAUSE_END = re.compile(
    r"(?<!\d),|,(?!\d)|[;!?\u2026]+|\.{2,}|[.:](?=\s|$)|\n|(?<=\s)[-\u2013\u2014](?=\s)|[()\[\]]"
    r"|(?<!ook )\b(?=(?:ma|but|pero|mais|aber|maar|mar|sondern|sino|tuttavia|however)\b)")
# A quotation counts as reported speech when the message says this much around it.
QUOTE_COMMENT_WORDS = 5


@dataclass(slots=True)
class MessageLayout:
    """Where words and sentences are, so rules can ask "is there a 'you' within three words of this?".
    Hits of each key are kept sorted by start, so every question is a bisection, not a scan: a pasted
    40,000-character message stays linear."""

    plain: str
    hits: list[Hit]
    word_starts: list[int] = field(default_factory=list)
    sentence_ends: list[int] = field(default_factory=list)
    clause_ends: list[int] = field(default_factory=list)
    quoted: list[tuple[int, int]] = field(default_factory=list)
    by_key: dict[str, list[Hit]] = field(default_factory=dict)
    starts_by_key: dict[str, list[int]] = field(default_factory=dict)
    _word_total: int = -1

    @classmethod
    def build(cls, plain: str, hits: list[Hit]) -> MessageLayout:
        layout = cls(plain, hits)
        layout.word_starts = [match.start() for match in _WORD_ONLY.finditer(plain)]
        layout.sentence_ends = [match.end() for match in _SENTENCE_END.finditer(plain)]
        layout.clause_ends = sorted({match.end() for match in _CLAUSE_END.finditer(plain)
                                     if not _completion_follows(plain, match)} | set(layout.sentence_ends))
        if '"' in plain or "\u201c" in plain or "\u201e" in plain or "\u00ab" in plain:
            layout.quoted = [(match.start(), match.end()) for match in _QUOTES.finditer(plain)]
        covering = sorted((hit for hit in hits if hit.key != "negation" and " " in hit.term),
                          key=lambda hit: hit.start)
        covering_starts = [hit.start for hit in covering]
        for hit in hits:
            # "nothing but", "not worth", "don't be": a negation inside a longer listed phrase is part
            # of that phrase.
            if hit.key == "negation" and covering and _inside_longer(hit, covering, covering_starts):
                continue
            layout.by_key.setdefault(hit.key, []).append(hit)
        for key, keyed in layout.by_key.items():
            keyed.sort(key=lambda hit: hit.start)
            layout.starts_by_key[key] = [hit.start for hit in keyed]
        return layout

    def word_index(self, position: int) -> int:
        return bisect_right(self.word_starts, position) - 1

    def sentence(self, position: int) -> int:
        return bisect_right(self.sentence_ends, position)

    def clause(self, position: int) -> int:
        return bisect_right(self.clause_ends, position)

    def clause_bounds(self, position: int) -> tuple[int, int]:
        return self._bounds(self.clause_ends, position)

    def in_clause(self, hit: Hit, key: str, only_before: bool = False) -> Hit | None:
        return self._other_within(hit, key, self.clause_bounds(hit.start), only_before)

    def _bounds(self, ends: list[int], position: int) -> tuple[int, int]:
        """The stretch (clause or sentence, by its list of ends) that holds `position`."""
        index = bisect_right(ends, position)
        low = ends[index - 1] if index > 0 else 0
        high = ends[index] if index < len(ends) else len(self.plain) + 1
        return low, high

    def _other_within(self, hit: Hit, key: str, bounds: tuple[int, int], only_before: bool) -> Hit | None:
        """The first `key` hit other than `hit` in `bounds` (only before `hit` if asked)."""
        low, high = bounds
        for other in self.between(key, low, hit.start if only_before else high):
            if other is not hit:
                return other
        return None

    def between(self, key: str, low: int, high: int) -> list[Hit]:
        """The hits of `key` starting in [low, high)."""
        starts = self.starts_by_key.get(key)
        if not starts:
            return []
        return self.by_key[key][bisect_left(starts, low):bisect_left(starts, high)]

    def near(self, hit: Hit, key: str, before: int, after: int, same_sentence: bool = True,
             same_clause: bool = False) -> Hit | None:
        """The hit of `key` within `before` words before or `after` words after `hit` that is closest to
        it, the longest of equally close ones: "sei un" rather than "sei" before "sei un idiota". With
        `same_clause`, only one in the same clause (a negation or a report does not reach past a comma)."""
        if not self.starts_by_key.get(key):
            return None
        words = self.word_starts
        first = self.word_index(hit.start)
        last = self.word_index(max(hit.start, hit.end - 1))
        low = words[first - before] if 0 <= first - before < len(words) else 0
        high = words[last + after + 1] if last + after + 1 < len(words) else len(self.plain) + 1
        sentence = self.sentence(hit.start) if same_sentence else 0
        best: Hit | None = None
        best_rank = (0, 0)
        for other in self.between(key, low, high):
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
            if same_clause and not self._same_clause(other, hit):
                continue
            rank = (distance, -(other.end - other.start))
            if best is None or rank < best_rank:
                best, best_rank = other, rank
        return best

    def _same_clause(self, other: Hit, hit: Hit) -> bool:
        """No clause end between the two hits (one inside a listed phrase, "not that bad, but", does not count)."""
        low, high = (other.end, hit.start) if other.start < hit.start else (hit.end, other.start)
        if high <= low:
            return True
        return bisect_right(self.clause_ends, high) == bisect_right(self.clause_ends, low)

    def sentence_bounds(self, position: int) -> tuple[int, int]:
        return self._bounds(self.sentence_ends, position)

    def in_sentence(self, hit: Hit, key: str, only_before: bool = False) -> Hit | None:
        return self._other_within(hit, key, self.sentence_bounds(hit.start), only_before)

    def before(self, key: str, position: int) -> list[Hit]:
        """The hits of `key` starting before `position`."""
        return self.between(key, 0, position)

    def anywhere(self, key: str) -> bool:
        return bool(self.by_key.get(key))

    def is_quoted(self, hit: Hit) -> bool:
        """Inside quotation marks with a few words outside them: someone is being quoted, not said."""
        for start, end in self.quoted:
            if start <= hit.start and hit.end <= end:
                # Words outside = all words - words inside, so a long message is counted once.
                if self._word_total < 0:
                    self._word_total = len(_WORD.findall(self.plain))
                inside = len(_WORD.findall(self.plain, start, end))
                return self._word_total - inside >= QUOTE_COMMENT_WORDS
        return False


def _completion_follows(plain: str, match: re.Match[str]) -> bool:
    """German and Dutch put a comma before a clause that completes the verb before it: an infinitive ("sie
    haben es nicht verdient, so behandelt zu werden") or a "that" clause ("ich habe nie behauptet, dass
    ..."): a negation or a report still reaches it."""
    if match.group(0) != ",":
        return False
    if _THAT.match(plain, match.end()):
        return True
    following = _NEXT_PUNCTUATION.search(plain, match.end())
    return _GERMAN_INFINITIVE.search(plain, match.end(), following.start() if following else len(plain)) is not None


_NEXT_PUNCTUATION = re.compile(r"[,;:.!?\n]")
_GERMAN_INFINITIVE = re.compile(r"\bzu [^\W\d_]+")
_THAT = re.compile(r"\s*(?:dass|dat|that)\b")


def _inside_longer(hit: Hit, covering: list[Hit], starts: list[int]) -> bool:
    # Phrases are short: only those starting a little before the negation can hold it.
    index = bisect_right(starts, hit.start)
    for other in covering[max(0, index - 8):index]:
        if other.start <= hit.start and hit.end <= other.end and other.end - other.start > hit.end - hit.start:
            return True
    return False
