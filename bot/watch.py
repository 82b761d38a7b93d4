"""Watching a new message: analyse it, remember what was flagged, feed the ledger and the desk, decide a nudge."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.actions import Action, SendPrivateSuggestion
from bot.detection.masking import mask_text
from bot.events import ChatMessage
from bot.policy import APOLOGY_CATEGORIES, Preferences, decide_nudge
from bot.store.database import write_transaction
from bot.store.decisions import Reason
from bot.store.messages import FlaggedMessage, message_key
from bot.store.suggestions import PENDING, SENT
from bot.store.user_settings import UserKey
from bot.verdict import Analysis, Finding, MessageContext, Suggestion
from bot.vocabulary import ApologyKind, Severity, SuggestionKind

if TYPE_CHECKING:
    from bot.engine import Engine

log = logging.getLogger(__name__)


class MessageWatch:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def on_message(self, message: ChatMessage) -> list[Action]:
        engine = self.engine
        place = message.place
        user = UserKey(place.platform.value, place.workspace_id, message.author.user_id)
        key = message_key(place, message.message_id)
        context = context_of(message)
        analysis = engine.detector.analyse(message.text, context, message.language_hint)
        actions: list[Action] = []
        if message.reply_to_message_id and engine.desk is not None:
            replied = engine.messages.get(message_key(place, message.reply_to_message_id))
            if replied is not None:
                actions += engine.desk.on_reply(message, analysis)
        preferences = engine.preferences(user)
        if not preferences.watch:
            # Not opted in: nothing about this user's message is kept beyond the decision's ids.
            engine.record_decision(
                message.event_id, message.kind, user, message_key=key, outcome="not_watched",
                reasons=[Reason.of("not_watched")],
            )
            return actions
        masked = engine.masked_excerpt(message.text, analysis)
        reasons: list[Reason] = []
        matter_findings = tuple(
            f for f in analysis.findings if f.category not in APOLOGY_CATEGORIES and f.severity != Severity.NONE
        )
        if matter_findings:
            engine.messages.record_flagged(flagged_from(message, key, analysis, matter_findings, masked))
            if engine.desk is not None:
                actions += engine.desk.on_flagged_message(message, analysis, masked)
        elif not analysis.findings and analysis.apology == ApologyKind.NONE:
            # A clean, ordinary message can seed a topic change (in memory only); an apology never should.
            engine.remember_topic(place.key, user, message.text)
        ledger_actions: list[Action] = []
        if analysis.apology == ApologyKind.SINCERE:
            ledger_actions = engine.ledger.on_apology(message, key, analysis, masked, preferences, reasons)
        nudge = self._maybe_nudge(message, key, analysis, preferences, context, reasons)
        if nudge and ledger_actions:
            # At most one nudge per message: what must be fixed (a leak in the apology) goes first; the
            # apology is still recorded, quietly.
            log.info("message %s: ledger notice withheld for the nudge", message.message_id)
            ledger_actions = []
        return actions + ledger_actions + nudge

    def _maybe_nudge(
        self,
        message: ChatMessage,
        key: str,
        analysis: Analysis,
        preferences: Preferences,
        context: MessageContext,
        ledger_reasons: list[Reason],
    ) -> list[Action]:
        engine = self.engine
        place = message.place
        user = UserKey(place.platform.value, place.workspace_id, message.author.user_id)
        now = engine.clock.now()
        language = engine.texts.resolve_language(preferences.language or analysis.language)
        suggestions: tuple[Suggestion, ...] = ()
        if analysis.findings:
            suggestions = engine.composer.compose(
                message.text, analysis, context, language=language, recent_topics=engine.recent_topics(place.key)
            )
            if analysis.apology == ApologyKind.SINCERE:
                # They just apologised: offer the fix, not another apology.
                suggestions = tuple(s for s in suggestions if s.kind is not SuggestionKind.APOLOGY)
        action: SendPrivateSuggestion | None = None
        # Decide and record inside one write transaction: the hourly cap and "one nudge per message"
        # hold across processes sharing the database file.
        with write_transaction(engine.db):
            decision = decide_nudge(
                analysis,
                preferences,
                now=now,
                fate=engine.messages.fate(key),
                already_nudged=engine.suggestions.nudge_for_message(key) is not None,
                nudges_last_hour=engine.suggestions.nudges_since(user, now - timedelta(hours=1)),
                nudges_per_hour=engine.settings.nudges_per_hour,
                sincere_apology=analysis.apology == ApologyKind.SINCERE,
            )
            if decision.nudge and suggestions:
                grace = engine.settings.nudge_grace_seconds
                action = SendPrivateSuggestion(
                    suggestion_id=engine.ids.new_id("sug"),
                    recipient_id=user.user_id,
                    place=place,
                    message_id=message.message_id,
                    delivery=preferences.delivery,
                    language=language,
                    card=engine.suggestion_card(language, decision.counted),
                    suggestions=suggestions,
                    buttons=engine.buttons_for(language, suggestions),
                    deliver_after=now + timedelta(seconds=grace) if grace > 0 else None,
                    categories=tuple(dict.fromkeys(f.category for f in decision.counted)),
                    severity=Severity.highest([f.severity for f in decision.counted]),
                )
                inserted = engine.suggestions.insert(
                    suggestion_id=action.suggestion_id,
                    event_id=message.event_id,
                    origin="nudge",
                    user=user,
                    message_key=key,
                    matter_key=None,
                    categories=sorted({f.category.value for f in decision.counted}),
                    language=language,
                    action=action.model_dump(mode="json"),
                    state=PENDING if action.deliver_after else SENT,
                    created_at=now,
                    deliver_after=action.deliver_after,
                )
                if not inserted:
                    action = None
                    decision.outcome = "already_nudged"
                    decision.reasons[-1] = Reason.of("already_nudged")
            elif decision.nudge:
                decision.outcome = "quiet"
                decision.reasons[-1] = Reason.of("nothing_to_suggest")
        if action is not None:
            decision.reasons[-1] = Reason.of(
                "suggestion_sent", suggestion_id=action.suggestion_id, delivery=action.delivery.value
            )
        engine.record_decision(
            message.event_id, message.kind, user, message_key=key, analysis=analysis,
            outcome=decision.outcome, reasons=ledger_reasons + decision.reasons,
        )
        return [action] if action is not None else []


def context_of(message: ChatMessage) -> MessageContext:
    return MessageContext(
        channel=message.place.channel_name,
        channel_size=message.audience_size,
        members_present=tuple(person.name for person in message.members_present),
        author=message.author.name,
        reply_to=message.reply_to_text,
        is_public=message.place.is_public,
    )


def masked_excerpt(text: str, analysis: Analysis) -> str:
    """Secrets and personal data masked (the detector's masking), then cut short: what may be stored."""
    return excerpt_of(mask_text(text, analysis.findings))


def excerpt_of(masked_text: str, limit: int = 160) -> str:
    """A short excerpt of already-masked text, cut on a word boundary."""
    flat = " ".join(masked_text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + "…"


def flagged_from(
    message: ChatMessage, key: str, analysis: Analysis, findings: tuple[Finding, ...], masked: str
) -> FlaggedMessage:
    place = message.place
    return FlaggedMessage(
        message_key=key,
        user=UserKey(place.platform.value, place.workspace_id, message.author.user_id),
        channel_id=place.channel_id,
        channel_name=place.channel_name,
        thread_id=place.thread_id,
        message_id=message.message_id,
        event_id=message.event_id,
        categories=tuple(dict.fromkeys(f.category.value for f in findings)),
        severity=Severity.highest([f.severity for f in findings]).value,
        language=analysis.language,
        excerpt=masked,
        mentioned_ids=message.mentioned_ids,
        sent_at=message.sent_at,
    )
