"""Outbound actions: what the engine wants done, stated as intent; each adapter's sink decides how."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from bot.events import Place
from bot.verdict import Suggestion
from bot.vocabulary import Answer, Category, Delivery, Platform, Severity


class _Frozen(BaseModel):
    # hide_input_in_errors: a validation error must never carry message text into a log line.
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)


class NoticePurpose(StrEnum):
    """Why a private notice is sent: lets replays, App Home and tests tell notices apart without parsing text."""

    INFO = "info"
    APOLOGY_RECORDED = "apology_recorded"  # 1st or 2nd apology for a matter: a quiet acknowledgement
    REPEAT_APOLOGY_WARNING = "repeat_apology_warning"  # 3rd attempt: "you already apologised twice..."
    NON_APOLOGY = "non_apology"
    FEEDBACK = "feedback"  # "not a problem" noted / sensitivity lowered
    CORRECTION_TO_COPY = "correction_to_copy"  # the platform could not apply it: here is the text
    INCIDENT_AUTHOR = "incident_author"  # the author of a message an incident is about
    INCIDENT_REMINDER = "incident_reminder"
    ERROR = "error"


class Card(_Frozen):
    """Platform-neutral rich text: Block Kit sections on Slack, an embed on Discord, plain lines on a console."""

    title: str
    lines: tuple[str, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()  # (label, value) pairs
    footer: str = ""

    def as_text(self) -> str:
        parts = [self.title, *self.lines, *(f"{label}: {value}" for label, value in self.fields)]
        if self.footer:
            parts.append(self.footer)
        return "\n".join(part for part in parts if part)


class Button(_Frozen):
    answer: Answer
    label: str
    primary: bool = False


class SendPrivateSuggestion(_Frozen):
    """Tell the author, privately, what we found in their message and what they can do about it."""

    kind: Literal["send_private_suggestion"] = "send_private_suggestion"
    suggestion_id: str
    recipient_id: str
    place: Place
    message_id: str
    delivery: Delivery
    language: str
    card: Card
    suggestions: tuple[Suggestion, ...]
    buttons: tuple[Button, ...]
    deliver_after: AwareDatetime | None = None  # a grace period in which an edit or deletion cancels it
    categories: tuple[Category, ...] = ()
    severity: Severity = Severity.NONE


class SendPrivateNotice(_Frozen):
    """A short private message: an acknowledgement, a repeat-apology warning, a reminder, a notice."""

    kind: Literal["send_private_notice"] = "send_private_notice"
    recipient_id: str
    place: Place | None = None  # where the user is, for an ephemeral; None means a direct message
    delivery: Delivery = Delivery.EPHEMERAL
    card: Card
    reference_id: str = ""  # the suggestion, apology or incident it is about
    purpose: NoticePurpose = NoticePurpose.INFO
    apology_count: int | None = None  # for apology notices: how many apologies the matter now has
    # Whose user this is when place is None (a direct message), so an undeliverable notice can be
    # held for the user's next command (users are keyed by platform, workspace and user id).
    platform: Platform | None = None
    workspace_id: str | None = None


class ReplyToCommand(_Frozen):
    """Answer a command privately (ephemeral on the platforms)."""

    kind: Literal["reply_to_command"] = "reply_to_command"
    event_id: str
    recipient_id: str
    place: Place
    card: Card
    suggestions: tuple[Suggestion, ...] = ()
    buttons: tuple[Button, ...] = ()
    suggestion_id: str | None = None  # set when the reply carries answerable suggestion buttons
    held_id: str | None = None  # set when the reply hands over a private message held back earlier


class ApplyCorrection(_Frozen):
    """Replace the text of the author's message with the corrected text (where the platform allows it)."""

    kind: Literal["apply_correction"] = "apply_correction"
    suggestion_id: str
    message_id: str
    place: Place
    author_id: str
    new_text: str


class DeleteMessage(_Frozen):
    kind: Literal["delete_message"] = "delete_message"
    suggestion_id: str | None = None
    message_id: str
    place: Place
    author_id: str


class PostMessage(_Frozen):
    """Post text in a channel or thread, as the user where they authorised it, else as the bot or a draft."""

    kind: Literal["post_message"] = "post_message"
    place: Place
    text: str
    on_behalf_of: str | None = None
    purpose: Literal["apology", "topic_change", "announcement"] = "announcement"
    suggestion_id: str | None = None


class IncidentButton(_Frozen):
    """A button on an incident's first message: take ownership, post an update, resolve."""

    verb: Literal["owner", "update", "resolve"]
    label: str
    style: Literal["default", "primary", "danger"] = "default"


class OpenIncidentThread(_Frozen):
    kind: Literal["open_incident_thread"] = "open_incident_thread"
    incident_id: str
    platform: Platform
    workspace_id: str
    team_channel_id: str
    title: str
    card: Card
    buttons: tuple[tuple[str, str], ...] = ()  # (checklist step id, label) to tick from the thread
    # The message the incident is about, when there is one, so the adapter can link it (Slack
    # chat.getPermalink, a Discord jump URL); the card already names it in words.
    message_place: Place | None = None
    message_id: str | None = None
    controls: tuple[IncidentButton, ...] = ()  # the incident's own buttons, after the checklist's


class PostIncidentUpdate(_Frozen):
    kind: Literal["post_incident_update"] = "post_incident_update"
    incident_id: str
    thread: Place
    card: Card
    mention_ids: tuple[str, ...] = ()


class OpenIncidentForm(_Frozen):
    """Ask for an incident's update or lessons learned in a form (Slack views.open, a Discord modal).

    A form needs the interaction that asked for it (a button, a slash command); without one (a reply
    typed in the thread) the adapter sends `fallback` privately instead."""

    kind: Literal["open_incident_form"] = "open_incident_form"
    incident_id: str
    form: Literal["update", "resolve"]
    recipient_id: str
    place: Place
    title: str  # short: Slack cuts a modal's title at 24 characters, Discord at 45
    label: str  # the text field's label
    placeholder: str = ""
    submit: str = ""
    required: bool = True
    fallback: Card
    trigger_ref: str | None = None


class OpenSettingsForm(_Frozen):
    """Show the per-user settings form (a Slack modal, Discord select menus)."""

    kind: Literal["open_settings_form"] = "open_settings_form"
    recipient_id: str
    place: Place
    trigger_ref: str | None = None  # Slack trigger_id / Discord interaction reference, from the command
    values: dict[str, str | int | bool | list[str] | None]


class PublishHome(_Frozen):
    """Publish a user's home view (Slack App Home); adapters without one may ignore it."""

    kind: Literal["publish_home"] = "publish_home"
    user_id: str
    platform: Platform
    workspace_id: str
    sections: tuple[Card, ...]


Action = Annotated[
    SendPrivateSuggestion
    | SendPrivateNotice
    | ReplyToCommand
    | ApplyCorrection
    | DeleteMessage
    | PostMessage
    | OpenIncidentThread
    | PostIncidentUpdate
    | OpenSettingsForm
    | PublishHome
    | OpenIncidentForm,
    Field(discriminator="kind"),
]

ACTION_TYPES = (
    SendPrivateSuggestion,
    SendPrivateNotice,
    ReplyToCommand,
    ApplyCorrection,
    DeleteMessage,
    PostMessage,
    OpenIncidentThread,
    PostIncidentUpdate,
    OpenSettingsForm,
    PublishHome,
    OpenIncidentForm,
)
