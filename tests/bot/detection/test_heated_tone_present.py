"""Heated tone, passive aggression and negative talk about someone present in the channel."""

from __future__ import annotations

import pytest

from bot.detection import Detector
from bot.verdict import MessageContext
from bot.vocabulary import Category, Severity


def test_shouting_with_exclamation_runs_is_heated(detector: Detector) -> None:
    analysis = detector.analyse("WHY IS THIS STILL BROKEN?!?! NOBODY TESTED IT!!!", language="en")
    assert Category.HEATED in analysis.categories


def test_calm_messages_and_acronyms_are_not_heated(detector: Detector) -> None:
    for text in ("the PCI bus and the DNS server are fine", "thanks! that worked", "OK"):
        assert Category.HEATED not in detector.analyse(text, language="en").categories, text


@pytest.mark.parametrize("text", [
    "HAPPY BIRTHDAY ANNA!!! 🎂", "CONGRATULATIONS ON THE RELEASE!!!", "WE DID IT!!! :tada:",
    "ENDLICH FREITAG!!! 🎉", "FELIZ CUMPLEAÑOS MARTA!!!", "JOYEUX ANNIVERSAIRE!!!", "TANTI AUGURI GIULIA!!!",
    "GEFELICITEERD PIETER!!!", "LOKWINSKE JELLE!!! 🥳",
])
def test_shouting_for_joy_is_not_heated(detector: Detector, text: str) -> None:
    for context in (None, MessageContext(reply_to="Anna")):
        assert Category.HEATED not in detector.analyse(text, context).categories, (text, context)


def test_a_celebration_word_does_not_cool_an_escalation(detector: Detector) -> None:
    analysis = detector.analyse("THIS IS UNACCEPTABLE!!! congrats on breaking prod again", language="en")
    assert Category.HEATED in analysis.categories


def test_escalation_words_are_heated_in_replies(detector: Detector) -> None:
    text = "this is ridiculous"
    alone = detector.analyse(text, language="en")
    reply = detector.analyse(text, MessageContext(reply_to="we moved the deadline"), language="en")
    assert Category.HEATED not in alone.categories
    assert Category.HEATED in reply.categories


def test_heated_replies_weigh_more(detector: Detector) -> None:
    text = "This is unacceptable!!! Are you kidding me?"
    alone = [f for f in detector.analyse(text, language="en").findings if f.category is Category.HEATED]
    reply = [f for f in detector.analyse(text, MessageContext(reply_to="fyi"), language="en").findings
             if f.category is Category.HEATED]
    assert alone and reply
    assert reply[0].severity.rank > alone[0].severity.rank


def test_passive_aggressive_phrases(detector: Detector) -> None:
    analysis = detector.analyse("Per my last email, the numbers are in the sheet.", language="en")
    assert [(f.category, f.severity) for f in analysis.findings] == [(Category.PASSIVE_AGGRESSIVE, Severity.LOW)]
    assert detector.analyse("Wie bereits gesagt, die Zahlen stehen im Sheet.", language="de").categories == (
        Category.PASSIVE_AGGRESSIVE,)


def test_negative_talk_about_someone_present(detector: Detector) -> None:
    text = "honestly Bob is useless at reviews"
    present = detector.analyse(text, MessageContext(members_present=("Bob", "Alice"), author="Carol"), language="en")
    findings = [f for f in present.findings if f.category is Category.ABOUT_PRESENT_PERSON]
    assert findings and text[findings[0].start:findings[0].end].startswith("Bob")
    absent = detector.analyse(text, MessageContext(members_present=("Alice",)), language="en")
    assert Category.ABOUT_PRESENT_PERSON not in absent.categories


def test_talking_to_the_person_is_not_about_them(detector: Detector) -> None:
    analysis = detector.analyse("Bob, you are useless", MessageContext(members_present=("Bob",)), language="en")
    assert Category.ABOUT_PRESENT_PERSON not in analysis.categories
    assert Category.INSULT in analysis.categories


def test_praise_of_someone_present_is_fine(detector: Detector) -> None:
    analysis = detector.analyse("Bob did a great job on the release", MessageContext(members_present=("Bob",)),
                                language="en")
    assert analysis.findings == ()


@pytest.mark.parametrize(("text", "language"), [
    ("unbelievable result, well done everyone", "en"),
    ("ongelooflijk snel, die nieuwe laptops", "nl"),
    ("basta un riavvio e riparte", "it"),
])
def test_a_lone_surprise_word_the_sentence_runs_on_from_is_not_heated_in_a_reply(detector, text, language) -> None:
    reply = MessageContext(reply_to="the new release is out")
    assert Category.HEATED not in detector.analyse(text, reply, language=language).categories


@pytest.mark.parametrize("text", ["unbelievable.", "unbelievable, who approved this?", "that is insane, you idiot"])
def test_a_lone_escalation_word_that_ends_a_sentence_or_presses_is_heated_in_a_reply(detector, text) -> None:
    reply = MessageContext(reply_to="we skipped the review")
    assert Category.HEATED in detector.analyse(text, reply, language="en").categories


@pytest.mark.parametrize(("text", "language"), [
    ("if you say so.", "en"), ("you could have run the tests, just saying.", "en"),
    ("Si tu le dis.", "fr"), ("na wenn du meinst", "de"), ("nou fijn voor je", "nl"),
])
def test_stand_alone_retorts_are_passive_aggressive(detector, text, language) -> None:
    assert Category.PASSIVE_AGGRESSIVE in detector.analyse(text, language=language).categories


@pytest.mark.parametrize(("text", "language"), [
    ("just saying thanks for the help", "en"), ("si tu le dis à Marie, elle viendra", "fr"),
    ("wenn du meinst, dass es klemmt, sag Bescheid", "de"), ("fijn voor je dat je weer beter bent", "nl"),
    ("ti ricordo che il treno parte alle otto", "it"),
])
def test_the_ordinary_sentences_those_retorts_resemble_are_not(detector, text, language) -> None:
    assert Category.PASSIVE_AGGRESSIVE not in detector.analyse(text, language=language).categories


def test_a_negation_in_another_clause_excuses_nothing(detector: Detector) -> None:
    # "No," answers the previous message; it does not negate what follows the comma.
    reply = MessageContext(reply_to="we moved the deadline again")
    assert Category.HEATED in detector.analyse("no, this is ridiculous", reply, language="en").categories
    assert Category.HEATED not in detector.analyse("this is not ridiculous", reply, language="en").categories
    present = MessageContext(members_present=("Bob", "Alice"), author="Carol")
    assert Category.ABOUT_PRESENT_PERSON in detector.analyse(
        "no, Bob is useless at reviews", present, language="en").categories
    assert Category.ABOUT_PRESENT_PERSON not in detector.analyse(
        "Bob is not useless at reviews", present, language="en").categories
