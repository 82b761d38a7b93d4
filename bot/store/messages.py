"""Flagged messages (ids, categories, a masked excerpt; never the raw text) and the fates of edited or deleted ones."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from bot.events import Place
from bot.store.database import register_migrations, write_transaction
from bot.store.timestamps import from_stamp, to_stamp
from bot.store.user_settings import UserKey

migrations = register_migrations(Migrations("damage-control.messages"))


@migrations()
def create_message_tables(db: Database) -> None:
    db["flagged_messages"].create(
        {
            "message_key": str,
            "platform": str,
            "workspace_id": str,
            "user_id": str,
            "channel_id": str,
            "channel_name": str,
            "thread_id": str,
            "message_id": str,
            "event_id": str,
            "categories": str,  # JSON list
            "severity": str,
            "language": str,
            "excerpt": str,  # masked: secrets and personal data never reach the database
            "mentioned_ids": str,  # JSON list
            "sent_at": str,
        },
        pk="message_key",
        if_not_exists=True,
    )
    db["flagged_messages"].create_index(
        ["platform", "workspace_id", "user_id", "sent_at"], if_not_exists=True
    )
    # A tombstone per edited or deleted message: an event about it that arrives late (a retry, a slow
    # worker) must not produce a nudge about text the author already changed.
    db["message_fates"].create(
        {"message_key": str, "fate": str, "user_id": str, "happened_at": str},
        pk="message_key",
        if_not_exists=True,
    )
    db["message_fates"].create_index(["happened_at"], if_not_exists=True)


@dataclass(frozen=True)
class FlaggedMessage:
    message_key: str
    user: UserKey
    channel_id: str
    channel_name: str | None
    thread_id: str | None
    message_id: str
    event_id: str
    categories: tuple[str, ...]
    severity: str
    language: str
    excerpt: str
    mentioned_ids: tuple[str, ...]
    sent_at: datetime


def _flagged(row: dict) -> FlaggedMessage:
    return FlaggedMessage(
        message_key=row["message_key"],
        user=UserKey(row["platform"], row["workspace_id"], row["user_id"]),
        channel_id=row["channel_id"],
        channel_name=row["channel_name"],
        thread_id=row["thread_id"],
        message_id=row["message_id"],
        event_id=row["event_id"],
        categories=tuple(json.loads(row["categories"])),
        severity=row["severity"],
        language=row["language"],
        excerpt=row["excerpt"] or "",
        mentioned_ids=tuple(json.loads(row["mentioned_ids"] or "[]")),
        sent_at=from_stamp(row["sent_at"]),  # type: ignore[arg-type]
    )


class MessageStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def record_flagged(self, flagged: FlaggedMessage) -> None:
        with write_transaction(self._db):
            self._db.execute(
                "INSERT OR IGNORE INTO flagged_messages (message_key, platform, workspace_id, user_id,"
                " channel_id, channel_name, thread_id, message_id, event_id, categories, severity, language,"
                " excerpt, mentioned_ids, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    flagged.message_key,
                    *flagged.user,
                    flagged.channel_id,
                    flagged.channel_name,
                    flagged.thread_id,
                    flagged.message_id,
                    flagged.event_id,
                    json.dumps(list(flagged.categories)),
                    flagged.severity,
                    flagged.language,
                    flagged.excerpt,
                    json.dumps(list(flagged.mentioned_ids)),
                    to_stamp(flagged.sent_at),
                ],
            )

    def get(self, message_key: str) -> FlaggedMessage | None:
        rows = list(self._db.query("SELECT * FROM flagged_messages WHERE message_key = ?", [message_key]))
        return _flagged(rows[0]) if rows else None

    def recent_for_user(self, user: UserKey, since: datetime, until: datetime) -> list[FlaggedMessage]:
        """The user's flagged messages in a time window, most recent first."""
        rows = self._db.query(
            "SELECT * FROM flagged_messages WHERE platform = ? AND workspace_id = ? AND user_id = ?"
            " AND sent_at >= ? AND sent_at <= ? ORDER BY sent_at DESC, rowid DESC",
            [*user, to_stamp(since), to_stamp(until)],
        )
        return [_flagged(row) for row in rows]

    def record_fate(self, message_key: str, fate: str, user_id: str | None, happened_at: datetime) -> None:
        """Remember that a message was edited or deleted; a deletion wins over an edit."""
        with write_transaction(self._db):
            self._db.execute(
                "INSERT INTO message_fates (message_key, fate, user_id, happened_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(message_key) DO UPDATE SET"
                " fate = CASE WHEN message_fates.fate = 'deleted' THEN 'deleted' ELSE excluded.fate END,"
                " user_id = COALESCE(excluded.user_id, message_fates.user_id)",
                [message_key, fate, user_id, to_stamp(happened_at)],
            )

    def fate(self, message_key: str) -> str | None:
        row = self._db.execute(
            "SELECT fate FROM message_fates WHERE message_key = ?", [message_key]
        ).fetchone()
        return row[0] if row else None

    def purge_before(self, cutoff: datetime) -> int:
        stamp = to_stamp(cutoff)
        with write_transaction(self._db):
            removed = self._db.execute("DELETE FROM flagged_messages WHERE sent_at < ?", [stamp]).rowcount
            removed += self._db.execute("DELETE FROM message_fates WHERE happened_at < ?", [stamp]).rowcount
        return removed

    def forget(self, user: UserKey) -> int:
        with write_transaction(self._db):
            removed = self._db.execute(
                "DELETE FROM flagged_messages WHERE platform = ? AND workspace_id = ? AND user_id = ?",
                list(user),
            ).rowcount
            # Fates carry no platform column; their key starts with "platform:workspace:".
            removed += self._db.execute(
                "DELETE FROM message_fates WHERE user_id = ? AND message_key LIKE ?",
                [user.user_id, f"{user.platform}:{user.workspace_id}:%"],
            ).rowcount
        return removed


def message_key(place: Place, message_id: str) -> str:
    """The key every part uses for a message: "platform:workspace:channel:message_id"."""
    return f"{place.key}:{message_id}"
