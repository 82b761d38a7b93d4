"""Texts: the real template files load, every language matches English, and broken files are named."""

from __future__ import annotations

import shutil
import string
import tomllib
from pathlib import Path

import pytest

from bot.data_files import DataFileError, DataPaths
from bot.settings import DEFAULT_DATA_DIR
from bot.texts import Texts
from bot.vocabulary import SUPPORTED_LANGUAGES, Category

TEMPLATES = DEFAULT_DATA_DIR / "templates"
SHIPPED = sorted(path.stem for path in TEMPLATES.glob("*.toml"))


@pytest.fixture(scope="module")
def texts() -> Texts:
    return Texts.load(DataPaths(DEFAULT_DATA_DIR))


def _flat(node: dict, prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for name, value in node.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{name}."))
        else:
            flat[f"{prefix}{name}"] = value
    return flat


def _fields(value: object) -> set[str]:
    variants = value if isinstance(value, list) else [value]
    return {field for variant in variants for _, field, _, _ in string.Formatter().parse(variant) if field}


def _read(language: str) -> dict[str, object]:
    raw = tomllib.loads((TEMPLATES / f"{language}.toml").read_text(encoding="utf-8"))
    raw.pop("grammar")
    return _flat(raw)


@pytest.mark.parametrize("language", [code for code in SHIPPED if code != "en"])
def test_every_language_has_every_english_key_with_the_same_placeholders(language: str) -> None:
    english, other = _read("en"), _read(language)
    assert sorted(set(english) - set(other)) == []
    assert sorted(set(other) - set(english)) == []
    mismatched = [key for key in english if _fields(english[key]) != _fields(other[key])]
    assert mismatched == []


@pytest.mark.parametrize("language", SHIPPED)
def test_no_template_is_left_untranslated_or_empty(language: str) -> None:
    for key, value in _read(language).items():
        for variant in value if isinstance(value, list) else [value]:
            assert variant.strip(), f"{language}: {key} is empty"


def test_every_supported_language_ships_a_template_file(texts: Texts) -> None:
    assert sorted(texts.languages) == sorted(SUPPORTED_LANGUAGES)


def test_every_category_has_a_display_name_and_an_explanation(texts: Texts) -> None:
    for language in texts.languages:
        for category in Category:
            assert texts.get(language, f"category.{category.value}")
            assert "“x”" in texts.get("en", f"explain.{category.value}", excerpt="“x”")


def test_get_fills_placeholders_and_falls_back_to_english(texts: Texts) -> None:
    assert texts.get("en", "ack.apology_noted", count=1, limit=2) == "Apology noted (1 of 2)."
    assert texts.get("pt", "button.dismiss") == texts.get("en", "button.dismiss")
    assert texts.get(None, "button.dismiss") == "Dismiss"
    assert texts.resolve_language("it-IT") == "it"
    assert texts.resolve_language("DE_at") == "de"
    assert texts.resolve_language("pt-BR") == "en"


def test_a_missing_value_or_unknown_key_is_a_clear_error(texts: Texts) -> None:
    with pytest.raises(ValueError, match="limit"):
        texts.get("en", "ack.apology_noted", count=1)
    with pytest.raises(KeyError, match="button.nonexistent"):
        texts.get("en", "button.nonexistent")


def test_choose_is_stable_for_a_seed_and_varies_across_seeds(texts: Texts) -> None:
    first = texts.choose("en", "topic.general", seed="the same message")
    assert all(texts.choose("en", "topic.general", seed="the same message") == first for _ in range(5))
    picked = {texts.choose("en", "topic.general", seed=f"message {n}") for n in range(40)}
    assert picked == set(texts.variants("en", "topic.general"))


# Broken files: a copy of the real templates, damaged one way each time.


@pytest.fixture
def copied(tmp_path: Path) -> Path:
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    return tmp_path


def _rewrite(root: Path, language: str, old: str, new: str) -> Path:
    path = root / "templates" / f"{language}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _other_language(root: Path) -> str:
    others = sorted(p.stem for p in (root / "templates").glob("*.toml") if p.stem != "en")
    return others[0] if others else "en"


def test_a_missing_key_names_the_file_and_the_key(copied: Path) -> None:
    language = _other_language(copied)
    if language == "en":
        pytest.skip("no second language shipped yet")
    path = copied / "templates" / f"{language}.toml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("dismiss =")), encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        Texts.load(DataPaths(copied))
    assert error.value.path == path
    assert error.value.key == "button.dismiss"


def test_a_placeholder_mismatch_names_the_file_and_the_key(copied: Path) -> None:
    language = _other_language(copied)
    if language == "en":
        pytest.skip("no second language shipped yet")
    path = copied / "templates" / f"{language}.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("apology_noted = ")
    end = text.index("\n", start)
    path.write_text(text[:start] + 'apology_noted = "{count} {limiet}"' + text[end:], encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        Texts.load(DataPaths(copied))
    assert error.value.path == path
    assert error.value.key == "ack.apology_noted"
    assert "limiet" in str(error.value)


def test_variants_with_different_placeholders_are_rejected(copied: Path) -> None:
    path = _rewrite(copied, "en", "\"Sorry for {thing}; that was my mistake.\"", "\"Sorry for that; my mistake.\"")
    with pytest.raises(DataFileError) as error:
        Texts.load(DataPaths(copied))
    assert error.value.path == path
    assert error.value.key == "apology.noise.general"


def test_invalid_toml_and_a_missing_grammar_table_are_named(copied: Path) -> None:
    path = _rewrite(copied, "en", "[button]", "[button")
    with pytest.raises(DataFileError, match="not valid TOML") as error:
        Texts.load(DataPaths(copied))
    assert error.value.path == path
    _rewrite(copied, "en", "[button", "[button]")
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("[grammar]")], encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        Texts.load(DataPaths(copied))
    assert error.value.key == "grammar"


def test_a_list_of_non_strings_is_rejected(copied: Path) -> None:
    _rewrite(copied, "en", 'dismiss = "Dismiss"', "dismiss = 3")
    with pytest.raises(DataFileError) as error:
        Texts.load(DataPaths(copied))
    assert error.value.key == "button.dismiss"


def test_a_language_without_a_file_falls_back_to_english(copied: Path) -> None:
    (copied / "templates" / "fy.toml").unlink()
    texts = Texts.load(DataPaths(copied))
    assert "fy" not in texts.languages
    assert texts.get("fy", "button.dismiss") == texts.get("en", "button.dismiss")


def test_english_is_required(copied: Path) -> None:
    (copied / "templates" / "en.toml").unlink()
    with pytest.raises(DataFileError, match="file not found"):
        Texts.load(DataPaths(copied))


@pytest.mark.parametrize("language", SHIPPED)
def test_every_language_has_the_word_lists_corrections_and_topics_need(texts: Texts, language: str) -> None:
    grammar = texts.grammar(language)
    for name in ("predicates", "articles", "connectors", "conjunctions", "dangling", "person_copulas", "chatter"):
        assert getattr(grammar, name), f"{language}: grammar.{name} is empty"


def test_private_information_has_its_own_delete_advice(texts: Texts) -> None:
    for language in texts.languages:
        private = texts.get(language, "suggestion.delete.private_in_public")
        assert private not in (texts.get(language, "suggestion.delete.pii"), texts.get(language, "suggestion.delete.secret"))
