"""Frisian chat lines are told from Dutch and English; a few English phrasings that used to slip through."""

from __future__ import annotations

import pytest

from bot.detection import Detector
from bot.verdict import MessageContext
from bot.vocabulary import Category, Severity


@pytest.mark.parametrize(("text", "language"), [
    ("do bist in idioat", "fy"),
    ("it spyt my, ik hie dat net sizze moatten", "fy"),
    ("hoe giet it mei dy?", "fy"),
    ("wy moatte moarn de release dwaan", "fy"),
    ("Jelle is in idioat en syn koade is rommel", "fy"),
    ("Jelle is in idioat", "fy"),
    ("hoe gaat het met je?", "nl"),
    ("ik heb dat niet goed gedaan", "nl"),
    ("je bent een sukkel", "nl"),
    ("ik zit in de trein", "nl"),
    ("I left my keys in the car", "en"),
    ("Ich bin in der Küche", "de"),
])
def test_short_frisian_lines_are_told_from_dutch_english_and_german(detector: Detector, text: str,
                                                                      language: str) -> None:
    assert detector.analyse(text).language == language


def test_frisian_insult_about_a_colleague_is_found_in_frisian(detector: Detector) -> None:
    analysis = detector.analyse("Jelle is in idioat")
    assert analysis.language == "fy"
    assert [finding.category for finding in analysis.findings] == [Category.INSULT]


def test_wishing_the_people_present_get_fired_is_an_insult(detector: Detector) -> None:
    analysis = detector.analyse("I hope you all get fired")
    assert [(finding.category, finding.severity) for finding in analysis.findings] == [
        (Category.INSULT, Severity.MEDIUM)]


def test_a_self_directed_insult_is_still_excused(detector: Detector) -> None:
    assert detector.analyse("I was such an idiot yesterday").findings == ()


def test_what_the_hell_is_this_is_mild_profanity_only(detector: Detector) -> None:
    analysis = detector.analyse("What the hell is this")
    assert [(finding.category, finding.severity) for finding in analysis.findings] == [
        (Category.PROFANITY_MILD, Severity.LOW)]
    assert detector.analyse("hell yeah, shipped it").findings == ()


def test_someone_elses_news_with_do_not_tell_anyone_in_public_is_private_in_public(detector: Detector) -> None:
    public = MessageContext(channel="general", channel_size=40, members_present=("alice", "bob"),
                            author="carol", is_public=True)
    analysis = detector.analyse("Alice is pregnant, do not tell anyone", public)
    assert [(finding.category, finding.severity, finding.rule) for finding in analysis.findings] == [
        (Category.PRIVATE_IN_PUBLIC, Severity.MEDIUM, "private.health")]
    assert detector.analyse("Alice is pregnant, do not tell anyone",
                            public.model_copy(update={"is_public": False})).findings == ()
    # Only the plea for secrecy: a low finding, as before.
    assert [finding.severity for finding in detector.analyse("do not tell anyone yet", public).findings] == [
        Severity.LOW]


CHANNEL = MessageContext(channel="general", channel_size=40, members_present=("alice", "bob"), author="carol")


@pytest.mark.parametrize(("text", "replied"), [
    ("his PR is garbage", "Bob opened a PR for the cache"),
    ("Bob pushed again. His PR is garbage", None),
])
def test_his_or_her_work_after_a_member_was_named_is_about_a_present_person(
        detector: Detector, text: str, replied: str | None) -> None:
    analysis = detector.analyse(text, CHANNEL.model_copy(update={"reply_to": replied}))
    assert [(finding.category, finding.severity) for finding in analysis.findings] == [
        (Category.ABOUT_PRESENT_PERSON, Severity.MEDIUM)]


@pytest.mark.parametrize(("text", "replied"), [
    ("his PR is garbage", None),  # nobody named: "his" could be anyone
    ("Dave pushed again. his PR is garbage", None),  # Dave is not in the channel
    ("his PR is not garbage", "Bob opened a PR for the cache"),
    ("his PR is garbage", "Carol opened a PR for the cache"),  # the author's own name
    ("Bob is back. His laptop is terrible", None),  # not his work
])
def test_his_or_her_without_a_member_named_is_not_nudged(detector: Detector, text: str,
                                                           replied: str | None) -> None:
    analysis = detector.analyse(text, CHANNEL.model_copy(update={"reply_to": replied}))
    assert Category.ABOUT_PRESENT_PERSON not in analysis.categories
