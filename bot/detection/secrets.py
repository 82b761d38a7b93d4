"""SecretDetector: credentials pasted into a message (cloud keys, tokens, private keys, passwords...)."""

from __future__ import annotations

import logging
import math
import re
from typing import Literal

import ahocorasick
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.data_files import DataPaths, load_model
from bot.detection import value_checks as checks
from bot.detection.masking import mask_value, style_for
from bot.verdict import Finding, MessageContext
from bot.vocabulary import Category, Severity

log = logging.getLogger(__name__)

Check = Literal["entropy", "mixed", "mixed_or_hex", "mixed_or_long_digits", "not_hex_digest", "no_uuid",
                "not_url", "aws_context", "discord_id", "pem_body", "url_password", "password_value",
                "strict_password_value", "login_context", "random"]


# Per pattern and message: this many findings, this many candidates checked (a pasted log or .env file).
FINDINGS_CAP = 20
CANDIDATES_TRIED = 200
# How far past its last needle a capped pattern reads (the longest value plus its qualifiers).
SCAN_MARGIN = 400

# A generic token's entropy must reach this share of a random string's (see _looks_random).
RANDOM_SHARE = 0.75

_LOGIN_WORDS = ("log in", "login", "log-in", "sign in", "password", "accedi", "connecte", "anmelden", "inloggen",
                "iniciar sesión", "entra")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _compile(value: str) -> str:
    try:
        re.compile(value)
    except re.error as error:
        raise ValueError(f"not a valid regular expression: {error}") from None
    return value


