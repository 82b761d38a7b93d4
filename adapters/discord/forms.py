"""The settings form: a modal with one text field per setting (Discord allows five); the core validates the values."""

from __future__ import annotations

from typing import Any, Protocol

import discord

SettingValue = str | int | bool | list[str] | None
_MODAL_FIELD_LIMIT = 5
# The five a member edits here; snoozing has its own command, per-category sensitivity its own setting names.
_PREFERRED_ORDER = ("watch", "sensitivity", "disabled_categories", "language", "delivery")
_HINTS = {
    "watch": "on or off",
    "sensitivity": "low, normal or high",
    "disabled_categories": "comma-separated, e.g. heated, profanity_mild",
    "language": "en, it, es, fr, de, nl or fy (empty: detect)",
    "delivery": "ephemeral or direct_message",
}


class SettingsHandler(Protocol):
    async def submit_settings(
        self, interaction: discord.Interaction, values: dict[str, SettingValue]
    ) -> None: ...


def show(value: SettingValue) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else str(value)


def form_keys(values: dict[str, SettingValue]) -> list[str]:
    keys = [key for key in _PREFERRED_ORDER if key in values]
    keys += [key for key in values if key not in keys]
    return keys[:_MODAL_FIELD_LIMIT]


class SettingsModal(discord.ui.Modal, title="damage-control settings"):
    def __init__(self, values: dict[str, SettingValue]) -> None:
        super().__init__(timeout=900)
        self.inputs: dict[str, discord.ui.TextInput[Any]] = {}
        for key in form_keys(values):
            field: discord.ui.TextInput[Any] = discord.ui.TextInput(
                label=key.replace("_", " ")[:45],
                default=show(values[key])[:400] or None,
                placeholder=_HINTS.get(key, "")[:100] or None,
                required=False,
                max_length=400,
            )
            self.inputs[key] = field
            self.add_item(field)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        # Empty means "the server's default"; the core validates and answers with what is wrong, if anything.
        values: dict[str, SettingValue] = {
            key: field.value.strip() or None for key, field in self.inputs.items()
        }
        handler: SettingsHandler = interaction.client  # type: ignore[assignment]
        await handler.submit_settings(interaction, values)
