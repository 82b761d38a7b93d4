"""DiscordSink: performs the core's actions on Discord (DMs, ephemeral replies, threads, deletions)."""

from __future__ import annotations

import logging
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, assert_never

import discord

from adapters.discord.embeds import to_embed
from adapters.discord.errors import CANNOT_SEND_TO_USER, to_failure
from adapters.discord.forms import IncidentFormModal, SettingsModal
from adapters.discord.translate import event_id as discord_event_id
from adapters.discord.views import incident_view, suggestion_view
from bot.actions import (
    Action,
    ApplyCorrection,
    Card,
    DeleteMessage,
    NoticePurpose,
    OpenIncidentForm,
    OpenIncidentThread,
    OpenSettingsForm,
    PostIncidentUpdate,
    PostMessage,
    PublishHome,
    ReplyToCommand,
    SendPrivateNotice,
    SendPrivateSuggestion,
)
from bot.events import Place
from bot.receipts import ActionFailed, Delivered, FailureReason, IncidentThreadOpened, Receipt
from bot.settings import Settings
from bot.vocabulary import Platform

log = logging.getLogger(__name__)

# The interaction being answered, if the action comes from one: "private" then means an ephemeral
# reply to it. Set by the client around Dispatcher.deliver, so it follows the task that performs.
current_interaction: ContextVar[discord.Interaction | None] = ContextVar("current_interaction", default=None)

FALLBACK_EPHEMERAL = "ephemeral_followup"
FALLBACK_PRIVATE_THREAD = "private_thread"
_NO_MENTIONS = discord.AllowedMentions.none()
_CONTENT_LIMIT = 2000  # Discord's limit for a message's text


@dataclass(frozen=True)
class PrivateMessage:
    """What a private delivery carries: text or an embed, and the suggestion's buttons."""

    content: str | None = None
    embed: discord.Embed | None = None
    suggestion_id: str | None = None
    buttons: tuple[Any, ...] = ()

    def view(self) -> discord.ui.View | None:
        return (
            suggestion_view(self.suggestion_id, self.buttons) if self.suggestion_id and self.buttons else None
        )

    def send_arguments(self) -> dict[str, Any]:
        arguments: dict[str, Any] = {"allowed_mentions": _NO_MENTIONS}
        if self.content:
            arguments["content"] = self.content
        if self.embed is not None:
            arguments["embed"] = self.embed
        view = self.view()
        if view is not None:
            arguments["view"] = view
        return arguments


