"""The engine: turns each inbound event into actions, through detection, the nudge policy and the ledger."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlite_utils import Database

from bot.actions import Action, Button, Card, SendPrivateSuggestion
from bot.checker import Checker
from bot.clock import Clock, IdFactory
from bot.events import (
    ChatMessage,
    CommandInvoked,
    Event,
    IncidentFormSubmitted,
    MessageDeleted,
    MessageEdited,
    ReactionAdded,
    SettingsSubmitted,
    SuggestionAnswered,
)
from bot.policy import Preferences, effective_preferences
from bot.receipts import Receipt
from bot.settings import Settings
from bot.store.decisions import Decision, DecisionStore, Reason, StoredReason
from bot.store.events_seen import SeenEvents
from bot.store.held_messages import HeldMessageStore
from bot.store.ledger import LedgerStore
from bot.store.messages import MessageStore, message_key
from bot.store.suggestions import SuggestionStore
from bot.store.user_settings import UserKey, UserSettingsStore
from bot.verdict import Analysis, Finding, MessageContext, Suggestion, Verdict
from bot.vocabulary import Answer, ApologyKind, Platform, Severity, SuggestionKind
from bot.watch import MessageWatch, masked_excerpt

if TYPE_CHECKING:
    from bot.detection import Detector
    from bot.incidents import IncidentDesk
    from bot.suggestions import SuggestionComposer
    from bot.texts import Texts

log = logging.getLogger(__name__)

# The button that acts on each kind of suggestion, in the order the composer gives the suggestions.
BUTTON_FOR_KIND = {
    SuggestionKind.DELETE: Answer.DELETE,
    SuggestionKind.CORRECTION: Answer.APPLY_CORRECTION,
    SuggestionKind.APOLOGY: Answer.POST_APOLOGY,
    SuggestionKind.TOPIC_CHANGE: Answer.CHANGE_TOPIC,
}
RECENT_TOPICS_PER_CHANNEL = 12


class Engine:
    """One engine per process; every store shares its database connection."""

    def __init__(
        self,
        *,
        settings: Settings,
        db: Database,
        detector: Detector,
        texts: Texts,
        composer: SuggestionComposer,
        clock: Clock,
        ids: IdFactory,
        desk: IncidentDesk | None = None,
    ) -> None:
        # Imported here: these modules import the engine's helpers, and the engine wires them.
        from bot.answers import Answers
        from bot.commands import Commands
        from bot.held import HeldDeliveries
        from bot.ledger import ApologyLedger
        from bot.retention import Retention

        self.settings = settings
        self.db = db
        self.detector = detector
        self.texts = texts
        self.composer = composer
        self.clock = clock
        self.ids = ids
        self.desk = desk
        self.checker = Checker(detector, composer)
        self.seen = SeenEvents(db)
        self.messages = MessageStore(db)
        self.suggestions = SuggestionStore(db)
        self.ledger_store = LedgerStore(db)
        self.user_settings = UserSettingsStore(db)
        self.decisions = DecisionStore(db)
        self.held_messages = HeldMessageStore(db)
        self.ledger = ApologyLedger(self)
        self.commands = Commands(self)
        self.answers = Answers(self)
        self.retention = Retention(self)
        self.watch = MessageWatch(self)
        self.held = HeldDeliveries(self)
        # Recent non-flagged messages per channel, in memory only (never stored), for topic changes:
        # (author key, text) so forget-me can drop a user's lines too.
        self._recent_topics: dict[str, deque[tuple[UserKey, str]]] = {}

    # ----- the contract -------------------------------------------------------------------------

    async def handle(self, event: Event) -> list[Action]:
        """Every event once (by event id); bad input is logged and loses nothing else."""
        now = self.clock.now()
        if not self.seen.first_sighting(event.event_id, event.kind, now):
            log.info("event %s (%s) already handled: ignored", event.event_id, event.kind)
            return []
        try:
            return self._route(event)
        except Exception:
            log.exception("event %s (%s) failed", event.event_id, event.kind)
            # Someone typed a command and waits for an answer: tell them, privately.
            return [self.commands.failed(event)] if isinstance(event, CommandInvoked) else []

    async def acknowledge(self, receipt: Receipt, action: Action | None = None) -> list[Action]:
        """Follow-ups for a receipt; `action` (what was performed, given by the dispatcher) lets an
        undeliverable private message be held for the user's next command."""
        try:
            return self.answers.on_receipt(receipt, action)
        except Exception:
            log.exception("receipt %s for %s failed", receipt.kind, getattr(receipt, "reference_id", ""))
            return []

    async def due_actions(self) -> list[Action]:
        """One scheduler tick; each part on its own, so one failing part never holds back the others."""
        actions: list[Action] = []
        parts = [self.retention.run_if_due, self._overdue_suggestions]
        if self.desk is not None:
            parts.append(self.desk.due_actions)
        for part in parts:
            try:
                actions += part()
            except Exception:
                log.exception("scheduler part %s failed", getattr(part, "__name__", part))
        return actions

    def claim_delivery(self, suggestion_id: str) -> bool:
        return self.suggestions.claim(suggestion_id)

    def check(
        self, text: str, context: MessageContext | None = None, language: str | None = None
    ) -> Verdict:
        return self.checker.check(text, context, language)

    def explain(self, event_id: str, language: str | None = None) -> str | None:
        """`why` for an event, in `language`, else the language the decision was made in."""
        decision = self.decisions.get(event_id)
        if decision is None:
            return None
        return self.commands.render_explanation(decision, language or decision.language)

    def close(self) -> None:
        self.db.close()

    # ----- helpers shared by the engine's parts --------------------------------------------------

    def preferences(self, user: UserKey) -> Preferences:
        return effective_preferences(self.settings, self.user_settings.get(user))

    def user_language(self, platform: Platform, workspace_id: str, user_id: str) -> str:
        """The language a user chose for suggestions, else English: for adapters' own hints."""
        return self.preferences(UserKey(platform.value, workspace_id, user_id)).language or "en"

    def say(self, language: str | None, key: str, **values: object) -> str:
        return self.texts.get(language, key, **values)

    def recent_topics(self, channel_key: str) -> list[str]:
        return [text for _user, text in self._recent_topics.get(channel_key, ())]

    def forget_topics(self, user: UserKey) -> None:
        for lines in self._recent_topics.values():
            kept = [(author, text) for author, text in lines if author != user]
            lines.clear()
            lines.extend(kept)

    def record_decision(
        self,
        event_id: str,
        event_kind: str,
        user: UserKey,
        *,
        message_key: str | None = None,
        analysis: Analysis | None = None,
        outcome: str,
        reasons: Sequence[StoredReason],
    ) -> None:
        findings = tuple(
            {"category": f.category.value, "severity": f.severity.value, "rule": f.rule}
            for f in (analysis.findings if analysis else ())
        )
        self.decisions.record(
            Decision(
                event_id=event_id,
                event_kind=event_kind,
                user=user,
                message_key=message_key,
                language=analysis.language if analysis else "en",
                findings=findings,
                apology=(analysis.apology.value if analysis else ApologyKind.NONE.value),
                outcome=outcome,
                reasons=tuple(reasons),
                decided_at=self.clock.now(),
            )
        )

    def suggestion_card(self, language: str, findings: tuple[Finding, ...]) -> Card:
        severity = Severity.highest([finding.severity for finding in findings])
        title_severity = severity if severity != Severity.NONE else Severity.LOW
        lines = (
            self.say(language, "card.noticed"),
            *(self.composer.explain(finding, language) for finding in findings),
        )
        return Card(
            title=self.say(language, f"card.title.{title_severity.value}"),
            lines=lines,
            footer=self.say(language, "card.footer"),
        )

    def buttons_for(self, language: str, suggestions: tuple[Suggestion, ...]) -> tuple[Button, ...]:
        buttons: list[Button] = []
        for suggestion in suggestions:
            answer = BUTTON_FOR_KIND[suggestion.kind]
            buttons.append(
                Button(answer=answer, label=self.say(language, f"button.{answer.value}"), primary=not buttons)
            )
        for answer in (Answer.DISMISS, Answer.NOT_A_PROBLEM):
            buttons.append(Button(answer=answer, label=self.say(language, f"button.{answer.value}")))
        return tuple(buttons)

    # ----- routing ------------------------------------------------------------------------------

    def _route(self, event: Event) -> list[Action]:
        match event:
            case ChatMessage():
                # "@damage-control update ..." (or a strict "sev 2", "done 3", "owner me") in an incident
                # thread: the incident command, on every platform. Other replies there are conversation.
                command = self.desk.thread_command(event) if self.desk is not None else None
                if command is not None:
                    return self.commands.handle(command)
                return self.watch.on_message(event)
            case MessageEdited():
                return self._on_fate(event, "edited", event.author_id, event.edited_at)
            case MessageDeleted():
                return self._on_fate(event, "deleted", event.author_id, event.deleted_at)
            case ReactionAdded():
                return self.desk.on_reaction(event) if self.desk is not None else []
            case CommandInvoked() if event.command == "home":
                # Opening the App Home shows a page, not messages: held ones wait for a real command.
                return self.commands.handle(event)
            case CommandInvoked():
                # Then what closed DMs held back: the user is here now, privately reachable.
                return self.commands.handle(event) + self.held.release(event)
            case SuggestionAnswered():
                return self.answers.handle(event)
            case SettingsSubmitted():
                return self.commands.apply_settings(event)
            case IncidentFormSubmitted():
                if self.desk is None:
                    return []
                language = self.user_language(event.platform, event.workspace_id, event.user.user_id)
                return self.desk.on_form_submitted(event, language=language)
        log.warning("unknown event kind %s", getattr(event, "kind", "?"))
        return []

    def _on_fate(
        self, event: MessageEdited | MessageDeleted, fate: str, author_id: str | None, at: datetime
    ) -> list[Action]:
        key = message_key(event.place, event.message_id)
        self.messages.record_fate(key, fate, author_id, at)
        cancelled = self.suggestions.cancel_pending_for_message(key)
        if cancelled:
            log.info("message %s %s: cancelled pending suggestions %s", event.message_id, fate, cancelled)
        if author_id:
            user = UserKey(event.place.platform.value, event.place.workspace_id, author_id)
            reasons = [Reason.of(f"author_{fate}", message_id=event.message_id)]
            reasons += [Reason.of("suggestion_cancelled", suggestion_id=sid) for sid in cancelled]
            self.record_decision(event.event_id, event.kind, user, message_key=key, outcome=fate, reasons=reasons)
        return []

    def _overdue_suggestions(self) -> list[Action]:
        """Suggestions still pending well after their grace (the process stopped mid-grace): resend."""
        now = self.clock.now()
        actions: list[Action] = []
        for stored in self.suggestions.overdue_pending(now, now - timedelta(seconds=60)):
            action = SendPrivateSuggestion.model_validate({**stored.action, "deliver_after": None})
            if self.suggestions.claim(stored.suggestion_id):
                actions.append(action)
        return actions

    def masked_excerpt(self, text: str, analysis: Analysis) -> str:
        return masked_excerpt(text, analysis)

    def remember_topic(self, channel_key: str, user: UserKey, text: str) -> None:
        lines = self._recent_topics.setdefault(channel_key, deque(maxlen=RECENT_TOPICS_PER_CHANNEL))
        lines.append((user, text))
