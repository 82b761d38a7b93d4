"""Core benchmark: per-message latency (p50/p99), throughput and peak memory of detection, the check and
the engine's whole message path (SQLite included), over a few thousand varied generated messages.

    python bench/core_latency.py [--messages 5000] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from _support import REPO_ROOT, peak_rss_mib, summary_ms

from bot.clock import ManualClock, SequentialIds
from bot.data_files import DataPaths
from bot.events import ChatMessage, Person, Place
from bot.settings import Settings
from bot.vocabulary import Platform

ORDINARY = [
    "standup in 5 minutes, who's presenting?", "the build is green again after the flaky test fix",
    "can someone review my PR for the billing service?", "lunch at noon?", "I pushed the fix to main",
    "kill -9 the child process and restart the master branch runner", "meeting moved to 3pm, same room",
    "chi si occupa del rilascio di domani?", "¿alguien sabe por qué falla el despliegue?",
    "quelqu'un peut relire ma PR ?", "kann jemand kurz auf den Build schauen?", "wie heeft de sleutel van het lab?",
    "hoe giet it mei de release?", "the assessment from Cockburn is in the shared drive",
    "thanks, that worked!", "nice work on the release, everyone",
]
REGRETTABLE = [
    "Bob you are a complete idiot", "this is UNACCEPTABLE!!! who broke prod AGAIN???",
    "per my last email, read the docs", "@channel anyone seen my charger?", "sorry if anyone was offended",
    "sei proprio un idiota", "eres un imbécil", "t'es vraiment un connard", "du bist so ein Idiot",
    "je bent een sukkel", "my card is 4111 1111 1111 1111 and my phone +44 20 7946 0958",
    "db is at postgres://admin:hunter2secret@db.internal:5432/prod",
]


def generated_messages(count: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    messages = []
    for number in range(count):
        roll = rng.random()
        if roll < 0.15:
            text = rng.choice(REGRETTABLE)
        elif roll < 0.17:  # a few long pastes
            text = " ".join(rng.choice(ORDINARY) for _ in range(200))
        else:
            text = rng.choice(ORDINARY)
        messages.append(f"{text} #{number}")
    return messages


def time_each(function, items) -> tuple[list[float], float]:
    latencies = []
    started = time.perf_counter()
    for item in items:
        before = time.perf_counter()
        function(item)
        latencies.append(time.perf_counter() - before)
    return latencies, time.perf_counter() - started


def bench_detection(messages: list[str]) -> dict:
    from bot.detection import Detector

    detector = Detector.load(DataPaths(REPO_ROOT / "data"))
    for text in messages[:200]:  # warm-up
        detector.analyse(text)
    latencies, elapsed = time_each(detector.analyse, messages)
    return {"stage": "detection (language id + every detector + severity)", **summary_ms(latencies),
            "messages_per_s": round(len(messages) / elapsed)}


def bench_check(messages: list[str]) -> dict:
    from bot.checker import Checker
    from bot.wiring import load_core_data

    core = load_core_data(Settings(_env_file=None, data_dir=REPO_ROOT / "data"))  # type: ignore[call-arg]
    checker = Checker(core.detector, core.composer)
    for text in messages[:200]:
        checker.check(text)
    latencies, elapsed = time_each(checker.check, messages)
    return {"stage": "check (detection + suggestions)", **summary_ms(latencies),
            "messages_per_s": round(len(messages) / elapsed)}


def bench_engine(messages: list[str]) -> dict:
    from bot.wiring import build_engine

    with tempfile.TemporaryDirectory() as folder:
        clock = ManualClock(datetime(2026, 11, 2, 9, tzinfo=UTC))
        settings = Settings(_env_file=None, database_path=Path(folder) / "bench.db")  # type: ignore[call-arg]
        engine = build_engine(settings, clock=clock, ids=SequentialIds())
        place = Place(platform=Platform.CONSOLE, workspace_id="bench", channel_id="general", channel_name="general")
        members = tuple(Person(user_id=f"u{n}", display_name=name) for n, name in enumerate(["Alice", "Bob", "Carol"]))

        def handle(item: tuple[int, str]) -> None:
            number, text = item
            clock.advance(seconds=2)
            event = ChatMessage(
                event_id=f"bench-{number}", message_id=f"m{number}", place=place, author=members[number % 3],
                text=text, sent_at=clock.now(), audience_size=40, members_present=members,
            )
            loop.run_until_complete(engine.handle(event))

        loop = asyncio.new_event_loop()
        try:
            latencies, elapsed = time_each(handle, list(enumerate(messages)))
        finally:
            loop.close()
            engine.close()
    return {"stage": "engine.handle (detection + policy + SQLite)", **summary_ms(latencies),
            "messages_per_s": round(len(messages) / elapsed)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    messages = generated_messages(options.messages)
    results = [bench_detection(messages), bench_check(messages), bench_engine(messages)]
    report = {"messages": len(messages), "peak_rss_mib": round(peak_rss_mib(), 1), "stages": results,
              "note": "peak RSS covers the whole run: Python, the data files, three pipelines and SQLite"}
    if options.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{len(messages)} generated messages; peak RSS {report['peak_rss_mib']} MiB (whole run)")
    for row in results:
        print(f"  {row['stage']:<52} p50 {row['p50_ms']:.3f} ms  p99 {row['p99_ms']:.3f} ms"
              f"  {row['messages_per_s']:>6} msg/s")


if __name__ == "__main__":
    main()
