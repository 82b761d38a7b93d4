"""`damage-control check`: one readable verdict, one JSON object, or a JSON-lines batch at full speed."""

from __future__ import annotations

import json
from typing import IO

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rich.console import Console
from rich.table import Table

from bot.checker import Checker
from bot.settings import Settings
from bot.verdict import Finding, MessageContext, Verdict
from bot.vocabulary import Category, Severity
from bot.wiring import load_core_data

_MASKED_CATEGORIES = {Category.SECRET, Category.PII}
_SEVERITY_STYLE = {Severity.NONE: "green", Severity.LOW: "yellow", Severity.MEDIUM: "dark_orange", Severity.HIGH: "red"}


def load_checker(settings: Settings) -> Checker:
    """The same data files the bot loads (every one validated), without a database."""
    core = load_core_data(settings)
    return Checker(core.detector, core.composer)


class _BatchContext(BaseModel):
    model_config = ConfigDict(extra="ignore")
    channel: str | None = None
    channel_size: int | None = Field(default=None, ge=0)
    members_present: list[str] = Field(default_factory=list)
    author: str | None = None
    reply_to: str | None = None


class _BatchInput(BaseModel):
    model_config = ConfigDict(extra="ignore")
    text: str
    lang: str | None = None
    context: _BatchContext | None = None


def _context_of(item: _BatchInput) -> MessageContext | None:
    if item.context is None:
        return None
    given = item.context
    return MessageContext(
        channel=given.channel,
        channel_size=given.channel_size,
        members_present=tuple(given.members_present),
        author=given.author,
        reply_to=given.reply_to,
    )


def check_line(checker: Checker, line: str) -> dict:
    """One input line to one output object; a malformed line gives {"error": ...} and nothing else."""
    try:
        item = _BatchInput.model_validate_json(line)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "line"
        return {"error": f"malformed input: {where}: {first['msg']}"}
    return checker.check(item.text, _context_of(item), item.lang).public_dict()


def batch_check(checker: Checker, source: IO[str], sink: IO[str]) -> int:
    """Read JSON lines, write one JSON line per input line (blank lines included), in order."""
    count = 0
    for raw_line in source:
        line = raw_line.strip()
        result = check_line(checker, line) if line else {"error": "malformed input: empty line"}
        sink.write(json.dumps(result, ensure_ascii=False) + "\n")
        count += 1
    sink.flush()
    return count


def shown_span(text: str, finding: Finding) -> str:
    """The quoted span for a human: never the raw text of a secret or of personal data."""
    if finding.excerpt:
        return finding.excerpt
    if finding.category in _MASKED_CATEGORIES:
        return "[masked]"
    return text[finding.start : finding.end]


def print_verdict(text: str, verdict: Verdict, console: Console | None = None) -> None:
    console = console or Console()
    style = _SEVERITY_STYLE[verdict.severity]
    if not verdict.regrettable:
        console.print(f"[green]Looks fine.[/green] Nothing to regret here (language: {verdict.language}).")
        return
    categories = ", ".join(category.value for category in verdict.categories)
    console.print(
        f"[bold {style}]Severity {verdict.severity.value}[/bold {style}]: {categories} (language: {verdict.language})"
    )
    table = Table(show_header=True, header_style="bold")
    table.add_column("category")
    table.add_column("severity")
    table.add_column("span")
    table.add_column("why")
    for finding in verdict.findings:
        table.add_row(
            finding.category.value,
            finding.severity.value,
            f"“{shown_span(text, finding)}” ({finding.start}-{finding.end})",
            finding.message,
        )
    console.print(table)
    for suggestion in verdict.suggestions:
        console.print(f"[bold]{suggestion.kind.value.replace('_', ' ')}[/bold]: {suggestion.text}")
