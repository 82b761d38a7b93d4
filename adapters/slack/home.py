"""App Home: the core's home sections (recent suggestions, ledger, settings) as a Slack `home` view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from adapters.slack.blocks import Block, card_blocks
from bot.actions import Card

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
