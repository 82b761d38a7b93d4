"""Ordinary technical chat (support channels, Rust, a payments API, meetings) written for these tests: the
detector must leave it alone, or at most note mild swearing at a thing, never an insult."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.detection import Detector
from bot.verdict import MessageContext
from bot.vocabulary import Category, Severity

CASES = Path(__file__).parent / "cases" / "technical_chat_en.txt"


def _sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        assert current is not None, f"{CASES.name}: a message before the first [section]"
        current.append(line)
    return sections


SECTIONS = _sections()
QUIET = SECTIONS["quiet"]
SWEARING = SECTIONS["swearing_at_things"]
QUIET_IN_REPLY = SECTIONS["quiet_in_reply"]


def _flagged(detector: Detector, text: str, context: MessageContext) -> list[tuple[str, str, str]]:
    """What the chat benchmark counts as a flag: any finding of low severity or more (over-apology aside)."""
    return [(finding.category.value, finding.severity.value, finding.rule)
            for finding in detector.analyse(text, context).findings
            if finding.severity.rank >= Severity.LOW.rank and finding.category is not Category.OVER_APOLOGY]


def test_the_case_file_is_big_enough_to_mean_something() -> None:
    assert len(QUIET) >= 250
    assert len(set(QUIET)) == len(QUIET)


@pytest.mark.parametrize("text", QUIET)
def test_ordinary_technical_chat_is_left_alone(detector: Detector, text: str) -> None:
    assert _flagged(detector, text, MessageContext()) == []


@pytest.mark.parametrize("text", QUIET_IN_REPLY)
def test_a_short_answer_in_a_reply_is_not_a_retort(detector: Detector, text: str) -> None:
    # "fine", "whatever", "k" answer a question far more often than they snub anyone: alone they nudge no one.
    context = MessageContext(reply_to="did the upgrade work?")
    assert _flagged(detector, text, context) == []
    assert _flagged(detector, text, MessageContext()) == []


@pytest.mark.parametrize("text", SWEARING)
def test_swearing_at_a_thing_is_at_most_mild_profanity(detector: Detector, text: str) -> None:
    flagged = _flagged(detector, text, MessageContext())
    assert flagged, "swearing is still noted (low), so the highest sensitivity can nudge it"
    assert {(category, severity) for category, severity, _ in flagged} == {("profanity_mild", "low")}


def test_repeating_oneself_is_a_jab_only_when_said_to_someone(detector: Detector) -> None:
    reply = MessageContext(reply_to="where is the config?")
    jab = _flagged(detector, "for the hundredth time, the config lives in the repo", reply)
    assert [category for category, _, _ in jab] == ["passive_aggressive"]
    assert _flagged(detector, "rebooting for the hundredth time today", MessageContext()) == []
