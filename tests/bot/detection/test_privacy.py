"""PrivateInPublicDetector: private matters posted in a public channel, in each language; silent in private."""

from __future__ import annotations

import pytest

from bot.data_files import DataPaths
from bot.detection.privacy import PrivateInPublicDetector
from bot.settings import DEFAULT_DATA_DIR
from bot.verdict import MessageContext
from bot.vocabulary import Category, Severity

PUBLIC = MessageContext(channel="general", channel_size=80, is_public=True)


@pytest.fixture(scope="module")
def detector() -> PrivateInPublicDetector:
    return PrivateInPublicDetector.load(DataPaths(DEFAULT_DATA_DIR))


@pytest.mark.parametrize(("text", "language", "phrase", "severity"), [
    ("between you and me, the reorg is a mess", "en", "between you and me", Severity.LOW),
    ("My salary went up, finally", "en", "My salary", Severity.MEDIUM),
    ("love you babe, see you tonight", "en", "love you babe", Severity.LOW),
    ("il mio stipendio è ridicolo", "it", "il mio stipendio", Severity.MEDIUM),
    ("non dirlo a nessuno ma me ne vado", "it", "non dirlo a nessuno", Severity.LOW),
    ("mi psiquiatra dice que descanse", "es", "mi psiquiatra", Severity.MEDIUM),
    ("mon diagnostic est tombé hier", "fr", "mon diagnostic", Severity.MEDIUM),
    ("das bleibt unter uns, okay?", "de", "bleibt unter uns", Severity.LOW),
    ("mijn salaris is te laag", "nl", "mijn salaris", Severity.MEDIUM),
    ("dit is fertroulik, sis it net troch", "fy", "dit is fertroulik", Severity.LOW),
])
def test_private_phrases_are_found_in_each_language(detector, text, language, phrase, severity) -> None:
    [finding] = detector.detect(text, language, PUBLIC)
    assert finding.category is Category.PRIVATE_IN_PUBLIC
    assert text[finding.start:finding.end] == phrase
    assert finding.severity is severity


def test_english_phrases_are_found_in_a_message_of_another_language(detector) -> None:
    assert len(detector.detect("ok ragazzi, between you and me: domani niente riunione", "it", PUBLIC)) == 1


def test_nothing_is_reported_in_a_private_channel_or_a_conversation_of_two(detector) -> None:
    text = "between you and me, my salary is a joke"
    assert detector.detect(text, "en", MessageContext(is_public=False)) == []
    assert detector.detect(text, "en", MessageContext(channel_size=2)) == []
    assert len(detector.detect(text, "en", PUBLIC)) == 2


@pytest.mark.parametrize(("text", "language"), [
    ("certains d'entre nous travaillent demain", "fr"),
    ("my salaryman novel is out", "en"),
    ("the therapy dog visits on Friday", "en"),
    ("ich verdiene das nicht zu hören", "de"),
])
def test_ordinary_sentences_that_share_words_are_left_alone(detector, text, language) -> None:
    assert detector.detect(text, language, PUBLIC) == []


@pytest.mark.parametrize(("text", "language"), [
    ("my test results are all green now", "en"), ("we broke up the monolith last year", "en"),
    ("ci siamo lasciati alle spalle il bug", "it"), ("lo dejamos para el lunes", "es"),
    ("on a rompu avec notre ancien hébergeur", "fr"), ("het is uit de hand gelopen met de backlog", "nl"),
    ("mon solde de congés est à jour", "fr"),
])
def test_work_sentences_that_share_a_private_phrase_are_left_alone(detector, text, language) -> None:
    assert detector.detect(text, language, PUBLIC) == []


@pytest.mark.parametrize(("text", "language"), [
    ("my girlfriend and i broke up on Sunday", "en"), ("io e Marco ci siamo lasciati", "it"),
    ("mi novia y yo lo dejamos en verano", "es"), ("het is uit tussen ons", "nl"),
])
def test_a_break_up_is_still_private(detector, text, language) -> None:
    assert len(detector.detect(text, language, PUBLIC)) == 1
