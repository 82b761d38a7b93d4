"""What the detector says about one message: findings with spans, suggestions, and the overall verdict."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from bot.vocabulary import ApologyKind, Category, Severity, SuggestionKind


class _Frozen(BaseModel):
    # hide_input_in_errors: a validation error must never carry message text into a log line.
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)


class Finding(_Frozen):
    """One thing found in a message: a category, a severity and the span of text it is about."""

    category: Category
    severity: Severity
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    message: str  # a human explanation, with secrets and personal data already masked
    excerpt: str = ""  # the span as it may be shown: masked for secrets and personal data
    rule: str = ""  # the lexicon entry or pattern that fired, for `why`
    replacement: str | None = None  # what a correction puts in place of the span ("" removes it)


class Suggestion(_Frozen):
    kind: SuggestionKind
    text: str


class MessageContext(_Frozen):
    """What the detector may know about where a message was posted and who can read it."""

    channel: str | None = None
    channel_size: int | None = Field(default=None, ge=0)
    members_present: tuple[str, ...] = ()
    author: str | None = None
    reply_to: str | None = None
    is_public: bool = True


class Analysis(_Frozen):
    """The detector's raw result: language, findings and how it reads any apology in the text."""

    language: str
    language_confident: bool = True
    findings: tuple[Finding, ...] = ()
    apology: ApologyKind = ApologyKind.NONE

    @property
    def severity(self) -> Severity:
        return Severity.highest([f.severity for f in self.findings])

    @property
    def categories(self) -> tuple[Category, ...]:
        seen: dict[Category, None] = {}
        for finding in self.findings:
            seen.setdefault(finding.category, None)
        return tuple(seen)


class Verdict(_Frozen):
    """The public verdict on a message, as `check --json` prints it."""

    regrettable: bool
    severity: Severity
    categories: tuple[Category, ...]
    language: str
    findings: tuple[Finding, ...]
    suggestions: tuple[Suggestion, ...]
    apology: ApologyKind = ApologyKind.NONE

    def public_dict(self) -> dict:
        """The JSON shape of the batch interface (spans, explanations and suggestions; no raw secrets)."""
        return {
            "regrettable": self.regrettable,
            "severity": self.severity.value,
            "categories": [c.value for c in self.categories],
            "language": self.language,
            "findings": [
                {
                    "category": f.category.value,
                    "severity": f.severity.value,
                    "start": f.start,
                    "end": f.end,
                    "message": f.message,
                }
                for f in self.findings
            ],
            "suggestions": [{"kind": s.kind.value, "text": s.text} for s in self.suggestions],
            "apology": self.apology.value,
        }
