"""Obfuscated insults are seen through, and their spans point at the obfuscated text as written."""

from __future__ import annotations

import pytest

from bot.detection import Detector
from bot.detection.normalise import normalise
from bot.vocabulary import Category


@pytest.mark.parametrize(("text", "word"), [
    ("you are an 1d10t", "1d10t"),
    ("you are an i d i o t", "i d i o t"),
    ("you are an id\u200biot", "id\u200biot"),
    ("you are an \u0456d\u0456\u043et", "\u0456d\u0456\u043et"),  # Cyrillic i and o
    ("you are an \u00eddi\u00f6t", "\u00eddi\u00f6t"),
    ("you are an IDIOOOOOT", "IDIOOOOOT"),
    ("you are an \uff49\uff44\uff49\uff4f\uff54", "\uff49\uff44\uff49\uff4f\uff54"),  # fullwidth
    ("you are an \U0001f178\U0001f173\U0001f178\U0001f17e\U0001f183", "\U0001f178\U0001f173\U0001f178\U0001f17e\U0001f183"),
    ("you are a f*cking m*ron", "m*ron"),
])
def test_obfuscated_insult_is_found_at_its_original_span(detector: Detector, text: str, word: str) -> None:
    analysis = detector.analyse(text, language="en")
    insults = [f for f in analysis.findings if f.category is Category.INSULT]
    assert insults, text
    spans = {text[f.start:f.end] for f in insults}
    assert any(word in span or span in word for span in spans), spans


def test_emoji_insults_count(detector: Detector) -> None:
    assert Category.INSULT in detector.analyse("you 🤡", language="en").categories


def test_normaliser_maps_every_plain_character_back_to_the_original() -> None:
    text = "Ｈé\u200bllo   W\u00f6rld!!! g r e a t"
    plain = normalise(text)
    assert plain.text == "hello world!!! great"
    start, end = plain.span(plain.text.index("world"), plain.text.index("world") + 5)
    assert text[start:end] == "W\u00f6rld"
    start, end = plain.span(plain.text.index("great"), len(plain.text))
    assert text[start:end] == "g r e a t"


def test_normaliser_leaves_numbers_and_mentions_alone() -> None:
    assert normalise("@bob 2024 x86 ok").text == "@bob 2024 x86 ok"
    assert normalise("").text == ""


def test_typos_and_glued_words_are_seen_through(detector: Detector) -> None:
    assert Category.INSULT in detector.analyse("you are an idoit", language="en").categories  # swapped letters
    assert Category.TOXICITY in detector.analyse("women are a cancr", language="en").categories  # dropped vowel
    assert Category.TOXICITY in detector.analyse("Ihate immigrants", language="en").categories  # no space
    assert Category.INSULT in detector.analyse("du Vollidiot", language="de").categories  # compound


def test_typo_variants_do_not_swallow_ordinary_words(detector: Detector) -> None:
    # "schein" is one dropped letter away from an insult, and an everyday German word.
    assert detector.analyse("Der Schein trügt, das ist alles.", language="de").findings == ()


def test_fully_masked_words_read_as_the_mildest_word_they_could_be(detector: Detector) -> None:
    mild = detector.analyse("the s**t hit the fan", language="en")
    assert [f.category for f in mild.findings] == [Category.PROFANITY_MILD]
    assert Category.INSULT in detector.analyse("you b***h", language="en").categories


def test_slack_emoji_codes_count_as_banter_and_insults(detector: Detector) -> None:
    assert Category.INSULT not in detector.analyse("you muppet :joy:", language="en").categories
    assert Category.INSULT in detector.analyse("you :clown_face:", language="en").categories


def test_a_compound_insult_spans_the_whole_word(detector: Detector) -> None:
    text = "du bist ein Vollidiot"
    insults = [f for f in detector.analyse(text, language="de").findings if f.category is Category.INSULT]
    assert [text[f.start:f.end] for f in insults] == ["Vollidiot"]


def test_emoji_substitutes_take_the_meaning_of_the_word(detector: Detector) -> None:
    assert Category.INSULT in detector.analyse("you are a 🐷", language="en").categories
    assert Category.TOXICITY in detector.analyse("immigrants are 🐀", language="en").categories
    assert detector.analyse("bbq tonight 🐷", language="en").findings == ()
