"""Receipts: what an adapter's sink reports back after performing an action, so the core can follow up."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.events import Place


class FailureReason(StrEnum):
    """Platform errors, mapped to one vocabulary so the core can choose a fallback."""

    CLOSED_DIRECT_MESSAGES = "closed_direct_messages"
    NOT_IN_CHANNEL = "not_in_channel"
    CHANNEL_NOT_FOUND = "channel_not_found"
    MESSAGE_NOT_FOUND = "message_not_found"
    MISSING_PERMISSION = "missing_permission"
    CANNOT_EDIT = "cannot_edit"  # Slack cant_update_message / edit_window_closed; Discord: never another's
    NOT_AUTHORISED = "not_authorised"  # the user has not authorised acting on their behalf
    RATE_LIMITED = "rate_limited"
    TOKEN_REVOKED = "token_revoked"
    INVALID_REQUEST = "invalid_request"
    UNKNOWN = "unknown"


class _Frozen(BaseModel):
    # hide_input_in_errors: a validation error must never carry message text into a log line.
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)


class Delivered(_Frozen):
    kind: Literal["delivered"] = "delivered"
    action_kind: str
    reference_id: str = ""  # suggestion id, incident id, ...
    platform_message_id: str | None = None


class ActionFailed(_Frozen):
    kind: Literal["action_failed"] = "action_failed"
    action_kind: str
    reference_id: str = ""
    reason: FailureReason
    detail: str = ""  # the platform's error code, never message text or tokens


class IncidentThreadOpened(_Frozen):
    kind: Literal["incident_thread_opened"] = "incident_thread_opened"
    incident_id: str
    thread: Place
    url: str | None = None


Receipt = Annotated[Delivered | ActionFailed | IncidentThreadOpened, Field(discriminator="kind")]
