"""The readable replay report: summary tables, busiest hours, ledger matters, incidents, and the events."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bot.replay.history import History
from bot.replay.records import ReplayAction, ReplayRecord


def _when(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")


def _counter_table(title: str, counts: Counter, key_name: str, limit: int = 15) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(key_name)
    table.add_column("count", justify="right")
    for key, count in counts.most_common(limit):
        table.add_row(escape(str(key)), str(count))
    return table


def print_report(console: Console, history: History, records: list[ReplayRecord], *, events_limit: int = 200) -> None:
    nudges = [record for record in records if record.action is ReplayAction.NUDGE]
    by_action = Counter(record.action.value for record in records)
    console.rule(f"Replay of a {history.source_format} export")
    console.print(
        f"{len(history.messages)} messages read; {sum(history.skipped.values())} skipped "
        f"({', '.join(f'{reason}: {count}' for reason, count in sorted(history.skipped.items())) or 'none'})."
    )
    rate = 100.0 * len(nudges) / len(history.messages) if history.messages else 0.0
    console.print(f"The bot would have nudged {len(nudges)} times ({rate:.2f}% of messages).")
    for problem in history.problems:
        console.print(f"[yellow]Could not read:[/yellow] {escape(problem)}")
    console.print(_counter_table("Actions", by_action, "action"))
    console.print(_counter_table("Nudges per category", Counter(c for r in nudges for c in r.categories), "category"))
    console.print(_counter_table("Nudges per channel", Counter(r.channel for r in nudges), "channel"))
    console.print(_counter_table("Nudges per person", Counter(r.user for r in nudges), "person"))
    hours = Counter(datetime.fromisoformat(r.at).strftime("%H:00") for r in nudges)
    console.print(_counter_table("Busiest hours (UTC)", hours, "hour", limit=5))
    _print_ledger(console, records)
    _print_incidents(console, records)
    _print_events(console, records, events_limit)


def _print_ledger(console: Console, records: list[ReplayRecord]) -> None:
    matters: dict[tuple[str, str], int] = {}
    warnings: Counter = Counter()
    for record in records:
        key = (record.user, record.reference_id)
        if record.action is ReplayAction.APOLOGY_RECORDED and record.apology_count is not None:
            matters[key] = max(matters.get(key, 0), record.apology_count)
        elif record.action is ReplayAction.REPEAT_APOLOGY_WARNING:
            warnings[key] += 1
    table = Table(title="Apology ledger: matters", title_justify="left")
    for column in ("person", "matter", "apologies", "repeat warnings"):
        table.add_column(column)
    for (user, matter), count in sorted(matters.items()):
        table.add_row(escape(user), escape(matter), str(count), str(warnings[(user, matter)]))
    console.print(table)


def _print_incidents(console: Console, records: list[ReplayRecord]) -> None:
    table = Table(title="Incidents that would have opened", title_justify="left")
    for column in ("when", "channel", "author", "categories", "severity", "updates"):
        table.add_column(column)
    updates = Counter(r.reference_id for r in records if r.action is ReplayAction.INCIDENT_UPDATED)
    for record in records:
        if record.action is ReplayAction.INCIDENT_OPENED:
            table.add_row(
                _when(record.at), escape(record.channel), escape(record.user), ", ".join(record.categories),
                record.severity, str(updates[record.reference_id]),
            )
    console.print(table)


def _print_events(console: Console, records: list[ReplayRecord], limit: int) -> None:
    table = Table(title=f"Events (first {limit})", title_justify="left")
    for column in ("when", "channel", "person", "action", "categories", "excerpt"):
        table.add_column(column)
    for record in records[:limit]:
        table.add_row(
            _when(record.at), escape(record.channel), escape(record.user), record.action.value,
            ", ".join(record.categories), escape(record.excerpt),
        )
    console.print(table)
