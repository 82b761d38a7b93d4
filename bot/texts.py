"""UI strings and draft templates per language, read from data/templates/<lang>.toml and checked at load."""

from __future__ import annotations

import hashlib
import logging
import string
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.data_files import DataFileError, DataPaths, read_toml
from bot.vocabulary import SUPPORTED_LANGUAGES

log = logging.getLogger(__name__)

FALLBACK_LANGUAGE = "en"
GRAMMAR_TABLE = "grammar"  # word lists the correction builder needs; language-specific, not UI strings

Template = str | tuple[str, ...]


class Grammar(BaseModel):
    """Per-language word lists the correction builder uses to soften an insult without breaking the sentence."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # Lower-case copula forms ("is", "sei", "bist") mapped to a neutral predicate that replaces
    # "copula [article] insult" ("you're an idiot" -> "you're mistaken").
    predicates: dict[str, str] = Field(default_factory=dict)
    # Articles and intensifiers that belong to the insult and go with it ("an", "a total", "un vero").
    articles: tuple[str, ...] = ()
    # Words that make an insult a vocative ("you idiot", "du Idiot"): both go, with the comma.
    vocatives: tuple[str, ...] = ()
    # Other words after which a word is a predicate ("c'est", "war"); with the copulas above they let a
    # mild swear word in predicate position ("das ist Mist") become `mild_predicate` ("nicht gut").
    copulas: tuple[str, ...] = ()
    mild_predicate: str = ""
    # Words that, right after an insult, show it was a noun ("an idiot and ..."), so its article goes too.
    connectors: tuple[str, ...] = ()
    # An article's form before a vowel ({"a": "an"}), so dropping "stupid" from "a stupid idea" stays right.
    before_vowel: dict[str, str] = Field(default_factory=dict)
    # Conjunctions that join clauses ("and", "but"): they go with a clause the correction drops.
    conjunctions: tuple[str, ...] = ()
    # Words a clause cannot end with ("what", "such", "of"): a removal that leaves one drops the stub clause.
    dangling: tuple[str, ...] = ()
    # Copulas whose subject is the person addressed ("you're", "siete"): a swear word after them is an insult.
    person_copulas: tuple[str, ...] = ()
    # Greetings, thanks, laughter and acknowledgements: a message of only these is chatter, not a topic.
    chatter: tuple[str, ...] = ()
    # Swear words doing a verb's or an adjective's job, with the words after them that belong to the
    # phrase, and their plain wording ("fucked up" -> "messed up"): dropping them would break the sentence
    # ("I fucked up the deploy" -> "I up the deploy").
    rewordings: dict[str, str] = Field(default_factory=dict)


class Texts:
    """Every language's strings, already validated: each has every key of en.toml with the same placeholders."""

    def __init__(self, templates: Mapping[str, Mapping[str, Template]], grammars: Mapping[str, Grammar]) -> None:
        self._templates = {language: dict(table) for language, table in templates.items()}
        self._grammars = dict(grammars)

    @classmethod
    def load(cls, paths: DataPaths) -> Texts:
        """Read en.toml (required) and every other supported language's file that exists."""
        reference_path = paths.templates(FALLBACK_LANGUAGE)
        reference, reference_grammar = _read_language(reference_path)
        reference_fields = {key: _fields_of(reference_path, key, value) for key, value in reference.items()}
        templates = {FALLBACK_LANGUAGE: reference}
        grammars = {FALLBACK_LANGUAGE: reference_grammar}
        for language in SUPPORTED_LANGUAGES:
            path = paths.templates(language)
            if language == FALLBACK_LANGUAGE:
                continue
            if not path.exists():
                log.warning("no templates for language %s; English will be used", language)
                continue
            table, grammar = _read_language(path)
            _check_against_reference(path, table, reference_fields)
            templates[language] = table
            grammars[language] = grammar
        return cls(templates, grammars)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._templates)

    def resolve_language(self, language: str | None) -> str:
        """The language whose strings we use for `language` ("pt-BR" and unknown codes fall back to English)."""
        if not language:
            return FALLBACK_LANGUAGE
        code = language.strip().lower().replace("_", "-").split("-")[0]
        return code if code in self._templates else FALLBACK_LANGUAGE

    def keys(self) -> tuple[str, ...]:
        return tuple(self._templates[FALLBACK_LANGUAGE])

    def has(self, key: str) -> bool:
        return key in self._templates[FALLBACK_LANGUAGE]

    def get(self, language: str | None, key: str, **values: object) -> str:
        """One string, filled in; a key that holds variants gives its first variant."""
        template = self._raw(language, key)
        if isinstance(template, tuple):
            template = template[0]
        return _fill(key, template, values)

    def variants(self, language: str | None, key: str) -> tuple[str, ...]:
        """The unfilled variants of a key (a plain string key gives one variant)."""
        template = self._raw(language, key)
        return template if isinstance(template, tuple) else (template,)

    def choose(self, language: str | None, key: str, seed: str, **values: object) -> str:
        """A variant picked by a stable hash of `seed`, so the same message always gets the same draft."""
        options = self.variants(language, key)
        return _fill(key, options[stable_index(seed, len(options))], values)

    def grammar(self, language: str | None) -> Grammar:
        return self._grammars[self.resolve_language(language)]

    def _raw(self, language: str | None, key: str) -> Template:
        table = self._templates[self.resolve_language(language)]
        try:
            return table[key]
        except KeyError:
            raise KeyError(f"unknown template key {key!r} (see data/templates/en.toml)") from None


