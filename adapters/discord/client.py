"""The discord.py client: lifecycle (setup_hook), gateway events, the /damage commands and context menus."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Callable
from typing import Any

import discord
from discord import app_commands

from adapters.discord.commands import CHECK_MESSAGE, command_error_text, register_commands
from adapters.discord.sink import (
    FALLBACK_EPHEMERAL,
    FALLBACK_PRIVATE_THREAD,
    DiscordSink,
    PrivateMessage,
    current_interaction,
)
from adapters.discord.translate import (
    to_chat_message,
    to_command,
    to_incident_form,
    to_message_deleted,
    to_message_edited,
    to_reaction_added,
    to_settings_submitted,
    to_suggestion_answered,
)
from adapters.discord.views import DYNAMIC_ITEMS
from bot.clock import Clock
from bot.dispatch import Dispatcher
from bot.engine import Engine
from bot.events import Event
from bot.settings import Settings
from bot.vocabulary import Answer

log = logging.getLogger(__name__)

# Answers after which the suggestion's buttons have nothing more to offer.
FINAL_ANSWERS = frozenset({Answer.DISMISS, Answer.NOT_A_PROBLEM})


def intents_for(message_content: bool) -> discord.Intents:
    """Exactly what the bot listens to; members and presences (privileged) are not needed."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.guild_reactions = True
    intents.message_content = message_content
    return intents


class DamageControlMixin:
    """Everything ours, shared by the single-connection and the auto-sharded client."""

    settings: Settings
    sink: DiscordSink
    dispatcher: Dispatcher
    tree: app_commands.CommandTree[Any]
    watch_messages: bool

    def _set_up_damage_control(
        self, settings: Settings, engine: Engine, clock: Clock, watch_messages: bool
    ) -> None:
        self.settings = settings
        self.watch_messages = watch_messages
        self.sink = DiscordSink(self, settings)  # type: ignore[arg-type]
        self.dispatcher = Dispatcher(engine, self.sink, clock)
        self.tree = app_commands.CommandTree(self)  # type: ignore[arg-type]
        self.tree.on_error = self._on_command_error  # type: ignore[method-assign]
        register_commands(self.tree, self)
        self._scheduler: asyncio.Task[None] | None = None

    # ---- lifecycle -----------------------------------------------------------------------------
    async def setup_hook(self) -> None:
        guard_gateway_parsers(self._connection)  # type: ignore[attr-defined]
        self.add_dynamic_items(*DYNAMIC_ITEMS)  # type: ignore[attr-defined]
        self._scheduler = asyncio.create_task(
            self.dispatcher.run_scheduler(), name="damage-control-scheduler"
        )
        if not self.watch_messages:
            log.warning(
                "message content intent not granted: proactive nudges are OFF; /damage commands and the "
                "'%s' context menu still work (enable the intent in the developer portal to turn nudges on)",
                CHECK_MESSAGE,
            )
        if self.settings.discord_dm_fallback not in (FALLBACK_EPHEMERAL, FALLBACK_PRIVATE_THREAD):
            log.warning(
                "DISCORD_DM_FALLBACK=%r is not %s or %s: using %s",
                self.settings.discord_dm_fallback,
                FALLBACK_EPHEMERAL,
                FALLBACK_PRIVATE_THREAD,
                FALLBACK_EPHEMERAL,
            )
        if self.settings.discord_sync_commands:
            await self._sync_commands()

    async def _sync_commands(self) -> None:
        try:
            if self.settings.discord_guild_id is not None:
                guild = discord.Object(self.settings.discord_guild_id)
                self.tree.copy_global_to(guild=guild)
                synced = await self.tree.sync(guild=guild)
                log.info("synced %d application commands to guild %s", len(synced), guild.id)
            else:
                synced = await self.tree.sync()
                log.info("synced %d global application commands (may take a while to appear)", len(synced))
        except discord.HTTPException as error:
            log.warning("could not sync application commands: HTTP %s, code %s", error.status, error.code)

    async def close(self) -> None:
        if self._scheduler is not None:
            self._scheduler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._scheduler
            self._scheduler = None
        await super().close()  # type: ignore[misc]

    async def on_ready(self) -> None:
        user = self.user  # type: ignore[attr-defined]
        log.info(
            "connected to Discord as %s (id %s) in %d servers",
            user,
            getattr(user, "id", "?"),
            len(self.guilds),
        )  # type: ignore[attr-defined]

    # ---- gateway events ------------------------------------------------------------------------
    async def on_message(self, message: discord.Message) -> None:
        if not self.watch_messages:
            return
        user = self.user  # type: ignore[attr-defined]
        event = to_chat_message(message, user.id if user else None)
        if event is None:
            return
        # Incident commands typed in an incident thread are recognised by the core.
        await self.deliver(event)

    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        event = to_message_edited(payload)
        if event is not None:
            await self.deliver(event)

    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        event = to_message_deleted(payload, self.get_channel(payload.channel_id))  # type: ignore[attr-defined]
        if event is not None:
            await self.deliver(event)

    async def on_raw_reaction_add(self, payload: discord.RawReactionActionEvent) -> None:
        user = self.user  # type: ignore[attr-defined]
        event = to_reaction_added(payload, self.get_channel(payload.channel_id), user.id if user else None)  # type: ignore[attr-defined]
        if event is not None:
            await self.deliver(event)

    async def deliver(self, event: Event) -> None:
        try:
            await self.dispatcher.deliver(event)
        except Exception:
            log.exception("delivering %s (%s) failed", event.event_id, event.kind)

    # ---- interactions ----------------------------------------------------------------------------
    async def run_interaction(self, interaction: discord.Interaction, event: Event) -> None:
        """Deliver with the interaction at hand (so 'private' means ephemeral), then make sure it is answered."""
        token = current_interaction.set(interaction)
        try:
            await self.dispatcher.deliver(event)
        except Exception:
            log.exception("interaction %s (%s) failed", event.event_id, event.kind)
        finally:
            current_interaction.reset(token)
        try:
            if not interaction.response.is_done():
                # Discord shows "This interaction failed" to anyone left without an answer: a button needs
                # only a silent acknowledgement, a command a word.
                if interaction.type is discord.InteractionType.component:
                    await interaction.response.defer()
                else:
                    await interaction.response.send_message("Done.", ephemeral=True)
        except discord.HTTPException as error:
            log.warning(
                "could not answer interaction %s: HTTP %s, code %s", interaction.id, error.status, error.code
            )

    async def answer_suggestion(
        self, interaction: discord.Interaction, suggestion_id: str, answer: Answer
    ) -> None:
        await self.run_interaction(interaction, to_suggestion_answered(interaction, suggestion_id, answer))
        if answer in FINAL_ANSWERS:
            await disable_buttons(interaction)

    async def tick_incident_step(
        self, interaction: discord.Interaction, incident_id: str, step_id: str
    ) -> None:
        # "done <incident id>:<step id>": the desk finds the incident by id, wherever the button is pressed.
        await self.run_interaction(
            interaction, to_command(interaction, "incident", f"done {incident_id}:{step_id}")
        )

    async def use_incident_control(self, interaction: discord.Interaction, incident_id: str, verb: str) -> None:
        """Take ownership, post update, resolve: the `incident` command naming the incident by id. Update and
        resolve come back as a form, which the sink opens as this interaction's modal (its first answer)."""
        arguments = f"{verb} {incident_id}" + (" me" if verb == "owner" else "")
        await self.run_interaction(interaction, to_command(interaction, "incident", arguments))

    async def submit_incident_form(
        self, interaction: discord.Interaction, incident_id: str, form: str, text: str
    ) -> None:
        await self.run_interaction(interaction, to_incident_form(interaction, incident_id, form, text))

    async def submit_settings(self, interaction: discord.Interaction, values: dict[str, Any]) -> None:
        workspace_id = str(interaction.guild_id) if interaction.guild_id else "direct"
        await self.run_interaction(interaction, to_settings_submitted(interaction, workspace_id, values))

    async def _on_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await self.sink.respond(interaction, PrivateMessage(content=command_error_text(interaction, error)))


