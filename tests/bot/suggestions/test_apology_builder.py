"""Apology drafts own the mistake, name the thing and the people, make no excuses and stay short."""

from __future__ import annotations

import re

import pytest

from bot.suggestions.apology import MAX_LENGTH, build_apology
from bot.texts import Texts
from bot.verdict import MessageContext
from bot.vocabulary import Category, Severity

from .conftest import finding_for

EXCUSES = {
    "en": [r"\bif\b", r"\bbut\b", r"offend", r"\bjust\b", r"\bwhatever\b"],
    "it": [r"\bse\b", r"\bma\b", r"offes", r"\bperò\b"],
    "es": [r"\bsi\b", r"\bpero\b", r"ofendi"],
    "fr": [r"\bsi\b", r"\bmais\b", r"offens", r"vex"],
    "de": [r"\bwenn\b", r"\bfalls\b", r"\baber\b", r"beleidigt"],
    "nl": [r"\bals\b", r"\bmaar\b", r"beledigd", r"gekwetst"],
    "fy": [r"\bas\b", r"\bmar\b", r"\bbeledige\b"],
}
CONTEXT = MessageContext(channel="eng", members_present=("Bob", "Ana", "Carol"), author="Carol")


def test_the_apology_names_the_person_the_thing_and_the_place(texts: Texts) -> None:
    text = "Bob, your PR is garbage"
    draft = build_apology(text, [finding_for(text, "garbage", Category.INSULT)], CONTEXT, texts, "en")
    assert draft is not None
    assert draft.startswith("Bob, ")
    assert "#eng" in draft
    assert re.search(r"\bI\b", draft)


def test_without_named_people_the_general_draft_still_names_the_thing(texts: Texts) -> None:
    text = "my key is sk_live_0123456789abcdefghij"
    finding = finding_for(text, "sk_live_0123456789abcdefghij", Category.SECRET, Severity.HIGH)
    draft = build_apology(text, [finding], MessageContext(channel="#ops"), texts, "en")
    assert draft is not None
    assert "the credentials I pasted in #ops" in draft
    assert "sk_live" not in draft


def test_the_author_and_absent_people_are_not_addressed(texts: Texts) -> None:
    text = "Carol here: Dave is clueless"
    draft = build_apology(text, [finding_for(text, "clueless", Category.INSULT)], CONTEXT, texts, "en")
    assert draft is not None
    assert "Carol" not in draft and "Dave" not in draft


def test_several_people_are_joined_naturally(texts: Texts) -> None:
    text = "Bob and Ana wrote garbage"
    draft = build_apology(text, [finding_for(text, "garbage", Category.INSULT)], CONTEXT, texts, "en")
    assert draft is not None and draft.startswith("Bob and Ana, ")


def test_the_most_serious_finding_is_what_the_apology_is_about(texts: Texts) -> None:
    text = "damn, my password is Tr0ub4dor&3xyz"
    findings = [
        finding_for(text, "damn", Category.PROFANITY_MILD, Severity.LOW),
        finding_for(text, "Tr0ub4dor&3xyz", Category.SECRET, Severity.HIGH),
    ]
    draft = build_apology(text, findings, None, texts, "en")
    assert draft is not None and "credentials" in draft


def test_an_over_apology_gets_no_apology_draft(texts: Texts) -> None:
    text = "sorry to bother you, quick question"
    finding = finding_for(text, "sorry to bother you", Category.OVER_APOLOGY, Severity.LOW)
    assert build_apology(text, [finding], CONTEXT, texts, "en") is None


@pytest.mark.parametrize("language", sorted(EXCUSES))
@pytest.mark.parametrize("category", [c for c in Category if c is not Category.OVER_APOLOGY])
def test_every_draft_is_short_and_free_of_excuses(texts: Texts, language: str, category: Category) -> None:
    long_channel = MessageContext(
        channel="a-rather-long-channel-name-for-x", members_present=("Maximiliane", "Bartholomew", "Annabel")
    )
    for number in range(12):
        text = f"Maximiliane, Bartholomew and Annabel: message {number} here"
        finding = finding_for(text, "message", category)
        for context in (None, CONTEXT, long_channel):
            draft = build_apology(text, [finding], context, texts, language)
            assert draft is not None
            assert len(draft) <= MAX_LENGTH, draft
            for pattern in EXCUSES[language]:
                assert not re.search(pattern, draft, re.IGNORECASE), (pattern, draft)


def test_the_same_message_always_gets_the_same_draft_and_messages_vary(texts: Texts) -> None:
    drafts = set()
    for number in range(30):
        text = f"that was a dumb take number {number}"
        finding = finding_for(text, "dumb", Category.INSULT)
        first = build_apology(text, [finding], CONTEXT, texts, "en")
        assert build_apology(text, [finding], CONTEXT, texts, "en") == first
        drafts.add(first)
    assert len(drafts) == len(texts.variants("en", "apology.hurt.general"))


@pytest.mark.parametrize("channel", ["C024BE91L", "112233445566778899"])
def test_a_channel_id_is_never_named_as_the_place(texts: Texts, channel: str) -> None:
    text = "you are a clown"
    draft = build_apology(text, [finding_for(text, "clown", Category.INSULT)], MessageContext(channel=channel), texts, "en")
    assert draft is not None and channel not in draft and "#" not in draft