def stable_index(seed: str, count: int) -> int:
    """A choice that does not change between runs (Python's own hash() is salted per process)."""
    digest = hashlib.blake2b(seed.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


def _fill(key: str, template: str, values: Mapping[str, object]) -> str:
    try:
        return template.format_map(values)
    except KeyError as error:
        raise ValueError(f"template {key!r} needs a value for {{{error.args[0]}}}") from None


def _read_language(path: Path) -> tuple[dict[str, Template], Grammar]:
    raw = read_toml(path)
    grammar_raw = raw.pop(GRAMMAR_TABLE, None)
    if grammar_raw is None:
        raise DataFileError(path, "missing table", key=GRAMMAR_TABLE)
    try:
        grammar = Grammar.model_validate(grammar_raw)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join([GRAMMAR_TABLE, *(str(part) for part in first["loc"])])
        raise DataFileError(path, first["msg"], key=key) from None
    table: dict[str, Template] = {}
    _flatten(path, raw, "", table)
    return table, grammar


def _flatten(path: Path, node: Mapping[str, object], prefix: str, into: dict[str, Template]) -> None:
    """Nested TOML tables become dotted keys; leaves are a string or a non-empty list of strings."""
    for name, value in node.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            _flatten(path, value, f"{key}.", into)
        elif isinstance(value, str):
            into[key] = value
        elif isinstance(value, list) and value and all(isinstance(item, str) for item in value):
            into[key] = tuple(value)
        else:
            raise DataFileError(path, "must be a string or a non-empty list of strings", key=key)


def _fields_of(path: Path, key: str, template: Template) -> frozenset[str]:
    """The placeholders of a template; every variant of a list must use the same ones."""
    variants = template if isinstance(template, tuple) else (template,)
    found = [_placeholders(path, key, variant) for variant in variants]
    for index, fields in enumerate(found[1:], start=1):
        if fields != found[0]:
            raise DataFileError(
                path,
                f"variant {index + 1} uses {sorted(fields)} but variant 1 uses {sorted(found[0])}",
                key=key,
            )
    return found[0]


def _placeholders(path: Path, key: str, text: str) -> frozenset[str]:
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise DataFileError(path, f"bad braces: {error}", key=key) from None
    names = set()
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion:
            raise DataFileError(path, f"placeholder {{{field}}} must be a plain {{name}}", key=key)
        names.add(field)
    return frozenset(names)


def _check_against_reference(
    path: Path, table: Mapping[str, Template], reference_fields: Mapping[str, frozenset[str]]
) -> None:
    for key, fields in reference_fields.items():
        if key not in table:
            raise DataFileError(path, "missing key (present in en.toml)", key=key)
        own = _fields_of(path, key, table[key])
        if own != fields:
            raise DataFileError(
                path, f"placeholders {sorted(own)} differ from en.toml's {sorted(fields)}", key=key
            )
    for key in table:
        if key not in reference_fields:
            raise DataFileError(path, "unknown key (not in en.toml)", key=key)