async def disable_buttons(interaction: discord.Interaction) -> None:
    """After a final answer the suggestion's buttons are greyed out, so the DM shows it was dealt with."""
    message = interaction.message
    if message is None or not message.components:
        return
    view = discord.ui.View.from_message(message, timeout=None)
    for item in view.children:
        if isinstance(item, discord.ui.Button):
            item.disabled = True
    try:
        await message.edit(view=view)
    except discord.HTTPException as error:
        log.warning(
            "could not grey out the buttons of message %s: HTTP %s, code %s",
            message.id,
            error.status,
            error.code,
        )


def guard_gateway_parsers(state: Any) -> None:
    """discord.py lets one malformed gateway payload kill the connection loop: log it and carry on instead.

    The websocket looks parsers up in this same dict at each event, so wrapping the entries is enough."""
    parsers: dict[str, Callable[[Any], None]] = state.parsers
    for name, parser in list(parsers.items()):
        if getattr(parser, "__damage_control_guarded__", False):
            continue

        @functools.wraps(parser)
        def guarded(data: Any, _parser: Callable[[Any], None] = parser, _name: str = name) -> None:
            try:
                _parser(data)
            except Exception as error:  # noqa: BLE001 -- any bad payload: log it, keep the gateway loop alive
                # The type and the keys only: an exception's text can quote the payload, i.e. message text.
                keys = sorted(data) if isinstance(data, dict) else type(data).__name__
                log.error(
                    "malformed %s payload from the gateway skipped (%s; keys %s)",
                    _name.upper(),
                    type(error).__name__,
                    keys,
                )

        guarded.__damage_control_guarded__ = True  # type: ignore[attr-defined]
        parsers[name] = guarded


class DamageControlClient(DamageControlMixin, discord.Client):
    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        clock: Clock,
        *,
        message_content: bool = True,
        **options: Any,
    ) -> None:
        super().__init__(intents=intents_for(message_content), **options)
        self._set_up_damage_control(settings, engine, clock, watch_messages=message_content)


class ShardedDamageControlClient(DamageControlMixin, discord.AutoShardedClient):
    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        clock: Clock,
        *,
        message_content: bool = True,
        **options: Any,
    ) -> None:
        super().__init__(
            intents=intents_for(message_content), shard_count=settings.discord_shard_count, **options
        )
        self._set_up_damage_control(settings, engine, clock, watch_messages=message_content)


def build_client(
    settings: Settings, engine: Engine, clock: Clock, *, message_content: bool = True, **options: Any
) -> DamageControlClient | ShardedDamageControlClient:
    """AutoShardedClient semantics when more than one shard is configured (large bots must shard)."""
    kind = ShardedDamageControlClient if settings.discord_shard_count > 1 else DamageControlClient
    return kind(settings, engine, clock, message_content=message_content, **options)
