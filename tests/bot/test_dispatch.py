"""The dispatcher with the real engine and a recording sink: perform, follow-ups, grace periods, the scheduler."""

from __future__ import annotations

import asyncio

import pytest

from bot.actions import Action, SendPrivateSuggestion
from bot.dispatch import Dispatcher
from bot.events import MessageEdited
from bot.receipts import ActionFailed, Delivered, FailureReason, Receipt
from bot.vocabulary import Delivery

HARSH = "you're an idiot, Bob, this review is useless"


class RecordingSink:
    """An adapter's sink in miniature: records what it was asked to do, fails where told to."""

    def __init__(self, fail: dict[tuple[str, str], FailureReason] | None = None, explode_on: str = "") -> None:
        self.performed: list[Action] = []
        self.fail = fail or {}
        self.explode_on = explode_on

    async def perform(self, action: Action) -> Receipt | None:
        if action.kind == self.explode_on:
            raise RuntimeError("sink bug")
        self.performed.append(action)
        delivery = getattr(action, "delivery", "")
        reason = self.fail.get((action.kind, str(getattr(delivery, "value", delivery))))
        reference = getattr(action, "suggestion_id", "") or ""
        if reason is not None:
            return ActionFailed(action_kind=action.kind, reference_id=reference, reason=reason, detail="test")
        return Delivered(action_kind=action.kind, reference_id=reference)


async def test_deliver_performs_the_suggestion(make_engine, chat, clock):
    sink = RecordingSink()
    dispatcher = Dispatcher(make_engine(), sink, clock)
    [receipt] = await dispatcher.deliver(chat.message(HARSH))
    assert isinstance(receipt, Delivered)
    [action] = sink.performed
    assert isinstance(action, SendPrivateSuggestion) and action.delivery is Delivery.EPHEMERAL


async def test_a_failed_ephemeral_is_retried_as_a_direct_message_once(make_engine, chat, clock):
    sink = RecordingSink(fail={
        ("send_private_suggestion", "ephemeral"): FailureReason.NOT_IN_CHANNEL,
        ("send_private_suggestion", "direct_message"): FailureReason.CLOSED_DIRECT_MESSAGES,
    })
    dispatcher = Dispatcher(make_engine(), sink, clock)
    receipts = await dispatcher.deliver(chat.message(HARSH))
    assert [action.delivery for action in sink.performed] == [Delivery.EPHEMERAL, Delivery.DIRECT_MESSAGE]
    assert [receipt.reason for receipt in receipts] == [FailureReason.NOT_IN_CHANNEL,
                                                        FailureReason.CLOSED_DIRECT_MESSAGES]


async def test_an_edit_during_the_grace_period_cancels_delivery(make_engine, chat, clock):
    engine = make_engine(nudge_grace_seconds=3)
    sink = RecordingSink()
    grace_started = asyncio.Event()
    grace_may_end = asyncio.Event()

    async def sleep(seconds: float) -> None:
        grace_started.set()
        await grace_may_end.wait()
        clock.advance(seconds=seconds)

    dispatcher = Dispatcher(engine, sink, clock, sleep=sleep)
    message = chat.message(HARSH)
    delivering = asyncio.create_task(dispatcher.deliver(message))
    await asyncio.wait_for(grace_started.wait(), timeout=5)
    edit = MessageEdited(event_id="edit", message_id=message.message_id, place=message.place, author_id="U1",
                         new_text="this review needs work", edited_at=clock.now())
    await dispatcher.deliver(edit)
    grace_may_end.set()
    assert await asyncio.wait_for(delivering, timeout=5) == []
    assert sink.performed == []


async def test_without_an_edit_the_suggestion_arrives_after_the_grace(make_engine, chat, clock):
    engine = make_engine(nudge_grace_seconds=3)
    sink = RecordingSink()
    waited: list[float] = []

    async def sleep(seconds: float) -> None:
        waited.append(seconds)
        clock.advance(seconds=seconds)

    dispatcher = Dispatcher(engine, sink, clock, sleep=sleep)
    await dispatcher.deliver(chat.message(HARSH))
    assert waited == [3.0] and len(sink.performed) == 1


async def test_a_sink_that_raises_does_not_stop_the_others(make_engine, chat, clock):
    engine = make_engine()
    sink = RecordingSink(explode_on="send_private_suggestion")
    dispatcher = Dispatcher(engine, sink, clock)
    receipts = await dispatcher.deliver(chat.message(HARSH))
    # The ephemeral, then one DM attempt; both become ActionFailed receipts, nothing raises.
    assert len(receipts) == 2
    assert all(isinstance(r, ActionFailed) and r.reason is FailureReason.UNKNOWN for r in receipts)
    await dispatcher.deliver(chat.command("help"))
    # The help answer, then the suggestion neither attempt delivered (held for this command).
    assert [action.kind for action in sink.performed] == ["reply_to_command", "reply_to_command"]
    assert sink.performed[1].suggestion_id == receipts[0].reference_id


async def test_the_scheduler_resends_a_suggestion_lost_in_a_restart(make_engine, chat, clock):
    first = make_engine(nudge_grace_seconds=5)
    [pending] = await first.handle(chat.message(HARSH))
    first.close()  # stopped during the grace period: nothing was delivered
    clock.advance(minutes=5)
    sink = RecordingSink()
    ticks = 0

    async def sleep(seconds: float) -> None:
        nonlocal ticks
        ticks += 1
        if ticks >= 2:
            raise asyncio.CancelledError

    dispatcher = Dispatcher(make_engine(nudge_grace_seconds=5), sink, clock, sleep=sleep)
    with pytest.raises(asyncio.CancelledError):
        await dispatcher.run_scheduler(interval_seconds=1)
    [resent] = sink.performed  # once, although the scheduler ticked twice
    assert resent.suggestion_id == pending.suggestion_id and resent.deliver_after is None
