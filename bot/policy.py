"""The nudge policy: which findings may reach a user, given their settings, snooze, cap and the message's fate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.settings import Settings
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
    reasons: list[str] = field(default_factory=list)
    counted: tuple[Finding, ...] = ()  # the findings that justify the nudge


def counting_findings(analysis: Analysis, preferences: Preferences, reasons: list[str]) -> tuple[Finding, ...]:
    """The findings this user wants to hear about, with one reason line per finding."""
    kept: list[Finding] = []
    for finding in analysis.findings:
        category = finding.category.value
        if category in preferences.disabled_categories:
            reasons.append(f"{category} ({finding.severity.value}): category switched off")
            continue
        sensitivity = preferences.sensitivity_for(category)
        threshold = _LOWEST_SEVERITY_THAT_NUDGES[sensitivity]
        if finding.severity.rank < threshold.rank:
            reasons.append(
                f"{category} ({finding.severity.value}): below the {sensitivity} sensitivity"
                f" (nudges from {threshold.value})"
            )
            continue
        reasons.append(f"{category} ({finding.severity.value}): counts at {sensitivity} sensitivity")
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
    reasons: list[str] = []
    if not preferences.watch:
        return PolicyDecision(False, "not_watched", ["the author has not opted in to proactive watching"])
    counted = counting_findings(analysis, preferences, reasons)
    if sincere_apology:
        skipped = [f for f in counted if f.category not in MUST_FIX_CATEGORIES]
        if skipped:
            names = ", ".join(dict.fromkeys(f.category.value for f in skipped))
            reasons.append(f"{names}: not nudged in a sincere apology (the ledger answers it)")
        counted = tuple(f for f in counted if f.category in MUST_FIX_CATEGORIES)
    if not counted:
        if not analysis.findings:
            reasons.append("nothing regrettable found")
        return PolicyDecision(False, "quiet", reasons)
    if fate is not None:
        reasons.append(f"the author already {fate} the message: no nudge about text they changed")
        return PolicyDecision(False, f"already_{fate}", reasons, counted)
    if already_nudged:
        reasons.append("this message already had its one nudge")
        return PolicyDecision(False, "already_nudged", reasons, counted)
    if preferences.snoozed_until is not None and preferences.snoozed_until > now:
        reasons.append(f"nudges snoozed until {preferences.snoozed_until.isoformat(timespec='minutes')}")
        return PolicyDecision(False, "snoozed", reasons, counted)
    if nudges_last_hour >= nudges_per_hour:
        reasons.append(f"hourly cap reached ({nudges_last_hour} of {nudges_per_hour} nudges in the last hour)")
        return PolicyDecision(False, "capped", reasons, counted)
    reasons.append("a private suggestion was sent")
    return PolicyDecision(True, "nudge", reasons, counted)
