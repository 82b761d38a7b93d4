"""Private messages the platform would not deliver (closed DMs): held in SQLite, handed over at the next command."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.actions import Action, Card, ReplyToCommand, SendPrivateNotice, SendPrivateSuggestion
from bot.events import CommandInvoked
from bot.receipts import ActionFailed, FailureReason
from bot.store.held_messages import HeldMessage
from bot.store.suggestions import CANCELLED
from bot.store.user_settings import UserKey
from bot.vocabulary import Delivery

if TYPE_CHECKING:
    from bot.engine import Engine

log = logging.getLogger(__name__)

# A direct message that failed for these reasons is not worth holding: the bot itself cannot act.
_NOT_HELD = {FailureReason.TOKEN_REVOKED}
HELD_PER_COMMAND = 3  # a short follow-up, not a backlog; the rest waits for the next command


class HeldDeliveries:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def on_failure(self, receipt: ActionFailed, action: Action | None) -> bool:
        """Hold a private message that could not reach its user; True when held."""
        if not isinstance(action, SendPrivateSuggestion | SendPrivateNotice | ReplyToCommand):
            return False
        if isinstance(action, ReplyToCommand) and action.held_id is not None:
            return self._hand_over_failed(receipt, action.held_id)
        closed = receipt.reason == FailureReason.CLOSED_DIRECT_MESSAGES
        failed_dm = (
            not isinstance(action, ReplyToCommand)
            and action.delivery == Delivery.DIRECT_MESSAGE
            and receipt.reason not in _NOT_HELD
        )
        if not (closed or failed_dm):
            return False
        user = user_of(action)
        if user is None:
            log.warning("%s for %s undeliverable and not held: no workspace known", action.kind, action.recipient_id)
            return False
        engine = self.engine
        held_id = engine.ids.new_id("held")
        engine.held_messages.hold(held_id, user, action.model_dump(mode="json"), receipt.reason.value,
                                  engine.clock.now())
        log.info("%s (%s) for user %s held for their next command: %s", action.kind,
                 receipt.reference_id or "-", action.recipient_id, receipt.reason.value)
        return True

    def _hand_over_failed(self, receipt: ActionFailed, held_id: str) -> bool:
        """A held message's hand-over failed too: it waits for the next command (unless the bot has lost
        its access altogether, when there is nothing left to wait for)."""
        store = self.engine.held_messages
        if receipt.reason in _NOT_HELD:
            store.delivered(held_id)
            log.warning("held message %s dropped: %s", held_id, receipt.reason.value)
            return True
        if store.put_back(held_id):
            log.info("held message %s not handed over (%s): kept for the next command", held_id,
                     receipt.reason.value)
        return True

    def on_delivered(self, action: Action | None) -> None:
        """A hand-over arrived: the held message is done."""
        if isinstance(action, ReplyToCommand) and action.held_id is not None:
            self.engine.held_messages.delivered(action.held_id)

    def release(self, command: CommandInvoked) -> list[Action]:
        """The user typed a command: what we could not tell them before, as short private follow-ups."""
        engine = self.engine
        user = UserKey(command.place.platform.value, command.place.workspace_id, command.user.user_id)
        actions: list[Action] = []
        for held in engine.held_messages.take(user, engine.clock.now(), HELD_PER_COMMAND):
            reply = self._reply(command, held)
            if reply is None:
                engine.held_messages.delivered(held.held_id)  # nothing left to say: done with it
            else:
                actions.append(reply)
        if actions:
            log.info("command %s: %d held private messages handed over", command.event_id, len(actions))
        return actions

    def _reply(self, command: CommandInvoked, held: HeldMessage) -> ReplyToCommand | None:
        engine = self.engine
        action = held.action
        suggestion_id = action.get("suggestion_id")
        language = action.get("language") or engine.preferences(held.user).language or "en"
        if suggestion_id:
            stored = engine.suggestions.get(suggestion_id)
            fate = engine.messages.fate(stored.message_key) if stored and stored.message_key else None
            if stored is None or stored.answer or stored.state == CANCELLED or fate is not None:
                # Purged, forgotten, answered, or its message edited/deleted meanwhile: nothing left to say.
                log.info("held suggestion %s no longer current: dropped", suggestion_id)
                return None
        card = Card.model_validate(action["card"])
        footer = engine.say(language, "held.footer", when=held.held_at.strftime("%Y-%m-%d %H:%M UTC"))
        card = card.model_copy(update={"footer": f"{card.footer}\n{footer}" if card.footer else footer})
        return ReplyToCommand.model_validate({
            "event_id": command.event_id,
            "recipient_id": command.user.user_id,
            "place": command.place.model_dump(mode="json"),
            "card": card.model_dump(mode="json"),
            "suggestions": action.get("suggestions", ()),
            "buttons": action.get("buttons", ()),
            "suggestion_id": suggestion_id if action.get("buttons") else None,
            "held_id": held.held_id,
        })


def user_of(action: SendPrivateSuggestion | SendPrivateNotice | ReplyToCommand) -> UserKey | None:
    place = action.place
    if place is not None:
        return UserKey(place.platform.value, place.workspace_id, action.recipient_id)
    if isinstance(action, SendPrivateNotice) and action.platform is not None and action.workspace_id:
        return UserKey(action.platform.value, action.workspace_id, action.recipient_id)
    return None
