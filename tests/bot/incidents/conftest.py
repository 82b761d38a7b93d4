"""A real incident desk on a real SQLite file, with a manual clock and predictable ids."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.actions import Action, OpenIncidentThread
from bot.clock import ManualClock, SequentialIds
from bot.data_files import DataPaths
from bot.events import ChatMessage, CommandInvoked, Person, Place, ReactionAdded, TargetMessage
from bot.incidents import IncidentDesk, Playbooks, load_playbooks
from bot.receipts import IncidentThreadOpened
from bot.settings import DEFAULT_DATA_DIR, Settings
from bot.store.database import open_database
from bot.texts import Texts
from bot.verdict import Analysis, Finding
from bot.vocabulary import Category, Platform, Severity

START = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
TEAM_CHANNEL = "C-INCIDENTS"
RAW_TOKEN = "ghp_" + "Q7x" * 12  # built at run time: the raw secret must never reach an action
MASKED = "ghp_****[redacted token]"
GENERAL = Place(platform=Platform.SLACK, workspace_id="T1", channel_id="C-GENERAL", channel_name="general")


@dataclass
class Harness:
    """One desk at a time on one database file; `restart()` is what a process restart does."""

    path: Path
    settings: Settings
    playbooks: Playbooks
    texts: Texts
    clock: ManualClock = field(default_factory=lambda: ManualClock(START))
    ids: SequentialIds = field(default_factory=SequentialIds)
    resolved: list[str] = field(default_factory=list)
    desk: IncidentDesk | None = None
    _databases: list = field(default_factory=list)
    _events: int = 0

    def start(self) -> IncidentDesk:
        db = open_database(self.path)
        self._databases.append(db)
        self.desk = IncidentDesk(settings=self.settings, db=db, playbooks=self.playbooks, texts=self.texts,
                                 clock=self.clock, ids=self.ids, on_resolved=self.resolved.append)
        return self.desk

    def restart(self) -> IncidentDesk:
        self._databases[-1].conn.close()
        return self.start()

    def close(self) -> None:
        for db in self._databases:
            db.conn.close()

    def event_id(self) -> str:
        self._events += 1
        return f"ev{self._events}"

    def command(self, arguments: str, *, user: str = "U-ALICE", place: Place = GENERAL,
                mentioned: tuple[str, ...] = (), target: TargetMessage | None = None) -> list[Action]:
        return self.desk.handle_command(CommandInvoked(
            event_id=self.event_id(), place=place, user=Person(user_id=user), command="incident",
            arguments=arguments, invoked_at=self.clock.now(), mentioned_ids=mentioned, target=target,
        ))

    def thread_opened(self, actions: list[Action], thread_id: str = "1700000000.000100") -> Place:
        opening = next(action for action in actions if isinstance(action, OpenIncidentThread))
        thread = Place(platform=Platform(opening.platform), workspace_id=opening.workspace_id,
                       channel_id=opening.team_channel_id, thread_id=thread_id)
        assert self.desk.on_thread_opened(IncidentThreadOpened(incident_id=opening.incident_id, thread=thread)) == []
        return thread

    def react(self, message_id: str, user: str, reaction: str = "thumbsdown", place: Place = GENERAL,
              ) -> list[Action]:
        return self.desk.on_reaction(ReactionAdded(
            event_id=self.event_id(), message_id=message_id, place=place, user_id=user, reaction=reaction,
            added_at=self.clock.now(),
        ))


def settings_for(tmp_path: Path, **overrides: object) -> Settings:
    values = {"database_path": tmp_path / "bot.db", "incident_channel_id": TEAM_CHANNEL,
              "incident_channel_size_threshold": 50, "reception_window_minutes": 60,
              "reception_negative_threshold": 3, **overrides}
    return Settings(_env_file=None, **values)


@pytest.fixture
def texts() -> Texts:
    return Texts.load(DataPaths(DEFAULT_DATA_DIR))


@pytest.fixture
def harness(tmp_path: Path, texts: Texts) -> Iterator[Harness]:
    settings = settings_for(tmp_path)
    built = Harness(path=settings.database_path, settings=settings,
                    playbooks=load_playbooks(DataPaths(DEFAULT_DATA_DIR)), texts=texts)
    built.start()
    yield built
    built.close()


def message(message_id: str = "M1", *, text: str = "a message", author: str = "U-BOB", size: int | None = 120,
            place: Place = GENERAL, at: datetime = START, reply_to: str | None = None) -> ChatMessage:
    return ChatMessage(event_id=f"e-{message_id}", message_id=message_id, place=place,
                       author=Person(user_id=author), text=text, sent_at=at, audience_size=size,
                       reply_to_message_id=reply_to)


def secret_analysis(severity: Severity = Severity.HIGH) -> Analysis:
    return Analysis(language="en", findings=(Finding(
        category=Category.SECRET, severity=severity, start=10, end=10 + len(RAW_TOKEN),
        message="This looks like an access token: anyone who reads it can use it.", excerpt=MASKED,
        replacement="[redacted token]",
    ),))


def finding_analysis(category: Category, severity: Severity, language: str = "en") -> Analysis:
    return Analysis(language=language, findings=(Finding(
        category=category, severity=severity, start=0, end=5, message=f"{category.value} here", excerpt="…",
    ),))


def of_kind(actions: list[Action], kind: type) -> list:
    return [action for action in actions if isinstance(action, kind)]
