"""The platform-neutral shape of exported history: messages with their reactions, and what could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.events import Person
from bot.vocabulary import Platform


@dataclass(frozen=True, slots=True)
class ExportedReaction:
    name: str
    user_ids: tuple[str, ...]
    count: int


@dataclass(frozen=True, slots=True)
class ExportedMessage:
    platform: Platform
    workspace_id: str
    channel_id: str
    channel_name: str
    message_id: str
    author: Person
    text: str
    sent_at: datetime
    members: tuple[Person, ...] = ()
    is_public: bool = True
    thread_id: str | None = None
    reply_to_message_id: str | None = None
    mentioned_ids: tuple[str, ...] = ()
    reactions: tuple[ExportedReaction, ...] = ()
    edited_at: datetime | None = None


@dataclass
class History:
    """Everything read from one export; `problems` says, per file, what could not be read."""

    source_format: str
    messages: list[ExportedMessage] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1
