"""Insults against their look-alikes: self-deprecation, negation, reporting, banter; swearing at things."""

from __future__ import annotations

import pytest

from bot.detection import Detector
from bot.vocabulary import Category, Severity

TOXIC = {Category.INSULT, Category.TOXICITY, Category.PROFANITY_MILD}



def toxic_categories(detector: Detector, text: str, language: str = "en") -> set[Category]:
    return {f.category for f in detector.analyse(text, language=language).findings if f.category in TOXIC}


@pytest.mark.parametrize("text", [
    "you are an idiot",
    "you're such a moron, seriously",
    "shut up, you clown",
    "you are a fucking idiot",
])
def test_insults_aimed_at_a_person_are_insults(detector: Detector, text: str) -> None:
    assert Category.INSULT in toxic_categories(detector, text)


@pytest.mark.parametrize("text", [
    "sorry I was stupid, fixed now",
    "I'm such an idiot, forgot to push",
    "ugh, I feel like a moron today",
])
def test_self_deprecation_is_not_an_insult(detector: Detector, text: str) -> None:
    assert toxic_categories(detector, text) == set()


@pytest.mark.parametrize("text", ["you're not an idiot", "you are never a fool for asking"])
def test_negated_insults_are_not_insults(detector: Detector, text: str) -> None:
    assert toxic_categories(detector, text) == set()


@pytest.mark.parametrize("text", [
    "someone called me an idiot in #random",
    "he told me I was a moron, can you believe it",
])
def test_reported_abuse_is_not_an_insult(detector: Detector, text: str) -> None:
    assert toxic_categories(detector, text) == set()


def test_banter_with_clear_markers_is_not_an_insult(detector: Detector) -> None:
    assert toxic_categories(detector, "you absolute legend 😂") == set()
    assert toxic_categories(detector, "you muppet 😂 that was hilarious") == set()
    # Without the marker the same words are an insult: the marker is what makes the difference.
    assert Category.INSULT in toxic_categories(detector, "you muppet, that was pathetic")


def test_profanity_at_a_thing_is_mild_and_at_a_person_an_insult(detector: Detector) -> None:
    thing = detector.analyse("this fucking printer jammed again", language="en")
    assert [(f.category, f.severity) for f in thing.findings] == [(Category.PROFANITY_MILD, Severity.LOW)]
    person = detector.analyse("fuck you", language="en")
    assert Category.INSULT in person.categories
    assert Category.PROFANITY_MILD not in person.categories


def test_threats_and_hate_against_groups_are_toxicity_high(detector: Detector) -> None:
    for text in ("I will kill you", "immigrants are vermin", "I hate muslims", "women should be shot"):
        analysis = detector.analyse(text, language="en")
        toxic = [f for f in analysis.findings if f.category is Category.TOXICITY]
        assert toxic, text
        assert all(f.severity is Severity.HIGH for f in toxic)


def test_neutral_and_positive_mentions_of_groups_are_fine(detector: Detector) -> None:
    for text in ("immigrants are welcome here", "I love working with women engineers", "muslims celebrate eid"):
        assert toxic_categories(detector, text) == set(), text


@pytest.mark.parametrize("text", [
    "Cockburn is presenting the assessment today",
    "the classic bass line in Scunthorpe",
    "Dick Van Dyke was in Mary Poppins",
])
def test_scunthorpe_names_and_words_never_fire_in_english(detector: Detector, text: str) -> None:
    assert detector.analyse(text, language="en").findings == ()


@pytest.mark.parametrize("text", [
    "run kill -9 1234 on the stuck child process",
    "merge it into the master branch and push",
    "abort the rebase, then execute the script again",
    "the parent process reaps every child process",
    "kill the process and hang up",
])
def test_technical_vocabulary_never_fires(detector: Detector, text: str) -> None:
    assert detector.analyse(text).findings == ()


def test_dutch_words_containing_kut_never_fire(detector: Detector) -> None:
    for text in ("Ashton Kutcher speelt in die film", "We vliegen morgen naar Kutaisi", "zijn oma heeft borstkanker"):
        assert toxic_categories(detector, text, "nl") == set(), text
    # The word itself, aimed at someone, does.
    assert toxic_categories(detector, "wat een kutwijf ben jij", "nl")


def test_german_tail_is_not_a_swear_word(detector: Detector) -> None:
    assert toxic_categories(detector, "Der Hund wedelt mit dem Schwanz", "de") == set()
    assert toxic_categories(detector, "Der Pfau zeigt seinen prächtigen Schwanz", "de") == set()


def test_spanish_catching_the_bus_never_fires(detector: Detector) -> None:
    assert toxic_categories(detector, "Voy a coger el autobús de las ocho", "es") == set()


def test_negative_words_about_a_third_person(detector: Detector) -> None:
    assert Category.INSULT in toxic_categories(detector, "he's useless, honestly")
    assert toxic_categories(detector, "this script is useless") == set()


@pytest.mark.parametrize(("text", "language"), [
    ("don't be an idiot", "en"),
    ("sei nicht so ein Idiot", "de"),
    ("doe niet zo debiel", "nl"),
])
def test_a_negated_imperative_is_still_an_insult(detector: Detector, text: str, language: str) -> None:
    assert Category.INSULT in toxic_categories(detector, text, language)


@pytest.mark.parametrize(("text", "language"), [("du bist kein Idiot", "de"), ("jij bent geen idioot", "nl")])
def test_negated_insults_in_german_and_dutch(detector: Detector, text: str, language: str) -> None:
    assert toxic_categories(detector, text, language) == set()
