"""Slack path benchmark: an event sent to the app -> the ephemeral suggestion received by the fake Web API.

The real Bolt app, engine, detector and SQLite file, against the tests' fake Slack on loopback, in both
connection modes: signed HTTP Events API requests, and Socket Mode envelopes over a websocket. Each event
is sent after the previous suggestion arrived, so each latency is one message's whole trip (the ack, the
channel lookup on the first message, detection, the decision in SQLite, the Web API call).
Target: p95 < 50 ms.

    python bench/slack_latency.py [--events 300] [--mode http|socket|both] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import tempfile
import time
from pathlib import Path
from typing import Any

import _support  # noqa: F401  (repository root on sys.path)
import aiohttp
from _support import peak_rss_mib, regrettable_lines, summary_ms

from adapters.slack.app import build_slack_app
from adapters.slack.runner import start_http, start_socket_mode
from bot.settings import Settings
from bot.wiring import build_engine
from tests.adapters.slack.conftest import SIGNING_SECRET, SlackHarness, make_settings
from tests.adapters.slack.fake_slack import FakeSlack


async def measure(mode: str, events: int) -> dict[str, Any]:
    fake = await FakeSlack().start()
    with tempfile.TemporaryDirectory() as directory:
        overrides: dict[str, Any] = {}
        if mode == "socket":
            overrides = {"slack_app_token": "xapp-bench", "slack_signing_secret": None}
        settings: Settings = make_settings(Path(directory), fake, **overrides)
        engine = build_engine(settings)
        bot = build_slack_app(settings, engine)
        runner = handler = None
        session = aiohttp.ClientSession()
        try:
            if mode == "http":
                runner, port = await start_http(bot, "127.0.0.1", 0)
                harness = SlackHarness(fake, bot, engine, port, session)
            else:
                handler = await start_socket_mode(bot, "xapp-bench")
                await fake.wait_for_socket()
                harness = SlackHarness(fake, bot, engine, 0, session)
            latencies: list[float] = []
            texts = regrettable_lines(events + 20)
            for index, text in enumerate(texts):
                # Different authors, so no hourly cap applies; the first 20 are a warm-up.
                event = harness.message(text, user=f"U{index:06d}")
                started = time.perf_counter()
                if mode == "http":
                    assert await harness.send_event(event) == 200
                else:
                    await fake.socket_send("events_api", harness.envelope(event), wait_for_ack=False)
                [call] = await fake.wait_for("chat.postEphemeral", user=f"U{index:06d}", timeout=10.0)
                if index >= 20:
                    latencies.append(call.received_at - started)
            return {"mode": mode, "events": len(latencies), **summary_ms(latencies),
                    "target_p95_ms": 50, "peak_rss_mib": round(peak_rss_mib(), 1)}
        finally:
            await session.close()
            if handler is not None:
                await handler.close_async()
            if runner is not None:
                await runner.cleanup()
            await bot.close()
            engine.close()
            await fake.stop()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--mode", choices=("http", "socket", "both"), default="both")
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    assert SIGNING_SECRET  # the HTTP mode signs every request as Slack does
    modes = ("http", "socket") if arguments.mode == "both" else (arguments.mode,)
    results = [await measure(mode, arguments.events) for mode in modes]
    if arguments.json:
        print(json.dumps(results))
        return
    for result in results:
        print(f"slack {result['mode']:>6}: {result['events']} events  p50 {result['p50_ms']:.2f} ms  "
              f"p95 {result['p95_ms']:.2f} ms  p99 {result['p99_ms']:.2f} ms  (target p95 < 50 ms)  "
              f"peak RSS {result['peak_rss_mib']} MiB")


if __name__ == "__main__":
    asyncio.run(main())
