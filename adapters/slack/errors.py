"""Slack Web API error codes -> the core's FailureReason, plus the one log line each failure gets."""

from __future__ import annotations

import logging

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.receipts import ActionFailed, FailureReason

log = logging.getLogger(__name__)

# https://api.slack.com/methods/chat.postMessage#errors and friends; unknown codes -> UNKNOWN.
_REASONS: dict[str, FailureReason] = {
    "not_in_channel": FailureReason.NOT_IN_CHANNEL,
    "is_archived": FailureReason.NOT_IN_CHANNEL,
    "channel_not_found": FailureReason.CHANNEL_NOT_FOUND,
    "user_not_in_channel": FailureReason.NOT_IN_CHANNEL,
    "user_not_found": FailureReason.CHANNEL_NOT_FOUND,
    "message_not_found": FailureReason.MESSAGE_NOT_FOUND,
    "cant_update_message": FailureReason.CANNOT_EDIT,
    "edit_window_closed": FailureReason.CANNOT_EDIT,
    "cant_delete_message": FailureReason.CANNOT_EDIT,
    "compliance_exports_prevent_deletion": FailureReason.CANNOT_EDIT,
    "missing_scope": FailureReason.MISSING_PERMISSION,
    "restricted_action": FailureReason.MISSING_PERMISSION,
    "not_allowed_token_type": FailureReason.MISSING_PERMISSION,
    "cannot_dm_bot": FailureReason.CLOSED_DIRECT_MESSAGES,
    "messages_tab_disabled": FailureReason.CLOSED_DIRECT_MESSAGES,
    "ratelimited": FailureReason.RATE_LIMITED,
    "rate_limited": FailureReason.RATE_LIMITED,
    "token_revoked": FailureReason.TOKEN_REVOKED,
    "token_expired": FailureReason.TOKEN_REVOKED,
    "invalid_auth": FailureReason.TOKEN_REVOKED,
    "not_authed": FailureReason.TOKEN_REVOKED,
    "account_inactive": FailureReason.TOKEN_REVOKED,
    "expired_trigger_id": FailureReason.INVALID_REQUEST,
    "invalid_trigger_id": FailureReason.INVALID_REQUEST,
    "invalid_blocks": FailureReason.INVALID_REQUEST,
    "invalid_arguments": FailureReason.INVALID_REQUEST,
    "msg_too_long": FailureReason.INVALID_REQUEST,
    "no_text": FailureReason.INVALID_REQUEST,
}

# Failures that mean the bot itself is cut off (not one channel): worth an error, not a warning.
TOKEN_FAILURES = {FailureReason.TOKEN_REVOKED}


def error_code(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        data = getattr(error.response, "data", None)
        if isinstance(data, dict) and data.get("error"):
            return str(data["error"])
        return f"http_{getattr(error.response, 'status_code', 'error')}"
    if isinstance(error, aiohttp.ClientError | TimeoutError):
        return "connection_error"
    return type(error).__name__


def reason_for(code: str) -> FailureReason:
    return _REASONS.get(code, FailureReason.UNKNOWN)


def to_failure(error: Exception, *, action_kind: str, reference_id: str, method: str,
               channel_id: str | None = None) -> ActionFailed:
    """Turn a Web API failure into a receipt, logging one clear line (ids and the error code only)."""
    code = error_code(error)
    reason = reason_for(code)
    level = logging.ERROR if reason in TOKEN_FAILURES or reason is FailureReason.UNKNOWN else logging.WARNING
    hint = _HINTS.get(reason, "")
    log.log(level, "slack %s failed for %s %s (channel %s): %s%s", method, action_kind, reference_id or "-",
            channel_id or "-", code, f" ({hint})" if hint else "")
    return ActionFailed(action_kind=action_kind, reference_id=reference_id, reason=reason, detail=code)


_HINTS = {
    FailureReason.NOT_IN_CHANNEL: "invite the app to the channel with /invite @damage-control",
    FailureReason.CHANNEL_NOT_FOUND: "the channel is gone or the app cannot see it",
    FailureReason.TOKEN_REVOKED: "the token was revoked or is invalid: reinstall the app or update the token",
    FailureReason.MISSING_PERMISSION: "add the missing scope to the app manifest and reinstall",
    FailureReason.CANNOT_EDIT: "Slack lets an app edit only its own messages without the author's token",
}
