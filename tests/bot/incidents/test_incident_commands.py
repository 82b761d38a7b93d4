"""Commands during an incident: owner, sev, update, done, note, resolve, list, help; each on the timeline."""

from __future__ import annotations

from bot.actions import OpenIncidentForm, OpenIncidentThread, PostIncidentUpdate, ReplyToCommand
from bot.events import Place

from .conftest import GENERAL, MASKED, Harness, message, of_kind, secret_analysis


def opened(harness: Harness, message_id: str = "M1") -> tuple[str, Place]:
    actions = harness.desk.on_flagged_message(message(message_id, size=12), secret_analysis(), MASKED)
    incident_id = of_kind(actions, OpenIncidentThread)[0].incident_id
    return incident_id, harness.thread_opened(actions, thread_id=f"ts-{message_id}")


def test_owner_changes_are_announced_and_timed(harness: Harness) -> None:
    incident_id, thread = opened(harness)
    harness.clock.advance(minutes=3)
    [update] = harness.command("owner <@U-ERIN>", place=thread, user="U-ALICE", mentioned=("U-ERIN",))
    assert isinstance(update, PostIncidentUpdate) and update.mention_ids == ("U-ERIN",)
    assert "<@U-ERIN> now owns this incident" in update.card.as_text()
    # Once someone owns it, only they (or the reporter, or an admin) hand it over.
    [taken] = harness.command("owner me", place=thread, user="U-FRED")
    assert isinstance(taken, ReplyToCommand) and taken.recipient_id == "U-FRED"
    assert harness.desk.store.get(incident_id).owner_id == "U-ERIN"
    harness.command("owner <@U-FRED>", place=thread, user="U-ERIN", mentioned=("U-FRED",))
    incident = harness.desk.store.get(incident_id)
    assert incident.owner_id == "U-FRED"
    owners = [(entry.actor_id, entry.detail, entry.at) for entry in harness.desk.store.timeline(incident_id)
              if entry.kind == "owner"]
    assert owners == [("U-ALICE", "U-ERIN", harness.clock.now()), ("U-ERIN", "U-FRED", harness.clock.now())]
    [refused] = harness.command("owner", place=thread)
    assert isinstance(refused, ReplyToCommand) and "incident owner @someone" in refused.card.title


def test_severity_changes_and_bad_values(harness: Harness) -> None:
    incident_id, thread = opened(harness)
    [update] = harness.command("sev 3", place=thread, user="U-ALICE")
    assert "SEV1" in update.card.as_text() and "SEV3" in update.card.as_text()
    assert harness.desk.store.get(incident_id).severity == 3
    for bad in ("sev 5", "sev high", "sev"):
        [reply] = harness.command(bad, place=thread)
        assert isinstance(reply, ReplyToCommand) and "1 (critical) to 4 (low)" in reply.card.title
    assert harness.desk.store.get(incident_id).severity == 3


def test_outside_the_thread_the_incident_is_named_by_id(harness: Harness) -> None:
    incident_id, thread = opened(harness)
    actions = harness.command(f"update {incident_id} rotation started", place=GENERAL, user="U-ALICE")
    [posted] = of_kind(actions, PostIncidentUpdate)
    [confirmation] = of_kind(actions, ReplyToCommand)
    assert posted.thread == thread and "rotation started" in posted.card.as_text()
    assert confirmation.recipient_id == "U-ALICE"
    [lost] = harness.command("update rotation started", place=GENERAL)
    assert "Which incident?" in lost.card.title
    [unknown] = harness.command("reopen", place=thread)
    assert "reopen" in unknown.card.title


def test_checklist_steps_by_number_id_or_button(harness: Harness) -> None:
    incident_id, thread = opened(harness)
    [first] = harness.command("done 1", place=thread, user="U-ALICE")
    assert "Delete the message" in first.card.as_text() and "1/4" in first.card.as_text()
    harness.command("done rotate", place=thread, user="U-ALICE")
    # A checklist button sends "incident_id:step", and works wherever it is clicked.
    button = harness.command(f"done {incident_id}:access-logs", place=GENERAL, user="U-GINA")
    assert "3/4" in of_kind(button, PostIncidentUpdate)[0].card.as_text()
    [twice] = harness.command("done 2", place=thread)
    assert "already done" in twice.card.title
    [missing] = harness.command("done 9", place=thread)
    assert "1 to 4" in missing.card.title
    steps = harness.desk.store.steps(incident_id)
    assert [(step.step_id, step.done_by) for step in steps] == [
        ("delete", "U-ALICE"), ("rotate", "U-ALICE"), ("access-logs", "U-GINA"), ("confirm", None)]


