"""Replies typed in a known incident thread that read as incident commands ("sev 2", "owner @ana")."""

from __future__ import annotations

import re

from bot.events import ChatMessage, CommandInvoked
from bot.store.incidents import IncidentStore

# The verbs that make a thread reply a command; anything else said in the thread stays a message.
THREAD_VERBS = frozenset({"owner", "sev", "update", "done", "note", "resolve"})
# A leading mention, as either platform writes it (Slack <@U123>, <@U123|ana>; Discord <@123>, <@!123>):
# people often address the bot first ("@damage-control sev 2").
_LEADING_MENTION = re.compile(r"^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>\s*")


def thread_command(store: IncidentStore, message: ChatMessage) -> CommandInvoked | None:
    """The `incident` command a reply in an incident thread stands for, or None for an ordinary message.

    Only threads the desk knows (an incident's thread) count; the same words anywhere else are talk."""
    place = message.place
    text = message.text.strip()
    addressed_id = None
    if leading := _LEADING_MENTION.match(text):
        addressed_id, text = leading.group(1), text[leading.end():]
    verb, _, rest = text.partition(" ")
    if verb.lower() not in THREAD_VERBS:
        return None
    incident = store.by_thread(place.platform.value, place.channel_id, place.thread_id)
    if incident is None or incident.workspace_id != place.workspace_id:
        return None
    # Whoever the reply addressed first (the bot, usually) is not the subject of "owner @ana".
    mentioned = tuple(
        user_id for user_id in message.mentioned_ids if user_id != addressed_id or addressed_id in rest
    )
    return CommandInvoked(
        event_id=message.event_id,
        place=place,
        user=message.author,
        command="incident",
        arguments=f"{verb.lower()} {rest.strip()}".strip(),
        invoked_at=message.sent_at,
        mentioned_ids=mentioned,
    )
