"""The simulated channel: its members and the messages posted in it, as the console shows them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from bot.events import Person, Place
from bot.vocabulary import Platform

WORKSPACE_ID = "local"
CHANNEL_ID = "general"
INCIDENT_CHANNEL_ID = "incidents"
USER = Person(user_id="you", display_name="you")
OTHERS = (
    Person(user_id="alice", display_name="Alice"),
    Person(user_id="bob", display_name="Bob"),
    Person(user_id="carol", display_name="Carol"),
)


def channel_place(channel_id: str = CHANNEL_ID, thread_id: str | None = None) -> Place:
    return Place(
        platform=Platform.CONSOLE,
        workspace_id=WORKSPACE_ID,
        channel_id=channel_id,
        thread_id=thread_id,
        channel_name=channel_id,
        is_public=True,
    )


@dataclass
class PostedMessage:
    message_id: str
    author: Person
    text: str
    deleted: bool = False


@dataclass
class Transcript:
    """What has been said in #general, so edits, deletions and replies can refer to earlier messages."""

    members: tuple[Person, ...] = (USER, *OTHERS)
    messages: dict[str, PostedMessage] = field(default_factory=dict)
    # Message ids outlive a session in the database: each session numbers its own.
    session: str = field(default_factory=lambda: uuid.uuid4().hex[:6])
    _count: int = 0

    def new_message_id(self) -> str:
        self._count += 1
        return f"m{self.session}-{self._count}"

    def add(self, message: PostedMessage) -> None:
        self.messages[message.message_id] = message

    def last_by(self, user_id: str) -> PostedMessage | None:
        for message in reversed(list(self.messages.values())):
            if message.author.user_id == user_id and not message.deleted:
                return message
        return None

    def member(self, name: str) -> Person | None:
        wanted = name.lstrip("@").casefold()
        for person in self.members:
            if wanted in (person.user_id.casefold(), person.display_name.casefold()):
                return person
        return None