def test_update_and_note_need_text_and_land_on_the_timeline(harness: Harness) -> None:
    incident_id, thread = opened(harness)
    [form] = harness.command("update", place=thread)
    assert isinstance(form, OpenIncidentForm) and form.required and "needs some text" in form.fallback.title
    harness.clock.advance(minutes=4)
    harness.command("update key revoked", place=thread, user="U-ALICE")
    harness.command("note only staging used it", place=thread, user="U-BOB")
    timeline = harness.desk.store.timeline(incident_id)
    assert [(entry.kind, entry.actor_id, entry.detail) for entry in timeline] == [
        ("opened", None, "leaked_credential"), ("thread", None, ""),
        ("update", "U-ALICE", "key revoked"), ("note", "U-BOB", "only staging used it")]
    incident = harness.desk.store.get(incident_id)
    assert incident.first_response_at == harness.clock.now()  # the update was the first response


def test_resolve_posts_a_summary_settles_the_ledger_and_closes(harness: Harness) -> None:
    incident_id, thread = opened(harness)
    harness.clock.advance(minutes=10)
    harness.command("done 1", place=thread, user="U-ALICE")
    harness.command("owner me", place=thread, user="U-ALICE")
    harness.clock.advance(minutes=50)
    # Without lessons, a form asks for them; typed in the thread (no form possible) its fallback says how.
    [form] = harness.command("resolve", place=thread, user="U-ALICE")
    assert isinstance(form, OpenIncidentForm) and form.form == "resolve" and not form.required
    assert "lessons" in form.fallback.title and harness.desk.store.get(incident_id).is_open
    [summary] = harness.command("resolve use the secret scanner in CI", place=thread, user="U-ALICE")
    assert isinstance(summary, PostIncidentUpdate)
    fields = dict(summary.card.fields)
    assert fields["Time to first response"] == "10 min"
    assert fields["Time to resolution"] == "1 h 00 min"
    assert fields["Steps done"] == "1/4"
    assert fields["Lessons learned"] == "use the secret scanner in CI"
    assert any("step done: 1. Delete the message" in line for line in summary.card.lines)
    assert "3 d 0 h" in summary.card.footer  # the follow-up delay of the playbook
    assert harness.resolved == ["slack:T1:C-GENERAL:M1"]
    incident = harness.desk.store.get(incident_id)
    assert incident.status == "resolved" and incident.lessons == "use the secret scanner in CI"
    [closed] = harness.command("update more", place=thread)
    assert "already resolved" in closed.card.title


def test_list_shows_open_and_recently_resolved_incidents(harness: Harness) -> None:
    first_id, first_thread = opened(harness, "M1")
    second_id, _ = opened(harness, "M2")
    harness.command("owner me", place=first_thread)
    harness.command("resolve done", place=first_thread)
    [listing] = harness.command("list")
    text = listing.card.as_text()
    assert first_id in text and second_id in text
    assert text.index(second_id) < text.index(first_id)  # open ones first
    assert "Resolved" in text and "Open" in text
    harness.clock.advance(days=8)
    [later] = harness.command("list")
    assert first_id not in later.card.as_text() and second_id in later.card.as_text()
    [help_card] = harness.command("help")
    assert "resolve [lessons learned]" in help_card.card.as_text()
    assert "@damage-control" in help_card.card.as_text()


def test_owner_accepts_a_written_mention_but_not_a_plain_name(harness: Harness) -> None:
    incident_id, thread = opened(harness)
    harness.command("owner <@U0ABCDEF12>", place=thread)
    assert harness.desk.store.get(incident_id).owner_id == "U0ABCDEF12"
    [refused] = harness.command("owner Alexander", place=thread)
    assert isinstance(refused, ReplyToCommand)
    assert harness.desk.store.get(incident_id).owner_id == "U0ABCDEF12"


def test_a_discord_thread_is_found_whether_named_as_thread_or_as_channel(harness: Harness) -> None:
    actions = harness.desk.on_flagged_message(message(size=12), secret_analysis(), MASKED)
    incident_id = of_kind(actions, OpenIncidentThread)[0].incident_id
    harness.thread_opened(actions, thread_id="900000000000000001")
    as_channel = GENERAL.model_copy(update={"channel_id": "900000000000000001", "channel_name": None})
    [update] = harness.command("note seen from the thread channel", place=as_channel)
    assert isinstance(update, PostIncidentUpdate) and update.incident_id == incident_id
    elsewhere = GENERAL.model_copy(update={"thread_id": "900000000000000001"})  # same thread id, other channel
    [lost] = harness.command("note wrong place", place=elsewhere)
    assert isinstance(lost, ReplyToCommand)
