"""App Home: the core's home sections (recent suggestions, ledger, settings) as a Slack `home` view."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from adapters.slack.blocks import Block, card_blocks
from bot.actions import Card, PublishHome
from bot.dispatch import ActionSink
from bot.engine import Engine
from bot.events import CommandInvoked, Person, Place
from bot.vocabulary import Platform

log = logging.getLogger(__name__)

# A view holds at most 100 blocks (https://api.slack.com/reference/surfaces/views).
_VIEW_BLOCK_LIMIT = 100


def home_view(sections: Sequence[Card]) -> dict[str, Any]:
    blocks: list[Block] = []
    for index, card in enumerate(sections):
        if index:
            blocks.append({"type": "divider"})
        blocks.extend(card_blocks(card))
    if len(blocks) > _VIEW_BLOCK_LIMIT:
        blocks = blocks[: _VIEW_BLOCK_LIMIT - 1] + [
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "…"}]}
        ]
    return {"type": "home", "blocks": blocks}


async def publish_home(engine: Engine, sink: ActionSink, *, workspace_id: str, user_id: str, event_id: str,
                       now: datetime) -> None:
    """Ask the engine for the user's home (the `home` command -> PublishHome) and publish it.

    Called directly rather than through the dispatcher: a home has no follow-ups, and nothing else
    the engine might answer should reach the user (as a DM) each time they open the tab."""
    place = Place(platform=Platform.SLACK, workspace_id=workspace_id, channel_id="", is_public=False, is_direct=True)
    command = CommandInvoked(event_id=event_id, place=place, user=Person(user_id=user_id), command="home",
                             invoked_at=now)
    homes = [action for action in await engine.handle(command) if isinstance(action, PublishHome)]
    if not homes:
        log.warning("the engine gave no home for %s", user_id)
    for home in homes:
        await sink.perform(home)
