"""Feed exported history, in time order, through the live engine, policy, ledger and incident desk."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from bot.actions import (
    Action,
    NoticePurpose,
    OpenIncidentThread,
    PostIncidentUpdate,
    SendPrivateNotice,
    SendPrivateSuggestion,
)
from bot.clock import ManualClock, SequentialIds
from bot.dispatch import Dispatcher
from bot.events import ChatMessage, Event, MessageEdited, Place, ReactionAdded, SettingsSubmitted
from bot.receipts import Delivered, IncidentThreadOpened, Receipt
from bot.replay.history import ExportedMessage, History
from bot.replay.records import ReplayAction, ReplayRecord
from bot.settings import Settings
from bot.store.database import open_database
from bot.vocabulary import Category
from bot.wiring import build_engine

# Exports carry no reaction times: a reaction is replayed one minute after its message.
REACTION_DELAY = timedelta(minutes=1)
# The scheduler (reminders, follow-ups) ticks in replay time at most this often.
SCHEDULER_TICK = timedelta(minutes=5)
_NOTICE_ACTIONS = {
    NoticePurpose.APOLOGY_RECORDED: ReplayAction.APOLOGY_RECORDED,
    NoticePurpose.REPEAT_APOLOGY_WARNING: ReplayAction.REPEAT_APOLOGY_WARNING,
    NoticePurpose.NON_APOLOGY: ReplayAction.NON_APOLOGY_FLAG,
}


@dataclass
class ReplayOptions:
    watch: tuple[str, ...] = ()  # user ids or names; empty: everyone
    since: datetime | None = None
    until: datetime | None = None
    language: str | None = None
    redact: bool = False
    database_path: Path | None = None


@dataclass
class _Source:
    """The exported message an event came from, to label what the bot did about it."""

    message: ExportedMessage
    records: list[ReplayRecord] = field(default_factory=list)


class RecordingSink:
    """The replay's "platform": performs nothing, records what the bot would have done."""

    def __init__(self, labeller: Callable[[Action], ReplayRecord | None]) -> None:
        self.records: list[ReplayRecord] = []
        self._labeller = labeller

    async def perform(self, action: Action) -> Receipt | None:
        record = self._labeller(action)
        if record is not None:
            self.records.append(record)
        if isinstance(action, OpenIncidentThread):
            thread = Place(
                platform=action.platform,
                workspace_id=action.workspace_id,
                channel_id=action.team_channel_id,
                thread_id=action.incident_id,
            )
            return IncidentThreadOpened(incident_id=action.incident_id, thread=thread)
        return Delivered(action_kind=action.kind)


