"""Card -> discord.Embed, within Discord's embed limits (title 256, description 4096, 25 fields of 1024)."""

from __future__ import annotations

from collections.abc import Iterable

import discord

from bot.actions import Card
from bot.verdict import Suggestion

_COLOUR = discord.Colour.from_rgb(230, 126, 34)
_TITLE_LIMIT = 256
_DESCRIPTION_LIMIT = 4096
_FIELD_NAME_LIMIT = 256
_FIELD_VALUE_LIMIT = 1024
_FIELD_COUNT_LIMIT = 25
_FOOTER_LIMIT = 2048
_TOTAL_LIMIT = 6000

SUGGESTION_HEADINGS = {
    "correction": "Correction",
    "apology": "Apology",
    "topic_change": "Change of topic",
    "delete": "Delete",
}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def to_embed(card: Card, suggestions: Iterable[Suggestion] = (), *, copyable: bool = False) -> discord.Embed:
    """`copyable`: the card's lines are text to copy (a correction, a draft), shown as one code block."""
    description = "\n".join(card.lines)
    if copyable and description:
        # Backticks inside would end the block early; a zero-width space between them keeps them.
        description = "```\n" + _clip(description.replace("```", "`\u200b``"), _DESCRIPTION_LIMIT - 8) + "\n```"
    embed = discord.Embed(
        title=_clip(card.title, _TITLE_LIMIT),
        description=_clip(description, _DESCRIPTION_LIMIT) or None,
        colour=_COLOUR,
    )
    fields = list(card.fields)
    for suggestion in suggestions:
        heading = SUGGESTION_HEADINGS.get(suggestion.kind.value, suggestion.kind.value)
        fields.append((heading, suggestion.text))
    for label, value in fields[:_FIELD_COUNT_LIMIT]:
        embed.add_field(
            name=_clip(label or "\u200b", _FIELD_NAME_LIMIT),
            value=_clip(value or "\u200b", _FIELD_VALUE_LIMIT),
            inline=False,
        )
    if card.footer:
        embed.set_footer(text=_clip(card.footer, _FOOTER_LIMIT))
    # Discord refuses a message whose embeds total more than 6,000 characters: drop trailing fields, then
    # shorten the description, rather than lose the whole message.
    while len(embed) > _TOTAL_LIMIT and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    if len(embed) > _TOTAL_LIMIT and embed.description:
        embed.description = _clip(
            embed.description, max(1, len(embed.description) - (len(embed) - _TOTAL_LIMIT))
        )
    return embed
