"""Socket Mode: the same app over the fake's websocket; connect, events, commands, a dropped connection."""

from __future__ import annotations

import logging

import pytest

from tests.adapters.slack.conftest import APP_TOKEN, AUTHOR_ID, CHANNEL_ID, INSULT, buttons_of, decoded_blocks
from tests.adapters.slack.fake_slack import TEAM_ID


async def test_connects_with_the_app_token_and_answers_an_event(start_socket) -> None:
    socket = await start_socket()
    [opened] = socket.fake.calls_to("apps.connections.open")
    assert opened.token == APP_TOKEN

    await socket.say(INSULT)

    [call] = await socket.fake.wait_for("chat.postEphemeral")
    assert call.args["user"] == AUTHOR_ID
    assert "apply_correction" in buttons_of(decoded_blocks(call.args["blocks"]))


async def test_slash_command_over_the_socket(start_socket) -> None:
    socket = await start_socket()
    payload = {"team_id": TEAM_ID, "channel_id": CHANNEL_ID, "channel_name": "general", "user_id": AUTHOR_ID,
               "command": "/damage", "text": "help", "trigger_id": "trigger.socket1",
               "response_url": socket.fake.response_url("socket-command")}

    ack = await socket.fake.socket_send("slash_commands", payload)

    assert ack is not None
    [answer] = await socket.fake.wait_for("response_url")
    assert "check" in answer.args["text"] + str(answer.args.get("blocks"))


async def test_a_dropped_connection_reconnects_and_events_flow_again(start_socket) -> None:
    socket = await start_socket()
    await socket.fake.drop_socket()

    await socket.fake.wait_for_socket(connections=2)
    assert len(socket.fake.calls_to("apps.connections.open")) == 2
    await socket.say(INSULT)
    await socket.fake.wait_for("chat.postEphemeral")


async def test_a_malformed_frame_is_survived(start_socket, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    socket = await start_socket()
    await socket.fake.socket_send_raw("{this is not json")
    broken = socket.events.envelope(socket.events.message(INSULT))
    del broken["event"]["channel"]
    await socket.fake.socket_send("events_api", broken)

    await socket.say(INSULT)
    await socket.fake.wait_for("chat.postEphemeral")
    assert "skipped: missing channel" in caplog.text
