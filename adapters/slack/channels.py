"""Channel facts (name, private or not, member count) from conversations.info, cached for a while."""

from __future__ import annotations

import asyncio
import logging
import time

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.errors import error_code
from adapters.slack.translate import ChannelFacts

log = logging.getLogger(__name__)


class ChannelDirectory:
    """Who can read a channel matters to the detector and the incident triggers (audience size), but
    a lookup per message would double the Web API traffic: one call per channel per `ttl_seconds`."""

    def __init__(self, client: AsyncWebClient, ttl_seconds: float = 600.0, capacity: int = 5000) -> None:
        self._client = client
        self._ttl_seconds = ttl_seconds
        self._capacity = capacity
        self._cache: dict[str, tuple[float, ChannelFacts | None]] = {}
        self._in_flight: dict[str, asyncio.Future[ChannelFacts | None]] = {}

    async def lookup(self, channel_id: str) -> ChannelFacts | None:
        if not channel_id or channel_id.startswith("D"):
            return None  # a DM: no member list worth fetching
        cached = self._cache.get(channel_id)
        now = time.monotonic()
        if cached is not None and now - cached[0] < self._ttl_seconds:
            return cached[1]
        # Messages arrive concurrently: the first lookup of a channel is shared, not repeated.
        in_flight = self._in_flight.get(channel_id)
        if in_flight is None:
            in_flight = asyncio.ensure_future(self._fetch(channel_id))
            self._in_flight[channel_id] = in_flight
            in_flight.add_done_callback(lambda _done: self._in_flight.pop(channel_id, None))
        return await asyncio.shield(in_flight)

    async def _fetch(self, channel_id: str) -> ChannelFacts | None:
        now = time.monotonic()
        facts: ChannelFacts | None
        try:
            response = await self._client.conversations_info(channel=channel_id, include_num_members=True)
            channel = response.get("channel") or {}
            facts = ChannelFacts(
                channel_id=channel_id,
                name=channel.get("name"),
                is_private=bool(channel.get("is_private") or channel.get("is_group")),
                member_count=channel.get("num_members"),
            )
        except SlackApiError as error:
            # Not fatal: the message is still checked, only without its audience size.
            log.warning("slack conversations.info failed for channel %s: %s", channel_id, error_code(error))
            facts = None
        if len(self._cache) >= self._capacity:
            self._cache.clear()
        self._cache[channel_id] = (now, facts)
        return facts
