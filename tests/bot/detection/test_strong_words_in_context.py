"""Strong words that context excuses as insults still count as regrettable wording (low), except as
counter-speech; handles and links do not sway language identification."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.data_files import DataPaths
from bot.detection import Detector
from bot.vocabulary import Category, Severity

DATA = Path(__file__).resolve().parents[3] / "data"
TOXIC = {Category.INSULT, Category.TOXICITY, Category.PROFANITY_MILD}


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.load(DataPaths(DATA))


def toxic(detector: Detector, text: str, language: str | None = "en") -> list[tuple[Category, Severity]]:
    return [(f.category, f.severity) for f in detector.analyse(text, language=language).findings
            if f.category in TOXIC]


@pytest.mark.parametrize("text", [
    "I'm a total bitch before my first coffee",
    "my landlord keeps calling me a bitch",
    "he called me a fucking cunt in front of everyone",
])
def test_strong_words_in_self_or_reported_speech_are_low_profanity(detector: Detector, text: str) -> None:
    assert set(toxic(detector, text)) == {(Category.PROFANITY_MILD, Severity.LOW)}


@pytest.mark.parametrize("text", [
    "sorry I was stupid, fixed now",
    "someone called me an idiot in #random",
    "you muppet 😂 that was hilarious",
])
def test_mild_words_stay_excused(detector: Detector, text: str) -> None:
    assert toxic(detector, text) == []


@pytest.mark.parametrize("text", [
    'People who message me things like "you are just a cunt" get blocked right away.',
    "It's really not okay to keep calling people a cunt.",
])
def test_counter_speech_about_a_strong_word_stays_unflagged(detector: Detector, text: str) -> None:
    assert toxic(detector, text) == []


def test_strong_word_aimed_at_someone_is_still_an_insult(detector: Detector) -> None:
    assert (Category.INSULT, Severity.HIGH) in toxic(detector, "shut up you bitch")


def test_handles_do_not_decide_the_language_of_a_short_message(detector: Detector) -> None:
    # A Spanish-looking handle must not make a one-word English slur "Spanish" and unseen.
    analysis = detector.analyse("@Jorge_Alvarez_99 faggot")
    assert any(f.category is Category.TOXICITY for f in analysis.findings)
    assert detector.analyse("@Jorge_Alvarez_99 thanks, merged").findings == ()
