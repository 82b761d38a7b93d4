"""Detect an export's format by itself and read it, saying clearly what could not be read."""

from __future__ import annotations

from pathlib import Path

from bot.replay.archive import ExportArchive
from bot.replay.discord_export import read_discord_exports
from bot.replay.history import History
from bot.replay.slack_export import looks_like_slack_export, read_slack_export


class UnreadableExport(Exception):
    """Nothing at the path could be read as a Slack or Discord export."""


def load_history(path: Path) -> History:
    if not path.exists():
        raise UnreadableExport(f"{path}: no such file or folder")
    try:
        archive = ExportArchive(path)
    except OSError as error:
        raise UnreadableExport(f"{path}: cannot open ({error.__class__.__name__})") from None
    try:
        if looks_like_slack_export(archive):
            history = read_slack_export(archive)
        else:
            history = read_discord_exports(archive)
    finally:
        archive.close()
    if not history.messages and history.problems:
        problems = "; ".join(history.problems[:5])
        raise UnreadableExport(f"{path}: nothing could be read as a Slack or Discord export ({problems})")
    history.messages.sort(key=lambda message: message.sent_at)
    return history
