"""The nudge policy: which findings may reach a user, given their settings, snooze, cap and the message's fate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.settings import Settings
from bot.store.decisions import Reason
from bot.store.user_settings import StoredSettings
from bot.verdict import Analysis, Finding
from bot.vocabulary import Category, Delivery, Severity

SENSITIVITIES = ("low", "normal", "high")

# Which severities nudge at each sensitivity: "high" sensitivity speaks up about more.
_LOWEST_SEVERITY_THAT_NUDGES = {"high": Severity.LOW, "normal": Severity.MEDIUM, "low": Severity.HIGH}

# Findings about the apology itself are handled by the ledger and the composer, not counted as a
# "regrettable message" (they never make a matter to apologise for).
APOLOGY_CATEGORIES = frozenset({Category.NON_APOLOGY, Category.OVER_APOLOGY})

# In a sincere apology, only what must be fixed whatever the intent still nudges (a pasted secret, personal
# data, an @everyone); tone findings in an apology are not worth a second private message on top of the
# ledger's acknowledgement (at most one nudge per message).
MUST_FIX_CATEGORIES = frozenset({Category.SECRET, Category.PII, Category.PRIVATE_IN_PUBLIC, Category.MASS_MENTION})


@dataclass(frozen=True)
class Preferences:
    """A user's effective settings: their own choices over the workspace defaults."""

    watch: bool
    sensitivity: str
    category_sensitivity: dict[str, str]
    disabled_categories: frozenset[str]
    language: str | None
    delivery: Delivery
    snoozed_until: datetime | None

    def sensitivity_for(self, category: str) -> str:
        return self.category_sensitivity.get(category, self.sensitivity)

    def as_form_values(self) -> dict[str, str | int | bool | list[str] | None]:
        return {
            "watch": self.watch,
            "sensitivity": self.sensitivity,
            "disabled_categories": sorted(self.disabled_categories),
            "language": self.language,
            "delivery": self.delivery.value,
            "snoozed_until": self.snoozed_until.isoformat() if self.snoozed_until else None,
            **{f"sensitivity.{category}": value for category, value in sorted(self.category_sensitivity.items())},
        }


def effective_preferences(settings: Settings, stored: StoredSettings) -> Preferences:
    return Preferences(
        watch=settings.watch_by_default if stored.watch is None else stored.watch,
        sensitivity=stored.sensitivity or settings.default_sensitivity,
        category_sensitivity=dict(stored.category_sensitivity),
        disabled_categories=frozenset(stored.disabled_categories)
        | frozenset(category.value for category in settings.disabled_categories),
        language=stored.language,
        delivery=Delivery(stored.delivery) if stored.delivery else settings.default_delivery,
        snoozed_until=stored.snoozed_until,
    )


def lower_sensitivity(current: str) -> str | None:
    """One step quieter; None when already at the quietest (the category is then switched off)."""
    index = SENSITIVITIES.index(current)
    return SENSITIVITIES[index - 1] if index > 0 else None


@dataclass
class PolicyDecision:
    nudge: bool
    outcome: str  # a short code: nudge, quiet, not_watched, snoozed, capped, already_edited, ...
    reasons: list[Reason] = field(default_factory=list)  # keyed, rendered by `why` in the reader's language
    counted: tuple[Finding, ...] = ()  # the findings that justify the nudge


def counting_findings(analysis: Analysis, preferences: Preferences, reasons: list[Reason]) -> tuple[Finding, ...]:
    """The findings this user wants to hear about, with one reason line per finding."""
    kept: list[Finding] = []
    for finding in analysis.findings:
        category = finding.category.value
        if category in preferences.disabled_categories:
            reasons.append(Reason.of("category_off", category=category, severity=finding.severity.value))
            continue
        sensitivity = preferences.sensitivity_for(category)
        threshold = _LOWEST_SEVERITY_THAT_NUDGES[sensitivity]
        if finding.severity.rank < threshold.rank:
            reasons.append(Reason.of(
                "below_sensitivity", category=category, severity=finding.severity.value, sensitivity=sensitivity,
                threshold=threshold.value,
            ))
            continue
        reasons.append(Reason.of("counts", category=category, severity=finding.severity.value, sensitivity=sensitivity))
        kept.append(finding)
    return tuple(kept)


def decide_nudge(
    analysis: Analysis,
    preferences: Preferences,
    *,
    now: datetime,
    fate: str | None,
    already_nudged: bool,
    nudges_last_hour: int,
    nudges_per_hour: int,
    sincere_apology: bool = False,
) -> PolicyDecision:
    """Quiet by design: every "no" has a reason a user can read with `why`."""
    reasons: list[Reason] = []
    if not preferences.watch:
        return PolicyDecision(False, "not_watched", [Reason.of("not_watched")])
    counted = counting_findings(analysis, preferences, reasons)
    if sincere_apology:
        skipped = [f for f in counted if f.category not in MUST_FIX_CATEGORIES]
        if skipped:
            names = list(dict.fromkeys(f.category.value for f in skipped))
            reasons.append(Reason.of("in_sincere_apology", categories=names))
        counted = tuple(f for f in counted if f.category in MUST_FIX_CATEGORIES)
    if not counted:
        if not analysis.findings:
            reasons.append(Reason.of("nothing_found"))
        return PolicyDecision(False, "quiet", reasons)
    if fate is not None:
        reasons.append(Reason.of(f"already_{fate}"))
        return PolicyDecision(False, f"already_{fate}", reasons, counted)
    if already_nudged:
        reasons.append(Reason.of("already_nudged"))
        return PolicyDecision(False, "already_nudged", reasons, counted)
    if preferences.snoozed_until is not None and preferences.snoozed_until > now:
        reasons.append(Reason.of("snoozed", until_at=preferences.snoozed_until.isoformat(timespec="minutes")))
        return PolicyDecision(False, "snoozed", reasons, counted)
    if nudges_last_hour >= nudges_per_hour:
        reasons.append(Reason.of("capped", count=nudges_last_hour, limit=nudges_per_hour))
        return PolicyDecision(False, "capped", reasons, counted)
    reasons.append(Reason.of("nudge"))
    return PolicyDecision(True, "nudge", reasons, counted)
