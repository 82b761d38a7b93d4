"""Slack workspace exports: users.json, channels.json and one folder of YYYY-MM-DD.json day files per channel."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.events import Person
from bot.replay.archive import ExportArchive
from bot.replay.history import ExportedMessage, ExportedReaction, History
from bot.vocabulary import Platform

_DAY_FILE = re.compile(r"^(?P<channel>[^/]+)/\d{4}-\d{2}-\d{2}\.json$")
_USER_MENTION = re.compile(r"<@(?P<user_id>[UW][A-Z0-9]+)(?:\|[^>]*)?>")
_SPECIAL_MENTION = re.compile(r"<!(?P<name>channel|here|everyone)(?:\|[^>]*)?>")
_CHANNEL_LINK = re.compile(r"<#(?P<channel_id>[CG][A-Z0-9]+)(?:\|(?P<name>[^>]*))?>")
_LINK = re.compile(r"<(?P<url>(?:https?|mailto):[^|>]+)(?:\|(?P<label>[^>]*))?>")
# Message subtypes that are not something a person wrote (joins, topic changes, bots, ...).
_KEPT_SUBTYPES = {None, "thread_broadcast", "me_message", "file_share"}


def looks_like_slack_export(archive: ExportArchive) -> bool:
    names = set(archive.names())
    return "channels.json" in names or "users.json" in names


def render_text(text: str, user_names: dict[str, str], channel_names: dict[str, str]) -> str:
    """Slack's markup to what a reader sees: <@U1> -> @name, <!channel> -> @channel, links -> their text."""
    text = _USER_MENTION.sub(lambda m: "@" + user_names.get(m["user_id"], m["user_id"]), text)
    text = _SPECIAL_MENTION.sub(lambda m: "@" + m["name"], text)
    text = _CHANNEL_LINK.sub(lambda m: "#" + (m["name"] or channel_names.get(m["channel_id"], m["channel_id"])), text)
    text = _LINK.sub(lambda m: m["label"] or m["url"].removeprefix("mailto:"), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _moment(ts: object) -> datetime:
    return datetime.fromtimestamp(float(str(ts)), tz=UTC)


def _people(archive: ExportArchive, history: History) -> dict[str, Person]:
    try:
        users = archive.read_json("users.json")
    except ValueError as problem:
        history.problems.append(str(problem))
        return {}
    people: dict[str, Person] = {}
    for user in users if isinstance(users, list) else []:
        if isinstance(user, dict) and isinstance(user.get("id"), str):
            profile = user.get("profile") or {}
            name = profile.get("display_name") or user.get("real_name") or user.get("name") or user["id"]
            people[user["id"]] = Person(user_id=user["id"], display_name=str(name))
    return people


def _channels(archive: ExportArchive, history: History) -> dict[str, dict]:
    """Channel folders by name, with id, members and whether the channel is public."""
    channels: dict[str, dict] = {}
    for file_name, is_public in (("channels.json", True), ("groups.json", False)):
        if file_name not in archive.names():
            continue
        try:
            listed = archive.read_json(file_name)
        except ValueError as problem:
            history.problems.append(str(problem))
            continue
        for channel in listed if isinstance(listed, list) else []:
            if isinstance(channel, dict) and channel.get("name"):
                channels[str(channel["name"])] = {
                    "id": str(channel.get("id") or channel["name"]),
                    "members": [str(member) for member in channel.get("members") or []],
                    "is_public": is_public,
                }
    return channels


def read_slack_export(archive: ExportArchive) -> History:
    history = History(source_format="slack")
    people = _people(archive, history)
    channels = _channels(archive, history)
    user_names = {user_id: person.display_name for user_id, person in people.items()}
    channel_names = {info["id"]: name for name, info in channels.items()}
    workspace_id = "export"
    for name in archive.names():
        match = _DAY_FILE.match(name)
        if match is None:
            continue
        channel_name = match["channel"]
        info = channels.get(channel_name, {"id": channel_name, "members": [], "is_public": True})
        try:
            day = archive.read_json(name)
        except ValueError as problem:
            history.problems.append(str(problem))
            continue
        if not isinstance(day, list):
            history.problems.append(f"{name}: expected a list of messages")
            continue
        members = tuple(people.get(user_id, Person(user_id=user_id)) for user_id in info["members"])
        for raw in day:
            message = _message(raw, channel_name, info, members, people, user_names, channel_names, workspace_id, history)
            if message is not None:
                history.messages.append(message)
    return history


def _message(
    raw: object,
    channel_name: str,
    info: dict,
    members: tuple[Person, ...],
    people: dict[str, Person],
    user_names: dict[str, str],
    channel_names: dict[str, str],
    workspace_id: str,
    history: History,
) -> ExportedMessage | None:
    if not isinstance(raw, dict) or raw.get("type") != "message":
        history.skip("not a message")
        return None
    subtype = raw.get("subtype")
    if subtype not in _KEPT_SUBTYPES:
        history.skip(f"subtype {subtype}")
        return None
    if raw.get("bot_id") or not isinstance(raw.get("user"), str):
        history.skip("bot or no author")
        return None
    try:
        sent_at = _moment(raw["ts"])
    except (KeyError, TypeError, ValueError, OverflowError):
        history.skip("bad timestamp")
        return None
    ts = str(raw["ts"])
    thread_ts = raw.get("thread_ts")
    is_reply = isinstance(thread_ts, str) and thread_ts != ts
    text = str(raw.get("text") or "")
    reactions = tuple(
        ExportedReaction(
            name=str(reaction.get("name", "")),
            user_ids=tuple(str(user) for user in reaction.get("users") or []),
            count=int(reaction.get("count") or len(reaction.get("users") or [])),
        )
        for reaction in raw.get("reactions") or []
        if isinstance(reaction, dict)
    )
    edited = raw.get("edited")
    return ExportedMessage(
        platform=Platform.SLACK,
        workspace_id=workspace_id,
        channel_id=info["id"],
        channel_name=channel_name,
        message_id=ts,
        author=people.get(raw["user"], Person(user_id=raw["user"])),
        text=render_text(text, user_names, channel_names),
        sent_at=sent_at,
        members=members,
        is_public=info["is_public"],
        thread_id=thread_ts if is_reply else None,
        reply_to_message_id=thread_ts if is_reply else None,
        mentioned_ids=tuple(match["user_id"] for match in _USER_MENTION.finditer(text)),
        reactions=reactions,
        edited_at=_moment(edited["ts"]) if isinstance(edited, dict) and edited.get("ts") else None,
    )
