"""Incident storage: incidents, checklist steps, timeline entries, reminders and reception watches."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from bot.store.database import register_migrations, write_transaction

migrations = register_migrations(Migrations("damage-control.incidents"))


@migrations()
def create_incident_tables(db: Database) -> None:
    statements = [
        """CREATE TABLE IF NOT EXISTS incidents (
            incident_id TEXT PRIMARY KEY, platform TEXT NOT NULL, workspace_id TEXT NOT NULL,
            playbook TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL DEFAULT '',
            severity INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'open',
            owner_id TEXT, owner_role_id TEXT, opened_by TEXT, opened_at TEXT NOT NULL,
            language TEXT NOT NULL DEFAULT 'en', message_key TEXT, source_channel_id TEXT,
            source_channel_name TEXT, source_message_id TEXT, author_id TEXT, posted_at TEXT,
            audience_size INTEGER, categories TEXT NOT NULL DEFAULT '', excerpt TEXT NOT NULL DEFAULT '',
            thread_channel_id TEXT, thread_id TEXT, thread_url TEXT,
            first_response_at TEXT, last_update_at TEXT, resolved_at TEXT, resolved_by TEXT,
            lessons TEXT NOT NULL DEFAULT '')""",
        # One incident per flagged message, however many triggers fire on it.
        """CREATE UNIQUE INDEX IF NOT EXISTS incidents_message_key ON incidents(message_key)
            WHERE message_key IS NOT NULL""",
        "CREATE INDEX IF NOT EXISTS incidents_thread ON incidents(platform, thread_channel_id, thread_id)",
        "CREATE INDEX IF NOT EXISTS incidents_workspace ON incidents(platform, workspace_id, status)",
        """CREATE TABLE IF NOT EXISTS incident_steps (
            incident_id TEXT NOT NULL REFERENCES incidents(incident_id), step_id TEXT NOT NULL,
            position INTEGER NOT NULL, label TEXT NOT NULL, done_by TEXT, done_at TEXT,
            PRIMARY KEY (incident_id, step_id))""",
        """CREATE TABLE IF NOT EXISTS incident_timeline (
            entry_id INTEGER PRIMARY KEY AUTOINCREMENT,
            incident_id TEXT NOT NULL REFERENCES incidents(incident_id),
            at TEXT NOT NULL, actor_id TEXT, kind TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '')""",
        "CREATE INDEX IF NOT EXISTS incident_timeline_incident ON incident_timeline(incident_id, entry_id)",
        """CREATE TABLE IF NOT EXISTS incident_reminders (
            reminder_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL REFERENCES incidents(incident_id),
            kind TEXT NOT NULL, due_at TEXT NOT NULL, fired_at TEXT, cancelled_at TEXT)""",
        "CREATE INDEX IF NOT EXISTS incident_reminders_due ON incident_reminders(fired_at, cancelled_at, due_at)",
        """CREATE TABLE IF NOT EXISTS reception_watches (
            message_key TEXT PRIMARY KEY, platform TEXT NOT NULL, workspace_id TEXT NOT NULL,
            channel_id TEXT NOT NULL, channel_name TEXT, is_public INTEGER NOT NULL DEFAULT 1,
            message_id TEXT NOT NULL, author_id TEXT NOT NULL, language TEXT NOT NULL,
            categories TEXT NOT NULL, excerpt TEXT NOT NULL DEFAULT '', audience_size INTEGER,
            posted_at TEXT NOT NULL, until_at TEXT NOT NULL, escalated_at TEXT)""",
        """CREATE TABLE IF NOT EXISTS reception_signals (
            message_key TEXT NOT NULL, user_id TEXT NOT NULL, source TEXT NOT NULL, at TEXT NOT NULL,
            PRIMARY KEY (message_key, user_id))""",
    ]
    for statement in statements:
        db.execute(statement)


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _text(moment: datetime | None) -> str | None:
    # One fixed UTC format, so text comparisons in SQL order times correctly.
    return moment.astimezone(UTC).isoformat(timespec="microseconds") if moment is not None else None


@dataclass(frozen=True)
class Incident:
    incident_id: str
    platform: str
    workspace_id: str
    playbook: str
    title: str
    summary: str
    severity: int
    status: str
    owner_id: str | None
    owner_role_id: str | None
    opened_by: str | None
    opened_at: datetime
    language: str
    message_key: str | None = None
    source_channel_id: str | None = None
    source_channel_name: str | None = None
    source_message_id: str | None = None
    author_id: str | None = None
    posted_at: datetime | None = None
    audience_size: int | None = None
    categories: tuple[str, ...] = ()
    excerpt: str = ""
    thread_channel_id: str | None = None
    thread_id: str | None = None
    thread_url: str | None = None
    first_response_at: datetime | None = None
    last_update_at: datetime | None = None
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    lessons: str = ""

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @classmethod
    def from_row(cls, row: dict) -> Incident:
        values = dict(row)
        for name in ("opened_at", "posted_at", "first_response_at", "last_update_at", "resolved_at"):
            values[name] = _time(values[name])
        values["categories"] = tuple(part for part in (values["categories"] or "").split(",") if part)
        return cls(**values)

    def to_row(self) -> dict:
        values = dict(self.__dict__)
        for name in ("opened_at", "posted_at", "first_response_at", "last_update_at", "resolved_at"):
            values[name] = _text(values[name])
        values["categories"] = ",".join(self.categories)
        return values


@dataclass(frozen=True)
class StepState:
    step_id: str
    position: int
    label: str
    done_by: str | None
    done_at: datetime | None


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    actor_id: str | None
    kind: str
    detail: str


@dataclass(frozen=True)
class Reminder:
    reminder_id: str
    incident_id: str
    kind: str
    due_at: datetime


@dataclass(frozen=True)
class Watch:
    message_key: str
    platform: str
    workspace_id: str
    channel_id: str
    channel_name: str | None
    is_public: bool
    message_id: str
    author_id: str
    language: str
    categories: tuple[str, ...]
    excerpt: str
    audience_size: int | None
    posted_at: datetime
    until_at: datetime
    escalated_at: datetime | None


class IncidentStore:
    """The incident desk's repository; every write runs in one BEGIN IMMEDIATE transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def transaction(self) -> AbstractContextManager[Database]:
        """A write transaction; nested uses join the outer one."""
        return write_transaction(self._db)

    def _rows(self, sql: str, params: list | tuple = ()) -> list[dict]:
        cursor = self._db.execute(sql, list(params))
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    # Incidents

    def add_incident(self, incident: Incident, steps: list[tuple[str, str]]) -> bool:
        """Store a new incident and its checklist; False if the message already has one."""
        row = incident.to_row()
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        with self.transaction():
            try:
                self._db.execute(f"INSERT INTO incidents ({columns}) VALUES ({marks})", list(row.values()))
            except sqlite3.IntegrityError:
                return False
            for position, (step_id, label) in enumerate(steps, start=1):
                self._db.execute(
                    "INSERT INTO incident_steps (incident_id, step_id, position, label) VALUES (?, ?, ?, ?)",
                    [incident.incident_id, step_id, position, label],
                )
        return True

    def get(self, incident_id: str) -> Incident | None:
        rows = self._rows("SELECT * FROM incidents WHERE incident_id = ?", [incident_id])
        return Incident.from_row(rows[0]) if rows else None

    def by_message(self, message_key: str) -> Incident | None:
        rows = self._rows("SELECT * FROM incidents WHERE message_key = ?", [message_key])
        return Incident.from_row(rows[0]) if rows else None

    def by_thread(self, platform: str, channel_id: str, thread_id: str | None) -> Incident | None:
        """The incident whose thread this place is. Discord threads are channels of their own, so the
        place may name the thread as its channel, or the team channel with the thread as thread_id."""
        rows = self._rows(
            """SELECT * FROM incidents WHERE platform = ? AND (
                   (thread_channel_id = ? AND thread_id IS ?)
                OR (? IS NULL AND thread_id = ?)
                OR (thread_id IS NULL AND thread_channel_id = ?))
               ORDER BY opened_at DESC LIMIT 1""",
            [platform, channel_id, thread_id, thread_id, channel_id, thread_id],
        )
        return Incident.from_row(rows[0]) if rows else None

    def listing(self, platform: str, workspace_id: str, resolved_since: datetime, limit: int = 10) -> list[Incident]:
        rows = self._rows(
            """SELECT * FROM incidents WHERE platform = ? AND workspace_id = ?
               AND (status = 'open' OR resolved_at >= ?)
               ORDER BY status = 'open' DESC, opened_at DESC LIMIT ?""",
            [platform, workspace_id, _text(resolved_since), limit],
        )
        return [Incident.from_row(row) for row in rows]

    def update(self, incident: Incident, **changes: object) -> Incident:
        changed = replace(incident, **changes)
        row = changed.to_row()
        assignments = ", ".join(f"{name} = ?" for name in changes)
        with self.transaction():
            self._db.execute(
                f"UPDATE incidents SET {assignments} WHERE incident_id = ?",
                [row[name] for name in changes] + [incident.incident_id],
            )
        return changed

    # Checklist and timeline

    def steps(self, incident_id: str) -> list[StepState]:
        rows = self._rows(
            "SELECT step_id, position, label, done_by, done_at FROM incident_steps "
            "WHERE incident_id = ? ORDER BY position",
            [incident_id],
        )
        return [StepState(row["step_id"], row["position"], row["label"], row["done_by"], _time(row["done_at"]))
                for row in rows]

    def mark_step_done(self, incident_id: str, step_id: str, user_id: str, at: datetime) -> bool:
        """Tick a step; False if it was already done (a second click changes nothing)."""
        with self.transaction():
            cursor = self._db.execute(
                "UPDATE incident_steps SET done_by = ?, done_at = ? "
                "WHERE incident_id = ? AND step_id = ? AND done_at IS NULL",
                [user_id, _text(at), incident_id, step_id],
            )
        return cursor.rowcount == 1

    def add_entry(self, incident_id: str, at: datetime, actor_id: str | None, kind: str, detail: str = "") -> None:
        with self.transaction():
            self._db.execute(
                "INSERT INTO incident_timeline (incident_id, at, actor_id, kind, detail) VALUES (?, ?, ?, ?, ?)",
                [incident_id, _text(at), actor_id, kind, detail],
            )

    def timeline(self, incident_id: str) -> list[TimelineEntry]:
        rows = self._rows(
            "SELECT at, actor_id, kind, detail FROM incident_timeline WHERE incident_id = ? ORDER BY entry_id",
            [incident_id],
        )
        return [TimelineEntry(_time(row["at"]), row["actor_id"], row["kind"], row["detail"]) for row in rows]

    # Reminders

    def schedule(self, reminder: Reminder) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT INTO incident_reminders (reminder_id, incident_id, kind, due_at) VALUES (?, ?, ?, ?)",
                [reminder.reminder_id, reminder.incident_id, reminder.kind, _text(reminder.due_at)],
            )

    def cancel_pending(self, incident_id: str, kinds: tuple[str, ...], at: datetime) -> int:
        marks = ", ".join("?" for _ in kinds)
        with self.transaction():
            cursor = self._db.execute(
                f"UPDATE incident_reminders SET cancelled_at = ? WHERE incident_id = ? AND kind IN ({marks}) "
                "AND fired_at IS NULL AND cancelled_at IS NULL",
                [_text(at), incident_id, *kinds],
            )
        return cursor.rowcount

    def pending(self, incident_id: str) -> list[Reminder]:
        rows = self._rows(
            "SELECT reminder_id, incident_id, kind, due_at FROM incident_reminders "
            "WHERE incident_id = ? AND fired_at IS NULL AND cancelled_at IS NULL ORDER BY due_at",
            [incident_id],
        )
        return [Reminder(row["reminder_id"], row["incident_id"], row["kind"], _time(row["due_at"])) for row in rows]

    def claim_due(self, now: datetime) -> list[Reminder]:
        """Mark every due reminder fired and return them: the fired_at guard makes each fire once,
        across restarts and across processes sharing the file."""
        claimed: list[Reminder] = []
        with self.transaction():
            rows = self._rows(
                "SELECT reminder_id, incident_id, kind, due_at FROM incident_reminders "
                "WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= ? ORDER BY due_at",
                [_text(now)],
            )
            for row in rows:
                cursor = self._db.execute(
                    "UPDATE incident_reminders SET fired_at = ? WHERE reminder_id = ? AND fired_at IS NULL",
                    [_text(now), row["reminder_id"]],
                )
                if cursor.rowcount == 1:
                    claimed.append(Reminder(row["reminder_id"], row["incident_id"], row["kind"], _time(row["due_at"])))
        return claimed

    # Reception

    def add_watch(self, watch: Watch) -> None:
        with self.transaction():
            self._db.execute(
                """INSERT OR IGNORE INTO reception_watches (message_key, platform, workspace_id, channel_id,
                   channel_name, is_public, message_id, author_id, language, categories, excerpt,
                   audience_size, posted_at, until_at, escalated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [watch.message_key, watch.platform, watch.workspace_id, watch.channel_id, watch.channel_name,
                 int(watch.is_public), watch.message_id, watch.author_id, watch.language, ",".join(watch.categories),
                 watch.excerpt, watch.audience_size, _text(watch.posted_at), _text(watch.until_at), None],
            )

    def watch(self, message_key: str) -> Watch | None:
        rows = self._rows("SELECT * FROM reception_watches WHERE message_key = ?", [message_key])
        if not rows:
            return None
        row = rows[0]
        return Watch(
            message_key=row["message_key"], platform=row["platform"], workspace_id=row["workspace_id"],
            channel_id=row["channel_id"], channel_name=row["channel_name"], is_public=bool(row["is_public"]),
            message_id=row["message_id"], author_id=row["author_id"], language=row["language"],
            categories=tuple(part for part in row["categories"].split(",") if part), excerpt=row["excerpt"],
            audience_size=row["audience_size"], posted_at=_time(row["posted_at"]), until_at=_time(row["until_at"]),
            escalated_at=_time(row["escalated_at"]),
        )

    def add_signal(self, message_key: str, user_id: str, source: str, at: datetime) -> int | None:
        """Count one person's negative signal once; returns the new count, or None if already counted."""
        with self.transaction():
            try:
                self._db.execute(
                    "INSERT INTO reception_signals (message_key, user_id, source, at) VALUES (?, ?, ?, ?)",
                    [message_key, user_id, source, _text(at)],
                )
            except sqlite3.IntegrityError:
                return None
            return self.signal_count(message_key)

    def signal_count(self, message_key: str) -> int:
        rows = self._rows("SELECT COUNT(*) AS n FROM reception_signals WHERE message_key = ?", [message_key])
        return int(rows[0]["n"])

    def mark_escalated(self, message_key: str, at: datetime) -> bool:
        """True once per watch: the bad reception raises the severity once, not at every new reaction."""
        with self.transaction():
            cursor = self._db.execute(
                "UPDATE reception_watches SET escalated_at = ? WHERE message_key = ? AND escalated_at IS NULL",
                [_text(at), message_key],
            )
        return cursor.rowcount == 1

    def purge_watches_before(self, cutoff: datetime) -> int:
        with self.transaction():
            self._db.execute(
                "DELETE FROM reception_signals WHERE message_key IN "
                "(SELECT message_key FROM reception_watches WHERE until_at < ?)",
                [_text(cutoff)],
            )
            cursor = self._db.execute("DELETE FROM reception_watches WHERE until_at < ?", [_text(cutoff)])
        return cursor.rowcount

    def forget_signals(self, platform: str, workspace_id: str, user_id: str) -> int:
        """forget-me: drop the record of which messages this person reacted to or answered critically."""
        prefix = f"{platform}:{workspace_id}:".replace("%", r"\%").replace("_", r"\_")
        with self.transaction():
            cursor = self._db.execute(
                "DELETE FROM reception_signals WHERE user_id = ? AND message_key LIKE ? ESCAPE '\\'",
                [user_id, prefix + "%"],
            )
        return cursor.rowcount
