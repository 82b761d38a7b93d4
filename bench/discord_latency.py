"""Discord path benchmark: MESSAGE_CREATE sent by a fake gateway -> the suggestion DM posted at the fake REST API.

The real discord.py client, engine, detector and SQLite file, over loopback websockets and HTTP; each event is
sent after the previous DM arrived, so each latency is one message's whole trip. Target: p95 < 50 ms.

    python bench/discord_latency.py [--events 300] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import tempfile
import time
from pathlib import Path

import discord
import yarl
from _support import peak_rss_mib, regrettable_lines, summary_ms  # also puts the repository root on sys.path

from adapters.discord.client import build_client
from bot.clock import SystemClock
from bot.settings import Settings
from bot.wiring import build_engine
from tests.adapters.discord.fake_discord import FakeDiscord


async def measure(events: int) -> dict[str, object]:
    fake = FakeDiscord()
    await fake.start()
    discord.http.Route.BASE = fake.rest_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    with tempfile.TemporaryDirectory() as directory:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            database_path=Path(directory) / "bench.db",
            discord_token="bench-token",
            nudge_grace_seconds=0.0,
            nudges_per_hour=1000,
        )
        engine = build_engine(settings, clock=SystemClock())
        client = build_client(settings, engine, SystemClock(), guild_ready_timeout=0.01)
        runner = asyncio.create_task(client.start("bench-token"))
        await asyncio.wait_for(client.wait_until_ready(), 10)
        latencies: list[float] = []
        missed = 0
        started = time.perf_counter()
        try:
            for index, text in enumerate(regrettable_lines(events)):
                # A different author each time: the per-user nudge budget is policy, not latency.
                payload = fake.message_payload(
                    text, author_id=str(610000000000000000 + index), author_name=f"m{index}"
                )
                before = len(fake.requests)
                sent_at = time.perf_counter()
                await fake.dispatch("MESSAGE_CREATE", payload)
                try:
                    dm = await _next_dm(fake, before, timeout=2.0)
                except TimeoutError:
                    missed += 1
                    continue
                latencies.append(dm.received_at - sent_at)
            elapsed = time.perf_counter() - started
        finally:
            await client.close()
            runner.cancel()
            await asyncio.gather(runner, return_exceptions=True)
            engine.close()
            await fake.stop()
    return {
        "events": events,
        "dms": len(latencies),
        "no_dm": missed,
        **summary_ms(latencies),
        "events_per_second": round(events / elapsed, 1),
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "target_p95_ms": 50,
    }


async def _next_dm(fake: FakeDiscord, after: int, timeout: float):
    deadline = time.perf_counter() + timeout
    while True:
        for request in fake.requests[after:]:
            parts = request.path.split("/")
            if (
                request.method == "POST"
                and len(parts) == 4
                and parts[3] == "messages"
                and parts[2] in fake.dm_channels
            ):
                return request
        if time.perf_counter() > deadline:
            raise TimeoutError
        await asyncio.sleep(0.0005)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    result = asyncio.run(measure(arguments.events))
    if arguments.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>18}: {value}")


if __name__ == "__main__":
    main()
