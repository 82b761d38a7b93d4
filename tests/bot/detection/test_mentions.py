"""MassMentionDetector: needless @here/@channel/@everyone by channel size; urgent news excuses them."""

from __future__ import annotations

import pytest

from bot.data_files import DataPaths
from bot.detection.mentions import MassMentionDetector
from bot.settings import DEFAULT_DATA_DIR
from bot.verdict import MessageContext
from bot.vocabulary import Category, Severity


@pytest.fixture(scope="module")
def detector() -> MassMentionDetector:
    return MassMentionDetector.load(DataPaths(DEFAULT_DATA_DIR))


@pytest.mark.parametrize(("size", "severity"), [(8, Severity.LOW), (60, Severity.MEDIUM), (900, Severity.HIGH),
                                                (None, Severity.LOW)])
def test_severity_grows_with_the_channel(detector, size, severity) -> None:
    text = "@here anyone up for lunch?"
    [finding] = detector.detect(text, "en", MessageContext(channel_size=size))
    assert finding.category is Category.MASS_MENTION and finding.severity is severity
    assert text[finding.start:finding.end] == "@here"
    assert finding.replacement == ""


@pytest.mark.parametrize("text", ["@channel who took my mug", "hey @everyone, cake in the kitchen",
                                  "<!here> lunch?", "<!channel|channel> new stickers", "<!everyone> photos are up"])
def test_typed_and_encoded_forms_are_found(detector, text) -> None:
    findings = detector.detect(text, "en", MessageContext(channel_size=300))
    assert len(findings) == 1 and findings[0].severity is Severity.HIGH


@pytest.mark.parametrize(("text", "language"), [
    ("@here prod is down, incident channel is #inc-42", "en"),
    ("@channel security patch tonight, please read", "en"),
    ("@here il server è giù, urgente", "it"),
    ("@everyone la base de datos está caída, urgente", "es"),
    ("@here panne de la prod, on regarde", "fr"),
    ("@channel Störung im Rechenzentrum", "de"),
    ("@here de site ligt eruit", "nl"),
    ("@here de server leit der út, driuwend", "fy"),
])
def test_an_outage_or_urgent_announcement_justifies_the_mention(detector, text, language) -> None:
    assert detector.detect(text, language, MessageContext(channel_size=500)) == []


@pytest.mark.parametrize("text", ["mail me at me@here.com", "I'm here, channel 4", "the @here-docs repo",
                                  "see you there everyone"])
def test_addresses_and_plain_words_are_not_mass_mentions(detector, text) -> None:
    assert detector.detect(text, "en", MessageContext(channel_size=500)) == []


def test_a_team_of_a_few_is_not_bothered_by_a_mass_mention(detector) -> None:
    text = "@here standup moved to the small room"
    assert detector.detect(text, "en", MessageContext(channel_size=5)) == []
    assert len(detector.detect(text, "en", MessageContext(channel_size=6))) == 1


@pytest.mark.parametrize(("text", "language"), [
    ("@channel cake in the kitchen today", "en"), ("@here chi gioca a calcetto oggi?", "it"),
    ("@everyone wer will heute Kuchen?", "de"), ("@here wie gaat er vandaag mee naar de markt?", "nl"),
])
def test_a_day_word_alone_does_not_make_a_mention_urgent(detector, text, language) -> None:
    assert len(detector.detect(text, language, MessageContext(channel_size=300))) == 1
