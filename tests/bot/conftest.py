"""Shared by the engine's tests: the real detector, texts and composer loaded once, a real SQLite file each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.clock import ManualClock, SequentialIds
from bot.engine import Engine
from bot.events import ChatMessage, CommandInvoked, Person, Place, SuggestionAnswered
from bot.settings import DEFAULT_DATA_DIR, Settings
from bot.store.database import open_database
from bot.vocabulary import Answer, Platform
from bot.wiring import CoreData, build_engine, load_core_data

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def core_parts() -> CoreData:
    """The real data files, loaded once for the session (each test gets its own engine and database)."""
    return load_core_data(Settings(_env_file=None, data_dir=DEFAULT_DATA_DIR))  # type: ignore[call-arg]


def engine_settings(tmp_path: Path, **overrides: Any) -> Settings:
    return Settings(_env_file=None, database_path=tmp_path / "damage-control.db", **overrides)  # type: ignore[call-arg]


def make_engine_from(
    parts: CoreData, settings: Settings, clock: ManualClock, ids: SequentialIds | None = None, with_desk: bool = True
) -> Engine:
    ids = ids or SequentialIds()
    if with_desk:
        return build_engine(settings, clock=clock, ids=ids, core=parts)
    # Without an incident desk: the engine alone, as a deployment without incidents would compose it.
    return Engine(settings=settings, db=open_database(settings.database_path), detector=parts.detector,
                  texts=parts.texts, composer=parts.composer, clock=clock, ids=ids, desk=None)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def make_engine(tmp_path: Path, core_parts: CoreData, clock: ManualClock) -> Iterator[Callable[..., Engine]]:
    """make_engine(**settings) -> a real engine on a real SQLite file under tmp_path (closed after the test)."""
    built: list[Engine] = []

    def build(ids: SequentialIds | None = None, with_desk: bool = True, **overrides: Any) -> Engine:
        engine = make_engine_from(core_parts, engine_settings(tmp_path, **overrides), clock, ids, with_desk)
        built.append(engine)
        return engine

    yield build
    for engine in built:
        engine.close()


class Chat:
    """Builds events for one workspace, numbering event and message ids, time from the shared clock."""

    def __init__(self, clock: ManualClock, platform: Platform = Platform.CONSOLE, workspace_id: str = "T1") -> None:
        self.clock = clock
        self.platform = platform
        self.workspace_id = workspace_id
        self.count = 0

    def place(self, channel_id: str = "C1", channel_name: str = "general", **extra: Any) -> Place:
        return Place(platform=self.platform, workspace_id=self.workspace_id, channel_id=channel_id,
                     channel_name=channel_name, **extra)

    def message(self, text: str, user_id: str = "U1", *, place: Place | None = None, event_id: str | None = None,
                message_id: str | None = None, **extra: Any) -> ChatMessage:
        self.count += 1
        return ChatMessage(
            event_id=event_id or f"Ev{self.count}",
            message_id=message_id or f"M{self.count}",
            place=place or self.place(),
            author=Person(user_id=user_id, display_name=user_id.lower()),
            text=text,
            sent_at=self.clock.now(),
            **extra,
        )

    def command(self, command: str, arguments: str = "", user_id: str = "U1", *, place: Place | None = None,
                **extra: Any) -> CommandInvoked:
        self.count += 1
        return CommandInvoked(event_id=f"Cmd{self.count}", place=place or self.place(), user=Person(user_id=user_id),
                              command=command, arguments=arguments, invoked_at=self.clock.now(), **extra)

    def answer(self, suggestion_id: str, answer: Answer, user_id: str = "U1") -> SuggestionAnswered:
        self.count += 1
        return SuggestionAnswered(event_id=f"Ans{self.count}", suggestion_id=suggestion_id, user_id=user_id,
                                  answer=answer, answered_at=self.clock.now(), place=self.place())


@pytest.fixture
def chat(clock: ManualClock) -> Chat:
    return Chat(clock)
