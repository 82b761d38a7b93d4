"""Private messages that could not be delivered (closed DMs): held until the user's next command."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
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


@migrations()
def add_handed_over_at(db: Database) -> None:
    # A hand-over is itself a message that can fail: a held message stays until its delivery is confirmed.
    db.table("held_messages").add_column("handed_over_at", str)


# A hand-over neither confirmed nor failed after this long (the process stopped in between) is offered again.
HANDOVER_TIMEOUT = timedelta(minutes=10)


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

    def take(self, user: UserKey, now: datetime, limit: int = 5) -> list[HeldMessage]:
        """The user's oldest held messages not already on their way, marked as handed over in the same
        transaction (so each goes out once, even with several processes on the file). They are removed by
        `delivered`, or offered again by `put_back` or after HANDOVER_TIMEOUT."""
        stale = to_stamp(now - HANDOVER_TIMEOUT)
        with write_transaction(self._db):
            rows = self._db.execute(
                "SELECT held_id, action, reason, held_at FROM held_messages"
                " WHERE platform = ? AND workspace_id = ? AND user_id = ?"
                " AND (handed_over_at IS NULL OR handed_over_at < ?) ORDER BY held_at, held_id LIMIT ?",
                [*user, stale, limit],
            ).fetchall()
            for row in rows:
                self._db.execute("UPDATE held_messages SET handed_over_at = ? WHERE held_id = ?",
                                 [to_stamp(now), row[0]])
        return [
            HeldMessage(held_id=row[0], user=user, action=json.loads(row[1]), reason=row[2],
                        held_at=from_stamp(row[3]))  # type: ignore[arg-type]
            for row in rows
        ]

    def delivered(self, held_id: str) -> None:
        """The hand-over reached the user (or is no longer worth sending): the held message is done."""
        with write_transaction(self._db):
            self._db.execute("DELETE FROM held_messages WHERE held_id = ?", [held_id])

    def put_back(self, held_id: str) -> bool:
        """The hand-over failed: keep the message for the user's next command. False if it is gone meanwhile
        (forgotten or purged)."""
        with write_transaction(self._db):
            return self._db.execute("UPDATE held_messages SET handed_over_at = NULL WHERE held_id = ?",
                                    [held_id]).rowcount > 0

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
