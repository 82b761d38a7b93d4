"""De-duplication of platform deliveries: a platform event id is handled once, however often it arrives."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from bot.store.database import register_migrations, write_transaction

migrations = register_migrations(Migrations("damage-control.events"))


@migrations()
def create_events_seen(db: Database) -> None:
    db["events_seen"].create(
        {"event_id": str, "kind": str, "seen_at": str}, pk="event_id", if_not_exists=True
    )
    db["events_seen"].create_index(["seen_at"], if_not_exists=True)


class SeenEvents:
    def __init__(self, db: Database) -> None:
        self._db = db

    def first_sighting(self, event_id: str, kind: str, seen_at: datetime) -> bool:
        """Record the event id; True the first time, False for every repeat (atomic across processes)."""
        with write_transaction(self._db):
            try:
                self._db.execute(
                    "INSERT INTO events_seen (event_id, kind, seen_at) VALUES (?, ?, ?)",
                    [event_id, kind, seen_at.isoformat()],
                )
            except sqlite3.IntegrityError:
                return False
        return True

    def purge_before(self, cutoff: datetime) -> int:
        with write_transaction(self._db):
            cursor = self._db.execute("DELETE FROM events_seen WHERE seen_at < ?", [cutoff.isoformat()])
        return cursor.rowcount
