"""Passive-aggressive stock phrases ("per my last email", "thanks for nothing"), each under its list's condition."""

from __future__ import annotations

import re

from bot.detection.context import MessageLayout
from bot.detection.lexicon import Hit
from bot.detection.normalise import Normalised
from bot.detection.toxicity import RawFinding
from bot.vocabulary import Category, Severity

# Most stock phrases are neutral in most messages ("as I said, the release is on Friday"); each list says
# when its phrases are a jab. Every condition also holds for the lists before it, from the strictest:
#   passive_aggressive_pointed     only when sharpened (below)
#   passive_aggressive_when_alone  sharpened, or the whole message ("if you say so.", "fine.")
#   passive_aggressive_in_reply    sharpened, the whole message, or in a reply to someone
#   passive_aggressive             always
# Sharpened: another phrase of [passive_aggressive] or [passive_aggressive_in_reply] anywhere in the
# message ("with all due respect, as I said"), a [passive_aggressive_tail] word right next to it ("per
# the previous email, which you clearly ignored") or closing its sentence, or a word of the phrase in
# capitals ("as I ALREADY said").
ALWAYS = "passive_aggressive"
IN_REPLY = "passive_aggressive_in_reply"
WHEN_ALONE = "passive_aggressive_when_alone"
POINTED = "passive_aggressive_pointed"
TAIL = "passive_aggressive_tail"
# Strongest first: where two listed phrases overlap ("as i've said" in a longer "as i've said before"),
# the stronger list speaks for that stretch.
PHRASE_KEYS = (ALWAYS, IN_REPLY, WHEN_ALONE, POINTED)
_STRENGTH = {key: rank for rank, key in enumerate(PHRASE_KEYS)}
# Which phrases make a second one pointed: two reminders ("friendly reminder: as discussed, ...") are
# still only reminders, and a retort word ("fine", "whatever") is too common to sharpen anything.
SECOND_MARKER_KEYS = (ALWAYS, IN_REPLY)
# How many words before and after a phrase a tail word may sit: close enough to be said of it ("as I said,
# clearly"), not a later clause ("as discussed, we'll meet again").
TAIL_BEFORE = 2
TAIL_AFTER = 2
# A retort may open with a couple of short words ("oh well, if you say so", "bob: fine."); nothing may
# follow it but punctuation and emoji ("good for you. congrats on the move!" is sincere).
ALONE_LEADING_WORDS = 2
ALONE_LEADING_LETTERS = 5
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# A word of three or more capitals inside the phrase: stress, not an acronym ("as I ALREADY said").
_CAPITALS = re.compile(r"(?<![^\W\d_])[A-Z\u00c0-\u00de]{3,}(?![^\W\d_])")

_REASONS = {
    "always": "passive-aggressive phrase",
    "sharpened": "passive-aggressive phrase, made pointed",
    "alone": "passive-aggressive retort",
    "reply": "passive-aggressive phrase in a reply",
}


def find_passive_aggressive(text: str, plain: Normalised, layout: MessageLayout,
                            is_reply: bool = False) -> list[RawFinding]:
    """At most one finding: the first phrase whose condition holds. `text` is the message (for capitals),
    `plain` its normalised form with the offsets back to it."""
    mentions = _mentions(layout)
    if not mentions:
        return []
    alone = _alone(layout, mentions)
    seconds = [hit for hit in mentions if hit.key in SECOND_MARKER_KEYS]
    # The strongest phrase that holds speaks for the message: the jab a correction should take out.
    for hit in sorted(mentions, key=lambda hit: _STRENGTH[hit.key]):
        stacked = any(other is not hit for other in seconds)
        why = _why(hit, text, plain, layout, stacked, alone, is_reply)
        if why is not None:
            return [RawFinding(Category.PASSIVE_AGGRESSIVE, Severity.LOW, hit.start, hit.end,
                               f"passive_aggressive:{hit.term}", _REASONS[why])]
    return []


def _mentions(layout: MessageLayout) -> list[Hit]:
    """The stock phrases said (not quoted), one per stretch of text, in reading order."""
    hits = [hit for key in PHRASE_KEYS for hit in layout.by_key.get(key, ()) if not layout.is_quoted(hit)]
    hits.sort(key=lambda hit: (hit.start, _STRENGTH[hit.key], -(hit.end - hit.start)))
    mentions: list[Hit] = []
    for hit in hits:
        if mentions and hit.start < mentions[-1].end:
            last = mentions[-1]
            if (_STRENGTH[hit.key], -(hit.end - hit.start)) < (_STRENGTH[last.key], -(last.end - last.start)):
                mentions[-1] = Hit(hit.key, min(hit.start, last.start), max(hit.end, last.end), hit.term)
            elif hit.end > last.end:
                mentions[-1] = Hit(last.key, last.start, hit.end, last.term)
            continue
        mentions.append(hit)
    return mentions


def _why(hit: Hit, text: str, plain: Normalised, layout: MessageLayout, stacked: bool, alone: bool,
         is_reply: bool) -> str | None:
    if hit.key == ALWAYS:
        return "always"
    if stacked or _tailed(hit, layout) or _stressed(hit, text, plain):
        return "sharpened"
    if alone and hit.key in (WHEN_ALONE, IN_REPLY):
        return "alone"
    if is_reply and hit.key == IN_REPLY:
        return "reply"
    return None


def _tailed(hit: Hit, layout: MessageLayout) -> bool:
    """A tail word next to the phrase, or closing the phrase's sentence: a jab tacked on at the end ("ti
    ricordo che il deploy è alle sei, evidentemente non l'hai letto")."""
    if layout.near(hit, TAIL, TAIL_BEFORE, TAIL_AFTER):
        return True
    _, high = layout.sentence_bounds(hit.start)
    return any(_WORD.search(layout.plain, tail.end, high) is None for tail in layout.between(TAIL, hit.end, high))


def _stressed(hit: Hit, text: str, plain: Normalised) -> bool:
    start, end = plain.span(hit.start, hit.end)
    return _CAPITALS.search(text, start, end) is not None


def _alone(layout: MessageLayout, mentions: list[Hit]) -> bool:
    """The phrases are the whole message, after at most a couple of short opening words."""
    plain = layout.plain
    first = mentions[0].start
    leading = _WORD.findall(plain, 0, first)
    if len(leading) > ALONE_LEADING_WORDS or any(len(word) > ALONE_LEADING_LETTERS for word in leading):
        return False
    position = first
    for mention in mentions:
        if _WORD.search(plain, position, mention.start):
            return False
        position = max(position, mention.end)
    return _WORD.search(plain, position) is None
