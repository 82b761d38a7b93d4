"""Opening an incident: automatically from a playbook trigger, and by command."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.actions import OpenIncidentThread, PostIncidentUpdate, ReplyToCommand, SendPrivateNotice
from bot.clock import ManualClock, SequentialIds
from bot.data_files import DataPaths
from bot.events import CommandInvoked, Person, Place, TargetMessage
from bot.incidents import IncidentDesk, load_playbooks
from bot.settings import DEFAULT_DATA_DIR
from bot.store.database import open_database
from bot.vocabulary import Category, Delivery, Platform, Severity

from .conftest import (
    GENERAL,
    MASKED,
    RAW_TOKEN,
    START,
    TEAM_CHANNEL,
    Harness,
    finding_analysis,
    message,
    of_kind,
    secret_analysis,
    settings_for,
)


def test_a_leaked_token_opens_an_incident_thread_with_the_facts(harness: Harness) -> None:
    harness.clock.advance(minutes=7)
    actions = harness.desk.on_flagged_message(message(text=f"deploy key {RAW_TOKEN}", size=12),
                                              secret_analysis(), MASKED)
    [opening] = of_kind(actions, OpenIncidentThread)
    assert (opening.platform, opening.workspace_id, opening.team_channel_id) == ("slack", "T1", TEAM_CHANNEL)
    assert (opening.message_place.channel_id, opening.message_id) == ("C-GENERAL", "M1")  # for a permalink
    text = opening.card.as_text()
    assert MASKED in text and "M1" in text and "#general" in text  # what happened, and where
    assert "2026-11-21 09:00 UTC" in text and "7 minutes ago" in text  # when, and how long ago
    assert "12 people" in text  # the audience
    assert "SEV1" in text  # the playbook's default severity
    assert "Delete the message" in text and "Rotate the credential" in text
    assert [label for _, label in opening.buttons][1].startswith("Rotate")
    assert [step_id for step_id, _ in opening.buttons] == ["delete", "rotate", "access-logs", "confirm"]
    # The author hears it privately, where they are.
    [notice] = of_kind(actions, SendPrivateNotice)
    assert notice.recipient_id == "U-BOB" and notice.place.channel_id == "C-GENERAL"
    assert notice.delivery is Delivery.EPHEMERAL and "Nobody is blaming you" in notice.card.as_text()
    # Never the raw secret, in any action.
    assert all(RAW_TOKEN not in action.model_dump_json() for action in actions)


def test_the_same_message_flagged_twice_opens_one_incident(harness: Harness) -> None:
    first = harness.desk.on_flagged_message(message(size=12), secret_analysis(), MASKED)
    again = harness.desk.on_flagged_message(message(size=12), secret_analysis(), MASKED)
    assert len(of_kind(first, OpenIncidentThread)) == 1
    assert again == []


def test_no_trigger_no_incident(harness: Harness) -> None:
    small = harness.desk.on_flagged_message(message(size=10), finding_analysis(Category.INSULT, Severity.HIGH), "…")
    mild = harness.desk.on_flagged_message(message("M2", size=300), finding_analysis(Category.INSULT, Severity.LOW), "…")
    direct = harness.desk.on_flagged_message(
        message("M3", place=GENERAL.model_copy(update={"is_direct": True}), size=2), secret_analysis(), MASKED)
    assert small == mild == direct == []
    big = harness.desk.on_flagged_message(message("M4", size=300), finding_analysis(Category.INSULT, Severity.HIGH), "…")
    assert of_kind(big, OpenIncidentThread)[0].card.as_text().count("SEV2") == 1


def test_without_a_team_channel_auto_opening_is_skipped_and_the_command_says_why(
    tmp_path: Path, texts, caplog: pytest.LogCaptureFixture
) -> None:
    settings = settings_for(tmp_path, incident_channel_id=None)
    harness = Harness(path=settings.database_path, settings=settings,
                      playbooks=load_playbooks(DataPaths(DEFAULT_DATA_DIR)), texts=texts)
    harness.start()
    try:
        with caplog.at_level(logging.DEBUG, logger="bot.incidents.desk"):
            for number in range(3):
                assert harness.desk.on_flagged_message(message(f"M{number}", size=12), secret_analysis(), MASKED) == []
        # The missing setting is a warning once, not once per leaked key.
        warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
        assert len(warnings) == 1 and "SLACK_INCIDENT_CHANNEL_ID" in warnings[0].getMessage()
        [reply] = harness.command("open the wiki says the office is closed")
        assert isinstance(reply, ReplyToCommand) and "INCIDENT_CHANNEL_ID" in reply.card.as_text()
    finally:
        harness.close()


def test_opening_by_command_makes_the_opener_owner(harness: Harness) -> None:
    actions = harness.command("open the release date in #announcements is wrong", user="U-CARA")
    [opening] = of_kind(actions, OpenIncidentThread)
    [reply] = of_kind(actions, ReplyToCommand)
    assert reply.recipient_id == "U-CARA" and opening.incident_id in reply.card.as_text()
    text = opening.card.as_text()
    assert "the release date in #announcements is wrong" in text
    assert "Owner: <@U-CARA>" in text and "wrong_information" in text  # the command default playbook
    assert of_kind(actions, SendPrivateNotice) == []  # no message, no author to tell
    assert harness.command("open")[0].card.title.startswith("Say what happened")


def test_opening_names_a_playbook_and_a_target_message(harness: Harness) -> None:
    target = TargetMessage(message_id="M9", author_id="U-DAN", text=f"here: {RAW_TOKEN}", place=GENERAL,
                           sent_at=START)
    harness.clock.advance(hours=2)
    actions = harness.command("open leaked_credential token in #general", user="U-CARA", target=target)
    [opening] = of_kind(actions, OpenIncidentThread)
    assert "Rotate the credential" in opening.card.as_text() and "2 hours ago" in opening.card.as_text()
    [notice] = of_kind(actions, SendPrivateNotice)
    assert notice.recipient_id == "U-DAN"
    assert all(RAW_TOKEN not in action.model_dump_json() for action in actions)
    # The same message again: refused, naming the incident it already has.
    [again] = harness.command("open it again", target=target)
    assert opening.incident_id in again.card.as_text()


def test_a_target_that_was_flagged_brings_its_masked_excerpt_and_audience(harness: Harness) -> None:
    harness.desk.on_flagged_message(message("M5", size=30), finding_analysis(Category.HEATED, Severity.MEDIUM),
                                    "this is *** ridiculous")
    target = TargetMessage(message_id="M5", author_id="U-BOB", text="raw", place=GENERAL)
    [opening] = of_kind(harness.command("open heated thread", target=target), OpenIncidentThread)
    text = opening.card.as_text()
    assert "this is *** ridiculous" in text and "30 people" in text and "offensive_message" in text


def test_the_owner_rule_names_a_person_or_a_role_per_team(tmp_path: Path, texts) -> None:
    extra = tmp_path / "ours"
    extra.mkdir()
    source = (DEFAULT_DATA_DIR / "playbooks" / "leaked_credential.toml").read_text()
    (extra / "leaked_credential.toml").write_text(
        source.replace("[owner]", '[owner.teams.T1]\nuser_id = "U-SEC"\n[owner.teams.T2]\nrole_id = "S-SECURITY"'))
    settings = settings_for(tmp_path)
    desk = IncidentDesk(settings=settings, db=open_database(settings.database_path),
                        playbooks=load_playbooks(DataPaths(DEFAULT_DATA_DIR, extra_playbooks=extra)), texts=texts,
                        clock=ManualClock(START), ids=SequentialIds())
    named = of_kind(desk.on_flagged_message(message(size=5), secret_analysis(), MASKED), OpenIncidentThread)[0]
    assert "Owner: <@U-SEC>" in named.card.as_text()
    team_two = Place(platform=Platform.SLACK, workspace_id="T2", channel_id="C-X", channel_name="x")
    role = of_kind(desk.on_flagged_message(message(place=team_two, size=5), secret_analysis(), MASKED),
                   OpenIncidentThread)[0]
    assert "<!subteam^S-SECURITY>" in role.card.as_text()
    # No rule for this team and nobody opened it: owner unassigned, and the card says how to claim it.
    team_three = Place(platform=Platform.SLACK, workspace_id="T3", channel_id="C-Y", channel_name="y")
    nobody = of_kind(desk.on_flagged_message(message(place=team_three, size=5), secret_analysis(), MASKED),
                     OpenIncidentThread)[0]
    assert "incident owner me" in nobody.card.as_text()


def test_updates_go_to_the_thread_once_it_is_known(harness: Harness) -> None:
    actions = harness.desk.on_flagged_message(message(size=12), secret_analysis(), MASKED)
    incident_id = of_kind(actions, OpenIncidentThread)[0].incident_id
    before = harness.command(f"note {incident_id} rotated by ops")  # the thread is not known yet
    assert of_kind(before, PostIncidentUpdate) == [] and of_kind(before, ReplyToCommand)
    thread = harness.thread_opened(actions)
    in_thread = harness.command("note the key was read-only", place=thread)
    [update] = in_thread
    assert isinstance(update, PostIncidentUpdate) and update.thread == thread
    assert "the key was read-only" in update.card.as_text()


def test_from_a_message_menu_the_engines_analysis_picks_the_playbook_and_summary(harness: Harness) -> None:
    target = TargetMessage(message_id="M7", author_id="U-DAN", text=f"token {RAW_TOKEN}", place=GENERAL)
    actions = harness.desk.handle_command(
        CommandInvoked(event_id="menu-1", place=GENERAL, user=Person(user_id="U-CARA"), command="incident",
                       arguments="open", target=target, invoked_at=START),
        analysis=secret_analysis(), masked_excerpt=MASKED, language="en",
    )
    [opening] = of_kind(actions, OpenIncidentThread)
    fields = dict(opening.card.fields)
    assert fields["What happened"].startswith("This looks like an access token")
    assert "leaked_credential" in fields["Playbook"] and MASKED in opening.card.as_text()
    assert all(RAW_TOKEN not in action.model_dump_json() for action in actions)


def test_an_incident_speaks_the_language_of_the_message(harness: Harness) -> None:
    italian = finding_analysis(Category.SECRET, Severity.HIGH, language="it")
    actions = harness.desk.on_flagged_message(message(size=12), italian, MASKED)
    [opening] = of_kind(actions, OpenIncidentThread)
    assert "Ruota la credenziale" in opening.card.as_text()
    assert "Credenziale esposta" in opening.card.as_text()
    [notice] = of_kind(actions, SendPrivateNotice)
    place = harness.texts.get("it", "place.channel", channel="#general")
    assert notice.card.title == harness.texts.get("it", "incident.author.title", place=place)
