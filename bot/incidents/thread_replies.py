"""Replies in an incident thread: which ones are commands for the bot, and which are conversation.

People talk in an incident thread ("update: I pinged the customer", "done with the rollback, resolve
soon?"); none of that may change the incident. A reply is a command only when it addresses the bot
first, as Slack and Discord users do ("@damage-control resolve the key is rotated"), or when the whole
reply is one of three short forms nobody writes as conversation: "sev 2", "done 3" (a step number) and
"owner me". Everything else stays a message; the buttons on the incident card and the slash command
are the other ways in.
"""

from __future__ import annotations

import re

from bot.events import ChatMessage, CommandInvoked
from bot.store.incidents import IncidentStore

# The whole reply, nothing before or after: "sev 2" / "SEV2", "done 3", "owner me".
STRICT_REPLY = re.compile(r"^(?:(sev)\s*([1-4])|(done)\s+(\d{1,2})|(owner)\s+(me))$", re.IGNORECASE)
# A leading mention, as either platform writes it (Slack <@U123>, <@U123|ana>; Discord <@123>, <@!123>, and
# <@&123> when Discord's autocomplete picked the bot's own managed role).
_LEADING_MENTION = re.compile(r"^<@[!&]?([A-Za-z0-9]+)(?:\|[^>]*)?>[\s,:]*")


def thread_command(store: IncidentStore, message: ChatMessage) -> CommandInvoked | None:
    """The `incident` command a reply in an incident thread stands for, or None for conversation.

    Only threads the desk knows (an incident's thread) count; the same words anywhere else are talk."""
    arguments, addressed_id = _command_words(message)
    if arguments is None:
        return None
    place = message.place
    incident = store.by_thread(place.platform.value, place.channel_id, place.thread_id)
    if incident is None or incident.workspace_id != place.workspace_id:
        return None
    # The addressed bot is not the subject of "owner @ana" (unless named again after the verb).
    mentioned = tuple(
        user_id for user_id in message.mentioned_ids if user_id != addressed_id or addressed_id in arguments
    )
    return CommandInvoked(
        event_id=message.event_id,
        place=place,
        user=message.author,
        command="incident",
        arguments=arguments,
        invoked_at=message.sent_at,
        mentioned_ids=mentioned,
    )


def _command_words(message: ChatMessage) -> tuple[str | None, str | None]:
    """(the command's arguments, the addressed bot's id) or (None, None) for conversation."""
    text = message.text.strip()
    if message.addressed_to_bot:
        leading = _LEADING_MENTION.match(text)
        if leading is None:
            return None, None
        words = text[leading.end():].strip()
        verb, _, rest = words.partition(" ")
        # "@damage-control update: the key is rotated" is addressed to the bot: the colon is punctuation.
        verb = verb.rstrip(":,.;!").lower()
        # "@damage-control" alone, or with a question: the incident's help, privately.
        return (f"{verb} {rest.strip()}".strip() or "help"), leading.group(1)
    strict = STRICT_REPLY.match(text)
    if strict is None:
        return None, None
    verb, value = next((strict.group(i).lower(), strict.group(i + 1).lower()) for i in (1, 3, 5) if strict.group(i))
    return f"{verb} {value}", None