class DiscordSink:
    def __init__(self, client: discord.Client, settings: Settings) -> None:
        self.client = client
        self.settings = settings

    async def perform(self, action: Action) -> Receipt | None:
        """Platform errors become ActionFailed receipts with a log line; nothing raises to the dispatcher."""
        try:
            return await self._perform(action)
        except discord.HTTPException as error:
            return to_failure(error, action.kind, _reference(action))
        except Exception:
            log.exception("performing %s (reference %s) failed", action.kind, _reference(action) or "-")
            return ActionFailed(
                action_kind=action.kind, reference_id=_reference(action), reason=FailureReason.UNKNOWN
            )

    async def _perform(self, action: Action) -> Receipt | None:
        match action:
            case SendPrivateSuggestion():
                message = PrivateMessage(
                    embed=to_embed(action.card, action.suggestions),
                    suggestion_id=action.suggestion_id,
                    buttons=action.buttons,
                )
                return await self.send_private(
                    action.recipient_id, action.place, message, action.kind, action.suggestion_id
                )
            case SendPrivateNotice():
                copyable = action.purpose is NoticePurpose.CORRECTION_TO_COPY
                message = PrivateMessage(embed=to_embed(action.card, copyable=copyable))
                return await self.send_private(
                    action.recipient_id, action.place, message, action.kind, action.reference_id
                )
            case ReplyToCommand():
                return await self._reply_to_command(action)
            case ApplyCorrection():
                return await self._correction_to_copy(action)
            case DeleteMessage():
                return await self._delete(action)
            case PostMessage():
                return await self._post(action)
            case OpenIncidentThread():
                return await self._open_incident_thread(action)
            case PostIncidentUpdate():
                channel = self._messageable(action.thread.thread_id or action.thread.channel_id)
                mentions = " ".join(f"<@{user_id}>" for user_id in action.mention_ids)
                sent = await channel.send(
                    content=mentions or None,
                    embed=to_embed(action.card),
                    allowed_mentions=discord.AllowedMentions(users=True, roles=False, everyone=False),
                )
                return Delivered(
                    action_kind=action.kind, reference_id=action.incident_id, platform_message_id=str(sent.id)
                )
            case OpenSettingsForm():
                return await self._open_settings(action)
            case PublishHome():
                return None  # Discord has no per-user home tab
            case OpenIncidentForm():
                return await self._open_incident_form(action)
            case _:
                assert_never(action)

    # ---- private delivery ----------------------------------------------------------------------
    async def send_private(
        self,
        recipient_id: str,
        place: Place | None,
        message: PrivateMessage,
        action_kind: str,
        reference_id: str = "",
    ) -> Receipt:
        """An ephemeral reply when the member is interacting with us, else a DM, else the configured fallback."""
        interaction = current_interaction.get()
        if interaction is not None and str(interaction.user.id) == recipient_id:
            await self.respond(interaction, message)
            return Delivered(action_kind=action_kind, reference_id=reference_id)
        try:
            channel = await self.client.create_dm(discord.Object(int(recipient_id)))
            sent = await channel.send(**message.send_arguments())
        except discord.Forbidden as error:
            if error.code != CANNOT_SEND_TO_USER:
                raise
            return await self._fallback(recipient_id, place, message, action_kind, reference_id)
        return Delivered(action_kind=action_kind, reference_id=reference_id, platform_message_id=str(sent.id))

    async def _fallback(
        self,
        recipient_id: str,
        place: Place | None,
        message: PrivateMessage,
        action_kind: str,
        reference_id: str,
    ) -> Receipt:
        """Closed DMs: never the finding in public; a private thread or the member's next command instead."""
        mode = self.settings.discord_dm_fallback
        if mode == FALLBACK_PRIVATE_THREAD and place is not None and not place.is_direct:
            try:
                thread = await self._private_thread(recipient_id, place)
                content = f"<@{recipient_id}> {message.content or ''}".strip()
                sent = await thread.send(
                    content=content,
                    **_without_mentions(message.send_arguments()),
                    allowed_mentions=discord.AllowedMentions(users=True),
                )
                log.info(
                    "DMs closed for user %s: %s delivered in private thread %s",
                    recipient_id,
                    action_kind,
                    thread.id,
                )
                return Delivered(
                    action_kind=action_kind, reference_id=reference_id, platform_message_id=str(sent.id)
                )
            except discord.HTTPException as error:
                to_failure(error, "private_thread_fallback", reference_id)
        # The core holds the message (in its database) and hands it over at the member's next command.
        log.info(
            "DMs closed for user %s: %s (reference %s) not delivered",
            recipient_id,
            action_kind,
            reference_id or "-",
        )
        return ActionFailed(
            action_kind=action_kind,
            reference_id=reference_id,
            reason=FailureReason.CLOSED_DIRECT_MESSAGES,
            detail="direct_messages_closed",
        )

    async def _private_thread(self, recipient_id: str, place: Place) -> discord.Thread:
        parent = self.client.get_channel(int(place.channel_id))
        if not isinstance(parent, discord.TextChannel):
            raise discord.ClientException("the channel cannot hold a private thread")
        # invitable=False: only the member (and moderators) can see it; the finding stays private.
        thread = await parent.create_thread(
            name="damage-control (only you can see this)",
            type=discord.ChannelType.private_thread,
            invitable=False,
            auto_archive_duration=1440,
        )
        await thread.add_user(discord.Object(int(recipient_id)))
        return thread

    async def respond(self, interaction: discord.Interaction, message: PrivateMessage) -> None:
        arguments = message.send_arguments()
        if not interaction.response.is_done():
            await interaction.response.send_message(ephemeral=True, **arguments)
        else:
            await interaction.followup.send(ephemeral=True, **arguments)

    # ---- commands --------------------------------------------------------------------------------
    async def _reply_to_command(self, action: ReplyToCommand) -> Receipt:
        message = PrivateMessage(
            embed=to_embed(action.card, action.suggestions),
            suggestion_id=action.suggestion_id,
            buttons=action.buttons,
        )
        interaction = current_interaction.get()
        if interaction is None or discord_event_id("INTERACTION_CREATE", interaction.id) != action.event_id:
            # A command typed in an incident thread has no interaction: the private answer goes by DM.
            log.info("reply to command %s without an interaction: sent as a direct message", action.event_id)
            return await self.send_private(
                action.recipient_id, action.place, message, action.kind, action.event_id
            )
        await self.respond(interaction, message)
        return Delivered(action_kind=action.kind, reference_id=action.event_id)

    async def _open_settings(self, action: OpenSettingsForm) -> Receipt:
        interaction = current_interaction.get()
        if interaction is not None and not interaction.response.is_done():
            await interaction.response.send_modal(SettingsModal(action.values))
            return Delivered(action_kind=action.kind)
        lines = tuple(f"{key}: {value}" for key, value in sorted(action.values.items()))
        card = Card(
            title="Your damage-control settings", lines=lines, footer="Change them with /damage settings"
        )
        return await self.send_private(
            action.recipient_id, action.place, PrivateMessage(embed=to_embed(card)), action.kind
        )

    async def _open_incident_form(self, action: OpenIncidentForm) -> Receipt:
        """A modal must be the interaction's first answer; a message typed in the thread has no interaction,
        so the form's hint goes privately instead."""
        interaction = current_interaction.get()
        if (interaction is not None and str(interaction.user.id) == action.recipient_id
                and not interaction.response.is_done()):
            modal = IncidentFormModal(action.incident_id, action.form, action.title, action.label,
                                      action.placeholder, action.required)
            await interaction.response.send_modal(modal)
            return Delivered(action_kind=action.kind, reference_id=action.incident_id)
        return await self.send_private(action.recipient_id, action.place,
                                       PrivateMessage(embed=to_embed(action.fallback)), action.kind, action.incident_id)

    # ---- acting in channels -------------------------------------------------------------------
    async def _correction_to_copy(self, action: ApplyCorrection) -> Receipt:
        # Discord lets no bot edit another member's message (error 50005). The failure receipt makes the core
        # send the corrected text privately, ready to copy, so nothing the member chose is lost.
        log.info(
            "suggestion %s: Discord bots cannot edit a member's message; the correction goes to copy",
            action.suggestion_id,
        )
        return ActionFailed(
            action_kind=action.kind,
            reference_id=action.suggestion_id,
            reason=FailureReason.CANNOT_EDIT,
            detail="discord_bots_cannot_edit_member_messages",
        )

    async def _delete(self, action: DeleteMessage) -> Receipt:
        channel_id = action.place.thread_id or action.place.channel_id
        channel = self.client.get_channel(int(channel_id))
        reference = action.suggestion_id or ""
        guild = getattr(channel, "guild", None)
        if (
            channel is not None
            and guild is not None
            and not channel.permissions_for(guild.me).manage_messages
        ):
            return await self._cannot_delete(action, "missing Manage Messages")
        try:
            await self._messageable(channel_id).get_partial_message(int(action.message_id)).delete()
        except discord.Forbidden as error:
            to_failure(error, action.kind, reference)
            return await self._cannot_delete(action, f"discord:{error.code}")
        log.info(
            "deleted message %s in channel %s (suggestion %s)",
            action.message_id,
            channel_id,
            reference or "-",
        )
        return Delivered(action_kind=action.kind, reference_id=reference)

    async def _cannot_delete(self, action: DeleteMessage, detail: str) -> Receipt:
        # The receipt makes the core tell the member, privately, to delete it themselves.
        log.warning(
            "cannot delete message %s in channel %s: the bot lacks Manage Messages there (%s)",
            action.message_id,
            action.place.thread_id or action.place.channel_id,
            detail,
        )
        return ActionFailed(
            action_kind=action.kind,
            reference_id=action.suggestion_id or "",
            reason=FailureReason.MISSING_PERMISSION,
            detail="manage_messages",
        )

    async def _post(self, action: PostMessage) -> Receipt:
        reference = action.suggestion_id or ""
        channel = self._messageable(action.place.thread_id or action.place.channel_id)
        if action.on_behalf_of is not None and not self.settings.discord_post_on_behalf:
            # Bots cannot post as a member, and this server did not allow posting on their behalf: the failure
            # receipt makes the core hand the member the draft to copy.
            log.info(
                "suggestion %s: posting on a member's behalf is off (DISCORD_POST_ON_BEHALF)",
                reference or "-",
            )
            return ActionFailed(
                action_kind=action.kind,
                reference_id=reference,
                reason=FailureReason.NOT_AUTHORISED,
                detail="discord_post_on_behalf_off",
            )
        attribution = ""
        if action.on_behalf_of is not None:
            attribution = f"\n-# posted for <@{action.on_behalf_of}> by damage-control"
        text = action.text[: _CONTENT_LIMIT - len(attribution)] + attribution
        sent = await channel.send(content=text, allowed_mentions=_NO_MENTIONS)
        return Delivered(action_kind=action.kind, reference_id=reference, platform_message_id=str(sent.id))

    async def _open_incident_thread(self, action: OpenIncidentThread) -> Receipt:
        channel = self._messageable(action.team_channel_id)
        arguments: dict[str, Any] = {
            "embed": to_embed(_with_message_link(action)),
            "allowed_mentions": discord.AllowedMentions(users=True),
        }
        if action.buttons or action.controls:
            arguments["view"] = incident_view(action.incident_id, action.buttons, action.controls)
        starter = await channel.send(**arguments)
        # Discord caps thread names at 100 characters.
        thread = await starter.create_thread(
            name=action.title[:100] or action.incident_id, auto_archive_duration=10080
        )
        team_channel = self.client.get_channel(int(action.team_channel_id))
        place = Place(
            platform=Platform.DISCORD,
            workspace_id=action.workspace_id,
            channel_id=action.team_channel_id,
            thread_id=str(thread.id),
            channel_name=getattr(team_channel, "name", None),
            is_public=False,
        )
        log.info(
            "incident %s: thread %s opened in channel %s",
            action.incident_id,
            thread.id,
            action.team_channel_id,
        )
        return IncidentThreadOpened(incident_id=action.incident_id, thread=place, url=starter.jump_url)

    def _messageable(self, channel_id: str) -> Any:
        channel = self.client.get_channel(int(channel_id))
        return channel if channel is not None else self.client.get_partial_messageable(int(channel_id))


def message_url(place: Place, message_id: str) -> str:
    """Discord's jump link to a message (a thread is a channel of its own)."""
    return f"https://discord.com/channels/{place.workspace_id}/{place.thread_id or place.channel_id}/{message_id}"


def _with_message_link(action: OpenIncidentThread) -> Card:
    """The card's line naming the flagged message as a link to it (the card holds only masked text)."""
    place, message_id = action.message_place, action.message_id
    if place is None or not message_id or place.is_direct:
        return action.card
    url = message_url(place, message_id)
    lines = list(action.card.lines)
    index = next((i for i, line in enumerate(lines) if message_id in line), None)
    if index is None:
        lines.append(f"[{message_id}]({url})")
    else:
        lines[index] = f"[{lines[index].replace('[', '(').replace(']', ')')}]({url})"
    return action.card.model_copy(update={"lines": tuple(lines)})


def _without_mentions(arguments: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in arguments.items() if key not in {"allowed_mentions", "content"}}


def _reference(action: Action) -> str:
    for name in ("suggestion_id", "incident_id", "event_id", "reference_id"):
        value = getattr(action, name, None)
        if value:
            return str(value)
    return ""
