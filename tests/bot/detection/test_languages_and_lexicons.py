"""Language identification (offline), lexicon files (every key, clear errors) and severity across languages."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from bot.data_files import DataFileError, DataPaths
from bot.detection import Detector
from bot.detection.lexicon import LIST_KEYS
from bot.vocabulary import SUPPORTED_LANGUAGES, Category, Severity

DATA = Path(__file__).resolve().parents[3] / "data"



@pytest.mark.parametrize(("text", "language"), [
    ("I think we should ship the release on Friday, what do you think?", "en"),
    ("Ich glaube, wir sollten das Release am Freitag ausliefern, was meinst du?", "de"),
    ("Ik denk dat we de release op vrijdag moeten uitbrengen, wat vind jij?", "nl"),
    ("Penso che dovremmo pubblicare la versione venerdì, cosa ne pensi?", "it"),
    ("Creo que deberíamos publicar la versión el viernes, ¿qué opinas?", "es"),
    ("Je pense que nous devrions publier la version vendredi, qu'en penses-tu?", "fr"),
])
def test_language_is_identified(detector: Detector, text: str, language: str) -> None:
    analysis = detector.analyse(text)
    assert analysis.language == language
    assert analysis.language_confident


def test_short_or_odd_messages_are_unsure_and_still_checked(detector: Detector) -> None:
    analysis = detector.analyse("ok")
    assert analysis.language in SUPPORTED_LANGUAGES and not analysis.language_confident
    # A strong word of another language is caught even when the language is unsure.
    assert Category.INSULT in detector.analyse("arschloch").categories


def test_language_identification_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    offline = Detector.load(DataPaths(DATA))
    assert offline.analyse("Das ist ein ganz normaler deutscher Satz über das Wetter.").language == "de"


@pytest.mark.parametrize(("language", "insult", "threat"), [
    ("en", "you are an idiot", "I will kill you"),
    ("de", "du bist ein Idiot", "ich bring dich um"),
    ("nl", "jij bent een idioot", "ik maak je af"),
])
def test_severity_is_consistent_across_languages(detector: Detector, language: str, insult: str, threat: str) -> None:
    insult_findings = detector.analyse(insult, language=language).findings
    assert [(f.category, f.severity) for f in insult_findings] == [(Category.INSULT, Severity.MEDIUM)]
    threat_analysis = detector.analyse(threat, language=language)
    assert Category.TOXICITY in threat_analysis.categories
    assert threat_analysis.severity is Severity.HIGH


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_language_has_a_lexicon_with_every_key(language: str) -> None:
    import tomllib

    raw = tomllib.loads(DataPaths(DATA).lexicon(language).read_text(encoding="utf-8"))
    assert raw["language"] == language
    assert set(LIST_KEYS) <= set(raw), sorted(set(LIST_KEYS) - set(raw))


def _copy_data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def test_a_broken_lexicon_names_the_file_and_the_key(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    path = data / "lexicons" / "de.toml"
    text = path.read_text(encoding="utf-8").replace('[insult]\nterms = [', '[insult]\nterms = ["Idiot", ', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        Detector.load(DataPaths(data))
    assert caught.value.path == path
    assert caught.value.key.startswith("insult.terms")
    assert "de.toml" in str(caught.value) and "insult" in str(caught.value)


def test_a_lexicon_missing_a_list_names_the_list(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    path = data / "lexicons" / "nl.toml"
    text = path.read_text(encoding="utf-8").replace("[banter]", "[banterr]", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        Detector.load(DataPaths(data))
    assert caught.value.path == path
    assert "banter" in caught.value.key


def test_a_lexicon_that_is_not_toml_is_a_clear_error(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    path = data / "lexicons" / "en.toml"
    path.write_text("language = \"en\"\n[insult\nterms = [", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        Detector.load(DataPaths(data))
    assert caught.value.path == path


@pytest.mark.parametrize("text", [
    "Ik wit net wat ik dêr fan tinke moat, mar it is in moaie dei.",
    "Hoe giet it mei dy? Wy geane jûn nei de stêd.",
])
def test_west_frisian_is_told_apart_from_dutch(detector: Detector, text: str) -> None:
    assert detector.analyse(text).language == "fy"


@pytest.mark.parametrize(("text", "language"), [
    # Words Dutch and Frisian spell alike ("ik", "dit", "echt") pull neither way: the Frisian ones decide.
    ("ik bin it sat, dit is echt belachlik", "fy"),
    ("hâld op! dit is ûnakseptabel, ik haw it trije kear sein", "fy"),
    ("ik heb dit echt niet gedaan, vraag het maar aan Sanne", "nl"),
    ("ik vind dit echt een goed idee voor de release", "nl"),
])
def test_words_shared_by_dutch_and_frisian_do_not_decide(detector: Detector, text: str, language: str) -> None:
    assert detector.analyse(text).language == language


def test_a_heated_frisian_reply_is_heated(detector: Detector) -> None:
    from bot.verdict import MessageContext

    analysis = detector.analyse("ik bin it sat, dit is echt belachlik", MessageContext(reply_to="Jelle"))
    assert [finding.category for finding in analysis.findings] == [Category.HEATED]


@pytest.mark.parametrize("text", ["mongo shell crashed again", "import pandas as pd", "the bride arrived", "halal food?"])
def test_short_foreign_strong_words_do_not_fire_on_unsure_messages(detector: Detector, text: str) -> None:
    assert detector.analyse(text).findings == ()


@pytest.mark.parametrize("text", ["Vergognosi !", "Disgustosi."])
def test_a_short_outburst_is_read_in_the_language_of_its_negative_word(detector: Detector, text: str) -> None:
    """Too short for the model: the one negative word says the language (it was English, and missed)."""
    analysis = detector.analyse(text)
    assert analysis.language == "it"
    assert Category.INSULT in analysis.categories
