"""run_slack, as the composition root calls it: HTTP mode or Socket Mode from settings alone, and a clean stop."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time
from pathlib import Path

import aiohttp
import pytest

from adapters.slack.runner import EVENTS_PATH, run_slack
from tests.adapters.slack.conftest import APP_TOKEN, INSULT, make_settings, sign
from tests.adapters.slack.fake_slack import TEAM_ID, FakeSlack


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.wait_for(task, 5.0)


async def test_http_mode_from_settings(tmp_path: Path, fake: FakeSlack) -> None:
    port = free_port()
    settings = make_settings(tmp_path, fake, slack_http_host="127.0.0.1", slack_http_port=port)
    task = asyncio.create_task(run_slack(settings))
    body = json.dumps({"type": "event_callback", "team_id": TEAM_ID, "event_id": "Ev0RUN", "event": {
        "type": "message", "user": "U0RUN", "text": INSULT, "ts": "1700000000.000300", "channel": "C0001"}}).encode()
    try:
        async with aiohttp.ClientSession() as session:
            for _attempt in range(100):  # until the server is up
                with contextlib.suppress(aiohttp.ClientConnectionError):
                    timestamp = int(time.time())
                    async with session.post(f"http://127.0.0.1:{port}{EVENTS_PATH}", data=body, headers={
                            "Content-Type": "application/json", "X-Slack-Request-Timestamp": str(timestamp),
                            "X-Slack-Signature": sign(body, timestamp)}) as answer:
                        assert answer.status == 200
                        break
                await asyncio.sleep(0.05)
        await fake.wait_for("chat.postEphemeral", user="U0RUN")
    finally:
        await stop(task)
    assert task.cancelled()


async def test_socket_mode_when_the_app_token_is_set(tmp_path: Path, fake: FakeSlack) -> None:
    settings = make_settings(tmp_path, fake, slack_app_token=APP_TOKEN, slack_signing_secret=None)
    task = asyncio.create_task(run_slack(settings))
    try:
        await fake.wait_for_socket()
        await fake.socket_send("events_api", {"type": "event_callback", "team_id": TEAM_ID, "event_id": "Ev0SOCK",
                                              "event": {"type": "message", "user": "U0SOCK", "text": INSULT,
                                                        "ts": "1700000000.000400", "channel": "C0001"}})
        await fake.wait_for("chat.postEphemeral", user="U0SOCK")
    finally:
        await stop(task)


async def test_a_refused_bot_token_stops_the_start_with_a_clear_message(tmp_path: Path, fake: FakeSlack) -> None:
    fake.fail("auth.test", "invalid_auth")
    settings = make_settings(tmp_path, fake, slack_http_host="127.0.0.1", slack_http_port=free_port())
    with pytest.raises(SystemExit, match="SLACK_BOT_TOKEN.*invalid_auth"):
        await run_slack(settings)


async def test_a_refused_app_token_stops_the_start_with_a_clear_message(tmp_path: Path, fake: FakeSlack) -> None:
    fake.fail("apps.connections.open", "invalid_auth")
    settings = make_settings(tmp_path, fake, slack_app_token=APP_TOKEN, slack_signing_secret=None)
    with pytest.raises(SystemExit, match="SLACK_APP_TOKEN.*invalid_auth"):
        await run_slack(settings)


async def test_http_mode_without_a_signing_secret_is_refused(tmp_path: Path, fake: FakeSlack) -> None:
    settings = make_settings(tmp_path, fake, slack_signing_secret=None)
    with pytest.raises(SystemExit, match="SLACK_SIGNING_SECRET"):
        await run_slack(settings)
