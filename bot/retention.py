"""Retention and forgetting: old excerpts and events are purged; "forget me" removes everything about a user."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlite_utils import Database

from bot.actions import Action
from bot.store.database import write_transaction
from bot.store.incidents import IncidentStore
from bot.store.user_settings import UserKey

if TYPE_CHECKING:
    from bot.engine import Engine

log = logging.getLogger(__name__)

PURGE_EVERY = timedelta(hours=1)


class Retention:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._last_purge_at: datetime | None = None

    def run_if_due(self) -> list[Action]:
        now = self.engine.clock.now()
        if self._last_purge_at is None or now - self._last_purge_at >= PURGE_EVERY:
            self.purge()
        return []

    def purge(self) -> dict[str, int]:
        """Delete events, decisions, suggestions and flagged-message records older than the retention period;
        blank the excerpts of older ledger entries (their counts stay: the ledger's whole point)."""
        engine = self.engine
        now = engine.clock.now()
        self._last_purge_at = now
        cutoff = now - timedelta(days=engine.settings.retention_days)
        counts = {
            "events_seen": engine.seen.purge_before(cutoff),
            "decisions": engine.decisions.purge_before(cutoff),
            "suggestions": engine.suggestions.purge_before(cutoff),
            "messages": engine.messages.purge_before(cutoff),
            "ledger_excerpts": engine.ledger_store.blank_excerpts_before(cutoff),
            "held_messages": engine.held_messages.purge_before(cutoff),
            "incident_texts": blank_resolved_incidents(engine.db, cutoff),
        }
        if any(counts.values()):
            log.info("retention purge before %s: %s", cutoff.isoformat(), counts)
        return counts

    def forget(self, user: UserKey) -> int:
        """Everything about the user, in every table of the core; see `forget_in_incidents` for incidents."""
        engine = self.engine
        removed = 0
        removed += engine.ledger_store.forget(user)
        removed += engine.suggestions.forget(user)
        removed += engine.decisions.forget(user)
        removed += engine.messages.forget(user)
        removed += engine.user_settings.forget(user)
        removed += engine.held_messages.forget(user)
        removed += forget_in_incidents(engine.db, user)
        engine.forget_topics(user)
        return removed


def forget_in_incidents(db: Database, user: UserKey) -> int:
    """Incidents are team records, so forgetting a user there is a decision (docs: privacy in the README):
    - an incident nobody else owns (the user owns it, or nobody does and the user opened it or wrote the
      message it is about) is deleted with its steps, timeline and reminders;
    - an incident another person owns is kept, because it is theirs and the team's, but the user is taken
      out of it: author, opener, resolver and timeline actor become anonymous, and the masked excerpt of
      the user's message is blanked;
    - reception watches on the user's messages and the user's own reactions or replies are deleted."""
    platform, workspace_id, user_id = user
    scope = "platform = ? AND workspace_id = ?"
    removed = 0
    with write_transaction(db):
        theirs_alone = [
            row[0]
            for row in db.execute(
                f"SELECT incident_id FROM incidents WHERE {scope} AND (owner_id = ? OR (owner_id IS NULL"
                " AND owner_role_id IS NULL AND (opened_by = ? OR (opened_by IS NULL AND author_id = ?))))",
                [platform, workspace_id, user_id, user_id, user_id],
            ).fetchall()
        ]
        for incident_id in theirs_alone:
            for table in ("incident_steps", "incident_timeline", "incident_reminders", "incidents"):
                removed += db.execute(f"DELETE FROM {table} WHERE incident_id = ?", [incident_id]).rowcount
        kept = [
            row[0]
            for row in db.execute(
                f"SELECT incident_id FROM incidents WHERE {scope}", [platform, workspace_id]
            ).fetchall()
        ]
        for incident_id in kept:
            changed = db.execute(
                "UPDATE incidents SET excerpt = CASE WHEN author_id = ? THEN '' ELSE excerpt END,"
                " author_id = NULLIF(author_id, ?), opened_by = NULLIF(opened_by, ?),"
                " resolved_by = NULLIF(resolved_by, ?) WHERE incident_id = ?"
                " AND ? IN (COALESCE(author_id, ''), COALESCE(opened_by, ''), COALESCE(resolved_by, ''))",
                [user_id, user_id, user_id, user_id, incident_id, user_id],
            ).rowcount
            changed += db.execute(
                "UPDATE incident_timeline SET actor_id = NULL WHERE incident_id = ? AND actor_id = ?",
                [incident_id, user_id],
            ).rowcount
            changed += db.execute(
                "UPDATE incident_steps SET done_by = NULL WHERE incident_id = ? AND done_by = ?",
                [incident_id, user_id],
            ).rowcount
            removed += changed
        removed += db.execute(
            f"DELETE FROM reception_watches WHERE {scope} AND author_id = ?", [platform, workspace_id, user_id]
        ).rowcount
    # The user's reactions and replies to watched messages (the store escapes the workspace prefix).
    removed += IncidentStore(db).forget_signals(platform, workspace_id, user_id)
    return removed


# Timeline entries whose detail is words people typed; the others hold ids, steps and severities.
_TYPED_TIMELINE_KINDS = ("update", "note")


def blank_resolved_incidents(db: Database, cutoff: datetime) -> int:
    """Incidents resolved before the cutoff keep their shape (ids, times, severity, steps, counts) but lose
    the words: status updates and notes on the timeline, the lessons, the summary and the masked excerpt."""
    blanked = 0
    with write_transaction(db):
        rows = db.execute(
            "SELECT incident_id, resolved_at FROM incidents WHERE status = 'resolved' AND resolved_at IS NOT NULL"
            " AND (excerpt != '' OR lessons != '' OR summary != '' OR EXISTS (SELECT 1 FROM incident_timeline t"
            f" WHERE t.incident_id = incidents.incident_id AND t.kind IN {_TYPED_TIMELINE_KINDS} AND t.detail != ''))"
        ).fetchall()
        for incident_id, resolved_at in rows:
            if datetime.fromisoformat(resolved_at) >= cutoff:
                continue
            db.execute("UPDATE incidents SET excerpt = '', lessons = '', summary = '' WHERE incident_id = ?",
                       [incident_id])
            db.execute(
                f"UPDATE incident_timeline SET detail = '' WHERE incident_id = ? AND kind IN {_TYPED_TIMELINE_KINDS}",
                [incident_id],
            )
            blanked += 1
    return blanked
