"""Private messages that could not be delivered (closed DMs): held until the user's next command."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from bot.store.database import register_migrations, write_transaction
from bot.store.timestamps import from_stamp, to_stamp
from bot.store.user_settings import UserKey

migrations = register_migrations(Migrations("damage-control.held_messages"))


@migrations()
def create_held_messages(db: Database) -> None:
    db.table("held_messages").create(
        {
            "held_id": str,
            "platform": str,
            "workspace_id": str,
            "user_id": str,
            "action": str,  # the undelivered action as JSON: a masked card, drafts, buttons (never a raw secret)
            "reason": str,
            "held_at": str,
        },
        pk="held_id",
        if_not_exists=True,
    )
    db.table("held_messages").create_index(["platform", "workspace_id", "user_id"], if_not_exists=True)
    db.table("held_messages").create_index(["held_at"], if_not_exists=True)


@dataclass(frozen=True)
class HeldMessage:
    held_id: str
    user: UserKey
    action: dict[str, Any]
    reason: str
    held_at: datetime


class HeldMessageStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def hold(self, held_id: str, user: UserKey, action: dict[str, Any], reason: str, held_at: datetime) -> None:
        with write_transaction(self._db):
            self._db.execute(
                "INSERT OR IGNORE INTO held_messages (held_id, platform, workspace_id, user_id, action, reason,"
                " held_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [held_id, *user, json.dumps(action), reason, to_stamp(held_at)],
            )

    def take(self, user: UserKey, limit: int = 5) -> list[HeldMessage]:
        """The user's oldest held messages, removed in the same transaction: each is handed over once,
        even with several processes on the database file."""
        with write_transaction(self._db):
            rows = self._db.execute(
                "SELECT held_id, action, reason, held_at FROM held_messages"
                " WHERE platform = ? AND workspace_id = ? AND user_id = ? ORDER BY held_at, held_id LIMIT ?",
                [*user, limit],
            ).fetchall()
            for row in rows:
                self._db.execute("DELETE FROM held_messages WHERE held_id = ?", [row[0]])
        return [
            HeldMessage(held_id=row[0], user=user, action=json.loads(row[1]), reason=row[2],
                        held_at=from_stamp(row[3]))  # type: ignore[arg-type]
            for row in rows
        ]

    def count(self, user: UserKey) -> int:
        return int(self._db.execute(
            "SELECT COUNT(*) FROM held_messages WHERE platform = ? AND workspace_id = ? AND user_id = ?", list(user)
        ).fetchone()[0])

    def purge_before(self, cutoff: datetime) -> int:
        with write_transaction(self._db):
            return self._db.execute("DELETE FROM held_messages WHERE held_at < ?", [to_stamp(cutoff)]).rowcount

    def forget(self, user: UserKey) -> int:
        with write_transaction(self._db):
            return self._db.execute(
                "DELETE FROM held_messages WHERE platform = ? AND workspace_id = ? AND user_id = ?", list(user)
            ).rowcount
