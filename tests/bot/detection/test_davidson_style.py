"""Tweet-style spellings of abusive words (stressed letters, informal plurals, rarer slurs and vulgar words)
are seen, while ordinary words that such spellings resemble stay quiet."""

from __future__ import annotations

import pytest

from bot.detection import Detector
from bot.detection.lexicon import _tweet_spellings
from bot.vocabulary import Category, Severity

TOXIC = {Category.INSULT, Category.TOXICITY, Category.PROFANITY_MILD}



def toxic(detector: Detector, text: str) -> set[Category]:
    return {f.category for f in detector.analyse(text, language="en").findings if f.category in TOXIC}


@pytest.mark.parametrize("text", [
    "she such a bitchh",      # doubled last letter for stress
    "these hoess everywhere",
    "that's some shiit",      # doubled vowel
    "bunch of tards",         # plain plural of a listed singular
    "stupid biches",
    "lil thotties",
])
def test_tweet_spellings_of_listed_words_are_seen(detector: Detector, text: str) -> None:
    assert toxic(detector, text)


@pytest.mark.parametrize("text", [
    "you sissy",
    "he is a fatass",
    "go back home you wogs",
])
def test_rarer_insults_and_slurs_are_seen(detector: Detector, text: str) -> None:
    assert toxic(detector, text) & {Category.INSULT, Category.TOXICITY}


def test_vulgar_word_at_nobody_is_only_low_profanity(detector: Detector) -> None:
    findings = [(f.category, f.severity) for f in detector.analyse("feeling horny tonight lol", language="en").findings]
    assert findings == [(Category.PROFANITY_MILD, Severity.LOW)]


@pytest.mark.parametrize("text", [
    "these jeans are looser than the old ones",   # not "loser" with a stressed o
    "woops, wrong channel",
    "she graduated summa cum laude",
    "can you assess the damage before the release?",
    "the tramp stamp joke got old years ago",
])
def test_ordinary_words_that_look_like_stressed_spellings_stay_quiet(detector: Detector, text: str) -> None:
    assert toxic(detector, text) == set()


def test_stressed_o_is_never_generated() -> None:
    # "oo" turns too many insults into real words ("loser" -> "looser", "wops" -> "woops").
    assert "looser" not in _tweet_spellings("loser", "insult")
    assert "loserr" in _tweet_spellings("loser", "insult")


def test_profanity_gets_no_plural_spelling() -> None:
    assert "cocks" in _tweet_spellings("cock", "insult_strong")
    assert not any(spelling.endswith("z") for spelling in _tweet_spellings("cock", "profanity"))
