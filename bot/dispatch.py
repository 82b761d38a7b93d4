"""The dispatcher: an event's actions performed through an adapter's sink, receipts fed back for follow-ups."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Protocol

from bot.actions import Action, SendPrivateSuggestion
from bot.clock import Clock
from bot.events import Event
from bot.receipts import ActionFailed, FailureReason, Receipt

if TYPE_CHECKING:
    from bot.engine import Engine

log = logging.getLogger(__name__)

# Follow-ups can cause follow-ups (an ephemeral fails -> a DM, which fails -> nothing more);
# a bound keeps a misbehaving sink from looping forever.
MAX_FOLLOW_UP_ROUNDS = 4

Sleep = Callable[[float], Awaitable[None]]


class ActionSink(Protocol):
    async def perform(self, action: Action) -> Receipt | None:
        """Do it on the platform; platform errors become ActionFailed receipts, never exceptions."""
        ...


class Dispatcher:
    """handle -> perform -> acknowledge -> perform follow-ups; a suggestion with a grace period waits for it,
    then is delivered only if no edit or deletion cancelled it in the meantime."""

    def __init__(self, engine: Engine, sink: ActionSink, clock: Clock, *, sleep: Sleep | None = None) -> None:
        self.engine = engine
        self.sink = sink
        self.clock = clock
        self._sleep = sleep or asyncio.sleep

    async def deliver(self, event: Event) -> list[Receipt]:
        actions = await self.engine.handle(event)
        return await self.perform_all(actions)

    async def perform_all(self, actions: list[Action]) -> list[Receipt]:
        receipts: list[Receipt] = []
        # Immediate actions first: a grace period must not delay an unrelated reply.
        delayed = [a for a in actions if isinstance(a, SendPrivateSuggestion) and a.deliver_after is not None]
        immediate = [a for a in actions if a not in delayed]
        receipts += await self._perform_with_follow_ups(immediate)
        if delayed:
            receipts += await self._after_grace(delayed)
        return receipts

    async def run_scheduler(self, interval_seconds: float = 30.0) -> None:
        """Tick until cancelled: reminders, retention, lost deliveries. A failing tick is logged, never fatal."""
        while True:
            try:
                actions = await self.engine.due_actions()
                if actions:
                    await self.perform_all(actions)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("scheduler tick failed")
            await self._sleep(interval_seconds)

    async def _after_grace(self, delayed: list[SendPrivateSuggestion]) -> list[Receipt]:
        latest = max(action.deliver_after for action in delayed if action.deliver_after is not None)
        wait = (latest - self.clock.now()).total_seconds()
        if wait > 0:
            await self._sleep(wait)
        return await self._perform_with_follow_ups(list(delayed))

    async def _perform_with_follow_ups(self, actions: list[Action]) -> list[Receipt]:
        receipts: list[Receipt] = []
        pending = list(actions)
        for _round in range(MAX_FOLLOW_UP_ROUNDS):
            if not pending:
                break
            follow_ups: list[Action] = []
            for action in pending:
                receipt = await self._perform(action)
                if receipt is None:
                    continue
                receipts.append(receipt)
                follow_ups += await self.engine.acknowledge(receipt, action)
            pending = follow_ups
        else:
            if pending:
                log.warning("dropped %d follow-up actions after %d rounds", len(pending), MAX_FOLLOW_UP_ROUNDS)
        return receipts

    async def _perform(self, action: Action) -> Receipt | None:
        if isinstance(action, SendPrivateSuggestion) and not self.engine.claim_delivery(action.suggestion_id):
            log.info("suggestion %s cancelled before delivery (message edited or deleted)", action.suggestion_id)
            return None
        try:
            return await self.sink.perform(action)
        except Exception as error:  # the sink's contract says it never raises; if it does, keep running
            log.exception("sink failed on %s", action.kind)
            return ActionFailed(
                action_kind=action.kind,
                reference_id=_reference_of(action),
                reason=FailureReason.UNKNOWN,
                detail=type(error).__name__,
            )


def _reference_of(action: Action) -> str:
    for name in ("suggestion_id", "incident_id", "reference_id"):
        value = getattr(action, name, None)
        if value:
            return str(value)
    return ""
