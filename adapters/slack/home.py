"""App Home: the core's home sections (recent suggestions, ledger, settings) as a Slack `home` view."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from adapters.slack.blocks import Block, card_blocks
from bot.actions import Card, OpenSettingsForm, PublishHome, ReplyToCommand
from bot.dispatch import ActionSink
from bot.engine import Engine
from bot.events import CommandInvoked, Person, Place
from bot.vocabulary import Platform

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
    """Ask the engine for the user's home (`home` command -> PublishHome) and publish it.

    Until the engine answers `home` itself, compose the home from what it does answer: the ledger
    (`apologies`) and the current settings (`settings`, whose form values are shown read-only).
    Called directly rather than through the dispatcher: a home has no follow-ups, and an engine
    reply such as "unknown command" must not become a DM each time someone opens the tab."""
    place = Place(platform=Platform.SLACK, workspace_id=workspace_id, channel_id="", is_public=False, is_direct=True)

    def command(name: str) -> CommandInvoked:
        return CommandInvoked(event_id=f"{event_id}:{name}" if name != "home" else event_id, place=place,
                              user=Person(user_id=user_id), command=name, invoked_at=now)

    actions = await engine.handle(command("home"))
    homes = [action for action in actions if isinstance(action, PublishHome)]
    if not homes:
        sections: list[Card] = []
        for name in ("apologies", "settings"):
            for action in await engine.handle(command(name)):
                if isinstance(action, ReplyToCommand):
                    sections.append(action.card)
                elif isinstance(action, OpenSettingsForm):
                    sections.append(Card(title="Your settings", fields=tuple(
                        (key, _shown(value)) for key, value in action.values.items())))
        homes = [PublishHome(user_id=user_id, platform=Platform.SLACK, workspace_id=workspace_id,
                             sections=tuple(sections))]
    for home in homes:
        await sink.perform(home)


def _shown(value: object) -> str:
    if value is None or value == []:
        return "default"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
