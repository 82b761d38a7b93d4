"""Incident threads on Slack: opened in the team channel, driven from the thread, raised by reactions, resolved."""

from __future__ import annotations

from typing import Any

from tests.adapters.slack.conftest import (
    AUTHOR_ID,
    CHANNEL_ID,
    INSULT,
    LEAKED_KEY,
    TEAM_CHANNEL_ID,
    SlackHarness,
    blocks_text,
    decoded_blocks,
)
from tests.adapters.slack.fake_slack import BOT_USER_ID, Call

OWNER_ID = "U0OWNER"


async def open_incident(slack: SlackHarness) -> tuple[dict[str, Any], Call]:
    """A leaked key in a channel opens an incident thread automatically; returns (message, opening post)."""
    message = await slack.say(LEAKED_KEY)
    [opening] = await slack.fake.wait_for("chat.postMessage", channel=TEAM_CHANNEL_ID)
    await slack.fake.settle(0.1)
    return message, opening


async def in_thread(slack: SlackHarness, opening: Call, text: str, user: str = OWNER_ID) -> None:
    await slack.say(text, user=user, channel=TEAM_CHANNEL_ID, thread_ts=opening.response["ts"])


def thread_posts(slack: SlackHarness, opening: Call) -> list[Call]:
    return [call for call in slack.fake.calls_to("chat.postMessage")
            if call.args.get("thread_ts") == opening.response["ts"]]


async def test_a_leaked_token_opens_an_incident_thread(slack: SlackHarness) -> None:
    leaked, opening = await open_incident(slack)

    assert opening.token == "xoxb-test-bot-token"
    message_link, thread_link = await slack.fake.wait_for("chat.getPermalink", count=2)
    assert (message_link.args["channel"], message_link.args["message_ts"]) == (CHANNEL_ID, leaked["ts"])
    assert (thread_link.args["channel"], thread_link.args["message_ts"]) == (TEAM_CHANNEL_ID, opening.response["ts"])
    shown = blocks_text(decoded_blocks(opening.args["blocks"]))
    assert f"<{message_link.response['permalink']}|" in shown, "the first message links the flagged message"
    assert "#general" in shown
    buttons = [element["action_id"] for block in decoded_blocks(opening.args["blocks"]) if block["type"] == "actions"
               for element in block["elements"]]
    steps = [action_id for action_id in buttons if action_id.startswith("damage_incident_step:")]
    assert steps and buttons[len(steps):] == ["damage_incident:owner", "damage_incident:update", "damage_incident:resolve"]
    # The author hears about it privately; nobody ever sees the key.
    author_notices = [call for call in slack.fake.calls_to("chat.postEphemeral") if call.args["user"] == AUTHOR_ID]
    assert author_notices
    assert "AKIAQWERTYUIOPASDFGH" not in str([call.args for call in slack.fake.calls])


async def test_commands_typed_in_the_thread(slack: SlackHarness) -> None:
    _, opening = await open_incident(slack)

    # Addressed to the bot first, as people do: the bot is not the new owner.
    await in_thread(slack, opening, f"<@{BOT_USER_ID}> owner <@{OWNER_ID}>")
    await slack.fake.wait_for("chat.postMessage", where=lambda call: call.args.get("thread_ts") == opening.response["ts"])
    await in_thread(slack, opening, "sev 1")  # one of the strict short forms: no mention needed
    await in_thread(slack, opening, f"<@{BOT_USER_ID}> update the key is revoked, checking the logs")
    await slack.fake.wait_for("chat.postMessage", count=3,
                              where=lambda call: call.args.get("thread_ts") == opening.response["ts"])

    posted = "\n".join(blocks_text(decoded_blocks(call.args["blocks"])) + call.args["text"]
                       for call in thread_posts(slack, opening))
    assert f"<@{OWNER_ID}>" in posted
    assert f"<@{BOT_USER_ID}>" not in posted, "the addressed bot never becomes the owner"
    assert "the key is revoked, checking the logs" in posted
    assert all(call.args["channel"] == TEAM_CHANNEL_ID for call in thread_posts(slack, opening))


