"""Incident card buttons on Slack: real signed block_actions and view_submission payloads through Bolt, the
resolve modal, a refused resolve (privately), and thread replies that stay conversation."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from bot.store.incidents import Incident
from tests.adapters.slack.conftest import TEAM_CHANNEL_ID, SlackHarness, blocks_text, decoded_blocks
from tests.adapters.slack.fake_slack import BOT_USER_ID, TEAM_ID, Call
from tests.adapters.slack.test_incidents import open_incident

OWNER_ID = "U0OWNER"
BYSTANDER_ID = "U0BYSTANDER"


def control(opening: Call, verb: str) -> dict[str, Any]:
    return next(element for block in decoded_blocks(opening.args["blocks"]) if block["type"] == "actions"
                for element in block["elements"] if element["action_id"] == f"damage_incident:{verb}")


async def click(slack: SlackHarness, opening: Call, verb: str, user: str) -> str:
    """Press a button of the incident's first message as Slack sends it; returns the click's trigger_id."""
    button = control(opening, verb)
    trigger_id = slack.next_id("trigger.")
    payload = {"type": "block_actions", "team": {"id": TEAM_ID, "domain": "fake"},
               "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID}, "api_app_id": "A0001",
               "token": "legacy", "trigger_id": trigger_id,
               "container": {"type": "message", "message_ts": opening.response["ts"], "channel_id": TEAM_CHANNEL_ID,
                             "is_ephemeral": False},
               "channel": {"id": TEAM_CHANNEL_ID, "name": "team-incidents"},
               "message": {"ts": opening.response["ts"], "text": opening.args["text"]},
               "response_url": slack.fake.response_url(slack.next_id("click")),
               "actions": [{"type": "button", "action_id": button["action_id"], "block_id": "b",
                            "value": button["value"], "text": button["text"], "action_ts": slack.next_ts()}]}
    assert await slack.interact(payload) == 200
    return trigger_id


async def submit(slack: SlackHarness, modal: dict[str, Any], user: str, text: str) -> None:
    """Send the modal the bot opened back, filled in, as a view_submission."""
    block = modal["blocks"][0]
    payload = {"type": "view_submission", "team": {"id": TEAM_ID, "domain": "fake"},
               "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID}, "api_app_id": "A0001",
               "token": "legacy", "trigger_id": slack.next_id("trigger."),
               "view": {**modal, "id": slack.next_id("V"), "hash": slack.next_id("h"), "team_id": TEAM_ID,
                        "state": {"values": {block["block_id"]: {block["element"]["action_id"]: {
                            "type": "plain_text_input", "value": text}}}}}}
    assert await slack.interact(payload) == 200


def thread_posts(slack: SlackHarness, opening: Call) -> list[Call]:
    return [call for call in slack.fake.calls_to("chat.postMessage")
            if call.args.get("thread_ts") == opening.response["ts"]]


async def wait_for_thread_posts(slack: SlackHarness, opening: Call, count: int) -> list[Call]:
    return await slack.fake.wait_for("chat.postMessage", count=count,
                                     where=lambda call: call.args.get("thread_ts") == opening.response["ts"])


def incident_of(slack: SlackHarness) -> Incident:
    """The one incident the test opened, as the database has it now."""
    desk = slack.engine.desk
    assert desk is not None
    [incident] = desk.store.listing("slack", TEAM_ID, datetime(2000, 1, 1, tzinfo=UTC))
    return incident


async def test_take_ownership_then_resolve_through_the_modal(slack: SlackHarness) -> None:
    _, opening = await open_incident(slack)

    await click(slack, opening, "owner", OWNER_ID)
    [claimed] = await wait_for_thread_posts(slack, opening, 1)
    assert f"<@{OWNER_ID}> now owns this incident" in blocks_text(decoded_blocks(claimed.args["blocks"]))
    assert incident_of(slack).owner_id == OWNER_ID

    trigger_id = await click(slack, opening, "resolve", OWNER_ID)
    [opened] = await slack.fake.wait_for("views.open")
    assert opened.args["trigger_id"] == trigger_id, "the modal opens on the click's own trigger"
    modal = opened.args["view"] if isinstance(opened.args["view"], dict) else json.loads(opened.args["view"])
    assert modal["callback_id"] == "damage_incident_form"
    assert modal["blocks"][0]["optional"] is True, "lessons learned are optional"
    assert incident_of(slack).status == "open", "nothing is resolved before the form is sent"

    await submit(slack, modal, OWNER_ID, "rotate keys from the vault, never paste them")
    [_, summary] = await wait_for_thread_posts(slack, opening, 2)
    shown = blocks_text(decoded_blocks(summary.args["blocks"]))
    assert "rotate keys from the vault, never paste them" in shown
    incident = incident_of(slack)
    assert (incident.status, incident.resolved_by) == ("resolved", OWNER_ID)


async def test_resolving_with_the_lessons_left_empty(slack: SlackHarness) -> None:
    _, opening = await open_incident(slack)
    await click(slack, opening, "owner", OWNER_ID)
    await wait_for_thread_posts(slack, opening, 1)
    await click(slack, opening, "resolve", OWNER_ID)
    [opened] = await slack.fake.wait_for("views.open")
    modal = opened.args["view"] if isinstance(opened.args["view"], dict) else json.loads(opened.args["view"])

    await submit(slack, modal, OWNER_ID, "")

    [_, summary] = await wait_for_thread_posts(slack, opening, 2)
    assert "none recorded" in blocks_text(decoded_blocks(summary.args["blocks"]))
    assert incident_of(slack).status == "resolved"


async def test_post_update_opens_a_required_form_and_posts_it(slack: SlackHarness) -> None:
    _, opening = await open_incident(slack)

    await click(slack, opening, "update", BYSTANDER_ID)  # anyone in the team channel may post an update
    [opened] = await slack.fake.wait_for("views.open")
    modal = opened.args["view"] if isinstance(opened.args["view"], dict) else json.loads(opened.args["view"])
    assert modal["blocks"][0]["optional"] is False
    await submit(slack, modal, BYSTANDER_ID, "the key is revoked; checking the access logs")

    [update] = await wait_for_thread_posts(slack, opening, 1)
    assert "the key is revoked; checking the access logs" in update.args["text"]
    assert incident_of(slack).first_response_at is not None


async def test_a_resolve_by_someone_else_is_refused_privately(slack: SlackHarness) -> None:
    _, opening = await open_incident(slack)
    await click(slack, opening, "owner", OWNER_ID)
    await wait_for_thread_posts(slack, opening, 1)

    await click(slack, opening, "resolve", BYSTANDER_ID)
    [refusal] = await slack.fake.wait_for("response_url")
    assert refusal.args["response_type"] == "ephemeral"
    assert "can be resolved by its owner" in refusal.args["text"] and f"<@{OWNER_ID}>" in refusal.args["text"]
    # Typed in the thread, addressed to the bot: refused the same way, as an ephemeral only they see.
    await slack.say(f"<@{BOT_USER_ID}> resolve it is fine now", user=BYSTANDER_ID, channel=TEAM_CHANNEL_ID,
                    thread_ts=opening.response["ts"])
    [ephemeral] = await slack.fake.wait_for("chat.postEphemeral", user=BYSTANDER_ID)
    assert "can be resolved by its owner" in ephemeral.args["text"]
    await slack.fake.settle(0.2)
    assert slack.fake.calls_to("views.open") == []
    assert len(thread_posts(slack, opening)) == 1, "no public word about the refusal"
    assert incident_of(slack).status == "open"


async def test_taking_over_someone_elses_incident_is_refused_privately(slack: SlackHarness) -> None:
    _, opening = await open_incident(slack)
    await click(slack, opening, "owner", OWNER_ID)
    await wait_for_thread_posts(slack, opening, 1)

    await click(slack, opening, "owner", BYSTANDER_ID)

    [refusal] = await slack.fake.wait_for("response_url")
    assert refusal.args["response_type"] == "ephemeral" and "can hand it over" in refusal.args["text"]
    assert incident_of(slack).owner_id == OWNER_ID


async def test_ordinary_replies_in_the_thread_change_nothing(slack: SlackHarness) -> None:
    _, opening = await open_incident(slack)
    before = incident_of(slack)
    timeline = slack.engine.desk.store.timeline(before.incident_id)

    for text in ("update: I pinged the customer", "done with the rollback, resolve soon?",
                 "owner should be whoever is on call", "note that staging used the same key",
                 f"thanks <@{BOT_USER_ID}>, resolve it when you can"):
        event = await slack.say(text, user=OWNER_ID, channel=TEAM_CHANNEL_ID, thread_ts=opening.response["ts"])
        await slack.processed(event["event_id"])

    assert thread_posts(slack, opening) == []
    assert [call for call in slack.fake.calls_to("chat.postEphemeral") if call.args["user"] == OWNER_ID] == []
    after = incident_of(slack)
    assert (after.status, after.owner_id, after.severity, after.lessons) == (
        before.status, before.owner_id, before.severity, before.lessons)
    assert slack.engine.desk.store.timeline(before.incident_id) == timeline


async def test_resolve_typed_without_lessons_gets_the_hint_privately(slack: SlackHarness) -> None:
    _, opening = await open_incident(slack)
    await slack.say("owner me", user=OWNER_ID, channel=TEAM_CHANNEL_ID, thread_ts=opening.response["ts"])
    await wait_for_thread_posts(slack, opening, 1)

    await slack.say(f"<@{BOT_USER_ID}> resolve", user=OWNER_ID, channel=TEAM_CHANNEL_ID,
                    thread_ts=opening.response["ts"])

    # A typed reply has no trigger_id, so no modal: the hint says where the form is.
    [hint] = await slack.fake.wait_for("chat.postEphemeral", user=OWNER_ID)
    assert hint.args["thread_ts"] == opening.response["ts"] and "Resolve" in hint.args["text"]
    assert slack.fake.calls_to("views.open") == []
    assert incident_of(slack).status == "open"


async def test_a_workspace_admin_may_resolve_someone_elses_incident(slack: SlackHarness) -> None:
    _, opening = await open_incident(slack)
    await click(slack, opening, "owner", OWNER_ID)
    await wait_for_thread_posts(slack, opening, 1)
    slack.fake.answers["users.info"] = {"ok": True, "user": {"id": BYSTANDER_ID, "is_admin": True}}

    await click(slack, opening, "resolve", BYSTANDER_ID)

    [lookup] = await slack.fake.wait_for("users.info", user=BYSTANDER_ID)
    assert lookup.token == "xoxb-test-bot-token"
    await slack.fake.wait_for("views.open")
    assert slack.fake.calls_to("response_url") == [], "no refusal"
