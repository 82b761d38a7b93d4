"""IncidentDesk: the one object the engine talks to about incidents (events in, actions out)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlite_utils import Database

from bot.actions import Action
from bot.clock import Clock, IdFactory
from bot.events import ChatMessage, CommandInvoked, IncidentFormSubmitted, ReactionAdded
from bot.incidents import reception, reminders
from bot.incidents.commands import IncidentCommands
from bot.incidents.context import DeskContext
from bot.incidents.opening import Subject, open_incident
from bot.incidents.playbooks import Playbooks
from bot.incidents.thread_replies import thread_command
from bot.incidents.wording import TextSource, Wording
from bot.receipts import IncidentThreadOpened
from bot.settings import Settings
from bot.store.incidents import IncidentStore
from bot.verdict import Analysis

log = logging.getLogger(__name__)


class IncidentDesk:
    def __init__(self, *, settings: Settings, db: Database, playbooks: Playbooks, texts: TextSource | None,
                 clock: Clock, ids: IdFactory, on_resolved: Callable[[str], None] = lambda key: None) -> None:
        self._context = DeskContext(
            settings=settings, store=IncidentStore(db), playbooks=playbooks, words=Wording(texts),
            clock=clock, ids=ids, on_resolved=on_resolved,
        )
        self._commands = IncidentCommands(self._context)
        self._told_no_channel: set[str] = set()  # platforms whose missing incident channel was logged

    @property
    def store(self) -> IncidentStore:
        return self._context.store

    def on_flagged_message(self, message: ChatMessage, analysis: Analysis, masked_excerpt: str) -> list[Action]:
        """Watch the message's reception, and open an incident if a playbook's trigger matches.
        `masked_excerpt` must already be masked (bot.detection.masking.mask_text)."""
        if message.place.is_direct or not analysis.findings:
            return []
        context = self._context
        reception.start_watch(context, message, analysis, masked_excerpt)
        playbook = context.playbooks.triggered(
            [(finding.category, finding.severity) for finding in analysis.findings],
            message.audience_size, message.place.is_public, context.settings.incident_channel_size_threshold,
        )
        if playbook is None:
            return []
        platform = message.place.platform.value
        if not context.settings.incident_channel_for(platform):
            # Said once as a warning (a setting to fix), then quietly: not one warning per leaked key.
            level = logging.DEBUG if platform in self._told_no_channel else logging.WARNING
            self._told_no_channel.add(platform)
            log.log(level, "playbook %s matched message %s but no incident channel is set for %s "
                    "(%s_INCIDENT_CHANNEL_ID or INCIDENT_CHANNEL_ID): no incident",
                    playbook.name, message.message_id, platform, platform.upper())
            return []
        top = max(analysis.findings, key=lambda finding: finding.severity.rank)
        subject = Subject(
            platform=message.place.platform.value, workspace_id=message.place.workspace_id,
            language=analysis.language, message_key=f"{message.place.key}:{message.message_id}",
            channel_id=message.place.channel_id, channel_name=message.place.channel_name,
            is_public=message.place.is_public, message_id=message.message_id, author_id=message.author.user_id,
            posted_at=message.sent_at, audience_size=message.audience_size,
            categories=tuple(category.value for category in analysis.categories), excerpt=masked_excerpt,
        )
        # The finding's explanation is masked by the detector's contract; it is the summary of what happened.
        _, actions = open_incident(context, subject, playbook, summary=top.message, opened_by=None)
        return actions

    def on_reaction(self, event: ReactionAdded) -> list[Action]:
        return reception.on_reaction(self._context, event)

    def on_reply(self, message: ChatMessage, analysis: Analysis) -> list[Action]:
        return reception.on_reply(self._context, message, analysis)

    def handle_command(self, command: CommandInvoked, *, analysis: Analysis | None = None,
                       masked_excerpt: str = "", language: str = "en") -> list[Action]:
        """`command.command == "incident"`. For "open" from a message's menu, the engine may pass the
        target's analysis and masked excerpt, so the card can show them and pick the right playbook;
        `language` is the invoking user's, for the private replies."""
        return self._commands.handle(command, analysis, masked_excerpt, language)

    def thread_command(self, message: ChatMessage) -> CommandInvoked | None:
        """A reply in a known incident thread that addresses the bot ("@damage-control update ..."), or is
        one of the strict short forms ("sev 2", "done 3", "owner me"), as that command; else None."""
        return thread_command(self._context.store, message)

    def on_form_submitted(self, event: IncidentFormSubmitted, *, language: str = "en") -> list[Action]:
        """The incident's update or resolve form was sent; `language` is the user's, for private replies."""
        return self._commands.submit_form(event, language)

    def on_thread_opened(self, receipt: IncidentThreadOpened) -> list[Action]:
        context = self._context
        incident = context.store.get(receipt.incident_id)
        if incident is None:
            log.warning("thread opened for unknown incident %s", receipt.incident_id)
            return []
        with context.store.transaction():
            incident = context.store.update(
                incident, thread_channel_id=receipt.thread.channel_id, thread_id=receipt.thread.thread_id,
                thread_url=receipt.url,
            )
            context.store.add_entry(incident.incident_id, context.now(), None, "thread")
        return []

    def due_actions(self) -> list[Action]:
        return reminders.due_actions(self._context)
