"""ApologyReader: sincere apologies, politeness formulas and non-apologies in the seven languages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.data_files import DataFileError, DataPaths
from bot.detection.apology import ApologyReader
from bot.settings import DEFAULT_DATA_DIR
from bot.vocabulary import ApologyKind, Category, Severity


@pytest.fixture(scope="module")
def reader() -> ApologyReader:
    return ApologyReader.load(DataPaths(DEFAULT_DATA_DIR))


@pytest.mark.parametrize(("text", "language", "marker"), [
    ("Sorry, that was out of line. I'll fix the doc.", "en", "Sorry"),
    ("my bad, I pushed to the wrong branch", "en", "my bad"),
    ("scusa, ho esagerato ieri", "it", "scusa"),
    ("mi dispiace per il tono di prima", "it", "mi dispiace"),
    ("perdón, me pasé con el comentario", "es", "perdón"),
    ("lo siento, no debí decir eso", "es", "lo siento"),
    ("désolé pour mon message d'hier", "fr", "désolé"),
    ("je m'excuse pour le ton", "fr", "je m'excuse"),
    ("Entschuldigung, das war unfair von mir", "de", "Entschuldigung"),
    ("het spijt me, dat was onnodig", "nl", "het spijt me"),
    ("excuus, ik was te fel", "nl", "excuus"),
    ("it spyt my, dat wie net aardich", "fy", "it spyt my"),
])
def test_sincere_apologies_are_recognised_with_their_span(reader, text, language, marker) -> None:
    reading = reader.read(text, language)
    assert reading.kind is ApologyKind.SINCERE
    assert reading.findings == ()
    assert text[reading.start:reading.end] == marker


@pytest.mark.parametrize(("text", "language"), [
    ("sorry to bother you, quick question about the deploy", "en"),
    ("Sorry for the late reply!", "en"),
    ("scusa il disturbo, una domanda veloce", "it"),
    ("perdón por molestar, ¿alguien sabe la clave del wifi?", "es"),
    ("désolé de te déranger, tu as deux minutes ?", "fr"),
    ("Entschuldigung für die Störung, kurze Frage", "de"),
    ("sorry dat ik stoor, korte vraag", "nl"),
    ("sorry dat ik steur, koarte fraach", "fy"),
])
def test_greeting_formulas_are_over_apologies_not_apologies(reader, text, language) -> None:
    reading = reader.read(text, language)
    assert reading.kind is ApologyKind.FORMULA
    [finding] = reading.findings
    assert finding.category is Category.OVER_APOLOGY and finding.severity is Severity.LOW


@pytest.mark.parametrize(("text", "language"), [
    ("sorry if anyone was offended", "en"),
    ("Sorry if you felt hurt by that", "en"),
    ("sorry but you started it", "en"),
    ("sorry you feel that way", "en"),
    ("mi dispiace se qualcuno si è offeso", "it"),
    ("lo siento si alguien se sintió ofendido", "es"),
    ("désolé si quelqu'un s'est senti offensé", "fr"),
    ("tut mir leid, wenn sich jemand angegriffen gefühlt hat", "de"),
    ("sorry als iemand zich beledigd voelde", "nl"),
    ("sorry as immen him beledige fielde", "fy"),
])
def test_non_apologies_are_flagged_medium(reader, text, language) -> None:
    reading = reader.read(text, language)
    assert reading.kind is ApologyKind.NON_APOLOGY
    [finding] = reading.findings
    assert finding.category is Category.NON_APOLOGY and finding.severity is Severity.MEDIUM
    assert reading.start == finding.start and reading.end == finding.end


@pytest.mark.parametrize(("text", "language"), [
    ("sorry to hear that, get well soon", "en"),
    ("the deploy finished, all green", "en"),
    ("ci vediamo domani", "it"),
    ("tut mir leid zu hören", "de"),
])
def test_sympathy_and_ordinary_messages_are_not_apologies(reader, text, language) -> None:
    reading = reader.read(text, language)
    assert reading.kind is ApologyKind.NONE and reading.findings == ()


def test_polite_disagreement_after_sorry_is_not_a_non_apology(reader) -> None:
    reading = reader.read("sorry but you need to restart the service first", "en")
    assert reading.kind is ApologyKind.SINCERE and reading.findings == ()


def test_an_invalid_personal_lexicon_names_the_file_and_the_key(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_DATA_DIR / "lexicons" / "personal", tmp_path / "lexicons" / "personal")
    path = tmp_path / "lexicons" / "personal" / "nl.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"het spijt me"', '"Het Spijt Me"', 1), encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        ApologyReader.load(DataPaths(tmp_path))
    assert "nl.toml" in str(error.value) and "apology" in str(error.value)


@pytest.mark.parametrize(("text", "guessed"), [
    ("sorry as immen him beledige fielde", "nl"), ("sorry datst it sa opfettest", "en"),
    ("sorry als je het verkeerd opvatte", "de"),
])
def test_a_non_apology_is_read_whatever_language_the_line_was_taken_for(reader, text, guessed) -> None:
    assert reader.read(text, guessed).kind is ApologyKind.NON_APOLOGY


def test_a_formula_of_another_language_is_read_once_there_is_an_apology(reader) -> None:
    assert reader.read("sorry foar de lette reaksje", "en").kind is ApologyKind.FORMULA
    assert reader.read("koarte fraach: wa hat de kaai?", "en").kind is ApologyKind.NONE
