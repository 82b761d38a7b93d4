"""MassMentionDetector: @channel, @here and @everyone used where no outage or urgent news justifies them."""

from __future__ import annotations

import itertools
import logging
import re

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.data_files import DataPaths, load_model
from bot.detection.personal_lexicon import PersonalLexicon, fold, languages_to_check, load_personal_lexicons
from bot.verdict import Finding, MessageContext
from bot.vocabulary import Category, Severity

log = logging.getLogger(__name__)


class SizeBand(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    up_to: int = Field(ge=1)
    severity: Severity


class MentionRules(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    regex: str
    replacement: str = ""
    # In a channel this small (a team of a few) a mass mention reaches nobody it should not: no finding.
    quiet_up_to: int = Field(default=0, ge=0)
    band: tuple[SizeBand, ...] = Field(min_length=1)

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"not a valid regular expression: {error}") from None
        return value

    @model_validator(mode="after")
    def _ascending(self) -> MentionRules:
        limits = [b.up_to for b in self.band]
        if limits != sorted(limits):
            raise ValueError("bands must be listed from the smallest channel size up")
        return self


FINDINGS_CAP = 20


class MassMentionDetector:
    """Finds mass mentions; an urgent word in the message (in its language or English) excuses them."""

    def __init__(self, rules: MentionRules, lexicons: dict[str, PersonalLexicon]) -> None:
        self._rules = rules
        self._regex = re.compile(rules.regex, re.IGNORECASE)
        self._lexicons = lexicons

    @classmethod
    def load(cls, paths: DataPaths) -> MassMentionDetector:
        return cls(load_model(paths.patterns("mentions"), MentionRules), load_personal_lexicons(paths))

    def detect(self, text: str, language: str = "en", context: MessageContext | None = None) -> list[Finding]:
        if "@" not in text and "<!" not in text:
            return []
        # Twenty of them say all there is to say about a long paste of "@here @here ...".
        matches = list(itertools.islice(self._regex.finditer(text), FINDINGS_CAP))
        if not matches:
            return []
        size = context.channel_size if context is not None else None
        if size is not None and size <= self._rules.quiet_up_to:
            return []
        folded = fold(text)
        if any(lexicon.urgent.search(folded)
               for lexicon in languages_to_check(language, self._lexicons)):
            return []
        severity = self._severity(size)
        reach = f"all {size} people in this channel" if size else "everyone in this channel"
        return [
            Finding(
                category=Category.MASS_MENTION,
                severity=severity,
                start=match.start(),
                end=match.end(),
                message=f"{match.group(0)} notifies {reach}, and nothing here looks urgent.",
                excerpt=match.group(0),
                rule="mass_mention",
                replacement=self._rules.replacement,
            )
            for match in matches
        ]

    def _severity(self, size: int | None) -> Severity:
        if size is None:
            return self._rules.band[0].severity
        for band in self._rules.band:
            if size <= band.up_to:
                return band.severity
        return self._rules.band[-1].severity
