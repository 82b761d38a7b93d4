"""Fixtures: a fresh fake Slack per test, the real engine on a SQLite file, the real Bolt app over HTTP."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest

from adapters.slack.app import SlackBot, build_slack_app
from adapters.slack.runner import EVENTS_PATH, start_http
from bot.engine import Engine
from bot.settings import Settings
from bot.wiring import build_engine
from tests.adapters.core_data import shared_core_data
from tests.adapters.slack.fake_slack import BOT_USER_ID, TEAM_ID, Call, FakeSlack

SIGNING_SECRET = "test-signing-secret-0123456789abcdef"
BOT_TOKEN = "xoxb-test-bot-token"
APP_TOKEN = "xapp-test-app-token"
AUTHOR_ID = "U0AUTHOR"
CHANNEL_ID = "C0001"
TEAM_CHANNEL_ID = "C0TEAM"

INSULT = "you are a complete idiot, Sam"
LEAKED_KEY = "deploy with AKIAQWERTYUIOPASDFGH please"
HARMLESS = "lunch at noon?"


def make_settings(tmp_path: Path, fake: FakeSlack, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_path": tmp_path / "bot.db",
        "slack_bot_token": BOT_TOKEN,
        "slack_signing_secret": SIGNING_SECRET,
        "slack_api_url": fake.api_url,
        "incident_channel_id": TEAM_CHANNEL_ID,
        "nudges_per_hour": 1000,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def sign(body: bytes, timestamp: int, secret: str = SIGNING_SECRET) -> str:
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


class SlackHarness:
    """Plays Slack's side of the HTTP Events API: signed events, commands and interactivity payloads."""

    def __init__(self, fake: FakeSlack, bot: SlackBot, engine: Engine, port: int,
                 session: aiohttp.ClientSession) -> None:
        self.fake = fake
        self.bot = bot
        self.engine = engine
        self.url = f"http://127.0.0.1:{port}{EVENTS_PATH}"
        self.port = port
        self.session = session
        self._ids = itertools.count(1)
        self._ts = itertools.count(1)

    def next_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):05d}"

    def next_ts(self) -> str:
        return f"{int(time.time())}.{next(self._ts):06d}"

    async def post(self, body: bytes, content_type: str, *, retry_num: int | None = None,
                   secret: str = SIGNING_SECRET, timestamp: int | None = None,
                   signature: str | None = None) -> tuple[int, str]:
        timestamp = int(time.time()) if timestamp is None else timestamp
        headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": str(timestamp),
                   "X-Slack-Signature": signature or sign(body, timestamp, secret)}
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        async with self.session.post(self.url, data=body, headers=headers) as response:
            return response.status, await response.text()

    # --- events ---
    def envelope(self, event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
        return {"token": "legacy", "team_id": TEAM_ID, "api_app_id": "A0001", "type": "event_callback",
                "event_id": event_id or self.next_id("Ev"), "event_time": int(time.time()),
                "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
                "event": event}

    def message(self, text: str, *, user: str = AUTHOR_ID, channel: str = CHANNEL_ID, ts: str | None = None,
                **extra: Any) -> dict[str, Any]:
        ts = ts or self.next_ts()
        return {"type": "message", "user": user, "text": text, "ts": ts, "channel": channel,
                "channel_type": "channel", "event_ts": ts, "team": TEAM_ID, **extra}

    async def send_event(self, event: dict[str, Any], *, event_id: str | None = None,
                         retry_num: int | None = None) -> int:
        body = json.dumps(self.envelope(event, event_id)).encode()
        status, _ = await self.post(body, "application/json", retry_num=retry_num)
        return status

    async def say(self, text: str, **kwargs: Any) -> dict[str, Any]:
        """A user posts a message; returns the event sent (its envelope's id in `event_id`)."""
        event = self.message(text, **kwargs)
        event_id = self.next_id("Ev")
        assert await self.send_event(event, event_id=event_id) == 200
        return {**event, "event_id": event_id}

    async def processed(self, event_id: str, timeout: float = 3.0) -> None:
        """Wait until the engine has decided about an event (what `damage-control why` shows), so a test
        can assert that nothing was sent without guessing how long to wait."""
        deadline = time.monotonic() + timeout
        while self.engine.explain(event_id) is None:
            assert time.monotonic() < deadline, f"event {event_id} was not processed within {timeout}s"
            await asyncio.sleep(0.01)
        await self.fake.settle(0.05)  # and the sink's calls, if any, have reached the fake

    # --- commands and interactivity ---
    async def command(self, text: str, *, user: str = AUTHOR_ID, channel: str = CHANNEL_ID) -> int:
        form = {"token": "legacy", "team_id": TEAM_ID, "team_domain": "fake", "channel_id": channel,
                "channel_name": "general", "user_id": user, "user_name": "author", "command": "/damage",
                "text": text, "api_app_id": "A0001", "response_url": self.fake.response_url(self.next_id("cmd")),
                "trigger_id": self.next_id("trigger.")}
        status, _ = await self.post(urlencode(form).encode(), "application/x-www-form-urlencoded")
        return status

    async def interact(self, payload: dict[str, Any]) -> int:
        body = urlencode({"payload": json.dumps(payload)}).encode()
        status, _ = await self.post(body, "application/x-www-form-urlencoded")
        return status

    async def press(self, button: dict[str, Any], *, user: str = AUTHOR_ID, channel: str = CHANNEL_ID) -> int:
        """Press a button exactly as rendered in blocks the fake received."""
        payload = {
            "type": "block_actions", "team": {"id": TEAM_ID, "domain": "fake"},
            "user": {"id": user, "username": "author", "team_id": TEAM_ID}, "api_app_id": "A0001",
            "token": "legacy", "trigger_id": self.next_id("trigger."),
            "container": {"type": "message", "message_ts": self.next_ts(), "channel_id": channel,
                          "is_ephemeral": True},
            "channel": {"id": channel, "name": "general"},
            "response_url": self.fake.response_url(self.next_id("act")),
            "actions": [{"type": "button", "action_id": button["action_id"], "block_id": "b",
                         "value": button["value"], "text": button["text"], "action_ts": self.next_ts()}],
        }
        return await self.interact(payload)


def buttons_of(blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The buttons of a Block Kit message, by answer (the part of the action_id after the colon)."""
    found: dict[str, dict[str, Any]] = {}
    for block in blocks:
        if block.get("type") == "actions":
            for element in block["elements"]:
                found[element["action_id"].split(":", 1)[1]] = element
    return found


def has_answer_buttons(call: Call) -> bool:
    """A private suggestion (as opposed to a notice): its blocks carry answer buttons."""
    return bool(buttons_of(decoded_blocks(call.args.get("blocks"))))


def blocks_text(blocks: list[dict[str, Any]]) -> str:
    """All visible text of some blocks, to assert on what the user reads."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") in {"mrkdwn", "plain_text"} and isinstance(node.get("text"), str):
                parts.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(blocks)
    return "\n".join(parts)


def decoded_blocks(value: Any) -> list[dict[str, Any]]:
    return json.loads(value) if isinstance(value, str) else list(value or [])


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = await FakeSlack().start()
    yield server
    await server.stop()


StartSlack = Callable[..., Awaitable[SlackHarness]]


@pytest.fixture
async def start_slack(tmp_path: Path, fake: FakeSlack) -> AsyncIterator[StartSlack]:
    """Start the real Slack adapter over HTTP against the fake (settings overridable per test)."""
    started: list[tuple[SlackHarness, Any]] = []

    async def start(**overrides: Any) -> SlackHarness:
        settings = make_settings(tmp_path, fake, **overrides)
        engine = build_engine(settings, core=shared_core_data())
        bot = build_slack_app(settings, engine)
        runner, port = await start_http(bot, "127.0.0.1", 0)
        harness = SlackHarness(fake, bot, engine, port, aiohttp.ClientSession())
        started.append((harness, runner))
        return harness

    yield start
    for harness, runner in started:
        await harness.session.close()
        await runner.cleanup()
        await harness.bot.close()
        harness.engine.close()


@pytest.fixture
async def slack(start_slack: StartSlack) -> SlackHarness:
    return await start_slack()


class SocketHarness:
    """Plays Slack's side of Socket Mode: envelopes over the fake's websocket, acked by the app."""

    def __init__(self, fake: FakeSlack, bot: SlackBot, engine: Engine, handler: Any) -> None:
        self.fake = fake
        self.bot = bot
        self.engine = engine
        self.handler = handler
        self.events = SlackHarness.__new__(SlackHarness)  # reuse its payload builders
        self.events._ids = itertools.count(1)
        self.events._ts = itertools.count(1)
        self.events.fake = fake

    async def say(self, text: str, **kwargs: Any) -> dict[str, Any]:
        event = self.events.message(text, **kwargs)
        ack = await self.fake.socket_send("events_api", self.events.envelope(event))
        assert ack is not None and "envelope_id" in ack
        return event


@pytest.fixture
async def start_socket(tmp_path: Path, fake: FakeSlack) -> AsyncIterator[Callable[..., Awaitable[SocketHarness]]]:
    from adapters.slack.runner import start_socket_mode

    started: list[SocketHarness] = []

    async def start(**overrides: Any) -> SocketHarness:
        settings = make_settings(tmp_path, fake, slack_app_token=APP_TOKEN, slack_signing_secret=None, **overrides)
        engine = build_engine(settings, core=shared_core_data())
        bot = build_slack_app(settings, engine)
        handler = await start_socket_mode(bot, APP_TOKEN)
        await fake.wait_for_socket()
        harness = SocketHarness(fake, bot, engine, handler)
        started.append(harness)
        return harness

    yield start
    for harness in started:
        await harness.handler.close_async()
        await harness.bot.close()
        harness.engine.close()
