"""Per-user policy settings (overrides of the workspace defaults) and "not a problem" feedback counts."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import NamedTuple

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from bot.store.database import register_migrations, write_transaction
from bot.store.timestamps import from_stamp, to_stamp

migrations = register_migrations(Migrations("damage-control.user-settings"))


class UserKey(NamedTuple):
    """Users are keyed by platform, workspace and user id: the same person id means nothing across them."""

    platform: str
    workspace_id: str
    user_id: str


@migrations()
def create_user_settings(db: Database) -> None:
    db["user_settings"].create(
        {
            "platform": str,
            "workspace_id": str,
            "user_id": str,
            "watch": int,
            "sensitivity": str,
            "category_sensitivity": str,  # JSON object category -> low/normal/high
            "disabled_categories": str,  # JSON list
            "language": str,
            "delivery": str,
            "snoozed_until": str,
            "updated_at": str,
        },
        pk=("platform", "workspace_id", "user_id"),
        if_not_exists=True,
    )
    db["feedback"].create(
        {
            "id": int,
            "platform": str,
            "workspace_id": str,
            "user_id": str,
            "category": str,
            "suggestion_id": str,
            "answer": str,
            "counted": int,  # 1 until the dismissal has been used to lower a sensitivity
            "answered_at": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db["feedback"].create_index(["platform", "workspace_id", "user_id", "category"], if_not_exists=True)
    db["feedback"].create_index(["suggestion_id", "category", "answer"], unique=True, if_not_exists=True)


class StoredSettings(NamedTuple):
    """What the user chose; None means "the workspace default"."""

    watch: bool | None = None
    sensitivity: str | None = None
    category_sensitivity: Mapping[str, str] = MappingProxyType({})
    disabled_categories: tuple[str, ...] = ()
    language: str | None = None
    delivery: str | None = None
    snoozed_until: datetime | None = None


class UserSettingsStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, user: UserKey) -> StoredSettings:
        rows = list(
            self._db.query(
                "SELECT * FROM user_settings WHERE platform = ? AND workspace_id = ? AND user_id = ?",
                list(user),
            )
        )
        if not rows:
            return StoredSettings()
        row = rows[0]
        return StoredSettings(
            watch=None if row["watch"] is None else bool(row["watch"]),
            sensitivity=row["sensitivity"],
            category_sensitivity=json.loads(row["category_sensitivity"] or "{}"),
            disabled_categories=tuple(json.loads(row["disabled_categories"] or "[]")),
            language=row["language"],
            delivery=row["delivery"],
            snoozed_until=from_stamp(row["snoozed_until"]),
        )

    def save(self, user: UserKey, stored: StoredSettings, now: datetime) -> None:
        with write_transaction(self._db):
            self._write(user, stored, now)

    def update(self, user: UserKey, now: datetime, **changes: object) -> StoredSettings:
        """Read-modify-write in one write transaction, so concurrent updates never lose a change."""
        with write_transaction(self._db):
            updated = self.get(user)._replace(**changes)
            self._write(user, updated, now)
        return updated

    def _write(self, user: UserKey, stored: StoredSettings, now: datetime) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO user_settings (platform, workspace_id, user_id, watch, sensitivity,"
            " category_sensitivity, disabled_categories, language, delivery, snoozed_until, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                *user,
                None if stored.watch is None else int(stored.watch),
                stored.sensitivity,
                json.dumps(dict(stored.category_sensitivity), sort_keys=True),
                json.dumps(sorted(stored.disabled_categories)),
                stored.language,
                stored.delivery,
                to_stamp(stored.snoozed_until) if stored.snoozed_until else None,
                to_stamp(now),
            ],
        )

    def record_feedback(
        self,
        user: UserKey,
        categories: list[str],
        suggestion_id: str,
        answer: str,
        now: datetime,
        threshold: int | None = None,
    ) -> list[str]:
        """Record one answer per category (once per suggestion). With a threshold, return the categories
        whose uncounted answers reached it, and mark those answers used, in the same transaction, so two
        processes can never both act on the same dismissals."""
        reached: list[str] = []
        with write_transaction(self._db):
            for category in categories:
                self._db.execute(
                    "INSERT OR IGNORE INTO feedback (platform, workspace_id, user_id, category, suggestion_id,"
                    " answer, counted, answered_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
                    [*user, category, suggestion_id, answer, to_stamp(now)],
                )
                if threshold is None:
                    continue
                where = (
                    "platform = ? AND workspace_id = ? AND user_id = ? AND category = ? AND answer = ?"
                    " AND counted = 1"
                )
                count = self._db.execute(
                    f"SELECT COUNT(*) FROM feedback WHERE {where}", [*user, category, answer]
                ).fetchone()[0]
                if count >= threshold:
                    self._db.execute(f"UPDATE feedback SET counted = 0 WHERE {where}", [*user, category, answer])
                    reached.append(category)
        return reached

    def forget(self, user: UserKey) -> int:
        with write_transaction(self._db):
            removed = 0
            for table in ("user_settings", "feedback"):
                removed += self._db.execute(
                    f"DELETE FROM {table} WHERE platform = ? AND workspace_id = ? AND user_id = ?", list(user)
                ).rowcount
        return removed
