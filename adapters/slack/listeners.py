"""Bolt listeners, thin: ack, translate the payload, hand the event to the dispatcher, log what went wrong."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from slack_bolt.async_app import AsyncAck, AsyncBoltContext

from adapters.slack import messages
from adapters.slack.channels import ChannelDirectory
from adapters.slack.interaction import Interaction, current_interaction
from adapters.slack.modals import read_settings
from adapters.slack.people import AdminDirectory
from adapters.slack.translate import (
    MalformedPayload,
    Self,
    to_answer,
    to_command,
    to_incident_control,
    to_incident_form,
    to_incident_step,
    to_message_event,
    to_reaction,
    to_settings,
    to_shortcut,
)
from bot.clock import Clock
from bot.events import ChatMessage, CommandInvoked, Event, Person
from bot.receipts import Receipt

log = logging.getLogger(__name__)


class Deliverer(Protocol):
    async def deliver(self, event: Event) -> list[Receipt]: ...


# A subcommand the adapter answers itself, because it is about Slack permissions, not the product.
AdapterCommand = Callable[[CommandInvoked, Interaction], Awaitable[None]]
# The engine's spellings of "forget me" (bot/commands.py).
FORGET_COMMANDS = frozenset({"forget-me", "forget_me", "forgetme"})
# Publishes a user's App Home: (workspace_id, user_id, event_id) -> None.
HomePublisher = Callable[[str, str, str], Awaitable[None]]


class SlackListeners:
    """Each Bolt listener: ack first (Slack wants an answer within 3 s), then translate and deliver."""

    def __init__(self, dispatcher: Deliverer, channels: ChannelDirectory, clock: Clock,
                 respond: Callable[[str, dict[str, Any]], Awaitable[bool]], publish_home: HomePublisher,
                 adapter_commands: dict[str, AdapterCommand] | None = None,
                 forget_user: Callable[[str, str], object] | None = None,
                 admins: AdminDirectory | None = None, incident_channel_id: str | None = None) -> None:
        self._dispatcher = dispatcher
        self._channels = channels
        self._clock = clock
        self._respond = respond
        self._publish_home = publish_home
        self._adapter_commands = adapter_commands or {}
        self._forget_user = forget_user
        # Who is a workspace admin matters only to incident commands (who may resolve or hand over).
        self._admins = admins
        self._incident_channel_id = incident_channel_id

    async def _deliver(self, event: Event, interaction: Interaction | None = None) -> None:
        token = current_interaction.set(interaction)
        try:
            await self._dispatcher.deliver(event)
        except Exception:
            log.exception("slack %s %s: the engine failed", event.kind, event.event_id)
            if interaction is not None and interaction.response_url:
                await self._respond(interaction.response_url,
                                    {"response_type": "ephemeral", "text": messages.SOMETHING_WENT_WRONG})
        finally:
            current_interaction.reset(token)

    # --- Events API --------------------------------------------------------------------------------
    async def on_message(self, body: dict[str, Any], context: AsyncBoltContext) -> None:
        event_id = body.get("event_id", "-")
        try:
            event = body.get("event") or {}
            channel = None
            if not event.get("subtype") and not event.get("bot_id"):
                channel = await self._channels.lookup(str(event.get("channel") or ""))
            translated = to_message_event(body, Self(context.bot_user_id, context.bot_id), channel)
        except MalformedPayload as error:
            log.warning("slack message event %s skipped: %s", event_id, error)
            return
        if translated is None:
            return
        if isinstance(translated, ChatMessage) and self._in_incident_thread(translated):
            translated = translated.model_copy(update={"author": await self._person(translated.author)})
        await self._deliver(translated)

    def _in_incident_thread(self, message: ChatMessage) -> bool:
        return bool(message.place.thread_id) and message.place.channel_id == self._incident_channel_id

    async def _person(self, person: Person) -> Person:
        return await self._admins.person(person) if self._admins is not None else person

    async def on_reaction(self, body: dict[str, Any]) -> None:
        try:
            item = (body.get("event") or {}).get("item") or {}
            channel = await self._channels.lookup(str(item.get("channel") or ""))
            translated = to_reaction(body, channel)
        except MalformedPayload as error:
            log.warning("slack reaction event %s skipped: %s", body.get("event_id", "-"), error)
            return
        if translated is not None:
            await self._deliver(translated)

    async def on_home_opened(self, body: dict[str, Any]) -> None:
        event = body.get("event") or {}
        if event.get("tab") != "home" or not event.get("user") or not body.get("team_id"):
            return
        try:
            await self._publish_home(str(body["team_id"]), str(event["user"]),
                                     str(body.get("event_id") or f"home:{event['user']}"))
        except Exception:
            log.exception("slack App Home for %s failed", event.get("user"))

    # --- slash command and shortcuts ----------------------------------------------------------------
    async def on_command(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        try:
            command = to_command(body, self._clock.now())
        except MalformedPayload as error:
            log.warning("slack slash command skipped: %s", error)
            return
        interaction = Interaction(command.event_id, command.user.user_id, body.get("trigger_id"),
                                  body.get("response_url"))
        handler = self._adapter_commands.get(command.command)
        if handler is not None:
            await handler(command, interaction)
            return
        if command.command == "incident":
            command = command.model_copy(update={"user": await self._person(command.user)})
        if command.command in FORGET_COMMANDS and self._forget_user is not None:
            # The core forgets what it stored; the adapter forgets the user's Slack token.
            self._forget_user(command.place.workspace_id, command.user.user_id)
        await self._deliver(command, interaction)

    async def on_shortcut(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        try:
            command = to_shortcut(body, self._clock.now())
        except MalformedPayload as error:
            log.warning("slack message shortcut skipped: %s", error)
            return
        await self._deliver(command, Interaction(command.event_id, command.user.user_id, body.get("trigger_id"),
                                                 body.get("response_url")))

    # --- buttons and modals -------------------------------------------------------------------------
    async def on_answer(self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        try:
            answered = to_answer(body, action, self._clock.now())
        except MalformedPayload as error:
            log.warning("slack button press skipped: %s", error)
            return
        response_url = body.get("response_url")
        await self._deliver(answered, Interaction(answered.event_id, answered.user_id, body.get("trigger_id"),
                                                  response_url))
        if response_url:
            # The suggestion gives way to the choice made, so its buttons cannot be pressed twice.
            label = str((action.get("text") or {}).get("text") or answered.answer.value)
            await self._respond(response_url, {"replace_original": True, "text": f"✓ {label}"})

    async def on_incident_step(self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        try:
            command = to_incident_step(body, action, self._clock.now())
        except MalformedPayload as error:
            log.warning("slack incident button skipped: %s", error)
            return
        await self._deliver(command, Interaction(command.event_id, command.user.user_id, body.get("trigger_id"),
                                                 body.get("response_url")))

    async def on_incident_control(self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        """Take ownership, post update, resolve: the trigger_id travels with the event, so the core's form
        opens as a modal (Slack allows that within 3 s of the click)."""
        await ack()
        try:
            command = to_incident_control(body, action, self._clock.now())
        except MalformedPayload as error:
            log.warning("slack incident button skipped: %s", error)
            return
        command = command.model_copy(update={"user": await self._person(command.user)})
        await self._deliver(command, Interaction(command.event_id, command.user.user_id, body.get("trigger_id"),
                                                 body.get("response_url")))

    async def on_incident_form_submitted(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()  # closes the modal; the answer comes in the thread, or privately
        try:
            submitted = to_incident_form(body, self._clock.now())
        except MalformedPayload as error:
            log.warning("slack incident form submission skipped: %s", error)
            return
        submitted = submitted.model_copy(update={"user": await self._person(submitted.user)})
        await self._deliver(submitted, Interaction(submitted.event_id, submitted.user.user_id))

    async def on_settings_submitted(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()  # closes the modal
        try:
            submitted = to_settings(body, read_settings(body.get("view") or {}), self._clock.now())
        except MalformedPayload as error:
            log.warning("slack settings submission skipped: %s", error)
            return
        await self._deliver(submitted, Interaction(submitted.event_id, submitted.user_id))
