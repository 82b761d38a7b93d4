"""Private suggestions made, their delivery state and how they were answered, keyed by suggestion id."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from bot.store.database import register_migrations, write_transaction
from bot.store.timestamps import from_stamp, to_stamp
from bot.store.user_settings import UserKey

migrations = register_migrations(Migrations("damage-control.suggestions"))

PENDING = "pending"  # waiting for its grace period; an edit or deletion cancels it
SENT = "sent"
CANCELLED = "cancelled"


@migrations()
def create_suggestions(db: Database) -> None:
    db["suggestions"].create(
        {
            "suggestion_id": str,
            "event_id": str,
            "origin": str,  # nudge (proactive), command, ledger (repeat-apology warning)
            "platform": str,
            "workspace_id": str,
            "user_id": str,
            "message_key": str,
            "matter_key": str,
            "categories": str,  # JSON list
            "language": str,
            "action": str,  # the JSON of the action sent, for the DM fallback and the answers
            "state": str,
            "created_at": str,
            "deliver_after": str,
            "answer": str,
            "answered_at": str,
            "pending_post": str,  # "apology" while a posted apology awaits its receipt
        },
        pk="suggestion_id",
        if_not_exists=True,
    )
    db["suggestions"].create_index(["platform", "workspace_id", "user_id", "created_at"], if_not_exists=True)
    db["suggestions"].create_index(["message_key"], if_not_exists=True)
    db["suggestions"].create_index(["created_at"], if_not_exists=True)
    # At most one proactive nudge per message, enforced by the database across processes.
    db.execute(
        "CREATE UNIQUE INDEX IF NOT EXISTS suggestions_one_nudge_per_message"
        " ON suggestions(message_key) WHERE origin = 'nudge'"
    )


@dataclass(frozen=True)
class StoredSuggestion:
    suggestion_id: str
    event_id: str
    origin: str
    user: UserKey
    message_key: str | None
    matter_key: str | None
    categories: tuple[str, ...]
    language: str
    action: dict
    state: str
    created_at: datetime
    deliver_after: datetime | None
    answer: str | None
    pending_post: str | None


def _suggestion(row: dict) -> StoredSuggestion:
    return StoredSuggestion(
        suggestion_id=row["suggestion_id"],
        event_id=row["event_id"],
        origin=row["origin"],
        user=UserKey(row["platform"], row["workspace_id"], row["user_id"]),
        message_key=row["message_key"],
        matter_key=row["matter_key"],
        categories=tuple(json.loads(row["categories"] or "[]")),
        language=row["language"],
        action=json.loads(row["action"]),
        state=row["state"],
        created_at=from_stamp(row["created_at"]),  # type: ignore[arg-type]
        deliver_after=from_stamp(row["deliver_after"]),
        answer=row["answer"],
        pending_post=row["pending_post"],
    )


class SuggestionStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def insert(
        self,
        *,
        suggestion_id: str,
        event_id: str,
        origin: str,
        user: UserKey,
        message_key: str | None,
        matter_key: str | None,
        categories: list[str],
        language: str,
        action: dict,
        state: str,
        created_at: datetime,
        deliver_after: datetime | None,
    ) -> bool:
        """Insert; False when the message already has its one nudge (the unique index said no)."""
        try:
            with write_transaction(self._db):
                self._db.execute(
                    "INSERT INTO suggestions (suggestion_id, event_id, origin, platform, workspace_id, user_id,"
                    " message_key, matter_key, categories, language, action, state, created_at, deliver_after)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        suggestion_id,
                        event_id,
                        origin,
                        *user,
                        message_key,
                        matter_key,
                        json.dumps(categories),
                        language,
                        json.dumps(action),
                        state,
                        to_stamp(created_at),
                        to_stamp(deliver_after) if deliver_after else None,
                    ],
                )
        except sqlite3.IntegrityError:
            return False
        return True

    def get(self, suggestion_id: str) -> StoredSuggestion | None:
        rows = list(self._db.query("SELECT * FROM suggestions WHERE suggestion_id = ?", [suggestion_id]))
        return _suggestion(rows[0]) if rows else None

    def nudge_for_message(self, message_key: str) -> StoredSuggestion | None:
        rows = list(
            self._db.query(
                "SELECT * FROM suggestions WHERE message_key = ? AND origin = 'nudge'", [message_key]
            )
        )
        return _suggestion(rows[0]) if rows else None

    def nudges_since(self, user: UserKey, since: datetime) -> int:
        """Proactive nudges that reached (or are about to reach) the user since a moment."""
        return self._db.execute(
            "SELECT COUNT(*) FROM suggestions WHERE platform = ? AND workspace_id = ? AND user_id = ?"
            " AND origin = 'nudge' AND state != ? AND created_at >= ?",
            [*user, CANCELLED, to_stamp(since)],
        ).fetchone()[0]

    def claim(self, suggestion_id: str) -> bool:
        """pending -> sent, atomically; True also when already sent, False when cancelled or unknown."""
        with write_transaction(self._db):
            self._db.execute(
                "UPDATE suggestions SET state = ? WHERE suggestion_id = ? AND state = ?",
                [SENT, suggestion_id, PENDING],
            )
            row = self._db.execute(
                "SELECT state FROM suggestions WHERE suggestion_id = ?", [suggestion_id]
            ).fetchone()
        return row is not None and row[0] == SENT

    def cancel_pending_for_message(self, message_key: str) -> list[str]:
        with write_transaction(self._db):
            ids = [
                row[0]
                for row in self._db.execute(
                    "SELECT suggestion_id FROM suggestions WHERE message_key = ? AND state = ?",
                    [message_key, PENDING],
                ).fetchall()
            ]
            self._db.execute(
                "UPDATE suggestions SET state = ? WHERE message_key = ? AND state = ?",
                [CANCELLED, message_key, PENDING],
            )
        return ids

    def overdue_pending(self, now: datetime, older_than: datetime) -> list[StoredSuggestion]:
        """Pending suggestions whose grace ended long ago: their delivery was lost (a restart)."""
        rows = self._db.query(
            "SELECT * FROM suggestions WHERE state = ? AND deliver_after IS NOT NULL AND deliver_after < ?",
            [PENDING, to_stamp(older_than)],
        )
        return [_suggestion(row) for row in rows]

    def replace_action(self, suggestion_id: str, action: dict) -> None:
        """The action as last sent (after a DM fallback, the DM), so a second failure is not retried again."""
        with write_transaction(self._db):
            self._db.execute(
                "UPDATE suggestions SET action = ? WHERE suggestion_id = ?", [json.dumps(action), suggestion_id]
            )

    def record_answer(self, suggestion_id: str, answer: str, answered_at: datetime) -> None:
        with write_transaction(self._db):
            self._db.execute(
                "UPDATE suggestions SET answer = ?, answered_at = ? WHERE suggestion_id = ?",
                [answer, to_stamp(answered_at), suggestion_id],
            )

    def set_pending_post(self, suggestion_id: str, purpose: str | None) -> None:
        with write_transaction(self._db):
            self._db.execute(
                "UPDATE suggestions SET pending_post = ? WHERE suggestion_id = ?", [purpose, suggestion_id]
            )

    def take_pending_post(self, suggestion_id: str) -> StoredSuggestion | None:
        """Claim the posted-apology marker once: a repeated receipt must not record the apology twice."""
        with write_transaction(self._db):
            found = self.get(suggestion_id)
            if found is None or found.pending_post is None:
                return None
            self._db.execute(
                "UPDATE suggestions SET pending_post = NULL WHERE suggestion_id = ?", [suggestion_id]
            )
        return found

    def recent_for_user(self, user: UserKey, limit: int = 10) -> list[StoredSuggestion]:
        rows = self._db.query(
            "SELECT * FROM suggestions WHERE platform = ? AND workspace_id = ? AND user_id = ?"
            " ORDER BY created_at DESC, rowid DESC LIMIT ?",
            [*user, limit],
        )
        return [_suggestion(row) for row in rows]

    def purge_before(self, cutoff: datetime) -> int:
        with write_transaction(self._db):
            return self._db.execute(
                "DELETE FROM suggestions WHERE created_at < ?", [to_stamp(cutoff)]
            ).rowcount

    def forget(self, user: UserKey) -> int:
        with write_transaction(self._db):
            return self._db.execute(
                "DELETE FROM suggestions WHERE platform = ? AND workspace_id = ? AND user_id = ?", list(user)
            ).rowcount
