"""The Slack request being handled (trigger_id, response_url), visible to the sink without entering the core."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Interaction:
    """What Slack gave us with a command, shortcut or button press, to answer it the Slack way.

    A trigger_id opens a modal within 3 s of the click; a response_url answers ephemerally for 30 min,
    even in channels the app is not in (https://api.slack.com/interactivity/handling#message_responses)."""

    event_id: str
    user_id: str
    trigger_id: str | None = None
    response_url: str | None = None


# A context variable follows the listener into the dispatcher's tasks (asyncio copies the context),
# so the sink finds the interaction of the event whose actions it is performing.
current_interaction: ContextVar[Interaction | None] = ContextVar("current_interaction", default=None)
