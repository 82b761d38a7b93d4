"""What fired and what the policy decided, per event: categories, rules and reasons, never message text."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from bot.store.database import register_migrations, write_transaction
from bot.store.timestamps import from_stamp, to_stamp
from bot.store.user_settings import UserKey

log = logging.getLogger(__name__)

migrations = register_migrations(Migrations("damage-control.decisions"))

ReasonValue = str | int | list[str]


@migrations()
def create_decisions(db: Database) -> None:
    db["decisions"].create(
        {
            "event_id": str,
            "event_kind": str,
            "platform": str,
            "workspace_id": str,
            "user_id": str,
            "message_key": str,
            "language": str,
            "findings": str,  # JSON list of {category, severity, rule}
            "apology": str,
            "outcome": str,
            # JSON list of {key, values} (see Reason); rows from before hold plain English sentences instead.
            "reasons": str,
            "decided_at": str,
        },
        pk="event_id",
        if_not_exists=True,
    )
    db["decisions"].create_index(["platform", "workspace_id", "user_id"], if_not_exists=True)
    db["decisions"].create_index(["decided_at"], if_not_exists=True)


@dataclass(frozen=True)
class Reason:
    """One line of `why`: a template key (under why.reason) and the values it needs, rendered in the reader's
    language. Values are ids, categories, counts, setting names and times (`*_at`, ISO), never message text."""

    key: str
    values: dict[str, ReasonValue] = field(default_factory=dict)

    @classmethod
    def of(cls, key: str, **values: ReasonValue) -> Reason:
        return cls(key, dict(values))

    def as_json(self) -> dict[str, object]:
        return {"key": self.key, "values": self.values}


# What a stored decision holds per line: a Reason, or (rows written before reasons had keys) a plain sentence.
StoredReason = Reason | str


def reasons_to_json(reasons: tuple[StoredReason, ...]) -> str:
    return json.dumps([reason.as_json() if isinstance(reason, Reason) else str(reason) for reason in reasons])


def reasons_from_json(raw: str | None, event_id: str) -> tuple[StoredReason, ...]:
    """Both formats; an entry that is neither is kept as its JSON text (shown, not lost) and logged."""
    try:
        items = json.loads(raw or "[]")
    except json.JSONDecodeError:
        log.warning("decision %s: reasons are not JSON; shown as stored", event_id)
        return (raw or "",)
    if not isinstance(items, list):
        items = [items]
    reasons: list[StoredReason] = []
    for item in items:
        if isinstance(item, str):
            reasons.append(item)
        elif isinstance(item, dict) and isinstance(item.get("key"), str) and isinstance(item.get("values", {}), dict):
            reasons.append(Reason(item["key"], dict(item.get("values", {}))))
        else:
            log.warning("decision %s: a reason of unknown shape; shown as stored", event_id)
            reasons.append(json.dumps(item))
    return tuple(reasons)


@dataclass(frozen=True)
class Decision:
    event_id: str
    event_kind: str
    user: UserKey
    message_key: str | None
    language: str
    findings: tuple[dict, ...]
    apology: str
    outcome: str
    reasons: tuple[StoredReason, ...]
    decided_at: datetime


class DecisionStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, decision: Decision) -> None:
        with write_transaction(self._db):
            self._db.execute(
                "INSERT OR REPLACE INTO decisions (event_id, event_kind, platform, workspace_id, user_id,"
                " message_key, language, findings, apology, outcome, reasons, decided_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    decision.event_id,
                    decision.event_kind,
                    *decision.user,
                    decision.message_key,
                    decision.language,
                    json.dumps(list(decision.findings)),
                    decision.apology,
                    decision.outcome,
                    reasons_to_json(tuple(decision.reasons)),
                    to_stamp(decision.decided_at),
                ],
            )

    def get(self, event_id: str) -> Decision | None:
        rows = list(self._db.query("SELECT * FROM decisions WHERE event_id = ?", [event_id]))
        if not rows:
            return None
        row = rows[0]
        return Decision(
            event_id=row["event_id"],
            event_kind=row["event_kind"],
            user=UserKey(row["platform"], row["workspace_id"], row["user_id"]),
            message_key=row["message_key"],
            language=row["language"] or "en",
            findings=tuple(json.loads(row["findings"] or "[]")),
            apology=row["apology"] or "none",
            outcome=row["outcome"],
            reasons=reasons_from_json(row["reasons"], row["event_id"]),
            decided_at=from_stamp(row["decided_at"]),  # type: ignore[arg-type]
        )

    def recent_for_user(self, user: UserKey, limit: int = 10) -> list[str]:
        rows = self._db.execute(
            "SELECT event_id FROM decisions WHERE platform = ? AND workspace_id = ? AND user_id = ?"
            " ORDER BY decided_at DESC LIMIT ?",
            [*user, limit],
        ).fetchall()
        return [row[0] for row in rows]

    def purge_before(self, cutoff: datetime) -> int:
        with write_transaction(self._db):
            return self._db.execute("DELETE FROM decisions WHERE decided_at < ?", [to_stamp(cutoff)]).rowcount

    def forget(self, user: UserKey) -> int:
        with write_transaction(self._db):
            return self._db.execute(
                "DELETE FROM decisions WHERE platform = ? AND workspace_id = ? AND user_id = ?", list(user)
            ).rowcount
