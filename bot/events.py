"""Inbound events: the facts an adapter hands to the engine, free of any platform SDK object."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from bot.vocabulary import Answer, Platform


class _Frozen(BaseModel):
    # hide_input_in_errors: a validation error must never carry message text into a log line.
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)


class Place(_Frozen):
    """Where something was said: platform, workspace (Slack team / Discord guild), channel and thread."""

    platform: Platform
    workspace_id: str
    channel_id: str
    thread_id: str | None = None
    channel_name: str | None = None
    is_public: bool = True
    is_direct: bool = False

    @property
    def key(self) -> str:
        return f"{self.platform.value}:{self.workspace_id}:{self.channel_id}"


class Person(_Frozen):
    user_id: str
    display_name: str = ""
    # The platform says this person administers the channel (Discord: Administrator, Manage Channels or
    # Manage Threads there; Slack: a workspace admin or owner, where the adapter looked it up). Incidents
    # let such a person resolve or hand over any incident (bot/incidents/permissions.py).
    is_channel_admin: bool = False

    @property
    def name(self) -> str:
        return self.display_name or self.user_id


class ChatMessage(_Frozen):
    """A user posted a message."""

    kind: Literal["chat_message"] = "chat_message"
    event_id: str  # the platform's delivery id, used to de-duplicate retries and resumes
    message_id: str
    place: Place
    author: Person
    text: str
    sent_at: AwareDatetime
    audience_size: int | None = Field(default=None, ge=0)
    members_present: tuple[Person, ...] = ()
    mentioned_ids: tuple[str, ...] = ()
    reply_to_message_id: str | None = None
    reply_to_text: str | None = None
    language_hint: str | None = None  # a known language (replay --lang); None: detect it
    # The message begins by mentioning this bot ("@damage-control resolve"): only the adapter knows the
    # bot's own user id. In an incident thread, that is what makes a reply a command.
    addressed_to_bot: bool = False


class MessageEdited(_Frozen):
    kind: Literal["message_edited"] = "message_edited"
    event_id: str
    message_id: str
    place: Place
    author_id: str
    new_text: str
    edited_at: AwareDatetime


class MessageDeleted(_Frozen):
    kind: Literal["message_deleted"] = "message_deleted"
    event_id: str
    message_id: str
    place: Place
    deleted_at: AwareDatetime
    author_id: str | None = None


class ReactionAdded(_Frozen):
    kind: Literal["reaction_added"] = "reaction_added"
    event_id: str
    message_id: str
    place: Place
    user_id: str
    reaction: str  # a name without colons ("thumbsdown") or the emoji itself ("👎")
    added_at: AwareDatetime
    message_author_id: str | None = None


class TargetMessage(_Frozen):
    """The message a context-menu command (message shortcut) was invoked on."""

    message_id: str
    author_id: str
    text: str
    place: Place
    sent_at: AwareDatetime | None = None


class CommandInvoked(_Frozen):
    """A slash command, a console command or a message shortcut / context menu."""

    kind: Literal["command_invoked"] = "command_invoked"
    event_id: str
    place: Place
    user: Person
    command: str  # the subcommand: "check", "apologies", "settings", "snooze", "forget-me", "incident", "help", ...
    arguments: str = ""
    target: TargetMessage | None = None
    invoked_at: AwareDatetime
    mentioned_ids: tuple[str, ...] = ()


class SuggestionAnswered(_Frozen):
    """A user pressed a button on (or chose an option of) a private suggestion."""

    kind: Literal["suggestion_answered"] = "suggestion_answered"
    event_id: str
    suggestion_id: str
    user_id: str
    answer: Answer
    answered_at: AwareDatetime
    place: Place | None = None


class SettingsSubmitted(_Frozen):
    """A user saved the settings form (Slack modal, Discord select menus, console command)."""

    kind: Literal["settings_submitted"] = "settings_submitted"
    event_id: str
    user_id: str
    platform: Platform
    workspace_id: str
    values: dict[str, str | int | bool | list[str] | None]
    submitted_at: AwareDatetime


class IncidentFormSubmitted(_Frozen):
    """A user sent an incident's form (Slack modal, Discord modal): a status update or a resolution."""

    kind: Literal["incident_form_submitted"] = "incident_form_submitted"
    event_id: str
    incident_id: str
    form: Literal["update", "resolve"]
    text: str = ""  # the update, or the lessons learned (optional for a resolution)
    user: Person
    platform: Platform
    workspace_id: str
    place: Place | None = None  # where the form was opened, for private answers; None: the incident's thread
    submitted_at: AwareDatetime


Event = Annotated[
    ChatMessage
    | MessageEdited
    | MessageDeleted
    | ReactionAdded
    | CommandInvoked
    | SuggestionAnswered
    | SettingsSubmitted
    | IncidentFormSubmitted,
    Field(discriminator="kind"),
]

EVENT_TYPES = (
    ChatMessage,
    MessageEdited,
    MessageDeleted,
    ReactionAdded,
    CommandInvoked,
    SuggestionAnswered,
    SettingsSubmitted,
    IncidentFormSubmitted,
)


def utc(moment: datetime) -> datetime:
    """Reject naive datetimes early: every time in the core is timezone-aware UTC."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: every time in the core is timezone-aware")
    return moment
