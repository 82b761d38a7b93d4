"""Translators `to_*`: discord.py objects and raw gateway events -> the core's events (no SDK object leaks)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import discord

from bot.events import (
    ChatMessage,
    CommandInvoked,
    IncidentFormSubmitted,
    MessageDeleted,
    MessageEdited,
    Person,
    Place,
    ReactionAdded,
    SettingsSubmitted,
    SuggestionAnswered,
    TargetMessage,
)
from bot.vocabulary import Answer, Platform

_USER_MENTION = re.compile(r"<@!?(\d+)>")
# Typing "@damage-control" may pick the bot's managed role instead of the bot user: it addresses the bot too.
_ROLE_MENTION = re.compile(r"<@&(\d+)>")
# Message types a member writes; joins, pins, boosts and the like are system messages.
_MEMBER_MESSAGE_TYPES = {discord.MessageType.default, discord.MessageType.reply}


def event_id(event_type: str, *parts: object) -> str:
    """A stable id per delivery: the same gateway event replayed after a RESUME gets the same id."""
    return ":".join(["discord", event_type, *(str(part) for part in parts)])


def is_from_person(message: discord.Message) -> bool:
    """Bots (ourselves included) and webhooks are never nudged: only people regret messages."""
    return not message.author.bot and message.webhook_id is None and message.type in _MEMBER_MESSAGE_TYPES


def to_place(channel: Any, guild_id: int | None) -> Place:
    """A Discord thread is a channel of its own: the core sees the parent channel plus a thread id."""
    workspace_id = str(guild_id) if guild_id is not None else "direct"
    if isinstance(channel, discord.DMChannel) or (guild_id is None and channel is not None):
        return Place(
            platform=Platform.DISCORD,
            workspace_id=workspace_id,
            channel_id=str(channel.id),
            is_public=False,
            is_direct=True,
        )
    if isinstance(channel, discord.Thread):
        return Place(
            platform=Platform.DISCORD,
            workspace_id=workspace_id,
            channel_id=str(channel.parent_id),
            thread_id=str(channel.id),
            channel_name=channel.parent.name if channel.parent else None,
            is_public=channel.type is not discord.ChannelType.private_thread and _everyone_can_read(channel),
        )
    return Place(
        platform=Platform.DISCORD,
        workspace_id=workspace_id,
        channel_id=str(getattr(channel, "id", "")),
        channel_name=getattr(channel, "name", None),
        is_public=_everyone_can_read(channel),
    )


def _everyone_can_read(channel: Any) -> bool:
    guild = getattr(channel, "guild", None)
    if guild is None or not hasattr(channel, "permissions_for"):
        return True
    return channel.permissions_for(guild.default_role).read_messages


def audience_size(channel: Any) -> int | None:
    # Without the privileged members intent the member list is unknown: the guild's count is the
    # best public figure (a channel's audience is at most that).
    guild = getattr(channel, "guild", None)
    return guild.member_count if guild is not None else None


def to_person(user: discord.abc.User, permissions: discord.Permissions | None = None) -> Person:
    """`permissions`: the member's in the channel at hand, when known (an interaction carries them)."""
    return Person(user_id=str(user.id), display_name=user.display_name,
                  is_channel_admin=permissions is not None and is_channel_admin(permissions))


def is_channel_admin(permissions: discord.Permissions) -> bool:
    """Who moderates a channel's threads on Discord: Administrator, Manage Channels or Manage Threads."""
    return permissions.administrator or permissions.manage_channels or permissions.manage_threads


def _author_permissions(message: discord.Message) -> discord.Permissions | None:
    author, channel = message.author, message.channel
    if not isinstance(author, discord.Member) or not hasattr(channel, "permissions_for"):
        return None
    try:
        return channel.permissions_for(author)  # type: ignore[union-attr]
    except (AttributeError, discord.ClientException):
        return None  # a thread whose parent is not cached: not known, so not an admin


def interaction_person(interaction: discord.Interaction) -> Person:
    """Who used a command, button or form, with their permissions in that channel (none in a DM)."""
    return to_person(interaction.user, interaction.permissions if interaction.guild_id else None)


