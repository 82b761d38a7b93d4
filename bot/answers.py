"""What happens when a user answers a suggestion, and the follow-ups when an action succeeds or fails."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.actions import (
    Action,
    ApplyCorrection,
    Card,
    DeleteMessage,
    NoticePurpose,
    PostMessage,
    SendPrivateNotice,
    SendPrivateSuggestion,
)
from bot.events import Place, SuggestionAnswered
from bot.ledger import APOLOGIES_BEFORE_MOVING_ON
from bot.policy import lower_sensitivity
from bot.receipts import ActionFailed, Delivered, FailureReason, IncidentThreadOpened, Receipt
from bot.store.decisions import Reason
from bot.store.messages import message_key
from bot.store.suggestions import StoredSuggestion
from bot.vocabulary import Answer, Delivery, Platform, SuggestionKind

if TYPE_CHECKING:
    from bot.engine import Engine

log = logging.getLogger(__name__)

_ANSWER_KIND = {
    Answer.APPLY_CORRECTION: SuggestionKind.CORRECTION,
    Answer.POST_APOLOGY: SuggestionKind.APOLOGY,
    Answer.CHANGE_TOPIC: SuggestionKind.TOPIC_CHANGE,
    Answer.DELETE: SuggestionKind.DELETE,
}
# Failures after which a DM is worth trying instead of an ephemeral message.
_NO_DM_FALLBACK = {FailureReason.CLOSED_DIRECT_MESSAGES, FailureReason.TOKEN_REVOKED, FailureReason.RATE_LIMITED}


class Answers:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # ----- button presses -----------------------------------------------------------------------

    def handle(self, event: SuggestionAnswered) -> list[Action]:
        engine = self.engine
        stored = engine.suggestions.get(event.suggestion_id)
        if stored is None or stored.user.user_id != event.user_id:
            # Unknown, purged by retention, forgotten, or someone else's: say so, privately, and stop.
            reason = "unknown" if stored is None else "not_yours"
            log.info("answer to %s suggestion %s by %s", reason, event.suggestion_id, event.user_id)
            language = stored.language if stored else "en"
            return [self._notice(
                event.user_id, event.place, Delivery.EPHEMERAL, language, "suggestion.expired.button",
                purpose=NoticePurpose.ERROR,
            )]
        engine.suggestions.record_answer(stored.suggestion_id, event.answer.value, event.answered_at)
        place = _place_of(stored)
        language = stored.language
        preferences = engine.preferences(stored.user)
        reasons = [Reason.of("answered", answer=event.answer.value, suggestion_id=stored.suggestion_id)]
        actions: list[Action]
        match event.answer:
            case Answer.APPLY_CORRECTION | Answer.DELETE | Answer.POST_APOLOGY | Answer.CHANGE_TOPIC:
                text = _suggested_text(stored, _ANSWER_KIND[event.answer])
                if text is None and event.answer != Answer.DELETE:
                    actions = [self._notice(event.user_id, place, preferences.delivery, language, "ack.dismissed")]
                else:
                    actions = self._act(event, stored, place, text or "", language, reasons)
            case Answer.DISMISS:
                actions = []
            case Answer.NOT_A_PROBLEM:
                actions = self._not_a_problem(event, stored, place, language, reasons)
        engine.record_decision(event.event_id, event.kind, stored.user, outcome=event.answer.value, reasons=reasons)
        return actions

    def _act(
        self, event: SuggestionAnswered, stored: StoredSuggestion, place: Place, text: str, language: str, reasons: list[Reason]
    ) -> list[Action]:
        engine = self.engine
        message_id = stored.action.get("message_id", "")
        user_id = stored.user.user_id
        match event.answer:
            case Answer.APPLY_CORRECTION:
                return [ApplyCorrection(
                    suggestion_id=stored.suggestion_id, message_id=message_id, place=place, author_id=user_id, new_text=text
                )]
            case Answer.DELETE:
                return [DeleteMessage(suggestion_id=stored.suggestion_id, message_id=message_id, place=place, author_id=user_id)]
            case Answer.CHANGE_TOPIC:
                return [PostMessage(
                    place=place, text=text, on_behalf_of=user_id, purpose="topic_change", suggestion_id=stored.suggestion_id
                )]
        # Post apology: starting a third apology for the same matter gets the warning instead (rule 5).
        matter_key = stored.matter_key or stored.message_key
        if matter_key is not None:
            matter = engine.ledger_store.matter_by_key(matter_key)
            earlier = engine.ledger_store.apologies_for_matter(matter_key)
            if matter is not None and len(earlier) >= APOLOGIES_BEFORE_MOVING_ON and matter.settled_at is None:
                reasons.append(Reason.of("already_apologised", matter_id=matter.matter_id, count=len(earlier)))
                return [engine.ledger.repeat_warning(
                    stored.user, matter, earlier, place, language, engine.preferences(stored.user), event.event_id
                )]
        engine.suggestions.set_pending_post(stored.suggestion_id, "apology")
        return [PostMessage(
            place=place, text=text, on_behalf_of=user_id, purpose="apology", suggestion_id=stored.suggestion_id
        )]

    def _not_a_problem(
        self, event: SuggestionAnswered, stored: StoredSuggestion, place: Place, language: str, reasons: list[Reason]
    ) -> list[Action]:
        """Feedback; after enough of them for a category, that category's sensitivity drops one step, and we say so."""
        engine = self.engine
        user = stored.user
        threshold = engine.settings.dismissals_before_quieter
        reached = engine.user_settings.record_feedback(
            user, list(stored.categories), stored.suggestion_id, Answer.NOT_A_PROBLEM.value, event.answered_at, threshold
        )
        preferences = engine.preferences(user)
        lines: list[str] = []
        for category in reached:
            lowered = lower_sensitivity(preferences.sensitivity_for(category))
            stored_settings = engine.user_settings.get(user)
            if lowered is None:
                disabled = tuple(sorted({*stored_settings.disabled_categories, category}))
                engine.user_settings.update(user, event.answered_at, disabled_categories=disabled)
                lines.append(engine.say(language, "feedback.quieter", category=self._category(language, category)))
                reasons.append(Reason.of("category_switched_off", category=category, count=threshold))
            else:
                per_category = {**stored_settings.category_sensitivity, category: lowered}
                engine.user_settings.update(user, event.answered_at, category_sensitivity=per_category)
                lines.append(engine.say(language, "feedback.quieter", category=self._category(language, category)))
                reasons.append(Reason.of("sensitivity_lowered", category=category, sensitivity=lowered, count=threshold))
        names = [self._category(language, category) for category in stored.categories]
        card = Card(title=engine.say(language, "feedback.not_a_problem", category=_joined(engine, language, names)),
                    lines=tuple(lines))
        return [SendPrivateNotice(
            recipient_id=user.user_id,
            place=None if preferences.delivery == Delivery.DIRECT_MESSAGE else place,
            delivery=preferences.delivery,
            card=card,
            reference_id=stored.suggestion_id,
            purpose=NoticePurpose.FEEDBACK,
            platform=Platform(user.platform),
            workspace_id=user.workspace_id,
        )]

    # ----- receipts -----------------------------------------------------------------------------

    def on_receipt(self, receipt: Receipt, action: Action | None = None) -> list[Action]:
        engine = self.engine
        if isinstance(receipt, ActionFailed) and engine.held.on_failure(receipt, action):
            return []
        if isinstance(receipt, ActionFailed) and isinstance(action, SendPrivateNotice):
            return self._notice_failed(receipt, action)
        match receipt:
            case IncidentThreadOpened():
                return engine.desk.on_thread_opened(receipt) if engine.desk is not None else []
            case Delivered(action_kind="post_message"):
                return self._posted(receipt)
            case Delivered():
                engine.held.on_delivered(action)
                return []
            case ActionFailed():
                return self._failed(receipt)
        return []

    def _posted(self, receipt: Delivered) -> list[Action]:
        """A posted apology counts in the ledger once it is really out (its echo, if any, is the same message)."""
        engine = self.engine
        stored = engine.suggestions.take_pending_post(receipt.reference_id) if receipt.reference_id else None
        if stored is None:
            return []
        place = _place_of(stored)
        now = engine.clock.now()
        posted_key = message_key(place, receipt.platform_message_id) if receipt.platform_message_id else None
        matter_key = stored.matter_key or stored.message_key or posted_key
        flagged = engine.messages.get(matter_key) if matter_key else None
        preferences = engine.preferences(stored.user)
        reasons: list[Reason] = []
        actions = engine.ledger.record(
            user=stored.user,
            matter_key=matter_key or f"{place.key}:{stored.suggestion_id}",
            how="reply",
            flagged=flagged,
            # The marker was taken once above; a second post of the same draft is a second apology.
            event_id=f"posted:{stored.suggestion_id}:{receipt.platform_message_id or engine.ids.new_id('post')}",
            message_key_=posted_key,
            place=place,
            to_whom=flagged.mentioned_ids if flagged else (),
            excerpt=_suggested_text(stored, SuggestionKind.APOLOGY) or "",
            at=now,
            language=stored.language,
            preferences=preferences,
            reasons=reasons,
        )
        log.info("posted apology for suggestion %s: %s", stored.suggestion_id, ", ".join(r.key for r in reasons))
        return actions

    def _failed(self, receipt: ActionFailed) -> list[Action]:
        engine = self.engine
        stored = engine.suggestions.get(receipt.reference_id) if receipt.reference_id else None
        log.warning("%s failed for %s: %s %s", receipt.action_kind, receipt.reference_id, receipt.reason, receipt.detail)
        if stored is None:
            return []
        language = stored.language
        original = stored.action
        place = Place.model_validate(original["place"]) if "place" in original else None
        match receipt.action_kind:
            case "send_private_suggestion":
                if original.get("delivery") == Delivery.EPHEMERAL.value and receipt.reason not in _NO_DM_FALLBACK:
                    fallback = {**original, "delivery": Delivery.DIRECT_MESSAGE.value, "deliver_after": None}
                    engine.suggestions.replace_action(stored.suggestion_id, fallback)
                    return [SendPrivateSuggestion.model_validate(fallback)]
                return []
            case "apply_correction":
                text = _suggested_text(stored, SuggestionKind.CORRECTION) or ""
                return [self._copy_notice(stored, place, "ack.correction_failed", language, text)]
            case "post_message":
                engine.suggestions.set_pending_post(stored.suggestion_id, None)
                kind = SuggestionKind.APOLOGY if stored.answer == Answer.POST_APOLOGY.value else SuggestionKind.TOPIC_CHANGE
                text = _suggested_text(stored, kind) or ""
                return [self._copy_notice(stored, place, "ack.draft_to_post", language, text)]
            case "delete_message":
                return [self._copy_notice(stored, place, "ack.delete_failed", language, "")]
        return []

    def _notice_failed(self, receipt: ActionFailed, notice: SendPrivateNotice) -> list[Action]:
        """An ephemeral notice that could not be shown there goes by direct message (held if that fails too)."""
        log.warning("%s failed for %s: %s %s", receipt.action_kind, receipt.reference_id or "-", receipt.reason,
                    receipt.detail)
        if notice.delivery != Delivery.EPHEMERAL or notice.place is None or receipt.reason in _NO_DM_FALLBACK:
            return []
        return [notice.model_copy(update={
            "place": None, "delivery": Delivery.DIRECT_MESSAGE,
            "platform": notice.place.platform, "workspace_id": notice.place.workspace_id,
        })]

    def _copy_notice(
        self, stored: StoredSuggestion, place: Place | None, key: str, language: str, text: str
    ) -> SendPrivateNotice:
        """The text the platform would not let us post or apply, ready to copy: nothing the user chose is lost."""
        engine = self.engine
        lines = (text,) if text else ()
        return SendPrivateNotice(
            recipient_id=stored.user.user_id,
            place=place,
            card=Card(title=engine.say(language, key), lines=lines),
            reference_id=stored.suggestion_id,
            purpose=NoticePurpose.CORRECTION_TO_COPY if text else NoticePurpose.ERROR,
            platform=Platform(stored.user.platform),
            workspace_id=stored.user.workspace_id,
        )

    def _notice(
        self,
        user_id: str,
        place: Place | None,
        delivery: Delivery,
        language: str,
        key: str,
        purpose: NoticePurpose = NoticePurpose.INFO,
        **values: object,
    ) -> SendPrivateNotice:
        return SendPrivateNotice(
            recipient_id=user_id,
            place=None if delivery == Delivery.DIRECT_MESSAGE or place is None else place,
            delivery=Delivery.DIRECT_MESSAGE if place is None else delivery,
            card=Card(title=self.engine.say(language, key, **values)),
            purpose=purpose,
        )

    def _category(self, language: str, category: str) -> str:
        return self.engine.say(language, f"category.{category}")


def _suggested_text(stored: StoredSuggestion, kind: SuggestionKind) -> str | None:
    for suggestion in stored.action.get("suggestions", ()):
        if suggestion.get("kind") == kind.value:
            return suggestion.get("text", "")
    return None


def _place_of(stored: StoredSuggestion) -> Place:
    return Place.model_validate(stored.action["place"])



def _joined(engine: Engine, language: str, items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return engine.say(language, "list.and", items=", ".join(items[:-1]), last=items[-1])
