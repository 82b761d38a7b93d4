"""The application commands: /damage ... and the message context menus, and clear answers to command errors."""

from __future__ import annotations

import logging
from typing import Any, Protocol

import discord
from discord import app_commands

from adapters.discord.translate import to_command
from bot.events import Event

log = logging.getLogger(__name__)

CHECK_MESSAGE = "Check this message"
OPEN_INCIDENT_ABOUT_MESSAGE = "Open incident about this message"


class InteractionRunner(Protocol):
    async def run_interaction(self, interaction: discord.Interaction, event: Event) -> None: ...


def register_commands(tree: app_commands.CommandTree[Any], client: InteractionRunner) -> None:
    """/damage ... and the two message context menus; every answer is ephemeral (through the sink)."""
    group = app_commands.Group(
        name="damage", description="damage-control: recover from messages you regret", guild_only=True
    )

    async def run(interaction: discord.Interaction, command: str, arguments: str = "") -> None:
        await client.run_interaction(interaction, to_command(interaction, command, arguments))

    @group.command(name="check", description="Check a text privately before you post it")
    @app_commands.describe(text="The text to check")
    async def check(interaction: discord.Interaction, text: app_commands.Range[str, 1, 4000]) -> None:
        await run(interaction, "check", text)

    @group.command(name="apologies", description="Your apology ledger")
    async def apologies(interaction: discord.Interaction) -> None:
        await run(interaction, "apologies")

    @group.command(name="settings", description="Your damage-control settings")
    async def settings(interaction: discord.Interaction) -> None:
        await run(interaction, "settings")

    @group.command(name="snooze", description="No proactive suggestions for a while")
    @app_commands.describe(hours="How many hours (1 to 168)")
    async def snooze(interaction: discord.Interaction, hours: app_commands.Range[int, 1, 168]) -> None:
        await run(interaction, "snooze", str(hours))

    @group.command(name="forget-me", description="Delete everything damage-control keeps about you")
    async def forget_me(interaction: discord.Interaction) -> None:
        await run(interaction, "forget-me")

    @group.command(name="incident", description="Open, update and resolve incidents (try: help)")
    @app_commands.describe(
        action="open <summary>, owner @user, sev 1-4, update <text>, done <step>, resolve, list"
    )
    async def incident(interaction: discord.Interaction, action: str = "list") -> None:
        await run(interaction, "incident", action)

    @group.command(name="help", description="What damage-control does and how to use it")
    async def help_command(interaction: discord.Interaction) -> None:
        await run(interaction, "help")

    tree.add_command(group)

    @app_commands.context_menu(name=CHECK_MESSAGE)
    @app_commands.guild_only()
    async def check_message(interaction: discord.Interaction, message: discord.Message) -> None:
        await client.run_interaction(interaction, to_command(interaction, "check", target=message))

    @app_commands.context_menu(name=OPEN_INCIDENT_ABOUT_MESSAGE)
    @app_commands.guild_only()
    async def open_incident(interaction: discord.Interaction, message: discord.Message) -> None:
        await client.run_interaction(interaction, to_command(interaction, "incident", "open", target=message))

    tree.add_command(check_message)
    tree.add_command(open_incident)


def command_error_text(interaction: discord.Interaction, error: app_commands.AppCommandError) -> str:
    """What the member reads (ephemerally) when a command cannot run; the log gets the type, not the text."""
    log.info("command error for interaction %s: %s", interaction.id, type(error).__name__)
    if isinstance(error, app_commands.CommandInvokeError):
        log.error(
            "command %s failed",
            interaction.command.qualified_name if interaction.command else "?",
            exc_info=error.original,
        )
        return "Something went wrong on my side; it has been logged. Please try again."
    if isinstance(error, app_commands.TransformerError):
        return f"That value doesn't fit: {error.value!r} is not a valid {error.type.name.lower()}."
    if isinstance(error, app_commands.MissingPermissions | app_commands.BotMissingPermissions):
        return f"Missing permission: {', '.join(getattr(error, 'missing_permissions', []))}."
    if isinstance(error, app_commands.CommandNotFound):
        return "I don't know that command (yet): try /damage help."
    return f"That didn't work: {error}"
