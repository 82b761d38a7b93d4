"""Fixtures: a fake Discord per test, settings on a temporary database, and a running bot connected to the fake."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
import pytest
import yarl

from adapters.discord.client import DamageControlClient, ShardedDamageControlClient, build_client
from bot.clock import SystemClock
from bot.engine import Engine
from bot.settings import Settings
from bot.wiring import build_engine
from tests.adapters.core_data import shared_core_data
from tests.adapters.discord.fake_discord import GUILD_ID, TEAM_CHANNEL_ID, FakeDiscord


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    # The two class-level knobs discord.py reads its endpoints from (restored after the test).
    monkeypatch.setattr(discord.http.Route, "BASE", server.rest_base)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(server.gateway_url))
    yield server
    await server.stop()


def make_settings(tmp_path: Path, fake: FakeDiscord, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_path": tmp_path / "damage-control.db",
        "discord_token": "test-token",
        "discord_api_base": fake.rest_base,
        "discord_gateway_url": fake.gateway_url,
        "incident_channel_id": TEAM_CHANNEL_ID,
        "nudge_grace_seconds": 0.0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def settings(tmp_path: Path, fake: FakeDiscord) -> Settings:
    return make_settings(tmp_path, fake)


@dataclass
class RunningBot:
    client: DamageControlClient | ShardedDamageControlClient
    engine: Engine
    task: asyncio.Task[None]

    async def stop(self) -> None:
        await self.client.close()
        if not self.task.done():
            self.task.cancel()  # e.g. a shard still waiting out Discord's 5 s IDENTIFY spacing
        with contextlib.suppress(BaseException):
            await self.task
        self.engine.close()


async def start_bot(
    settings: Settings, *, message_content: bool = True, wait_until_ready: bool = True
) -> RunningBot:
    engine = build_engine(settings, clock=SystemClock(), core=shared_core_data())
    client = build_client(
        settings, engine, SystemClock(), message_content=message_content, guild_ready_timeout=0.01
    )
    assert settings.discord_token is not None
    task = asyncio.create_task(client.start(settings.discord_token.get_secret_value()))
    running = RunningBot(client, engine, task)
    if not wait_until_ready:
        return running
    ready = asyncio.create_task(client.wait_until_ready())
    done, _ = await asyncio.wait({task, ready}, timeout=5, return_when=asyncio.FIRST_COMPLETED)
    if ready not in done:
        ready.cancel()
        await running.stop()
        if task in done and task.exception() is not None:
            raise task.exception()  # type: ignore[misc]
        raise AssertionError("the bot did not become ready")
    return running


@pytest.fixture
async def bot(settings: Settings, fake: FakeDiscord) -> AsyncIterator[RunningBot]:
    running = await start_bot(settings)
    yield running
    await running.stop()


__all__ = ["GUILD_ID", "RunningBot", "make_settings", "start_bot"]
