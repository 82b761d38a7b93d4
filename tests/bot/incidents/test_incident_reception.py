"""Reception: negative reactions and critical replies after a flagged message raise the severity."""

from __future__ import annotations

import pytest

from bot.actions import OpenIncidentThread, PostIncidentUpdate, SendPrivateNotice
from bot.incidents.reception import is_negative_reaction
from bot.vocabulary import Category, Severity

from .conftest import MASKED, Harness, finding_analysis, message, of_kind, secret_analysis


@pytest.mark.parametrize("reaction", ["thumbsdown", "-1", ":rage:", "😡", "👎🏽", "thumbsdown::skin-tone-3", "🙄"])
def test_negative_reactions_are_recognised(reaction: str) -> None:
    assert is_negative_reaction(reaction)


@pytest.mark.parametrize("reaction", ["thumbsup", "+1", "tada", "❤️", "eyes"])
def test_other_reactions_are_not(reaction: str) -> None:
    assert not is_negative_reaction(reaction)


def test_a_bad_reception_opens_an_incident_at_a_raised_severity(harness: Harness) -> None:
    # A heated message in a small channel: no incident by trigger, but the room reacts badly.
    assert harness.desk.on_flagged_message(message(size=20), finding_analysis(Category.HEATED, Severity.MEDIUM),
                                           "this plan is *** nonsense") == []
    harness.clock.advance(minutes=5)
    assert harness.react("M1", "U-1") == []
    assert harness.react("M1", "U-1", "rage") == []  # one person counts once
    assert harness.react("M1", "U-BOB") == []  # the author's own reaction does not count
    assert harness.react("M1", "U-2", "thumbsup") == []
    assert harness.react("M1", "U-2", "😠") == []
    actions = harness.react("M1", "U-3", "face_vomiting")
    [opening] = of_kind(actions, OpenIncidentThread)
    text = opening.card.as_text()
    assert "offensive_message" in text and "SEV1" in text  # the playbook's SEV2, raised by one
    assert "this plan is *** nonsense" in text and "20 people" in text
    [notice] = of_kind(actions, SendPrivateNotice)
    assert notice.recipient_id == "U-BOB" and "3 people" in notice.card.as_text()
    # Escalation happens once; later reactions go on the record only.
    assert harness.react("M1", "U-4") == []
    incident = harness.desk.store.by_message("slack:T1:C-GENERAL:M1")
    assert [entry.detail for entry in harness.desk.store.timeline(incident.incident_id)
            if entry.kind == "reception"] == ["reaction (4)"]


def test_a_bad_reception_raises_an_open_incident_and_tells_the_thread(harness: Harness) -> None:
    actions = harness.desk.on_flagged_message(message(size=300), finding_analysis(Category.INSULT, Severity.HIGH), "…")
    incident_id = of_kind(actions, OpenIncidentThread)[0].incident_id
    thread = harness.thread_opened(actions)
    assert harness.desk.store.get(incident_id).severity == 2
    harness.react("M1", "U-1")
    harness.react("M1", "U-2")
    escalation = harness.react("M1", "U-3")
    [posted] = of_kind(escalation, PostIncidentUpdate)
    assert posted.thread == thread and "SEV1" in posted.card.as_text()
    assert of_kind(escalation, SendPrivateNotice)[0].recipient_id == "U-BOB"
    assert harness.desk.store.get(incident_id).severity == 1
    severity_changes = [entry for entry in harness.desk.store.timeline(incident_id) if entry.kind == "severity"]
    assert [(entry.actor_id, entry.detail) for entry in severity_changes] == [(None, "SEV2 -> SEV1")]


def test_critical_replies_count_and_calm_ones_do_not(harness: Harness) -> None:
    harness.desk.on_flagged_message(message(size=20), finding_analysis(Category.MASS_MENTION, Severity.MEDIUM), "…")
    calm = finding_analysis(Category.OVER_APOLOGY, Severity.LOW)
    heated = finding_analysis(Category.HEATED, Severity.MEDIUM)
    assert harness.desk.on_reply(message("R1", author="U-1", reply_to="M1"), calm) == []
    assert harness.desk.on_reply(message("R2", author="U-1", reply_to="M1"), heated) == []
    assert harness.desk.on_reply(message("R3", author="U-2", reply_to="M1"), finding_analysis(Category.INSULT, Severity.HIGH)) == []
    actions = harness.desk.on_reply(message("R4", author="U-3", reply_to="M1"), finding_analysis(Category.TOXICITY, Severity.MEDIUM))
    [opening] = of_kind(actions, OpenIncidentThread)
    assert "mass_mention" in opening.card.as_text() and "SEV3" in opening.card.as_text()  # SEV4 raised


def test_reactions_after_the_window_or_on_unwatched_messages_are_ignored(harness: Harness) -> None:
    harness.desk.on_flagged_message(message(size=20), finding_analysis(Category.HEATED, Severity.MEDIUM), "…")
    harness.clock.advance(minutes=61)
    for user in ("U-1", "U-2", "U-3"):
        assert harness.react("M1", user) == []
        assert harness.react("M-OTHER", user) == []
    assert harness.desk.store.by_message("slack:T1:C-GENERAL:M1") is None


def test_a_secret_incident_already_at_sev1_stays_there(harness: Harness) -> None:
    actions = harness.desk.on_flagged_message(message(size=12), secret_analysis(), MASKED)
    incident_id = of_kind(actions, OpenIncidentThread)[0].incident_id
    for user in ("U-1", "U-2", "U-3"):
        harness.react("M1", user)
    assert harness.desk.store.get(incident_id).severity == 1


def test_forgetting_a_reactor_drops_their_signals_only_in_their_workspace(harness: Harness) -> None:
    harness.desk.on_flagged_message(message(size=20), finding_analysis(Category.HEATED, Severity.MEDIUM), "…")
    harness.react("M1", "U-1")
    harness.react("M1", "U-2")
    store = harness.desk.store
    assert store.forget_signals("slack", "T-OTHER", "U-1") == 0
    assert store.forget_signals("slack", "T1", "U-1") == 1
    assert store.signal_count("slack:T1:C-GENERAL:M1") == 1
