"""Retention and forgetting: old excerpts and events are purged; "forget me" removes everything about a user."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.actions import Action
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
        }
        if any(counts.values()):
            log.info("retention purge before %s: %s", cutoff.isoformat(), counts)
        return counts

    def forget(self, user: UserKey) -> int:
        """Everything about the user, in every table of the core. Incidents: the desk removes the user from
        incidents they alone are part of and anonymises them where the incident belongs to others (its
        `forget_user`); the team's record of an incident someone else owns is not theirs to delete."""
        engine = self.engine
        removed = 0
        removed += engine.ledger_store.forget(user)
        removed += engine.suggestions.forget(user)
        removed += engine.decisions.forget(user)
        removed += engine.messages.forget(user)
        removed += engine.user_settings.forget(user)
        engine.forget_topics(user)
        forget_user = getattr(engine.desk, "forget_user", None)
        if callable(forget_user):
            removed += int(forget_user(*user) or 0)
        return removed
