"""Chooses and starts the adapters: Slack and/or Discord when their tokens are set, else the console."""

from __future__ import annotations

import asyncio
import logging

from bot.settings import Settings
from bot.wiring import load_core_data

log = logging.getLogger(__name__)


async def run_bot(settings: Settings, *, force_console: bool = False) -> None:
    core = load_core_data(settings)  # once, shared by every adapter started below
    runners = []
    if not force_console and settings.slack_configured:
        from adapters.slack.runner import run_slack

        runners.append(run_slack(settings, core=core))
    if not force_console and settings.discord_configured:
        from adapters.discord.runner import run_discord

        runners.append(run_discord(settings, core=core))
    if not runners:
        from adapters.console.runner import run_console

        log.info("no Slack or Discord token configured: starting the console adapter")
        if settings.log_level.upper() != "DEBUG":
            # The chat shares the terminal with the log: keep routine lines out of the conversation.
            logging.getLogger().setLevel(logging.WARNING)
        await run_console(settings, core=core)
        return
    await asyncio.gather(*runners)
