"""The real detector analyses a message, then the composer builds what the author would be shown."""

from __future__ import annotations

import pytest

from bot.data_files import DataPaths
from bot.detection import Detector
from bot.settings import DEFAULT_DATA_DIR
from bot.suggestions import SuggestionComposer
from bot.texts import Texts
from bot.verdict import MessageContext
from bot.vocabulary import Category, SuggestionKind

CONTEXT = MessageContext(
    channel="eng", channel_size=40, members_present=("Bob", "Marco", "Sanne", "Jelle", "Lena"), author="Carol"
)


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.load(DataPaths(DEFAULT_DATA_DIR))


def by_kind(suggestions) -> dict[SuggestionKind, str]:
    return {suggestion.kind: suggestion.text for suggestion in suggestions}


def test_an_insult_is_softened_and_the_rest_of_the_message_survives(
    detector: Detector, composer: SuggestionComposer
) -> None:
    text = "Bob, you're an idiot, the build is red again."
    analysis = detector.analyse(text, CONTEXT)
    assert Category.INSULT in analysis.categories
    suggestions = by_kind(composer.compose(text, analysis, CONTEXT, recent_topics=["the release checklist"]))
    assert "idiot" not in suggestions[SuggestionKind.CORRECTION]
    assert suggestions[SuggestionKind.CORRECTION].startswith("Bob, ")
    assert suggestions[SuggestionKind.CORRECTION].endswith(", the build is red again.")
    assert suggestions[SuggestionKind.APOLOGY].startswith("Bob, ")
    assert "#eng" in suggestions[SuggestionKind.APOLOGY]
    assert "the release checklist" in suggestions[SuggestionKind.TOPIC_CHANGE]


@pytest.mark.parametrize(
    "text",
    ["password=Hunter2Hunter2!", "my number is +39 333 123 4567, call me"],
)
def test_detected_secrets_and_personal_data_never_reach_a_suggestion(
    detector: Detector, composer: SuggestionComposer, text: str
) -> None:
    analysis = detector.analyse(text, CONTEXT)
    leaks = [f for f in analysis.findings if f.category in (Category.SECRET, Category.PII)]
    assert leaks
    suggestions = composer.compose(text, analysis, CONTEXT, recent_topics=[text, "lunch"])
    assert suggestions[0].kind is SuggestionKind.DELETE
    for leak in leaks:
        raw = text[leak.start : leak.end]
        for suggestion in suggestions:
            assert raw not in suggestion.text
        assert raw not in composer.explain(leak, "en")


@pytest.mark.parametrize(
    ("text", "language", "person"),
    [
        ("Marco sei un idiota, hai rotto tutto", "it", "Marco"),
        ("Sanne, je bent een idioot", "nl", "Sanne"),
        ("Lena, du bist ein Idiot", "de", "Lena"),
    ],
)
def test_drafts_come_in_the_language_of_the_message(
    detector: Detector, composer: SuggestionComposer, texts: Texts, text: str, language: str, person: str
) -> None:
    analysis = detector.analyse(text, CONTEXT)
    assert analysis.language == language
    suggestions = by_kind(composer.compose(text, analysis, CONTEXT))
    apology = suggestions[SuggestionKind.APOLOGY]
    assert apology.startswith(f"{person}, ")
    where = texts.get(language, "apology.where", channel="#eng")
    things = {
        texts.get(language, f"{family}.{category.value}", where=where)
        for category in analysis.categories
        for family in ("apology.thing", "apology.thing_to")
        if texts.has(f"{family}.{category.value}")
    }
    assert any(thing in apology for thing in things)
    assert suggestions[SuggestionKind.TOPIC_CHANGE] in texts.variants(language, "topic.general")


def test_the_same_message_gets_the_same_suggestions(detector: Detector, composer: SuggestionComposer) -> None:
    text = "THIS IS UNACCEPTABLE!!! Fix it now Bob"
    analysis = detector.analyse(text, CONTEXT)
    first = composer.compose(text, analysis, CONTEXT)
    assert first == composer.compose(text, detector.analyse(text, CONTEXT), CONTEXT)
    correction = by_kind(first)[SuggestionKind.CORRECTION]
    assert "!!!" not in correction and "UNACCEPTABLE" not in correction
    assert correction.endswith("Fix it now Bob")
