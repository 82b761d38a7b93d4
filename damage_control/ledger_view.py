"""`damage-control ledger`: the apology ledger of one user, through the engine's own ledger command."""

from __future__ import annotations

import logging
import uuid

from rich.console import Console

from bot.actions import ReplyToCommand
from bot.clock import SystemClock
from bot.events import CommandInvoked, Person, Place
from bot.settings import Settings
from bot.vocabulary import Platform
from bot.wiring import build_engine

log = logging.getLogger(__name__)


def run_ledger_command(
    settings: Settings,
    platform: str,
    workspace_id: str,
    user_id: str,
    *,
    delete: str | None = None,
    settle: str | None = None,
) -> None:
    arguments = f"delete {delete}" if delete else f"settle {settle}" if settle else "list"
    clock = SystemClock()
    engine = build_engine(settings, clock=clock)
    place = Place(platform=Platform(platform), workspace_id=workspace_id, channel_id="cli", is_public=False)
    command = CommandInvoked(
        event_id=f"cli-{uuid.uuid4().hex}",
        place=place,
        user=Person(user_id=user_id),
        command="ledger",
        arguments=arguments,
        invoked_at=clock.now(),
    )
    try:
        # Straight to the command, not through the chat route: a terminal is not the user's chat, so
        # private messages held for them (closed DMs) must stay held for their next command there.
        actions = engine.commands.handle(command)
    except Exception:
        # What Engine.handle does for a command that fails: log it, and answer that nothing was lost.
        log.exception("ledger command for user %s failed", user_id)
        actions = [engine.commands.failed(command)]
    finally:
        engine.close()
    console = Console(highlight=False)
    for action in actions:
        if isinstance(action, ReplyToCommand):
            console.print(action.card.as_text(), markup=False)
