"""The settings form: a modal with one text field per setting (Discord allows five); the core validates the values."""

from __future__ import annotations

import secrets
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


class IncidentFormHandler(Protocol):
    async def submit_incident_form(
        self, interaction: discord.Interaction, incident_id: str, form: str, text: str
    ) -> None: ...


class IncidentFormModal(discord.ui.Modal):
    """The incident's update or resolve form: one paragraph field (optional for the lessons learned).
    Discord limits: title and label 45 characters, placeholder 100."""

    def __init__(self, incident_id: str, form: str, title: str, label: str, placeholder: str = "",
                 required: bool = True) -> None:
        # discord.py keys open modals by custom id alone: one per opening, so two people resolving the same
        # incident at once do not share (and close) one modal. Held in memory: a restart forgets open forms.
        super().__init__(title=_clip(title, 45), timeout=900,
                         custom_id=f"dc:if:{form}:{incident_id}:{secrets.token_hex(4)}"[:100])
        self.incident_id = incident_id
        self.form = form
        self.text: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=_clip(label, 45),
            style=discord.TextStyle.paragraph,
            placeholder=_clip(placeholder, 100) or None,
            required=required,
            max_length=2000,
        )
        self.add_item(self.text)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        handler: IncidentFormHandler = interaction.client  # type: ignore[assignment]
        await handler.submit_incident_form(interaction, self.incident_id, self.form, self.text.value)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
