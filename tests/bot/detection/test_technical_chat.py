"""Ordinary technical chat (support channels, Rust, a payments API, meetings) written for these tests: the
detector must leave it alone, or at most note mild swearing at a thing, never an insult."""

from __future__ import annotations

from pathlib import Path

import pytest
from chat_cases import chat_flags, read_sections

from bot.detection import Detector
from bot.verdict import MessageContext

CASES = Path(__file__).parent / "cases" / "technical_chat_en.txt"


SECTIONS = read_sections(CASES)
QUIET = SECTIONS["quiet"]
SWEARING = SECTIONS["swearing_at_things"]
QUIET_IN_REPLY = SECTIONS["quiet_in_reply"]


def test_the_case_file_is_big_enough_to_mean_something() -> None:
    assert len(QUIET) >= 250
    assert len(set(QUIET)) == len(QUIET)


@pytest.mark.parametrize("text", QUIET)
def test_ordinary_technical_chat_is_left_alone(detector: Detector, text: str) -> None:
    assert chat_flags(detector, text, MessageContext()) == []


@pytest.mark.parametrize("text", QUIET_IN_REPLY)
def test_a_short_answer_in_a_reply_is_not_a_retort(detector: Detector, text: str) -> None:
    # "fine", "whatever", "k" answer a question far more often than they snub anyone: alone they nudge no one.
    context = MessageContext(reply_to="did the upgrade work?")
    assert chat_flags(detector, text, context) == []
    assert chat_flags(detector, text, MessageContext()) == []


@pytest.mark.parametrize("text", SWEARING)
def test_swearing_at_a_thing_is_at_most_mild_profanity(detector: Detector, text: str) -> None:
    flagged = chat_flags(detector, text, MessageContext())
    assert flagged, "swearing is still noted (low), so the highest sensitivity can nudge it"
    assert {(category, severity) for category, severity, _ in flagged} == {("profanity_mild", "low")}


def test_repeating_oneself_is_a_jab_only_when_said_to_someone(detector: Detector) -> None:
    reply = MessageContext(reply_to="where is the config?")
    jab = chat_flags(detector, "for the hundredth time, the config lives in the repo", reply)
    assert [category for category, _, _ in jab] == ["passive_aggressive"]
    assert chat_flags(detector, "rebooting for the hundredth time today", MessageContext()) == []
