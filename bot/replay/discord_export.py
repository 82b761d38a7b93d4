"""Discord channel exports in DiscordChatExporter's JSON format: guild, channel and messages."""

from __future__ import annotations

from datetime import datetime

from bot.events import Person
from bot.replay.archive import ExportArchive
from bot.replay.history import ExportedMessage, ExportedReaction, History
from bot.vocabulary import Platform

# Message types a person wrote; joins, pins, boosts and calls are skipped.
_KEPT_TYPES = {"Default", "Reply", "0", "19"}


def looks_like_discord_export(document: object) -> bool:
    return isinstance(document, dict) and "messages" in document and "channel" in document


def _person(author: dict) -> Person:
    name = author.get("nickname") or author.get("name") or str(author.get("id", ""))
    return Person(user_id=str(author.get("id", "")), display_name=str(name))


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)  # Python 3.11 reads a trailing "Z" itself
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def read_discord_exports(archive: ExportArchive) -> History:
    """Every .json file in the archive that looks like a DiscordChatExporter export (one per channel)."""
    history = History(source_format="discord")
    for name in archive.names():
        if not name.lower().endswith(".json"):
            continue
        try:
            document = archive.read_json(name)
        except ValueError as problem:
            history.problems.append(str(problem))
            continue
        if not looks_like_discord_export(document):
            history.problems.append(f"{name}: not a DiscordChatExporter JSON export (no 'channel' and 'messages')")
            continue
        _read_channel(name, document, history)
    return history


def _read_channel(name: str, document: dict, history: History) -> None:
    guild = document.get("guild") or {}
    channel = document.get("channel") or {}
    messages = document.get("messages")
    if not isinstance(messages, list):
        history.problems.append(f"{name}: 'messages' is not a list")
        return
    authors = {
        str(raw["author"]["id"]): _person(raw["author"])
        for raw in messages
        if isinstance(raw, dict) and isinstance(raw.get("author"), dict) and "id" in raw["author"]
        and not raw["author"].get("isBot")
    }
    members = tuple(authors.values())
    is_public = str(channel.get("type", "GuildTextChat")) not in {"DirectTextChat", "DirectGroupTextChat"}
    for raw in messages:
        message = _message(raw, guild, channel, members, is_public, history)
        if message is not None:
            history.messages.append(message)


def _message(
    raw: object, guild: dict, channel: dict, members: tuple[Person, ...], is_public: bool, history: History
) -> ExportedMessage | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("author"), dict):
        history.skip("not a message")
        return None
    if str(raw.get("type", "Default")) not in _KEPT_TYPES:
        history.skip(f"type {raw.get('type')}")
        return None
    if raw["author"].get("isBot"):
        history.skip("bot or webhook")
        return None
    sent_at = _moment(raw.get("timestamp"))
    if sent_at is None or "id" not in raw:
        history.skip("bad timestamp or id")
        return None
    reference = raw.get("reference") or {}
    reactions = tuple(
        ExportedReaction(
            name=str((reaction.get("emoji") or {}).get("name", "")),
            user_ids=tuple(str(user.get("id")) for user in reaction.get("users") or [] if isinstance(user, dict)),
            count=int(reaction.get("count") or 0),
        )
        for reaction in raw.get("reactions") or []
        if isinstance(reaction, dict)
    )
    return ExportedMessage(
        platform=Platform.DISCORD,
        workspace_id=str(guild.get("id", "export")),
        channel_id=str(channel.get("id", "channel")),
        channel_name=str(channel.get("name", "channel")),
        message_id=str(raw["id"]),
        author=_person(raw["author"]),
        text=str(raw.get("content") or ""),
        sent_at=sent_at,
        members=members,
        is_public=is_public,
        reply_to_message_id=str(reference["messageId"]) if reference.get("messageId") else None,
        mentioned_ids=tuple(str(m.get("id")) for m in raw.get("mentions") or [] if isinstance(m, dict)),
        reactions=reactions,
        edited_at=_moment(raw.get("timestampEdited")),
    )
