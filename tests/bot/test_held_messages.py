"""Private messages that closed DMs kept from a user: held in SQLite, handed over at their next command."""

from __future__ import annotations

import sqlite3

from bot.actions import ReplyToCommand, SendPrivateNotice, SendPrivateSuggestion
from bot.dispatch import Dispatcher
from bot.receipts import FailureReason
from bot.store.user_settings import UserKey
from bot.vocabulary import Answer, Delivery
from tests.bot.test_dispatch import HARSH, RecordingSink

CLOSED_EVERYWHERE = {
    ("send_private_suggestion", "ephemeral"): FailureReason.NOT_IN_CHANNEL,
    ("send_private_suggestion", "direct_message"): FailureReason.CLOSED_DIRECT_MESSAGES,
    ("send_private_notice", "ephemeral"): FailureReason.NOT_IN_CHANNEL,
    ("send_private_notice", "direct_message"): FailureReason.CLOSED_DIRECT_MESSAGES,
}


def held_rows(path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT COUNT(*) FROM held_messages").fetchone()[0]


async def test_an_undeliverable_suggestion_survives_a_restart_and_comes_with_the_next_command(
    make_engine, chat, clock, tmp_path
):
    engine = make_engine()
    await Dispatcher(engine, RecordingSink(fail=CLOSED_EVERYWHERE), clock).deliver(chat.message(HARSH))
    [sent] = [action for action in engine.suggestions.recent_for_user(UserKey("console", "T1", "U1"))]
    assert held_rows(tmp_path / "damage-control.db") == 1
    engine.close()

    restarted = make_engine()
    sink = RecordingSink()
    await Dispatcher(restarted, sink, clock).deliver(chat.command("help"))
    replies = [action for action in sink.performed if isinstance(action, ReplyToCommand)]
    assert len(replies) == 2, "the help answer, then the held suggestion"
    held = replies[1]
    assert held.suggestion_id == sent.suggestion_id
    assert [button.answer for button in held.buttons][-2:] == [Answer.DISMISS, Answer.NOT_A_PROBLEM]
    assert "direct messages were closed" in held.card.footer
    # Its buttons still answer the stored suggestion.
    actions = await restarted.handle(chat.answer(held.suggestion_id, Answer.APPLY_CORRECTION))
    assert [action.kind for action in actions] == ["apply_correction"]
    # Handed over once.
    sink.performed.clear()
    await Dispatcher(restarted, sink, clock).deliver(chat.command("help"))
    assert len(sink.performed) == 1 and held_rows(tmp_path / "damage-control.db") == 0


async def test_an_ephemeral_notice_falls_back_to_a_dm_then_waits(make_engine, chat, clock):
    engine = make_engine()
    dispatcher = Dispatcher(engine, RecordingSink(fail=CLOSED_EVERYWHERE), clock)
    notice = SendPrivateNotice(recipient_id="U1", place=chat.place(), card={"title": "noted"})
    receipts = await dispatcher.perform_all([notice])
    assert [receipt.reason for receipt in receipts] == [FailureReason.NOT_IN_CHANNEL,
                                                        FailureReason.CLOSED_DIRECT_MESSAGES]
    assert engine.held_messages.count(UserKey("console", "T1", "U1")) == 1
    # Another user's command hands over nothing of U1's.
    assert all(action.card.title != "noted" for action in await engine.handle(chat.command("help", user_id="U2")))
    actions = await engine.handle(chat.command("snooze", "2"))
    assert [action.card.title for action in actions if isinstance(action, ReplyToCommand)][-1] == "noted"


async def test_a_suggestion_whose_message_was_deleted_meanwhile_is_dropped(make_engine, chat, clock):
    from bot.events import MessageDeleted

    engine = make_engine()
    message = chat.message(HARSH)
    await Dispatcher(engine, RecordingSink(fail=CLOSED_EVERYWHERE), clock).deliver(message)
    assert engine.held_messages.count(UserKey("console", "T1", "U1")) == 1
    await engine.handle(MessageDeleted(event_id="Del1", message_id=message.message_id, place=message.place,
                                       deleted_at=clock.now(), author_id="U1"))
    actions = await engine.handle(chat.command("help"))
    assert len(actions) == 1, "only the help answer: the message it was about is gone"
    assert engine.held_messages.count(UserKey("console", "T1", "U1")) == 0


async def test_retention_and_forget_me_remove_held_messages(make_engine, chat, clock):
    engine = make_engine(retention_days=30)
    user = UserKey("console", "T1", "U1")
    dispatcher = Dispatcher(engine, RecordingSink(fail=CLOSED_EVERYWHERE), clock)
    await dispatcher.deliver(chat.message(HARSH))
    assert engine.held_messages.count(user) == 1
    clock.advance(days=29)
    assert engine.retention.purge()["held_messages"] == 0
    clock.advance(days=2)
    assert engine.retention.purge()["held_messages"] == 1

    await dispatcher.deliver(chat.message(HARSH + " again"))
    assert engine.held_messages.count(user) == 1
    await engine.handle(chat.command("forget-me", "confirm"))
    assert engine.held_messages.count(user) == 0


async def test_a_failed_direct_message_with_a_revoked_token_is_not_held(make_engine, chat, clock):
    engine = make_engine()
    sink = RecordingSink(fail={("send_private_suggestion", "ephemeral"): FailureReason.TOKEN_REVOKED})
    await Dispatcher(engine, sink, clock).deliver(chat.message(HARSH))
    assert [type(action) for action in sink.performed] == [SendPrivateSuggestion]
    assert sink.performed[0].delivery is Delivery.EPHEMERAL
    assert engine.held_messages.count(UserKey("console", "T1", "U1")) == 0


async def test_a_hand_over_that_fails_keeps_the_message_for_the_next_command(make_engine, chat, clock):
    engine = make_engine()
    user = UserKey("console", "T1", "U1")
    await Dispatcher(engine, RecordingSink(fail=CLOSED_EVERYWHERE), clock).deliver(chat.message(HARSH))
    assert engine.held_messages.count(user) == 1
    # The platform refuses the hand-over too (rate limited): nothing is lost.
    busy = RecordingSink(fail={("reply_to_command", ""): FailureReason.RATE_LIMITED})
    await Dispatcher(engine, busy, clock).deliver(chat.command("help"))
    assert len([action for action in busy.performed if isinstance(action, ReplyToCommand)]) == 2
    assert engine.held_messages.count(user) == 1
    # The next command hands it over, and once it arrives it is gone.
    sink = RecordingSink()
    await Dispatcher(engine, sink, clock).deliver(chat.command("help"))
    handed = [action for action in sink.performed if isinstance(action, ReplyToCommand) and action.held_id]
    assert len(handed) == 1 and handed[0].card.footer
    assert engine.held_messages.count(user) == 0


async def test_a_hand_over_without_any_receipt_is_offered_again_only_after_the_timeout(make_engine, chat, clock):
    from bot.store.held_messages import HANDOVER_TIMEOUT

    engine = make_engine()
    user = UserKey("console", "T1", "U1")
    await Dispatcher(engine, RecordingSink(fail=CLOSED_EVERYWHERE), clock).deliver(chat.message(HARSH))
    # The process stops between the hand-over and its receipt: the message is on its way, not offered twice.
    first = [a for a in await engine.handle(chat.command("help")) if isinstance(a, ReplyToCommand) and a.held_id]
    again = [a for a in await engine.handle(chat.command("snooze", "1")) if isinstance(a, ReplyToCommand) and a.held_id]
    assert len(first) == 1 and again == []
    clock.advance(seconds=HANDOVER_TIMEOUT.total_seconds() + 1)
    later = [a for a in await engine.handle(chat.command("help"))
             if isinstance(a, ReplyToCommand) and a.held_id]
    assert [a.held_id for a in later] == [first[0].held_id]
    assert engine.held_messages.count(user) == 1


async def test_a_hand_over_refused_for_a_revoked_token_is_dropped(make_engine, chat, clock):
    engine = make_engine()
    user = UserKey("console", "T1", "U1")
    await Dispatcher(engine, RecordingSink(fail=CLOSED_EVERYWHERE), clock).deliver(chat.message(HARSH))
    revoked = RecordingSink(fail={("reply_to_command", ""): FailureReason.TOKEN_REVOKED})
    await Dispatcher(engine, revoked, clock).deliver(chat.command("help"))
    assert engine.held_messages.count(user) == 0


async def test_opening_the_home_tab_hands_nothing_over(make_engine, chat, clock):
    engine = make_engine()
    user = UserKey("console", "T1", "U1")
    await Dispatcher(engine, RecordingSink(fail=CLOSED_EVERYWHERE), clock).deliver(chat.message(HARSH))
    actions = await engine.handle(chat.command("home"))
    assert [action.kind for action in actions] == ["publish_home"]
    # Still waiting for a command that can show it.
    handed = [a for a in await engine.handle(chat.command("help")) if isinstance(a, ReplyToCommand) and a.held_id]
    assert len(handed) == 1 and engine.held_messages.count(user) == 1
