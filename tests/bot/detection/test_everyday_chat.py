"""Ordinary everyday chat in German, Spanish, French, Dutch, West Frisian and Italian (a software team, an
open-source project, a gaming group, a school class, a family), written for these tests: the detector must
leave it alone, also when it names a member of the channel, or at most note mild swearing at a thing."""

from __future__ import annotations

from pathlib import Path

import pytest
from chat_cases import chat_flags, read_sections

from bot.detection import Detector
from bot.verdict import MessageContext

CASES = Path(__file__).parent / "cases"
LANGUAGES = ("de", "es", "fr", "nl", "fy", "it")
# A question each short answer may be replying to, in its language.
QUESTIONS = {
    "de": "hat das update geklappt?",
    "es": "¿ha funcionado la actualización?",
    "fr": "la mise à jour a marché ?",
    "nl": "is de update gelukt?",
    "fy": "is de update slagge?",
    "it": "l'aggiornamento ha funzionato?",
}
# The members of the channel for [quiet_about_members]: what is said of them there is news, not talk against them.
MEMBERS = MessageContext(members_present=("Anna", "Jelle", "Marta", "Luc", "Pieter", "Giulia"), author="Tom")
# Lines that still fire, each with the reason and who can fix it: a strict xfail, so a fix is noticed.
KNOWN = {
    ("de", "ich bin manchmal echt ein depp 🙈"):
        "bot/detection/toxicity.py: the speaker 'ich bin' is five words from the insult, SELF_REACH is 4 "
        "(5 cost dev F1: germeval 0.627 -> 0.625, de-mhc 0.887 -> 0.886, fr-mlma 0.721 -> 0.720)",
}


SECTIONS = {language: read_sections(CASES / f"everyday_chat_{language}.txt") for language in LANGUAGES}


def _cases(section: str) -> list:
    cases = []
    for language in LANGUAGES:
        for index, text in enumerate(SECTIONS[language].get(section, [])):
            reason = KNOWN.get((language, text))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(language, text, marks=marks, id=f"{language}-{section}-{index}"))
    return cases


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_case_file_is_big_enough_to_mean_something(language: str) -> None:
    quiet = SECTIONS[language]["quiet"]
    assert len(quiet) >= 200
    assert len(set(quiet)) == len(quiet)
    assert SECTIONS[language]["swearing_at_things"] and SECTIONS[language]["quiet_in_reply"]
    assert SECTIONS[language]["quiet_about_members"]


def test_known_failures_are_lines_of_the_case_files() -> None:
    for language, text in KNOWN:
        assert any(text in lines for lines in SECTIONS[language].values()), (language, text)


@pytest.mark.parametrize(("language", "text"), _cases("quiet"))
def test_ordinary_chat_is_left_alone(detector: Detector, language: str, text: str) -> None:
    assert chat_flags(detector, text, MessageContext()) == []


@pytest.mark.parametrize(("language", "text"), _cases("quiet_about_members"))
def test_news_about_a_member_of_the_channel_is_not_talk_against_them(detector: Detector, language: str,
                                                                     text: str) -> None:
    assert chat_flags(detector, text, MEMBERS) == []


@pytest.mark.parametrize(("language", "text"), _cases("quiet_in_reply"))
def test_a_short_answer_alone_or_in_a_reply_is_not_a_retort(detector: Detector, language: str, text: str) -> None:
    assert chat_flags(detector, text, MessageContext(reply_to=QUESTIONS[language])) == []
    assert chat_flags(detector, text, MessageContext()) == []


@pytest.mark.parametrize(("language", "text"), _cases("swearing_at_things"))
def test_swearing_at_a_thing_is_at_most_mild_profanity(detector: Detector, language: str, text: str) -> None:
    flagged = chat_flags(detector, text, MessageContext())
    assert flagged, "swearing is still noted (low), so the highest sensitivity can nudge it"
    assert {(category, severity) for category, severity, _ in flagged} == {("profanity_mild", "low")}
