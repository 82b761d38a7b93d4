"""Heated tone: shouting, exclamation runs and escalation words, weighed more in replies."""

from __future__ import annotations

import re

from bot.detection.context import MessageLayout
from bot.detection.lexicon import Hit
from bot.detection.toxicity import RawFinding
from bot.vocabulary import Category, Severity

_EXCLAMATION_RUN = re.compile(r"[!?]*![!?]*[!?]{2,}|!{3,}")
_UPPER = re.compile(r"[A-Z\u00c0-\u00de]")
_NOT_LETTER = re.compile(r"[\W\d_]+")
_CAPS_WORD = re.compile(r"\b[A-ZÄÖÜÀ-Þ]{3,}\b")
# Four or more capitalised words in a row, between non-letters.
_CAPS_RUN = re.compile(r"\b[A-Z\u00c0-\u00de]{2,}(?:[^\w\n]+[A-Z\u00c0-\u00de]{2,}){3,}\b")
# Shouting needs enough letters to be more than an acronym or two ("PCI", "DNS", "OK").
MINIMUM_SHOUT_LETTERS = 12
SHOUT_SHARE = 0.75
# Points needed: shouting counts 2, an exclamation run 1, each escalation word 1, a reply 1.
HEATED_POINTS = 2
# Lists whose words show a lone escalation word in a reply is meant against someone or something.
_HOSTILE_KEYS = ("insult", "insult_strong", "profanity", "negative")
HEATED_MEDIUM_POINTS = 4


def _shouting(text: str) -> tuple[int, int] | None:
    """Most letters in capitals, or a run of capitalised words long enough to be a shouted sentence
    ("YOU BROKE THE BUILD AGAIN!!! unacceptable")."""
    upper = len(_UPPER.findall(text))
    if upper < MINIMUM_SHOUT_LETTERS:
        return None
    letters = len(_NOT_LETTER.sub("", text))
    if upper / letters < SHOUT_SHARE:
        run = max(_CAPS_RUN.finditer(text), key=lambda match: match.end() - match.start(), default=None)
        if run is None or len(_NOT_LETTER.sub("", run.group(0))) < MINIMUM_SHOUT_LETTERS:
            return None
        return run.span()
    words = list(_CAPS_WORD.finditer(text))
    if len(words) < 2:
        return None
    return words[0].start(), words[-1].end()


def _pressed(text: str, layout: MessageLayout, escalation: Hit) -> bool:
    """A question pressed at someone ("are you kidding me? I told you...") or a hostile word besides the
    escalation word itself (a word can sit in both lists)."""
    return "?" in text or any(hit.end <= escalation.start or hit.start >= escalation.end
                              for key in _HOSTILE_KEYS for hit in layout.by_key.get(key, ()))


def _runs_on(plain: str, end: int) -> bool:
    """Whether the sentence goes on after `end`: a word or a comma comes next, not a stop or the end."""
    rest = plain[end:end + 40].lstrip()
    return bool(rest) and (rest[0].isalnum() or rest[0] == ",")


def find_heated(text: str, layout: MessageLayout, is_reply: bool) -> list[RawFinding]:
    """One finding for the whole heated stretch, on plain offsets except shouting (original offsets)."""
    points = 0
    reasons: list[str] = []
    sample = text[:2000]
    if _shouting(sample):
        points += 2
        reasons.append("shouting")
    run = _EXCLAMATION_RUN.search(sample)
    if run:
        points += 1
        reasons.append("exclamation marks")
    escalations = [hit for hit in layout.by_key.get("escalation", ()) if not layout.near(hit, "negation", 2, 0, same_clause=True)]
    if escalations:
        points += min(len(escalations), 2)
        reasons.append("escalating words")
    if points == 0:
        return []
    if not escalations and layout.anywhere("celebration"):
        return []  # "HAPPY BIRTHDAY!!! 🎂", "ENDLICH FREITAG!!! 🎉": shouting for joy
    if is_reply:
        points += 1
    if layout.anywhere("banter") and not escalations:
        points -= 1  # "hahaha WHAT IS THIS" is laughing, not fighting
    if points < HEATED_POINTS or (not escalations and not run and points < 3):
        return []
    if (len(escalations) == 1 and points == HEATED_POINTS and is_reply and " " not in escalations[0].term
            and _runs_on(layout.plain, escalations[0].end) and not _pressed(sample, layout, escalations[0])):
        # One word in a reply that the sentence runs on from, nothing else: "unbelievable news,
        # congratulations!", "insane speedup, thanks", "basta con reiniciar" are delight or plain words;
        # "this is ridiculous." ends on it, and "are you kidding me?" presses a question.
        return []
    severity = Severity.MEDIUM if points >= HEATED_MEDIUM_POINTS else Severity.LOW
    if escalations:
        start, end = escalations[0].start, escalations[-1].end
        rule = f"escalation:{escalations[0].term}"
    else:
        start, end = 0, len(layout.plain)
        rule = "shouting" if "shouting" in reasons else "exclamation"
    return [RawFinding(Category.HEATED, severity, start, end, rule, "heated tone: " + ", ".join(reasons))]
