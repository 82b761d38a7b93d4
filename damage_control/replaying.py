"""`damage-control replay`: read an export, replay it through the engine, print the report or JSON lines."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from bot.replay.loader import UnreadableExport, load_history
from bot.replay.report import print_report
from bot.replay.runner import Replay, ReplayOptions
from bot.settings import Settings

# Below this many events a progress bar is only noise.
PROGRESS_THRESHOLD = 2000


def parse_moment(value: str | None, option: str) -> datetime | None:
    """ISO date or date-time; a date without a zone is UTC."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{option}: expected an ISO date such as 2026-11-01 or 2026-11-01T09:30") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def run_replay(settings: Settings, path: Path, options: ReplayOptions, *, as_json: bool) -> int:
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        history = load_history(path)
    except UnreadableExport as problem:
        print(f"damage-control replay: {problem}", file=sys.stderr)
        return 2
    if as_json:
        for problem in history.problems:
            print(f"could not read: {problem}", file=sys.stderr)
    replay = Replay(settings, history, options)
    total = replay.event_count()
    if total >= PROGRESS_THRESHOLD and errors.is_terminal:
        with Progress(
            TextColumn("replaying"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=errors,
            transient=True,
        ) as progress:
            task = progress.add_task("replay", total=total)
            records = asyncio.run(replay.run(lambda done: progress.update(task, completed=done)))
    else:
        records = asyncio.run(replay.run())
    if as_json:
        out = sys.stdout
        for record in records:
            out.write(json.dumps(record.as_json(), ensure_ascii=False) + "\n")
        out.flush()
    else:
        print_report(Console(highlight=False), history, records)
    return 0