class SecretPattern(_Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    needles: tuple[str, ...] = ()
    regex: str
    group: int = Field(default=0, ge=0)
    checks: tuple[Check, ...] = ()
    priority: int = 3
    severity: Severity = Severity.HIGH
    replacement: str

    _check_regex = field_validator("regex")(_compile)

    @field_validator("needles")
    @classmethod
    def _lower_case(cls, needles: tuple[str, ...]) -> tuple[str, ...]:
        for needle in needles:
            if needle != needle.lower() or not needle:
                raise ValueError(f"needle {needle!r} must be non-empty and lower case")
        return needles

    @model_validator(mode="after")
    def _group_exists(self) -> SecretPattern:
        if self.group > re.compile(self.regex).groups:
            raise ValueError(f"group {self.group} does not exist in the regex of {self.name}")
        return self


class SecretSettings(_Strict):
    long_run: str
    min_entropy: float = Field(gt=0)
    min_password_length: int = Field(ge=1)

    _check_regex = field_validator("long_run")(_compile)


class Placeholders(_Strict):
    substrings: tuple[str, ...]
    words: tuple[str, ...]


class SecretPatternFile(_Strict):
    settings: SecretSettings
    placeholders: Placeholders
    pattern: tuple[SecretPattern, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_names(self) -> SecretPatternFile:
        names = [p.name for p in self.pattern]
        duplicates = {n for n in names if names.count(n) > 1}
        if duplicates:
            raise ValueError(f"duplicate pattern names: {sorted(duplicates)}")
        return self


class _Compiled:
    """One pattern, compiled once at load."""

    __slots__ = ("group", "needles", "regex", "spec")

    def __init__(self, spec: SecretPattern) -> None:
        self.spec = spec
        self.regex = re.compile(spec.regex)
        self.needles = spec.needles
        self.group = spec.group


class SecretDetector:
    """Finds credentials in raw text; cheap on the vast majority of messages, which hold none."""

    def __init__(self, patterns: SecretPatternFile) -> None:
        self._patterns = [_Compiled(p) for p in patterns.pattern]
        self._long_run = re.compile(patterns.settings.long_run)
        # One Aho-Corasick pass tells which needles (overlapping ones too) are in a message, hence which
        # patterns are worth running.
        self._needles: ahocorasick.Automaton | None = None
        every_needle = {n for p in patterns.pattern for n in p.needles}
        if every_needle:
            self._needles = ahocorasick.Automaton()
            for needle in every_needle:
                self._needles.add_word(needle, needle)
            self._needles.make_automaton()
        self.rules = checks.ValueRules(
            placeholder_substrings=tuple(s.lower() for s in patterns.placeholders.substrings),
            placeholder_words=frozenset(w.lower() for w in patterns.placeholders.words),
            min_entropy=patterns.settings.min_entropy,
            min_password_length=patterns.settings.min_password_length,
        )

    @classmethod
    def load(cls, paths: DataPaths) -> SecretDetector:
        return cls(load_model(paths.patterns("secrets"), SecretPatternFile))

    def detect(self, text: str, language: str = "en", context: MessageContext | None = None) -> list[Finding]:
        lowered = text.lower()
        found: dict[str, list[int]] = {}  # needle -> where it ends, the first CANDIDATES_TRIED + 1 times
        if self._needles is not None:
            for end, needle in self._needles.iter(lowered):
                places = found.setdefault(needle, [])
                if len(places) <= CANDIDATES_TRIED:
                    places.append(end)
        has_long_run = self._long_run.search(text) is not None
        if not found and not has_long_run:
            return []
        candidates: list[tuple[int, int, int, _Compiled]] = []
        for pattern in self._patterns:
            if pattern.needles:
                if not found or found.keys().isdisjoint(pattern.needles):
                    continue
            elif not has_long_run:
                continue
            group = "value" if "value" in pattern.regex.groupindex else pattern.group
            valid = 0
            scan_end = _scan_end(text, pattern.needles, found) if pattern.needles else len(text)
            for tried, match in enumerate(pattern.regex.finditer(text, 0, scan_end)):
                if valid >= FINDINGS_CAP or tried >= CANDIDATES_TRIED:
                    break  # a long paste: twenty of one kind say it all
                start, end = match.span(group)
                if start < 0 or end <= start:
                    continue
                if self._valid(pattern.spec, match.group(group), text, lowered):
                    valid += 1
                    candidates.append((pattern.spec.priority, start, end, pattern))
        return [self._finding(text, start, end, pattern.spec) for start, end, pattern in _resolve(candidates)]

    def _valid(self, spec: SecretPattern, value: str, text: str, lowered: str) -> bool:
        rules = self.rules
        # password checks judge placeholders themselves; a PEM block's body is judged by pem_body
        judged_elsewhere = spec.name == "private_key" or {"password_value", "strict_password_value"} & set(spec.checks)
        if not judged_elsewhere and rules.is_placeholder(value):
            return False
        return all(_passes(check, value, text, lowered, rules) for check in spec.checks)

    def _finding(self, text: str, start: int, end: int, spec: SecretPattern) -> Finding:
        excerpt = mask_value(text[start:end], style_for(spec.name))
        return Finding(
            category=Category.SECRET,
            severity=spec.severity,
            start=start,
            end=end,
            message=f"This looks like {spec.label} ({excerpt}): anyone who can read the channel can use it.",
            excerpt=excerpt,
            rule=spec.name,
            replacement=spec.replacement,
        )


def _passes(check: str, value: str, text: str, lowered: str, rules: checks.ValueRules) -> bool:
    if check == "entropy":
        return checks.shannon_entropy(value) >= rules.min_entropy
    if check == "random":
        return _looks_random(value, rules.min_entropy)
    if check == "mixed":
        return checks.looks_mixed(value)
    if check == "mixed_or_hex":
        upper, lower, digit = checks.character_classes(value)
        return digit and (upper or lower)
    if check == "mixed_or_long_digits":
        return any(c.isdigit() for c in value)
    if check == "not_hex_digest":
        return not checks.is_hex_digest(value)
    if check == "no_uuid":
        return not checks.is_uuid(value)
    if check == "not_url":
        return not checks.looks_like_url_or_path(value)
    if check == "aws_context":
        return checks.has_aws_context(lowered, text)
    if check == "discord_id":
        return checks.is_discord_token(value)
    if check == "pem_body":
        parts = value.split("-----")
        body = parts[2] if len(parts) > 2 else ""
        return sum(map(str.isalnum, body)) >= 16 and not rules.is_placeholder(body)
    if check == "url_password":
        return checks.url_password_ok(value, rules)
    if check == "password_value":
        return checks.is_password_value(value, rules)
    if check == "strict_password_value":
        return checks.is_password_value(value, rules, strict=True)
    if check == "login_context":
        return any(word in lowered for word in _LOGIN_WORDS)
    raise AssertionError(f"unknown check {check}")  # the data model's Literal makes this unreachable


def _scan_end(text: str, needles: tuple[str, ...], found: dict[str, list[int]]) -> int:
    """Where a pattern stops reading a long paste: a little after its CANDIDATES_TRIED-th needle (a log
    of a thousand "password" lines says all it has to say in the first two hundred), at a whitespace so
    no value is cut."""
    places = sorted(place for needle in needles for place in found.get(needle, ()))
    if len(places) <= CANDIDATES_TRIED:
        return len(text)
    end = places[CANDIDATES_TRIED] + SCAN_MARGIN
    while end < len(text) and not text[end].isspace() and end < places[CANDIDATES_TRIED] + 2 * SCAN_MARGIN:
        end += 1
    return min(end, len(text))


def _looks_random(value: str, min_entropy: float) -> bool:
    """Real entropy for a value with no vendor prefix: at least RANDOM_SHARE of what a random string of
    its length and alphabet (hex or base64-like) would have, and never below the file's minimum."""
    hexadecimal = all(c in "0123456789abcdefABCDEF" for c in value)
    ceiling = math.log2(min(len(value), 16 if hexadecimal else 64))
    return checks.shannon_entropy(value) >= max(min_entropy, RANDOM_SHARE * ceiling)


def _resolve(candidates: list[tuple[int, int, int, _Compiled]]) -> list[tuple[int, int, _Compiled]]:
    """Keep the most specific pattern where several claim overlapping text, then order by position."""
    kept: list[tuple[int, int, _Compiled]] = []
    for _, start, end, pattern in sorted(candidates, key=lambda c: (c[0], -(c[2] - c[1]), c[1])):
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, pattern))
    return sorted(kept, key=lambda k: k[0])
