"""Channel facts (name, private or not, member count) from conversations.info, cached for a while."""

from __future__ import annotations

import asyncio
import logging
import time

from cachetools import TTLCache
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.errors import error_code
from adapters.slack.translate import ChannelFacts

log = logging.getLogger(__name__)
_NOT_CACHED = object()


class ChannelDirectory:
    """Who can read a channel matters to the detector and the incident triggers (audience size), but
    a lookup per message would double the Web API traffic: one call per channel per `ttl_seconds`."""

    def __init__(self, client: AsyncWebClient, ttl_seconds: float = 600.0, capacity: int = 5000) -> None:
        self._client = client
        # A channel whose lookup failed is cached as None too: asked again after `ttl_seconds`, not per message.
        self._cache: TTLCache[str, ChannelFacts | None] = TTLCache(maxsize=capacity, ttl=ttl_seconds,
                                                                   timer=time.monotonic)
        self._in_flight: dict[str, asyncio.Future[ChannelFacts | None]] = {}

    async def lookup(self, channel_id: str) -> ChannelFacts | None:
        if not channel_id or channel_id.startswith("D"):
            return None  # a DM: no member list worth fetching
        cached = self._cache.get(channel_id, _NOT_CACHED)
        if cached is not _NOT_CACHED:
            return cached  # type: ignore[return-value]
        # Messages arrive concurrently: the first lookup of a channel is shared, not repeated.
        in_flight = self._in_flight.get(channel_id)
        if in_flight is None:
            in_flight = asyncio.ensure_future(self._fetch(channel_id))
            self._in_flight[channel_id] = in_flight
            in_flight.add_done_callback(lambda _done: self._in_flight.pop(channel_id, None))
        return await asyncio.shield(in_flight)

    async def _fetch(self, channel_id: str) -> ChannelFacts | None:
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
        self._cache[channel_id] = facts
        return facts
