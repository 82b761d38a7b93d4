"""Reminders: late first response, missing updates, follow-up after resolution; once each, across restarts."""

from __future__ import annotations

from bot.actions import OpenIncidentThread, PostIncidentUpdate, SendPrivateNotice
from bot.events import Place
from bot.vocabulary import Delivery

from .conftest import MASKED, Harness, message, of_kind, secret_analysis


def opened_with_owner(harness: Harness) -> tuple[str, Place]:
    actions = harness.desk.on_flagged_message(message(size=12), secret_analysis(), MASKED)
    incident_id = of_kind(actions, OpenIncidentThread)[0].incident_id
    thread = harness.thread_opened(actions)
    harness.command("owner me", place=thread, user="U-OWNER")
    return incident_id, thread


def notices(actions: list) -> list[SendPrivateNotice]:
    return of_kind(actions, SendPrivateNotice)


def test_a_late_first_response_nudges_the_owner_once(harness: Harness) -> None:
    incident_id, _ = opened_with_owner(harness)
    harness.clock.advance(minutes=14)
    assert harness.desk.due_actions() == []
    harness.clock.advance(minutes=1)  # the credential playbook wants a response within 15 minutes
    [nudge] = harness.desk.due_actions()
    assert isinstance(nudge, SendPrivateNotice) and nudge.recipient_id == "U-OWNER"
    assert nudge.delivery is Delivery.DIRECT_MESSAGE and nudge.reference_id == incident_id
    assert "first hours" in nudge.card.as_text() and "15 minutes" in nudge.card.as_text()
    assert harness.desk.due_actions() == []


def test_a_timely_update_cancels_the_first_response_nudge(harness: Harness) -> None:
    _, thread = opened_with_owner(harness)
    harness.clock.advance(minutes=5)
    harness.command("update looking into it", place=thread, user="U-OWNER")
    harness.clock.advance(minutes=20)
    assert harness.desk.due_actions() == []


def test_update_reminders_follow_the_severity_interval(harness: Harness) -> None:
    _, thread = opened_with_owner(harness)
    harness.clock.advance(minutes=10)
    harness.command("update revoking", place=thread, user="U-OWNER")  # SEV1: an update every 30 minutes
    harness.clock.advance(minutes=29)
    assert harness.desk.due_actions() == []
    harness.clock.advance(minutes=1)
    [reminder] = harness.desk.due_actions()
    assert "No update for 30 min" in reminder.card.as_text() and "every 30 min" in reminder.card.as_text()
    assert harness.desk.due_actions() == []
    harness.clock.advance(minutes=30)
    assert len(harness.desk.due_actions()) == 1  # the next one, once more
    # A lower severity stretches the interval: SEV4 expects an update every 4 hours after the last one.
    harness.command("sev 4", place=thread, user="U-OWNER")
    harness.clock.advance(minutes=100)
    assert harness.desk.due_actions() == []
    harness.clock.advance(minutes=80)
    assert len(harness.desk.due_actions()) == 1


def test_without_an_owner_reminders_go_to_the_thread(harness: Harness) -> None:
    actions = harness.desk.on_flagged_message(message(size=12), secret_analysis(), MASKED)
    thread = harness.thread_opened(actions)
    harness.clock.advance(minutes=15)
    [posted] = harness.desk.due_actions()
    assert isinstance(posted, PostIncidentUpdate) and posted.thread == thread
    assert "incident owner me" in posted.card.as_text()


def test_pending_reminders_survive_a_restart_and_never_fire_twice(harness: Harness) -> None:
    opened_with_owner(harness)
    harness.restart()
    harness.clock.advance(minutes=15)
    assert len(notices(harness.desk.due_actions())) == 1
    assert harness.restart().due_actions() == []
    assert harness.desk.due_actions() == []


def test_two_desks_on_one_database_share_each_reminder_once(harness: Harness) -> None:
    opened_with_owner(harness)
    first = harness.desk
    second = harness.start()  # a second process on the same file, both running
    harness.clock.advance(minutes=15)
    fired = second.due_actions() + first.due_actions()
    assert len(notices(fired)) == 1


def test_the_follow_up_after_resolution_fires_once_after_the_delay_across_a_restart(harness: Harness) -> None:
    incident_id, thread = opened_with_owner(harness)
    harness.clock.advance(minutes=5)
    harness.command("update on it", place=thread, user="U-OWNER")
    harness.command("resolve rotate keys monthly", place=thread, user="U-OWNER")
    harness.clock.advance(hours=71)
    assert harness.desk.due_actions() == []  # resolution cancelled the update reminders
    harness.restart()
    harness.clock.advance(hours=1)
    [follow_up] = harness.desk.due_actions()
    assert follow_up.recipient_id == "U-OWNER" and follow_up.reference_id == incident_id
    assert "3 days ago" in follow_up.card.as_text() and "rotate keys monthly" in follow_up.card.as_text()
    harness.restart()
    harness.clock.advance(days=30)
    assert harness.desk.due_actions() == []
    kinds = [entry.detail for entry in harness.desk.store.timeline(incident_id) if entry.kind == "reminder"]
    assert kinds == ["follow_up"]
