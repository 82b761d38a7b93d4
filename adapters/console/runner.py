"""Starts the console adapter: builds the engine, the sink and the session, and runs until end of input."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from typing import IO

from rich.console import Console

from adapters.console.session import ConsoleSession
from adapters.console.sink import ConsoleSink
from adapters.console.transcript import Transcript
from bot.clock import Clock, SystemClock
from bot.dispatch import Dispatcher
from bot.settings import Settings
from bot.wiring import CoreData, build_engine


async def run_console(
    settings: Settings,
    source: IO[str] | None = None,
    output: IO[str] | None = None,
    clock: Clock | None = None,
    core: CoreData | None = None,
) -> None:
    clock = clock or SystemClock()
    console = Console(file=output or sys.stdout, highlight=False, soft_wrap=True)
    engine = build_engine(settings, clock=clock, core=core)
    transcript = Transcript()
    sink = ConsoleSink(console, transcript)
    dispatcher = Dispatcher(engine, sink, clock)
    scheduler = asyncio.create_task(dispatcher.run_scheduler())
    try:
        await ConsoleSession(dispatcher, sink, clock, transcript).run(source or sys.stdin)
    finally:
        scheduler.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await scheduler
        engine.close()
