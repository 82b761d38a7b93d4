"""The nudge policy's rules, one at a time: sensitivity, categories, fate, one per message, snooze, cap."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.policy import decide_nudge, effective_preferences, lower_sensitivity
from bot.settings import Settings
from bot.store.user_settings import StoredSettings
from bot.verdict import Analysis, Finding
from bot.vocabulary import Category, Delivery, Severity

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def finding(category: Category, severity: Severity) -> Finding:
    return Finding(category=category, severity=severity, start=0, end=4, message="m", rule=f"{category}.rule")


def analysis(*findings: Finding) -> Analysis:
    return Analysis(language="en", findings=findings)


def preferences(settings: Settings | None = None, **stored: object):
    return effective_preferences(settings or Settings(_env_file=None), StoredSettings(**stored))  # type: ignore[arg-type]


def decide(found: Analysis, prefs, **overrides: object):
    arguments = {"now": NOW, "fate": None, "already_nudged": False, "nudges_last_hour": 0, "nudges_per_hour": 6}
    arguments.update(overrides)
    return decide_nudge(found, prefs, **arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sensitivity", "severity", "nudges"),
    [
        ("low", Severity.MEDIUM, False), ("low", Severity.HIGH, True),
        ("normal", Severity.LOW, False), ("normal", Severity.MEDIUM, True),
        ("high", Severity.LOW, True),
    ],
)
def test_sensitivity_decides_which_severities_nudge(sensitivity, severity, nudges):
    decision = decide(analysis(finding(Category.INSULT, severity)), preferences(sensitivity=sensitivity))
    assert decision.nudge is nudges
    assert any(reason.values.get("sensitivity") == sensitivity for reason in decision.reasons)


def test_a_category_can_be_quieter_than_the_rest():
    prefs = preferences(category_sensitivity={"heated": "low"})
    found = analysis(finding(Category.HEATED, Severity.MEDIUM), finding(Category.INSULT, Severity.MEDIUM))
    decision = decide(found, prefs)
    assert decision.nudge and [f.category for f in decision.counted] == [Category.INSULT]


def test_switched_off_categories_do_not_count_user_or_workspace():
    found = analysis(finding(Category.SECRET, Severity.HIGH))
    assert not decide(found, preferences(disabled_categories=("secret",))).nudge
    workspace = Settings(_env_file=None, disabled_categories="secret,pii")  # type: ignore[call-arg]
    assert not decide(found, preferences(workspace)).nudge


def test_watching_defaults_to_the_workspace_and_the_user_overrides_it():
    found = analysis(finding(Category.INSULT, Severity.HIGH))
    quiet_workspace = Settings(_env_file=None, watch_by_default=False)  # type: ignore[call-arg]
    assert decide(found, preferences(quiet_workspace)).outcome == "not_watched"
    assert decide(found, preferences(quiet_workspace, watch=True)).nudge
    assert decide(found, preferences(watch=False)).outcome == "not_watched"


@pytest.mark.parametrize(
    ("overrides", "outcome"),
    [
        ({"fate": "edited"}, "already_edited"),
        ({"fate": "deleted"}, "already_deleted"),
        ({"already_nudged": True}, "already_nudged"),
        ({"nudges_last_hour": 6}, "capped"),
    ],
)
def test_quiet_by_design(overrides, outcome):
    decision = decide(analysis(finding(Category.INSULT, Severity.HIGH)), preferences(), **overrides)
    assert not decision.nudge and decision.outcome == outcome


def test_snooze_holds_until_it_ends():
    found = analysis(finding(Category.INSULT, Severity.HIGH))
    snoozed = preferences(snoozed_until=NOW + timedelta(minutes=5))
    assert decide(found, snoozed).outcome == "snoozed"
    assert decide(found, snoozed, now=NOW + timedelta(minutes=6)).nudge


def test_delivery_and_language_preferences():
    prefs = preferences(delivery="direct_message", language="fy")
    assert prefs.delivery is Delivery.DIRECT_MESSAGE and prefs.language == "fy"
    assert preferences().delivery is Delivery.EPHEMERAL and preferences().language is None


def test_lowering_goes_one_step_then_off():
    assert lower_sensitivity("high") == "normal"
    assert lower_sensitivity("normal") == "low"
    assert lower_sensitivity("low") is None


def test_in_a_sincere_apology_only_what_must_be_fixed_nudges():
    found = analysis(finding(Category.ABOUT_PRESENT_PERSON, Severity.MEDIUM), finding(Category.HEATED, Severity.HIGH))
    decision = decide(found, preferences(), sincere_apology=True)
    assert not decision.nudge and any(reason.key == "in_sincere_apology" for reason in decision.reasons)
    leak = analysis(finding(Category.SECRET, Severity.HIGH), finding(Category.HEATED, Severity.HIGH))
    decision = decide(leak, preferences(), sincere_apology=True)
    assert decision.nudge and [f.category for f in decision.counted] == [Category.SECRET]
