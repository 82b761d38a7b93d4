"""Persistent buttons: custom ids carry the suggestion (or incident step) id, so they work after a restart."""

from __future__ import annotations

import re
from typing import Any, Protocol

import discord

from bot.actions import Button, IncidentButton
from bot.vocabulary import Answer

# Discord limits a custom_id to 100 characters; our ids are short ("sug_" + 16 hex digits).
_CUSTOM_ID_LIMIT = 100
_ANSWER_STYLES = {
    Answer.DELETE: discord.ButtonStyle.danger,
    Answer.DISMISS: discord.ButtonStyle.secondary,
    Answer.NOT_A_PROBLEM: discord.ButtonStyle.secondary,
}


class ButtonHandler(Protocol):
    """What the client offers the buttons (kept as a protocol so views.py does not import the client)."""

    async def answer_suggestion(
        self, interaction: discord.Interaction, suggestion_id: str, answer: Answer
    ) -> None: ...

    async def tick_incident_step(
        self, interaction: discord.Interaction, incident_id: str, step_id: str
    ) -> None: ...

    async def use_incident_control(
        self, interaction: discord.Interaction, incident_id: str, verb: str
    ) -> None: ...


class SuggestionButton(
    discord.ui.DynamicItem[discord.ui.Button], template=r"dc:s:(?P<answer>[a-z_]+):(?P<suggestion_id>[\w.-]+)"
):
    """One answer to one suggestion; discord.py routes any matching custom id here, whatever the message."""

    def __init__(self, suggestion_id: str, answer: Answer, label: str = "", primary: bool = False) -> None:
        style = (
            discord.ButtonStyle.primary
            if primary
            else _ANSWER_STYLES.get(answer, discord.ButtonStyle.secondary)
        )
        custom_id = f"dc:s:{answer.value}:{suggestion_id}"
        if len(custom_id) > _CUSTOM_ID_LIMIT:
            raise ValueError(f"suggestion id too long for a Discord custom id: {suggestion_id!r}")
        super().__init__(discord.ui.Button(label=label or answer.value, style=style, custom_id=custom_id))
        self.suggestion_id = suggestion_id
        self.answer = answer

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> SuggestionButton:
        return cls(match["suggestion_id"], Answer(match["answer"]), item.label or "")

    async def callback(self, interaction: discord.Interaction) -> Any:
        handler: ButtonHandler = interaction.client  # type: ignore[assignment]
        await handler.answer_suggestion(interaction, self.suggestion_id, self.answer)


class IncidentStepButton(
    discord.ui.DynamicItem[discord.ui.Button], template=r"dc:i:(?P<incident_id>[\w.-]+):(?P<step_id>[\w.-]+)"
):
    """A checklist step of an incident, ticked from the thread's first message."""

    def __init__(self, incident_id: str, step_id: str, label: str = "") -> None:
        custom_id = f"dc:i:{incident_id}:{step_id}"
        if len(custom_id) > _CUSTOM_ID_LIMIT:
            raise ValueError(f"incident step id too long for a Discord custom id: {custom_id!r}")
        super().__init__(
            discord.ui.Button(
                label=label or step_id, style=discord.ButtonStyle.secondary, custom_id=custom_id
            )
        )
        self.incident_id = incident_id
        self.step_id = step_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> IncidentStepButton:
        return cls(match["incident_id"], match["step_id"], item.label or "")

    async def callback(self, interaction: discord.Interaction) -> Any:
        handler: ButtonHandler = interaction.client  # type: ignore[assignment]
        await handler.tick_incident_step(interaction, self.incident_id, self.step_id)


_CONTROL_STYLES = {
    "primary": discord.ButtonStyle.primary,
    "danger": discord.ButtonStyle.danger,
    "default": discord.ButtonStyle.secondary,
}


class IncidentControlButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"dc:ic:(?P<verb>owner|update|resolve):(?P<incident_id>[\w.-]+)",
):
    """Take ownership, post update or resolve, on an incident's first message; alive across restarts."""

    def __init__(self, incident_id: str, verb: str, label: str = "", style: str = "default", row: int | None = None
                 ) -> None:
        custom_id = f"dc:ic:{verb}:{incident_id}"
        if len(custom_id) > _CUSTOM_ID_LIMIT:
            raise ValueError(f"incident id too long for a Discord custom id: {custom_id!r}")
        super().__init__(
            discord.ui.Button(label=label or verb, style=_CONTROL_STYLES.get(style, discord.ButtonStyle.secondary),
                              custom_id=custom_id, row=row)
        )
        self.incident_id = incident_id
        self.verb = verb

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> IncidentControlButton:
        return cls(match["incident_id"], match["verb"], item.label or "")

    async def callback(self, interaction: discord.Interaction) -> Any:
        handler: ButtonHandler = interaction.client  # type: ignore[assignment]
        await handler.use_incident_control(interaction, self.incident_id, self.verb)


def suggestion_view(suggestion_id: str, buttons: tuple[Button, ...]) -> discord.ui.View:
    """timeout=None: the buttons stay live for as long as the message exists (state lives in the database)."""
    view = discord.ui.View(timeout=None)
    for button in buttons[:25]:
        view.add_item(SuggestionButton(suggestion_id, button.answer, button.label, button.primary))
    return view


def incident_view(incident_id: str, steps: tuple[tuple[str, str], ...],
                  controls: tuple[IncidentButton, ...] = ()) -> discord.ui.View:
    """The incident's own buttons on the first row, the checklist's steps on the four rows below
    (Discord allows five rows of five buttons)."""
    view = discord.ui.View(timeout=None)
    for control in controls[:5]:
        view.add_item(IncidentControlButton(incident_id, control.verb, control.label[:80], control.style, row=0))
    first_step_row = 1 if controls else 0
    for index, (step_id, label) in enumerate(steps[: (5 - first_step_row) * 5]):
        button = IncidentStepButton(incident_id, step_id, label[:80])
        button.item.row = first_step_row + index // 5
        view.add_item(button)
    return view


DYNAMIC_ITEMS = (SuggestionButton, IncidentStepButton, IncidentControlButton)
