"""Hundreds of concurrent events for one user, in one process (asyncio) and in several (one database file):
no ledger entry lost or counted twice, and one suggestion per event however often it arrives."""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.actions import NoticePurpose, SendPrivateNotice, SendPrivateSuggestion
from bot.events import ChatMessage, Person, Place
from bot.store.user_settings import UserKey
from bot.vocabulary import Platform

HARSH = "you're an idiot, Bob, this review is useless"
APOLOGIES = (
    "I'm sorry Bob, I was wrong to say that",
    "Sorry Bob, my comment was out of line",
    "I apologise for my comment, Bob",
)
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PLACE = Place(platform=Platform.CONSOLE, workspace_id="T1", channel_id="C1", channel_name="general")
USER = UserKey("console", "T1", "U1")


def apology_event(number: int) -> ChatMessage:
    return ChatMessage(
        event_id=f"apology-{number}", message_id=f"AM{number}", place=PLACE, author=Person(user_id="U1"),
        text=APOLOGIES[number % len(APOLOGIES)], sent_at=START + timedelta(seconds=10 + number),
    )


def harsh_event(event_id: str, message_id: str) -> ChatMessage:
    return ChatMessage(event_id=event_id, message_id=message_id, place=PLACE, author=Person(user_id="U1"),
                       text=HARSH, sent_at=START)


def counts_of(actions: list) -> list[int]:
    return [action.apology_count for action in actions
            if isinstance(action, SendPrivateNotice) and action.apology_count is not None]


async def test_hundreds_of_concurrent_apologies_each_counted_exactly_once(make_engine):
    engine = make_engine(nudges_per_hour=1000)
    await engine.handle(harsh_event("harsh", "M-harsh"))
    events = [apology_event(number) for number in range(300)]
    # Every event twice, all at once: retries racing their originals.
    results = await asyncio.gather(*(engine.handle(event) for event in events + events[::-1]))
    counts = sorted(count for actions in results for count in counts_of(actions))
    assert counts == list(range(1, 301))
    entries = engine.ledger_store.apologies_for_user(USER, limit=1000)
    assert len(entries) == 300 and len({entry.event_id for entry in entries}) == 300
    assert {entry.matter_key for entry in entries} == {f"{PLACE.key}:M-harsh"}
    warnings = [a for actions in results for a in actions
                if isinstance(a, SendPrivateNotice) and a.purpose is NoticePurpose.REPEAT_APOLOGY_WARNING]
    assert len(warnings) == 298


async def test_the_same_event_delivered_two_hundred_times_at_once_gives_one_suggestion(make_engine):
    engine = make_engine()
    event = harsh_event("storm", "M-storm")
    results = await asyncio.gather(*(engine.handle(event) for _ in range(200)))
    suggestions = [a for actions in results for a in actions if isinstance(a, SendPrivateSuggestion)]
    assert len(suggestions) == 1


def _worker(database_path: str, order: list[int], harsh_id: str) -> tuple[list[int], int]:
    """One bot process: its own engine and connection on the shared file, all events in its own order."""
    from bot.clock import ManualClock, RandomIds
    from bot.settings import Settings
    from bot.wiring import build_engine

    settings = Settings(_env_file=None, database_path=Path(database_path), nudges_per_hour=1000)  # type: ignore[call-arg]
    engine = build_engine(settings, clock=ManualClock(START + timedelta(hours=1)), ids=RandomIds())

    async def run() -> tuple[list[int], int]:
        nudges = len([a for a in await engine.handle(harsh_event(harsh_id, "M-race"))
                      if isinstance(a, SendPrivateSuggestion)])
        counts: list[int] = []
        for number in order:
            counts += counts_of(await engine.handle(apology_event(number)))
        return counts, nudges

    try:
        return asyncio.run(run())
    finally:
        engine.close()


async def test_several_processes_on_one_database_file_never_lose_or_double_count(make_engine, tmp_path):
    engine = make_engine()  # creates the file and applies the migrations before the workers start
    await engine.handle(harsh_event("harsh", "M-harsh"))
    total, processes = 120, 4
    orders = [list(range(total))[shift::] + list(range(total))[:shift] for shift in range(0, total, total // processes)]
    context = multiprocessing.get_context("spawn")
    database_path = str(tmp_path / "damage-control.db")
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        futures = [loop.run_in_executor(pool, _worker, database_path, order, "race") for order in orders]
        results = await asyncio.wait_for(asyncio.gather(*futures), timeout=110)
    counts = sorted(count for worker_counts, _nudges in results for count in worker_counts)
    assert counts == list(range(1, total + 1))
    assert sum(nudges for _counts, nudges in results) == 1  # the harsh event every process received
    entries = engine.ledger_store.apologies_for_user(USER)
    assert len(entries) == total and len({entry.event_id for entry in entries}) == total
