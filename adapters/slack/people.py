"""Whether a Slack user is a workspace admin or owner (users.info), cached for a while.

Slack's payloads do not say who administers anything, and it has no channel admins outside Enterprise
Grid; workspace admins and owners are what Slack itself lets manage channels. The incident desk lets them
resolve or hand over any incident (bot/incidents/permissions.py), so the adapter asks only for events that
may be incident commands: one call per user per `ttl_seconds`."""

from __future__ import annotations

import logging
import time

from cachetools import TTLCache
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.errors import error_code
from bot.events import Person

log = logging.getLogger(__name__)


class AdminDirectory:
    def __init__(self, client: AsyncWebClient, ttl_seconds: float = 600.0, capacity: int = 5000) -> None:
        self._client = client
        self._cache: TTLCache[str, bool] = TTLCache(maxsize=capacity, ttl=ttl_seconds, timer=time.monotonic)

    async def is_admin(self, user_id: str) -> bool:
        cached = self._cache.get(user_id)
        if cached is not None:
            return cached
        try:
            response = await self._client.users_info(user=user_id)
            user = response.get("user") or {}
            admin = bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))
        except SlackApiError as error:
            # Not fatal: the person keeps every right an owner or reporter has, only not an admin's.
            log.warning("slack users.info failed for user %s: %s", user_id, error_code(error))
            admin = False
        self._cache[user_id] = admin
        return admin

    async def person(self, person: Person) -> Person:
        """The same person, marked as a channel admin when Slack says they administer the workspace."""
        if person.is_channel_admin or not await self.is_admin(person.user_id):
            return person
        return person.model_copy(update={"is_channel_admin": True})
