"""Keys and hashes are blanked before words are read; glued words and handles are not; findings keep offsets."""

from __future__ import annotations

import pytest

from bot.detection import Detector
from bot.detection.machine_text import blank_machine_strings, is_machine_string
from bot.verdict import MessageContext
from bot.vocabulary import Category


@pytest.mark.parametrize("run", [
    "ghp_4fYR1pw60dVnnipoGwKkrpupCcf4eRbOwyCC",          # shape of a GitHub token
    "6664e222-9d5a-48ee-9c37-9ebdead84333",              # a UUID
    "3f786850e387550fdab836ed7e6dc881de23001b",          # a SHA-1
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7",  # a base64 line of a key
])
def test_machine_strings_are_recognised(run: str) -> None:
    assert is_machine_string(run)


@pytest.mark.parametrize("run", [
    "youstupididiot2024everyone",     # glued words with a year: still words
    "I_hate_mondays_and_you_1234",    # a handle-like phrase
    "Donaudampfschifffahrtsgesellschaft",
    "12345678901234567890123",        # digits only: one stretch
])
def test_words_and_plain_numbers_are_not(run: str) -> None:
    assert not is_machine_string(run)


def test_blanking_keeps_length_and_the_words_around() -> None:
    text = "token ghp_4fYR1pw60dVnnipoGwKkrpupCcf4eRbOwyCC is yours, idiot"
    blanked = blank_machine_strings(text)
    assert len(blanked) == len(text)
    assert "ghp_" not in blanked
    assert blanked.startswith("token ") and blanked.endswith(" is yours, idiot")
    assert blank_machine_strings("short text") == "short text"


def test_insult_beside_a_key_is_found_at_its_place_and_the_key_is_still_a_secret(detector: Detector) -> None:
    text = "here: ghp_4fYR1pw60dVnnipoGwKkrpupCcf4eRbOwyCC you absolute idiot"
    analysis = detector.analyse(text, MessageContext())
    categories = {finding.category for finding in analysis.findings}
    assert Category.SECRET in categories
    insult = next(f for f in analysis.findings if f.category == Category.INSULT)
    assert text[insult.start:insult.end].endswith("idiot")


def test_letters_inside_a_key_never_read_as_words(detector: Detector) -> None:
    # A base64 body is full of accidental short words; none of them may become a finding of its own.
    key_line = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw+shit/AoIBAQC+idiot/x1"
    analysis = detector.analyse(f"config dump {key_line} done", MessageContext())
    assert not [f for f in analysis.findings if f.category in {Category.INSULT, Category.PROFANITY_MILD}]
