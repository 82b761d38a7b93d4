"""The detector's shortcuts answer exactly as the plain way would: merged automaton, shared phrase index,
normaliser and machine-string fast paths."""

from __future__ import annotations

import pytest

from bot.detection import Detector
from bot.detection.every_language import EveryLanguage
from bot.detection.lexicon import find_hits
from bot.detection.machine_text import blank_machine_strings
from bot.detection.normalise import normalise
from bot.detection.personal_lexicon import PhraseSet, _PhraseIndex, fold

# Mixed, glued, masked and multilingual lines: the merged automaton must give every automaton's own hits.
LINES = [
    "you absolute idiot, sei proprio un idiota e tu es un connard",
    "du vollidiot, das ist doch scheiße und ein schwanz",
    "je bent een sukkel en een kankerlijer, hoe gaat het",
    "eres un imbécil, coger el autobús es normal",
    "f*cking m*ron, what the hell is this",
    "@KotzenderStern https://t.co/idiot kill -9 the child process",
    "idiotidiot idiot_ _idiot idiot1 1idiot",
    "",
    "a",
]


def _all_automata(detector: Detector) -> list:
    lexicons = list(detector._lexicons.values())
    return ([lexicon.automata()[0] for lexicon in lexicons] + [lexicon.automata()[1] for lexicon in lexicons]
            + [detector._strong, detector._every_safe])


@pytest.mark.parametrize("line", LINES)
def test_the_merged_automaton_finds_what_each_automaton_finds(detector: Detector, line: str) -> None:
    plain = normalise(line).text
    automata = _all_automata(detector)
    merged = detector._every_language.find(plain)
    assert merged == [find_hits(automaton, plain) for automaton in automata]


def test_a_merged_automaton_of_a_few_lists_keeps_each_lists_order(detector: Detector) -> None:
    automata = [lexicon.automata()[0] for lexicon in detector._lexicons.values()][:3]
    merged = EveryLanguage(automata)
    for line in LINES:
        plain = normalise(line).text
        assert merged.find(plain) == [find_hits(automaton, plain) for automaton in automata]


def test_an_unsure_message_reads_as_before_with_and_without_the_merged_pass(detector: Detector) -> None:
    # The long-paste path reads each lexicon on its own: the two paths must agree on the same words.
    short = "idiota connard sukkel"
    long = " ".join([short] * 200)
    short_analysis = detector.analyse(short)
    long_analysis = detector.analyse(long)
    assert short_analysis.findings and long_analysis.findings
    assert {f.category for f in short_analysis.findings} <= {f.category for f in long_analysis.findings}


def test_phrase_sets_sharing_an_index_match_as_on_their_own() -> None:
    phrases = {"sorry": "apology", "so sorry": "apology", "if you ~ offended": "non_apology"}
    others = {"sorry to hear": "sympathy", "my doctor": "health"}
    index = _PhraseIndex()
    shared = PhraseSet(phrases, index)
    shared_others = PhraseSet(others, index)
    index.build()
    alone, alone_others = PhraseSet(phrases), PhraseSet(others)
    texts = ["I am so sorry if you were offended, sorry", "sorry to hear about my doctor", "sorryish", "nothing",
             "I am so sorry if you were offended, sorry"]
    for text in texts:
        folded = fold(text)
        assert shared.finditer(folded) == alone.finditer(folded)
        assert shared_others.finditer(folded) == alone_others.finditer(folded)
    assert shared.search(fold("oh so sorry")) == (3, 11, "apology")


def test_a_gapped_phrase_needs_all_its_words_not_just_the_first() -> None:
    private = PhraseSet({"is pregnant ~ tell anyone": "health"})
    assert private.finditer(fold("she is pregnant, don't tell anyone")) == [(4, 34, "health")]
    assert private.finditer(fold("this is fine, tell anyone")) == []


@pytest.mark.parametrize(("text", "plain"), [
    ("Café CRÈME", "cafe creme"),
    ("Straße", "strasse"),
    ("id\u200biot", "idiot"),
    ("@user sh1t h3ll0!! wow! 2018 !!!", "@user shit hello!! wow! 2018 !!!"),
    ("a  b\tc\nd", "a b c d"),
    ("soooo goood", "so god"),
    ("f.u.c.k off", "fuck off"),
])
def test_the_normaliser_reads_text_as_before(text: str, plain: str) -> None:
    normalised = normalise(text)
    assert normalised.text == plain
    assert len(normalised.origin) == len(normalised.text)
    assert all(0 <= index < len(text) for index in normalised.origin)


def test_accented_text_keeps_every_offset() -> None:
    text = "Hé, t'es vraiment débile"
    plain = normalise(text)
    start, end = plain.span(plain.text.index("debile"), plain.text.index("debile") + 6)
    assert text[start:end] == "débile"
    assert list(plain.origin) == list(range(len(text)))


def test_machine_strings_are_blanked_and_blank_lines_are_left_alone() -> None:
    assert blank_machine_strings(" " * 30) == " " * 30
    key = "AKIAabcdEFGH1234ijklMNOP5678"
    assert blank_machine_strings(f"key {key} ok") == f"key {' ' * len(key)} ok"
    assert blank_machine_strings("a perfectly ordinary sentence with no long words") == (
        "a perfectly ordinary sentence with no long words")