def _utc(moment: datetime | None) -> datetime:
    if moment is None:
        return datetime.now(UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def to_chat_message(message: discord.Message, bot_user_id: int | None = None) -> ChatMessage | None:
    """None for what the bot must not look at: bots, webhooks, system messages and direct messages.
    `bot_user_id`: this bot's, to tell a message that addresses it ("<@bot> resolve ...")."""
    if not is_from_person(message) or message.guild is None:
        return None
    reply_to_id = reply_to_text = None
    if message.reference is not None and message.reference.message_id is not None:
        reply_to_id = str(message.reference.message_id)
        if isinstance(message.reference.resolved, discord.Message):
            reply_to_text = message.reference.resolved.content or None
    return ChatMessage(
        event_id=event_id("MESSAGE_CREATE", message.id),
        message_id=str(message.id),
        place=to_place(message.channel, message.guild.id),
        author=to_person(message.author, _author_permissions(message)),
        text=message.content,
        sent_at=_utc(message.created_at),
        audience_size=audience_size(message.channel),
        mentioned_ids=tuple(str(user.id) for user in message.mentions),
        reply_to_message_id=reply_to_id,
        reply_to_text=reply_to_text,
        addressed_to_bot=addresses(message.content, bot_user_id, _bot_role_id(message.guild)),
    )


def _bot_role_id(guild: discord.Guild) -> int | None:
    """The role Discord made for this bot when it joined the server, if it has one."""
    role = guild.self_role
    return role.id if role is not None else None


def addresses(content: str, bot_user_id: int | None, bot_role_id: int | None = None) -> bool:
    """The message begins by mentioning this bot (or its managed role), the way members address a bot;
    a reply that only pings the bot (Discord adds it to the mentions) is talk, not a command."""
    start = content.lstrip()
    user = _USER_MENTION.match(start)
    if user is not None:
        return bot_user_id is not None and user.group(1) == str(bot_user_id)
    role = _ROLE_MENTION.match(start)
    return role is not None and bot_role_id is not None and role.group(1) == str(bot_role_id)


def to_message_edited(payload: discord.RawMessageUpdateEvent) -> MessageEdited | None:
    message = payload.message
    if "content" not in payload.data or not is_from_person(message) or payload.guild_id is None:
        return None  # embed unfurls and bot edits are not the author changing their words
    edited_at = _utc(message.edited_at)
    return MessageEdited(
        event_id=event_id("MESSAGE_UPDATE", payload.message_id, payload.data.get("edited_timestamp") or ""),
        message_id=str(payload.message_id),
        place=to_place(message.channel, payload.guild_id),
        author_id=str(message.author.id),
        new_text=message.content,
        edited_at=edited_at,
    )


def to_message_deleted(payload: discord.RawMessageDeleteEvent, channel: Any) -> MessageDeleted | None:
    if payload.guild_id is None:
        return None
    cached = payload.cached_message
    return MessageDeleted(
        event_id=event_id("MESSAGE_DELETE", payload.message_id),
        message_id=str(payload.message_id),
        place=_place_for(channel, payload.channel_id, payload.guild_id),
        deleted_at=datetime.now(UTC),
        author_id=str(cached.author.id) if cached is not None else None,
    )


def to_reaction_added(
    payload: discord.RawReactionActionEvent, channel: Any, bot_user_id: int | None
) -> ReactionAdded | None:
    if payload.guild_id is None or payload.user_id == bot_user_id:
        return None
    if payload.member is not None and payload.member.bot:
        return None
    reaction = payload.emoji.name or str(payload.emoji.id)
    return ReactionAdded(
        event_id=event_id("MESSAGE_REACTION_ADD", payload.message_id, payload.user_id, reaction),
        message_id=str(payload.message_id),
        place=_place_for(channel, payload.channel_id, payload.guild_id),
        user_id=str(payload.user_id),
        reaction=reaction,
        added_at=datetime.now(UTC),
        message_author_id=str(payload.message_author_id) if payload.message_author_id else None,
    )


def _place_for(channel: Any, channel_id: int, guild_id: int) -> Place:
    if channel is not None:
        return to_place(channel, guild_id)
    return Place(platform=Platform.DISCORD, workspace_id=str(guild_id), channel_id=str(channel_id))


def interaction_place(interaction: discord.Interaction) -> Place:
    channel = interaction.channel
    if channel is None:
        return _place_for(None, interaction.channel_id or 0, interaction.guild_id or 0)
    return to_place(channel, interaction.guild_id)


def mentioned_ids(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_USER_MENTION.findall(text)))


def to_command(
    interaction: discord.Interaction,
    command: str,
    arguments: str = "",
    target: discord.Message | None = None,
) -> CommandInvoked:
    target_message = None
    if target is not None:
        target_message = TargetMessage(
            message_id=str(target.id),
            author_id=str(target.author.id),
            text=target.content,
            place=to_place(target.channel, interaction.guild_id)
            if target.channel
            else interaction_place(interaction),
            sent_at=_utc(target.created_at),
        )
    return CommandInvoked(
        event_id=event_id("INTERACTION_CREATE", interaction.id),
        place=interaction_place(interaction),
        user=interaction_person(interaction),
        command=command,
        arguments=arguments.strip(),
        target=target_message,
        invoked_at=_utc(interaction.created_at),
        mentioned_ids=mentioned_ids(arguments),
    )


def to_suggestion_answered(
    interaction: discord.Interaction, suggestion_id: str, answer: Answer
) -> SuggestionAnswered:
    # In a DM the place is the DM itself: the core finds where the message was from the suggestion.
    place = None if interaction.guild_id is None else interaction_place(interaction)
    return SuggestionAnswered(
        event_id=event_id("INTERACTION_CREATE", interaction.id),
        suggestion_id=suggestion_id,
        user_id=str(interaction.user.id),
        answer=answer,
        answered_at=_utc(interaction.created_at),
        place=place,
    )


def to_incident_form(
    interaction: discord.Interaction, incident_id: str, form: str, text: str
) -> IncidentFormSubmitted:
    return IncidentFormSubmitted(
        event_id=event_id("INTERACTION_CREATE", interaction.id),
        incident_id=incident_id,
        form=form,  # type: ignore[arg-type]
        text=text,
        user=interaction_person(interaction),
        platform=Platform.DISCORD,
        workspace_id=str(interaction.guild_id) if interaction.guild_id else "direct",
        place=interaction_place(interaction) if interaction.guild_id else None,
        submitted_at=_utc(interaction.created_at),
    )


def to_settings_submitted(
    interaction: discord.Interaction,
    workspace_id: str,
    values: dict[str, str | int | bool | list[str] | None],
) -> SettingsSubmitted:
    return SettingsSubmitted(
        event_id=event_id("INTERACTION_CREATE", interaction.id),
        user_id=str(interaction.user.id),
        platform=Platform.DISCORD,
        workspace_id=workspace_id,
        values=values,
        submitted_at=_utc(interaction.created_at),
    )