class Replay:
    def __init__(self, settings: Settings, history: History, options: ReplayOptions) -> None:
        self.history = history
        self.options = options
        messages = [m for m in history.messages if self._in_range(m)]
        self.messages = messages
        start = messages[0].sent_at if messages else datetime.now().astimezone()
        self.clock = ManualClock(start)
        self._temporary: tempfile.TemporaryDirectory | None = None
        database_path = options.database_path
        if database_path is None:
            self._temporary = tempfile.TemporaryDirectory(prefix="damage-control-replay-")
            database_path = Path(self._temporary.name) / "replay.db"
        # The grace period is real time; a replay has none, so edits come from the export instead.
        replay_settings = settings.model_copy(
            update={"nudge_grace_seconds": 0.0, "watch_by_default": not options.watch}
        )
        self.engine = build_engine(
            replay_settings, clock=self.clock, ids=SequentialIds(), database=open_database(database_path)
        )
        self.sink = RecordingSink(self._label)
        self.dispatcher = Dispatcher(self.engine, self.sink, self.clock)
        self._current: ExportedMessage | None = None
        self._looks: dict[str, tuple[str, tuple[str, ...], str]] = {}

    def _in_range(self, message: ExportedMessage) -> bool:
        if self.options.since and message.sent_at < self.options.since:
            return False
        return not (self.options.until and message.sent_at > self.options.until)

    def _events(self) -> Iterator[tuple[datetime, ExportedMessage, Event]]:
        """Messages, edits and reactions as timed events, merged into one time order. Events are built
        as they are replayed (partials in the sorted list), so a large export costs little memory."""
        timed: list[tuple[datetime, int, ExportedMessage, Callable[[], Event]]] = []
        replied_to = {m.reply_to_message_id for m in self.messages if m.reply_to_message_id}
        texts = {m.message_id: m.text for m in self.messages if m.message_id in replied_to}
        for number, message in enumerate(self.messages):
            place = _place_of(message)
            parent_text = texts.get(message.reply_to_message_id or "")
            chat = partial(_chat_message, message, place, parent_text, self.options.language)
            timed.append((message.sent_at, number * 3, message, chat))
            if message.edited_at is not None and message.edited_at > message.sent_at:
                edit = partial(
                    MessageEdited,
                    event_id=f"replay:edit:{message.channel_id}:{message.message_id}",
                    message_id=message.message_id,
                    place=place,
                    author_id=message.author.user_id,
                    new_text=message.text,
                    edited_at=message.edited_at,
                )
                timed.append((message.edited_at, number * 3 + 1, message, edit))
            for reaction in message.reactions:
                anonymous = tuple(f"someone-{n}" for n in range(min(reaction.count, 50)))
                for user_id in reaction.user_ids or anonymous:
                    at = message.sent_at + REACTION_DELAY
                    reacted = partial(_reaction, message, place, reaction.name, user_id, at)
                    timed.append((at, number * 3 + 2, message, reacted))
        timed.sort(key=lambda item: (item[0], item[1]))
        for at, _order, message, build_event in timed:
            yield at, message, build_event()

    async def run(self, progress: Callable[[int], None] | None = None) -> list[ReplayRecord]:
        await self._opt_in_watched_users()
        last_tick = self.clock.now()
        try:
            for done, (at, message, event) in enumerate(self._events(), 1):
                if at > self.clock.now():
                    self.clock.set(at)
                self._current = message
                await self.dispatcher.deliver(event)
                if self.clock.now() - last_tick >= SCHEDULER_TICK:
                    last_tick = self.clock.now()
                    await self.dispatcher.perform_all(await self.engine.due_actions())
                if progress is not None:
                    progress(done)
        finally:
            self.engine.close()
            if self._temporary is not None:
                self._temporary.cleanup()
        return self.sink.records

    def event_count(self) -> int:
        return sum(1 + (m.edited_at is not None) + sum(len(r.user_ids) or r.count for r in m.reactions)
                   for m in self.messages)

    async def _opt_in_watched_users(self) -> None:
        if not self.options.watch:
            return
        wanted = {name.casefold() for name in self.options.watch}
        users = {
            (m.platform, m.workspace_id, m.author.user_id)
            for m in self.messages
            if m.author.user_id.casefold() in wanted or m.author.display_name.casefold() in wanted
        }
        for number, (platform, workspace_id, user_id) in enumerate(sorted(users)):
            await self.dispatcher.deliver(
                SettingsSubmitted(
                    event_id=f"replay:watch:{number}",
                    user_id=user_id,
                    platform=platform,
                    workspace_id=workspace_id,
                    values={"watch": True},
                    submitted_at=self.clock.now(),
                )
            )

    def _look(self, message: ExportedMessage) -> tuple[str, tuple[str, ...], str]:
        """Masked excerpt, categories and severity of a message the bot acted on (computed once, on demand:
        most messages need none of it)."""
        key = f"{message.channel_id}:{message.message_id}"
        if key not in self._looks:
            analysis = self.engine.detector.analyse(message.text, None, self.options.language)
            excerpt = "[redacted]" if self.options.redact else self.engine.masked_excerpt(message.text, analysis)
            categories = tuple(category.value for category in analysis.categories)
            self._looks[key] = (excerpt, categories, analysis.severity.value)
        return self._looks[key]

    def _label(self, action: Action) -> ReplayRecord | None:
        message = self._current
        if message is None:
            return None
        excerpt, categories, severity = self._look(message)
        base = {
            "ts": message.message_id,
            "at": self.clock.now().isoformat(),
            "channel": message.channel_name,
            "user": message.author.display_name or message.author.user_id,
        }
        match action:
            case SendPrivateSuggestion():
                only_non_apology = set(action.categories) == {Category.NON_APOLOGY}
                kind = ReplayAction.NON_APOLOGY_FLAG if only_non_apology else ReplayAction.NUDGE
                return ReplayRecord(
                    **base, action=kind, categories=tuple(c.value for c in action.categories),
                    severity=action.severity.value, excerpt=excerpt,
                    reference_id=action.suggestion_id,
                )
            case SendPrivateNotice() if action.purpose in _NOTICE_ACTIONS:
                return ReplayRecord(
                    **base, action=_NOTICE_ACTIONS[action.purpose], apology_count=action.apology_count,
                    excerpt=excerpt, reference_id=action.reference_id,
                )
            case OpenIncidentThread():
                return ReplayRecord(
                    **base, action=ReplayAction.INCIDENT_OPENED, reference_id=action.incident_id, excerpt=excerpt,
                    categories=categories, severity=severity, extra={"title": action.title},
                )
            case PostIncidentUpdate():
                return ReplayRecord(**base, action=ReplayAction.INCIDENT_UPDATED, reference_id=action.incident_id)
            case _:
                return None


def _place_of(message: ExportedMessage) -> Place:
    return Place(
        platform=message.platform,
        workspace_id=message.workspace_id,
        channel_id=message.channel_id,
        thread_id=message.thread_id,
        channel_name=message.channel_name,
        is_public=message.is_public,
    )


def _chat_message(
    message: ExportedMessage, place: Place, parent_text: str | None, language: str | None
) -> ChatMessage:
    return ChatMessage(
        event_id=f"replay:message:{message.channel_id}:{message.message_id}",
        message_id=message.message_id,
        place=place,
        author=message.author,
        text=message.text,
        sent_at=message.sent_at,
        audience_size=len(message.members) or None,
        members_present=message.members,
        mentioned_ids=message.mentioned_ids,
        reply_to_message_id=message.reply_to_message_id,
        reply_to_text=parent_text,
        language_hint=language,
    )


def _reaction(message: ExportedMessage, place: Place, name: str, user_id: str, at: datetime) -> ReactionAdded:
    return ReactionAdded(
        event_id=f"replay:reaction:{message.channel_id}:{message.message_id}:{name}:{user_id}",
        message_id=message.message_id,
        place=place,
        user_id=user_id,
        reaction=name,
        added_at=at,
        message_author_id=message.author.user_id,
    )
