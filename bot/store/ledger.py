"""The apology ledger's tables: matters (what an apology is about) and the apologies recorded for each."""

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

migrations = register_migrations(Migrations("damage-control.ledger"))


@migrations()
def create_ledger(db: Database) -> None:
    db["matters"].create(
        {
            "matter_id": str,
            "matter_key": str,  # the flagged message key, or the first apology's message key
            "platform": str,
            "workspace_id": str,
            "user_id": str,
            "channel_id": str,
            "channel_name": str,
            "categories": str,
            "excerpt": str,  # masked
            "created_at": str,
            "settled_at": str,
            "settled_by": str,
        },
        pk="matter_id",
        if_not_exists=True,
    )
    db["matters"].create_index(["matter_key"], unique=True, if_not_exists=True)
    db["matters"].create_index(["platform", "workspace_id", "user_id"], if_not_exists=True)
    db["apologies"].create(
        {
            "apology_id": str,
            "event_id": str,  # the event that carried it: a repeat delivery can never add a second entry
            "message_key": str,
            "matter_key": str,
            "platform": str,
            "workspace_id": str,
            "user_id": str,
            "channel_id": str,
            "channel_name": str,
            "thread_id": str,
            "is_direct": int,
            "to_whom": str,  # JSON list of user ids
            "excerpt": str,  # masked
            "how_linked": str,  # nearby, reply, command, similar, new
            "apologised_at": str,
        },
        pk="apology_id",
        if_not_exists=True,
    )
    db["apologies"].create_index(["event_id"], unique=True, if_not_exists=True)
    db["apologies"].create_index(["matter_key", "apologised_at"], if_not_exists=True)
    db["apologies"].create_index(["platform", "workspace_id", "user_id"], if_not_exists=True)
    db.execute(
        "CREATE UNIQUE INDEX IF NOT EXISTS apologies_one_per_message ON apologies(message_key)"
        " WHERE message_key IS NOT NULL"
    )


@dataclass(frozen=True)
class Matter:
    matter_id: str
    matter_key: str
    user: UserKey
    channel_id: str | None
    channel_name: str | None
    categories: tuple[str, ...]
    excerpt: str
    created_at: datetime
    settled_at: datetime | None


@dataclass(frozen=True)
class Apology:
    apology_id: str
    event_id: str
    message_key: str | None
    matter_key: str
    user: UserKey
    channel_id: str | None
    channel_name: str | None
    thread_id: str | None
    is_direct: bool
    to_whom: tuple[str, ...]
    excerpt: str
    how_linked: str
    apologised_at: datetime


def _matter(row: dict) -> Matter:
    return Matter(
        matter_id=row["matter_id"],
        matter_key=row["matter_key"],
        user=UserKey(row["platform"], row["workspace_id"], row["user_id"]),
        channel_id=row["channel_id"],
        channel_name=row["channel_name"],
        categories=tuple(json.loads(row["categories"] or "[]")),
        excerpt=row["excerpt"] or "",
        created_at=from_stamp(row["created_at"]),  # type: ignore[arg-type]
        settled_at=from_stamp(row["settled_at"]),
    )


def _apology(row: dict) -> Apology:
    return Apology(
        apology_id=row["apology_id"],
        event_id=row["event_id"],
        message_key=row["message_key"],
        matter_key=row["matter_key"],
        user=UserKey(row["platform"], row["workspace_id"], row["user_id"]),
        channel_id=row["channel_id"],
        channel_name=row["channel_name"],
        thread_id=row["thread_id"],
        is_direct=bool(row["is_direct"]),
        to_whom=tuple(json.loads(row["to_whom"] or "[]")),
        excerpt=row["excerpt"] or "",
        how_linked=row["how_linked"],
        apologised_at=from_stamp(row["apologised_at"]),  # type: ignore[arg-type]
    )


class LedgerStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def ensure_matter(self, matter: Matter) -> Matter:
        """Create the matter unless it exists (same key); return the stored one."""
        with write_transaction(self._db):
            self._db.execute(
                "INSERT OR IGNORE INTO matters (matter_id, matter_key, platform, workspace_id, user_id,"
                " channel_id, channel_name, categories, excerpt, created_at, settled_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    matter.matter_id,
                    matter.matter_key,
                    *matter.user,
                    matter.channel_id,
                    matter.channel_name,
                    json.dumps(list(matter.categories)),
                    matter.excerpt,
                    to_stamp(matter.created_at),
                    to_stamp(matter.settled_at) if matter.settled_at else None,
                ],
            )
            stored = self.matter_by_key(matter.matter_key)
        assert stored is not None
        return stored

    def matter_by_key(self, matter_key: str) -> Matter | None:
        rows = list(self._db.query("SELECT * FROM matters WHERE matter_key = ?", [matter_key]))
        return _matter(rows[0]) if rows else None

    def matter_by_id(self, matter_id: str) -> Matter | None:
        rows = list(self._db.query("SELECT * FROM matters WHERE matter_id = ?", [matter_id]))
        return _matter(rows[0]) if rows else None

    def matters_for_user(self, user: UserKey) -> list[Matter]:
        rows = self._db.query(
            "SELECT * FROM matters WHERE platform = ? AND workspace_id = ? AND user_id = ?"
            " ORDER BY created_at DESC, rowid DESC",
            list(user),
        )
        return [_matter(row) for row in rows]

    def add_apology(self, apology: Apology) -> tuple[Apology, list[Apology]] | None:
        """Record an apology; returns (it, every apology of its matter in order) or None when this event or
        message was already recorded. Count and insert share one BEGIN IMMEDIATE transaction, so concurrent
        tasks and processes can neither lose nor double-count an entry."""
        with write_transaction(self._db):
            try:
                self._db.execute(
                    "INSERT INTO apologies (apology_id, event_id, message_key, matter_key, platform,"
                    " workspace_id, user_id, channel_id, channel_name, thread_id, is_direct, to_whom, excerpt,"
                    " how_linked, apologised_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        apology.apology_id,
                        apology.event_id,
                        apology.message_key,
                        apology.matter_key,
                        *apology.user,
                        apology.channel_id,
                        apology.channel_name,
                        apology.thread_id,
                        int(apology.is_direct),
                        json.dumps(list(apology.to_whom)),
                        apology.excerpt,
                        apology.how_linked,
                        to_stamp(apology.apologised_at),
                    ],
                )
            except sqlite3.IntegrityError:
                return None
            entries = self.apologies_for_matter(apology.matter_key)
        return apology, entries

    def apologies_for_matter(self, matter_key: str) -> list[Apology]:
        rows = self._db.query(
            "SELECT * FROM apologies WHERE matter_key = ? ORDER BY apologised_at, rowid", [matter_key]
        )
        return [_apology(row) for row in rows]

    def apologies_for_user(self, user: UserKey, limit: int = 200) -> list[Apology]:
        rows = self._db.query(
            "SELECT * FROM apologies WHERE platform = ? AND workspace_id = ? AND user_id = ?"
            " ORDER BY apologised_at DESC, rowid DESC LIMIT ?",
            [*user, limit],
        )
        return [_apology(row) for row in rows]

    def apology_by_message(self, message_key: str) -> Apology | None:
        rows = list(self._db.query("SELECT * FROM apologies WHERE message_key = ?", [message_key]))
        return _apology(rows[0]) if rows else None

    def delete_apology(self, user: UserKey, apology_id: str) -> bool:
        with write_transaction(self._db):
            return (
                self._db.execute(
                    "DELETE FROM apologies WHERE apology_id = ? AND platform = ? AND workspace_id = ?"
                    " AND user_id = ?",
                    [apology_id, *user],
                ).rowcount
                > 0
            )

    def relink_apology(self, user: UserKey, apology_id: str, matter_key: str) -> bool:
        with write_transaction(self._db):
            return (
                self._db.execute(
                    "UPDATE apologies SET matter_key = ?, how_linked = 'command' WHERE apology_id = ?"
                    " AND platform = ? AND workspace_id = ? AND user_id = ?",
                    [matter_key, apology_id, *user],
                ).rowcount
                > 0
            )

    def settle(self, matter_key: str, settled_at: datetime, settled_by: str) -> bool:
        with write_transaction(self._db):
            return (
                self._db.execute(
                    "UPDATE matters SET settled_at = ?, settled_by = ? WHERE matter_key = ? AND settled_at IS NULL",
                    [to_stamp(settled_at), settled_by, matter_key],
                ).rowcount
                > 0
            )

    def blank_excerpts_before(self, cutoff: datetime) -> int:
        """Retention: old entries keep their counts (the ledger's point) but lose their excerpts."""
        stamp = to_stamp(cutoff)
        with write_transaction(self._db):
            changed = self._db.execute(
                "UPDATE apologies SET excerpt = '' WHERE apologised_at < ? AND excerpt != ''", [stamp]
            ).rowcount
            changed += self._db.execute(
                "UPDATE matters SET excerpt = '' WHERE created_at < ? AND excerpt != ''", [stamp]
            ).rowcount
        return changed

    def forget(self, user: UserKey) -> int:
        with write_transaction(self._db):
            removed = 0
            for table in ("apologies", "matters"):
                removed += self._db.execute(
                    f"DELETE FROM {table} WHERE platform = ? AND workspace_id = ? AND user_id = ?", list(user)
                ).rowcount
        return removed
