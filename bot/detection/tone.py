"""Passive-aggressive stock phrases ("per my last email", "thanks for nothing")."""

from __future__ import annotations

from bot.detection.context import MessageLayout
from bot.detection.toxicity import RawFinding
from bot.vocabulary import Category, Severity


def find_passive_aggressive(layout: MessageLayout) -> list[RawFinding]:
    hits = [hit for hit in layout.by_key.get("passive_aggressive", ()) if not layout.is_quoted(hit)]
    if not hits:
        return []
    first = hits[0]
    return [RawFinding(Category.PASSIVE_AGGRESSIVE, Severity.LOW, first.start, first.end,
                       f"passive_aggressive:{first.term}", "passive-aggressive phrase")]
