"""Slack payloads -> the core's events (the adapter's inbound half); no Slack object crosses into the core."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

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

# Message subtypes that are people writing; every other subtype (channel_join, channel_topic,
# bot_message, ...) is housekeeping or another app and is skipped.
# https://api.slack.com/events/message#subtypes
_AUTHORED_SUBTYPES = {None, "", "thread_broadcast", "file_share", "me_message"}

ANSWER_ACTION_PREFIX = "damage_answer"
INCIDENT_STEP_ACTION = "damage_incident_step"
INCIDENT_CONTROL_ACTION = "damage_incident"  # "damage_incident:owner" / ":update" / ":resolve"
INCIDENT_FORM_CALLBACK_ID = "damage_incident_form"
INCIDENT_FORM_BLOCK_ID = "incident_text"
INCIDENT_FORM_INPUT_ID = "text"
_INCIDENT_VERBS = {"owner", "update", "resolve"}
SETTINGS_CALLBACK_ID = "damage_settings"
CHECK_SHORTCUT_ID = "damage_check_message"
INCIDENT_SHORTCUT_ID = "damage_open_incident"

_USER_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_SPECIAL_MENTION = re.compile(r"<!(here|channel|everyone)(?:\|[^>]*)?>")
_LINK = re.compile(r"<((?:https?|mailto):[^>|]+)(?:\|([^>]*))?>")


class MalformedPayload(ValueError):
    """A Slack payload without the fields we need; the caller logs it (ids only) and carries on."""


@dataclass(frozen=True)
class ChannelFacts:
    """What the adapter looked up about a channel (conversations.info), cached by the app."""

    channel_id: str
    name: str | None = None
    is_private: bool = False
    member_count: int | None = None


@dataclass(frozen=True)
class Self:
    """Who the app is in this workspace, so its own messages are never judged."""

    user_id: str | None
    bot_id: str | None


# --- small helpers --------------------------------------------------------------------------------
def from_ts(ts: str | float | None) -> datetime:
    """Slack timestamps are "seconds.micro" strings; also message ids within a channel."""
    try:
        return datetime.fromtimestamp(float(ts), tz=UTC)  # type: ignore[arg-type]
    except (TypeError, ValueError) as error:
        raise MalformedPayload(f"bad Slack timestamp {ts!r}") from error


def to_plain_text(text: str) -> str:
    """Slack mrkdwn markup -> the text a person sees, which is what the detector reads.

    User mentions stay as `<@U123>` so a correction posted back keeps them working; special
    mentions become `@here`/`@channel`/`@everyone`; links show their address; entities are unescaped
    (https://api.slack.com/reference/surfaces/formatting#escaping)."""
    text = _SPECIAL_MENTION.sub(lambda match: "@" + match.group(1), text)
    text = _LINK.sub(lambda match: match.group(1).removeprefix("mailto:"), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def to_slack_text(text: str) -> str:
    """Plain text -> Slack text: escape &, <, > but keep user mentions working."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"&lt;@([UW][A-Z0-9]+)&gt;", r"<@\1>", escaped)


def mentioned_ids(text: str) -> tuple[str, ...]:
    found = [match.group(1) for match in _USER_MENTION.finditer(text)]
    found += [match.group(1) for match in _SPECIAL_MENTION.finditer(text)]
    return tuple(dict.fromkeys(found))


def _required(mapping: dict[str, Any], *keys: str) -> Any:
    value: Any = mapping
    for key in keys:
        if not isinstance(value, dict) or value.get(key) in (None, ""):
            raise MalformedPayload(f"missing {'.'.join(keys)}")
        value = value[key]
    return value


def _team_id(body: dict[str, Any]) -> str:
    team = body.get("team")
    if isinstance(team, dict) and team.get("id"):
        return str(team["id"])
    for key in ("team_id", "user_team"):
        if body.get(key):
            return str(body[key])
    user = body.get("user")
    if isinstance(user, dict) and user.get("team_id"):
        return str(user["team_id"])
    raise MalformedPayload("missing team id")


def place_for(team_id: str, channel_id: str, *, thread_ts: str | None = None,
              channel_type: str | None = None, channel: ChannelFacts | None = None) -> Place:
    is_direct = channel_type in {"im", "mpim"} or channel_id.startswith("D")
    is_private = channel_type == "group" or (channel is not None and channel.is_private)
    return Place(
        platform=Platform.SLACK,
        workspace_id=team_id,
        channel_id=channel_id,
        thread_id=thread_ts,
        channel_name=channel.name if channel else None,
        is_public=not (is_direct or is_private),
        is_direct=is_direct,
    )


# --- Events API -----------------------------------------------------------------------------------
def is_own_or_bot(event: dict[str, Any], me: Self) -> bool:
    """Bots (including this app) are never nudged: Slack marks them with bot_id or subtype bot_message."""
    inner = event.get("message") if isinstance(event.get("message"), dict) else event
    assert isinstance(inner, dict)
    if event.get("subtype") == "bot_message" or inner.get("subtype") == "bot_message":
        return True
    if inner.get("bot_id") or event.get("bot_id"):
        return True
    user_id = inner.get("user") or event.get("user")
    return bool(me.user_id) and user_id == me.user_id


def to_message_event(body: dict[str, Any], me: Self, channel: ChannelFacts | None = None
                     ) -> ChatMessage | MessageEdited | MessageDeleted | None:
    """A `message` event -> ChatMessage, MessageEdited or MessageDeleted; None for what we ignore."""
    event = _required(body, "event")
    event_id = str(_required(body, "event_id"))
    team_id = _team_id(body)
    channel_id = str(_required(event, "channel"))
    subtype = event.get("subtype")
    if is_own_or_bot(event, me):
        return None
    if subtype == "message_changed":
        new = _required(event, "message")
        if new.get("text") == (event.get("previous_message") or {}).get("text"):
            return None  # an unfurl or a reaction count changed, not the words
        place = place_for(team_id, channel_id, thread_ts=new.get("thread_ts"),
                          channel_type=event.get("channel_type"), channel=channel)
        return MessageEdited(
            event_id=event_id,
            message_id=str(_required(new, "ts")),
            place=place,
            author_id=str(_required(new, "user")),
            new_text=to_plain_text(str(new.get("text", ""))),
            edited_at=from_ts((new.get("edited") or {}).get("ts") or event.get("event_ts") or event.get("ts")),
        )
    if subtype == "message_deleted":
        previous = event.get("previous_message") or {}
        place = place_for(team_id, channel_id, thread_ts=previous.get("thread_ts"),
                          channel_type=event.get("channel_type"), channel=channel)
        return MessageDeleted(
            event_id=event_id,
            message_id=str(_required(event, "deleted_ts")),
            place=place,
            deleted_at=from_ts(event.get("event_ts") or event.get("ts")),
            author_id=previous.get("user"),
        )
    if subtype not in _AUTHORED_SUBTYPES:
        return None
    user_id = str(_required(event, "user"))
    raw_text = str(event.get("text") or "")
    if not raw_text.strip():
        return None  # a file without a caption: nothing to read
    thread_ts = event.get("thread_ts")
    place = place_for(team_id, channel_id, thread_ts=thread_ts, channel_type=event.get("channel_type"),
                      channel=channel)
    return ChatMessage(
        event_id=event_id,
        message_id=str(_required(event, "ts")),
        place=place,
        author=Person(user_id=user_id),
        text=to_plain_text(raw_text),
        sent_at=from_ts(event["ts"]),
        audience_size=channel.member_count if channel else None,
        mentioned_ids=mentioned_ids(raw_text),
        reply_to_message_id=thread_ts if thread_ts and thread_ts != event["ts"] else None,
        addressed_to_bot=addresses(raw_text, me),
    )


def addresses(raw_text: str, me: Self) -> bool:
    """The message begins by mentioning this app's bot user ("<@UBOT> resolve ..."), as Slack users
    address an app; a mention further along is talk about the bot, not to it."""
    if not me.user_id:
        return False
    match = _USER_MENTION.match(raw_text.lstrip())
    return match is not None and match.group(1) == me.user_id


def to_reaction(body: dict[str, Any], channel: ChannelFacts | None = None) -> ReactionAdded | None:
    event = _required(body, "event")
    item = _required(event, "item")
    if item.get("type") != "message":
        return None  # reactions on files are not about a message
    return ReactionAdded(
        event_id=str(_required(body, "event_id")),
        message_id=str(_required(item, "ts")),
        place=place_for(_team_id(body), str(_required(item, "channel")), channel=channel),
        user_id=str(_required(event, "user")),
        reaction=str(_required(event, "reaction")),
        added_at=from_ts(event.get("event_ts")),
        message_author_id=event.get("item_user"),
    )


# --- commands, shortcuts, buttons, modals --------------------------------------------------------
def to_command(body: dict[str, Any], now: datetime) -> CommandInvoked:
    """`/damage check some text` -> CommandInvoked(command="check", arguments="some text")."""
    text = to_plain_text(str(body.get("text") or "")).strip()
    command, _, arguments = text.partition(" ")
    channel_id = str(_required(body, "channel_id"))
    return CommandInvoked(
        event_id=f"slack-command:{_required(body, 'trigger_id')}",
        place=place_for(_team_id(body), channel_id, channel_type=_channel_type(body.get("channel_name"))),
        user=Person(user_id=str(_required(body, "user_id")), display_name=str(body.get("user_name") or "")),
        command=command.lower() or "help",
        arguments=arguments.strip(),
        invoked_at=now,
        mentioned_ids=mentioned_ids(str(body.get("text") or "")),
    )


def _channel_type(channel_name: object) -> str | None:
    # Slash commands name DMs "directmessage" and group DMs "mpdm-..." instead of giving a type.
    if channel_name == "directmessage":
        return "im"
    if isinstance(channel_name, str) and channel_name.startswith("mpdm-"):
        return "mpim"
    return None


def to_shortcut(body: dict[str, Any], now: datetime) -> CommandInvoked:
    """A message shortcut -> CommandInvoked with the message as target ("check" or "incident open")."""
    team_id = _team_id(body)
    channel_id = str(_required(body, "channel", "id"))
    message = _required(body, "message")
    message_ts = str(_required(message, "ts"))
    place = place_for(team_id, channel_id, thread_ts=message.get("thread_ts"))
    is_incident = body.get("callback_id") == INCIDENT_SHORTCUT_ID
    return CommandInvoked(
        event_id=f"slack-shortcut:{_required(body, 'trigger_id')}",
        place=place,
        user=Person(user_id=str(_required(body, "user", "id")),
                    display_name=str((body.get("user") or {}).get("name") or "")),
        command="incident" if is_incident else "check",
        arguments="open" if is_incident else "",
        target=TargetMessage(
            message_id=message_ts,
            author_id=str(message.get("user") or message.get("bot_id") or ""),
            text=to_plain_text(str(message.get("text") or "")),
            place=place,
            sent_at=from_ts(message_ts),
        ),
        invoked_at=now,
    )


def answer_value(suggestion_id: str, answer: Answer) -> str:
    """A button's value: everything needed to answer it, so buttons work after a restart."""
    return json.dumps({"s": suggestion_id, "a": answer.value}, separators=(",", ":"))


def to_answer(body: dict[str, Any], action: dict[str, Any], now: datetime) -> SuggestionAnswered:
    try:
        value = json.loads(str(action.get("value") or ""))
        suggestion_id, answer = str(value["s"]), Answer(value["a"])
    except (ValueError, KeyError, TypeError) as error:
        raise MalformedPayload("button value is not a suggestion answer") from error
    channel = body.get("channel") or {}
    place = None
    if channel.get("id"):
        place = place_for(_team_id(body), str(channel["id"]),
                          thread_ts=(body.get("container") or {}).get("thread_ts"))
    return SuggestionAnswered(
        event_id=f"slack-action:{_required(body, 'trigger_id')}:{action.get('action_id', '')}",
        suggestion_id=suggestion_id,
        user_id=str(_required(body, "user", "id")),
        answer=answer,
        answered_at=now,
        place=place,
    )


def incident_step_value(incident_id: str, step_id: str) -> str:
    return json.dumps({"i": incident_id, "step": step_id}, separators=(",", ":"))


def to_incident_step(body: dict[str, Any], action: dict[str, Any], now: datetime) -> CommandInvoked:
    """A checklist button in an incident thread -> `incident done <step>` in that thread."""
    try:
        value = json.loads(str(action.get("value") or ""))
        incident_id, step_id = str(value["i"]), str(value["step"])
    except (ValueError, KeyError, TypeError) as error:
        raise MalformedPayload("button value is not an incident step") from error
    container = body.get("container") or {}
    message = body.get("message") or {}
    thread_ts = container.get("thread_ts") or message.get("thread_ts") or container.get("message_ts")
    # The step reference names its incident ("inc_1:rotate"), so the click works outside the thread.
    reference = step_id if ":" in step_id else f"{incident_id}:{step_id}"
    return CommandInvoked(
        event_id=f"slack-action:{_required(body, 'trigger_id')}:{step_id}",
        place=place_for(_team_id(body), str(_required(body, "channel", "id")), thread_ts=thread_ts),
        user=Person(user_id=str(_required(body, "user", "id"))),
        command="incident",
        arguments=f"done {reference}",
        invoked_at=now,
    )


def incident_control_value(incident_id: str, verb: str) -> str:
    return json.dumps({"i": incident_id, "v": verb}, separators=(",", ":"))


def to_incident_control(body: dict[str, Any], action: dict[str, Any], now: datetime) -> CommandInvoked:
    """"Take ownership", "Post update" or "Resolve" on an incident's first message -> the `incident`
    command naming the incident by id (so it works wherever the message is): owner <id> me, update <id>,
    resolve <id>. The core answers update and resolve with a form, which the click's trigger_id opens."""
    try:
        value = json.loads(str(action.get("value") or ""))
        incident_id, verb = str(value["i"]), str(value["v"])
    except (ValueError, KeyError, TypeError) as error:
        raise MalformedPayload("button value is not an incident control") from error
    if verb not in _INCIDENT_VERBS:
        raise MalformedPayload(f"unknown incident control {verb!r}")
    container = body.get("container") or {}
    message = body.get("message") or {}
    thread_ts = container.get("thread_ts") or message.get("thread_ts") or container.get("message_ts")
    return CommandInvoked(
        event_id=f"slack-action:{_required(body, 'trigger_id')}:{verb}",
        place=place_for(_team_id(body), str(_required(body, "channel", "id")), thread_ts=thread_ts),
        user=Person(user_id=str(_required(body, "user", "id"))),
        command="incident",
        arguments=f"{verb} {incident_id}" + (" me" if verb == "owner" else ""),
        invoked_at=now,
    )


def to_incident_form(body: dict[str, Any], now: datetime) -> IncidentFormSubmitted:
    """A view_submission of the incident form; which incident, which form and where it was opened ride
    in private_metadata (adapters/slack/modals.py), the text in the view's state."""
    view = _required(body, "view")
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
        incident_id, form = str(meta["i"]), str(meta["f"])
        field = view["state"]["values"][INCIDENT_FORM_BLOCK_ID][INCIDENT_FORM_INPUT_ID]
    except (ValueError, KeyError, TypeError) as error:
        raise MalformedPayload("incident form submission without its incident or its field") from error
    if form not in ("update", "resolve"):
        raise MalformedPayload(f"unknown incident form {form!r}")
    team_id = _team_id(body)
    place = place_for(team_id, str(meta["c"]), thread_ts=meta.get("t")) if meta.get("c") else None
    return IncidentFormSubmitted(
        event_id=f"slack-view:{view.get('id') or ''}:{view.get('hash') or body.get('trigger_id', '')}",
        incident_id=incident_id,
        form=form,  # type: ignore[arg-type]
        text=to_plain_text(str(field.get("value") or "")),
        user=Person(user_id=str(_required(body, "user", "id"))),
        platform=Platform.SLACK,
        workspace_id=team_id,
        place=place,
        submitted_at=now,
    )


def to_settings(body: dict[str, Any], values: dict[str, str | int | bool | list[str] | None],
                now: datetime) -> SettingsSubmitted:
    view = _required(body, "view")
    return SettingsSubmitted(
        event_id=f"slack-view:{view.get('id') or ''}:{view.get('hash') or body.get('trigger_id', '')}",
        user_id=str(_required(body, "user", "id")),
        platform=Platform.SLACK,
        workspace_id=_team_id(body),
        values=values,
        submitted_at=now,
    )
