"""Per-user Slack OAuth tokens (to edit or delete a user's own message on their behalf); never logged."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

log = logging.getLogger(__name__)

_TABLE = "slack_user_tokens"


class UserTokens:
    """A small table of its own in the bot's database file: the core never sees Slack tokens.

    Slack lets a bot token edit only the bot's own messages (chat.update -> cant_update_message),
    so "apply correction" needs the author's own user token, granted through OAuth."""

    def __init__(self, database_path: Path | str | None) -> None:
        if database_path is None or str(database_path) == ":memory:":
            self._db = Database(memory=True)
        else:
            path = Path(database_path)
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = Database(path)
        self._lock = threading.Lock()
        self._db.execute("PRAGMA busy_timeout = 30000")
        self._db[_TABLE].create(  # type: ignore[union-attr]
            {"workspace_id": str, "user_id": str, "token": str, "scopes": str, "authorised_at": str},
            pk=("workspace_id", "user_id"),
            if_not_exists=True,
        )

    def save(self, workspace_id: str, user_id: str, token: str, scopes: str = "") -> None:
        with self._lock, self._db.conn:
            self._db[_TABLE].upsert(  # type: ignore[union-attr]
                {"workspace_id": workspace_id, "user_id": user_id, "token": token, "scopes": scopes,
                 "authorised_at": datetime.now(UTC).isoformat()},
                pk=("workspace_id", "user_id"),
            )
        log.info("stored a user token for %s in %s", user_id, workspace_id)

    def token_for(self, workspace_id: str, user_id: str) -> str | None:
        with self._lock:
            rows = list(self._db.execute(
                f"SELECT token FROM {_TABLE} WHERE workspace_id = ? AND user_id = ?", [workspace_id, user_id]
            ).fetchall())
        return str(rows[0][0]) if rows else None

    def forget(self, workspace_id: str, user_id: str) -> bool:
        """Drop a user's token (forget-me, or Slack said it was revoked)."""
        with self._lock, self._db.conn:
            cursor = self._db.execute(
                f"DELETE FROM {_TABLE} WHERE workspace_id = ? AND user_id = ?", [workspace_id, user_id]
            )
        return cursor.rowcount > 0

    def close(self) -> None:
        self._db.close()
