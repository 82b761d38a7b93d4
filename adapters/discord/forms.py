"""The settings form: a modal with one text field per setting (Discord allows five), parsed back to typed values."""

from __future__ import annotations

import logging
from typing import Any, Protocol

import discord

log = logging.getLogger(__name__)

SettingValue = str | int | bool | list[str] | None
_MODAL_FIELD_LIMIT = 5
_TRUE = {"yes", "y", "true", "on", "1"}
_FALSE = {"no", "n", "false", "off", "0"}


class SettingsHandler(Protocol):
    async def submit_settings(self, interaction: discord.Interaction, values: dict[str, SettingValue]) -> None: ...


def show(value: SettingValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else str(value)


def parse(raw: str, current: SettingValue) -> SettingValue:
    """Read the field back with the type of the current value; a bad value raises ValueError naming it."""
    text = raw.strip()
    if isinstance(current, bool):
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise ValueError(f"{text!r} is not yes or no")
    if isinstance(current, int):
        return int(text)
    if isinstance(current, list):
        return [part.strip() for part in text.split(",") if part.strip()]
    return text or None


class SettingsModal(discord.ui.Modal, title="damage-control settings"):
    def __init__(self, values: dict[str, SettingValue]) -> None:
        super().__init__(timeout=600)
        self.current = dict(sorted(values.items())[:_MODAL_FIELD_LIMIT])
        self.inputs: dict[str, discord.ui.TextInput[Any]] = {}
        for key, value in self.current.items():
            field: discord.ui.TextInput[Any] = discord.ui.TextInput(
                label=key.replace("_", " ")[:45], default=show(value)[:4000], required=False, max_length=4000
            )
            self.inputs[key] = field
            self.add_item(field)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        values: dict[str, SettingValue] = {}
        problems = []
        for key, field in self.inputs.items():
            try:
                values[key] = parse(field.value, self.current[key])
            except ValueError as error:
                problems.append(f"{key}: {error}")
        if problems:
            await interaction.response.send_message("Not saved: " + "; ".join(problems), ephemeral=True)
            return
        handler: SettingsHandler = interaction.client  # type: ignore[assignment]
        await handler.submit_settings(interaction, values)
