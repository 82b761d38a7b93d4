"""Discord API errors mapped to the core's FailureReason vocabulary, with one clear log line each."""

from __future__ import annotations

import logging

import discord

from bot.receipts import ActionFailed, FailureReason

log = logging.getLogger(__name__)

# Discord JSON error codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes).
CANNOT_SEND_TO_USER = 50007  # the member's DMs are closed to the bot (server privacy setting or blocked)
MISSING_ACCESS = 50001
MISSING_PERMISSIONS = 50013
UNKNOWN_CHANNEL = 10003
UNKNOWN_MESSAGE = 10008
UNKNOWN_USER = 10013
CANNOT_EDIT_OTHERS = 50005
INVALID_FORM_BODY = 50035

_BY_CODE = {
    CANNOT_SEND_TO_USER: FailureReason.CLOSED_DIRECT_MESSAGES,
    MISSING_ACCESS: FailureReason.NOT_IN_CHANNEL,
    MISSING_PERMISSIONS: FailureReason.MISSING_PERMISSION,
    UNKNOWN_CHANNEL: FailureReason.CHANNEL_NOT_FOUND,
    UNKNOWN_MESSAGE: FailureReason.MESSAGE_NOT_FOUND,
    CANNOT_EDIT_OTHERS: FailureReason.CANNOT_EDIT,
    INVALID_FORM_BODY: FailureReason.INVALID_REQUEST,
}


def failure_reason(error: discord.HTTPException) -> FailureReason:
    if error.code in _BY_CODE:
        return _BY_CODE[error.code]
    if isinstance(error, discord.Forbidden):
        return FailureReason.MISSING_PERMISSION
    if isinstance(error, discord.NotFound):
        return FailureReason.CHANNEL_NOT_FOUND
    if error.status == 429:
        return FailureReason.RATE_LIMITED
    if error.status == 401:
        return FailureReason.TOKEN_REVOKED
    if error.status == 400:
        return FailureReason.INVALID_REQUEST
    return FailureReason.UNKNOWN


def to_failure(error: discord.HTTPException, action_kind: str, reference_id: str = "") -> ActionFailed:
    """Log the failure (status and Discord code only: the error text may echo message content) and build the receipt."""
    reason = failure_reason(error)
    log.warning(
        "discord refused %s (reference %s): HTTP %s, code %s -> %s",
        action_kind,
        reference_id or "-",
        error.status,
        error.code,
        reason.value,
    )
    return ActionFailed(
        action_kind=action_kind, reference_id=reference_id, reason=reason, detail=f"discord:{error.code}"
    )