async def test_a_checklist_button_ticks_the_step_in_the_thread(slack: SlackHarness) -> None:
    _, opening = await open_incident(slack)
    blocks = decoded_blocks(opening.args["blocks"])
    first_step = next(block for block in blocks if block["type"] == "actions")["elements"][0]
    payload = {"type": "block_actions", "team": {"id": "T0001"}, "user": {"id": OWNER_ID, "team_id": "T0001"},
               "trigger_id": "trigger.step1", "channel": {"id": TEAM_CHANNEL_ID},
               "container": {"type": "message", "message_ts": opening.response["ts"], "channel_id": TEAM_CHANNEL_ID},
               "message": {"ts": opening.response["ts"]}, "response_url": slack.fake.response_url("step"),
               "actions": [{"action_id": first_step["action_id"], "value": first_step["value"], "type": "button"}]}

    assert await slack.interact(payload) == 200

    [tick] = await slack.fake.wait_for("chat.postMessage",
                                       where=lambda call: call.args.get("thread_ts") == opening.response["ts"])
    assert "1/" in tick.args["text"] or "1 of" in tick.args["text"] or first_step["text"]["text"][:20] in tick.args["text"]


async def test_resolve_posts_the_summary_in_the_thread(slack: SlackHarness) -> None:
    _, opening = await open_incident(slack)

    await in_thread(slack, opening, "owner me")
    await slack.fake.wait_for("chat.postMessage", where=lambda call: call.args.get("thread_ts") == opening.response["ts"])
    await in_thread(slack, opening, f"<@{BOT_USER_ID}> resolve we now scan pastes for keys before posting")

    [_, summary] = await slack.fake.wait_for("chat.postMessage", count=2,
                                             where=lambda call: call.args.get("thread_ts") == opening.response["ts"])
    assert "we now scan pastes for keys before posting" in blocks_text(decoded_blocks(summary.args["blocks"]))


async def test_negative_reactions_raise_severity_and_open_an_incident(slack: SlackHarness) -> None:
    message = await slack.say(INSULT)
    await slack.fake.wait_for("chat.postEphemeral")
    for user, reaction in (("U0A", "thumbsdown"), ("U0B", "rage"), ("U0C", "face_vomiting")):
        event = {"type": "reaction_added", "user": user, "reaction": reaction, "item_user": AUTHOR_ID,
                 "item": {"type": "message", "channel": CHANNEL_ID, "ts": message["ts"]}, "event_ts": slack.next_ts()}
        assert await slack.send_event(event) == 200

    [opening] = await slack.fake.wait_for("chat.postMessage", channel=TEAM_CHANNEL_ID)
    assert "#general" in opening.args["text"]
    notices = await slack.fake.wait_for("chat.postEphemeral", count=2, user=AUTHOR_ID)
    assert "react" in notices[-1].args["text"].lower()


async def test_open_incident_from_the_message_shortcut(slack: SlackHarness) -> None:
    payload = {"type": "message_action", "callback_id": "damage_open_incident", "trigger_id": "trigger.inc1",
               "team": {"id": "T0001"}, "channel": {"id": CHANNEL_ID, "name": "general"},
               "user": {"id": OWNER_ID, "name": "owner"}, "message_ts": "1700000000.000009",
               "message": {"type": "message", "user": AUTHOR_ID, "text": "the deadline moved to friday",
                           "ts": "1700000000.000009"},
               "response_url": slack.fake.response_url("incident-shortcut")}

    assert await slack.interact(payload) == 200

    [opening] = await slack.fake.wait_for("chat.postMessage", channel=TEAM_CHANNEL_ID)
    assert opening.args["text"]
    await slack.fake.wait_for("response_url")
