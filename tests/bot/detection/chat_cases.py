"""Case files of ordinary chat written for the tests (cases/*.txt): their [sections], and what counts as a flag."""

from __future__ import annotations

from pathlib import Path

from bot.detection import Detector
from bot.verdict import MessageContext
from bot.vocabulary import Category, Severity

CASES = Path(__file__).parent / "cases"


def read_sections(path: Path) -> dict[str, list[str]]:
    """Lines grouped under their `[section]` header; blank lines and `#` comments skipped."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        assert current is not None, f"{path.name}: a message before the first [section]"
        current.append(line)
    return sections


def chat_flags(detector: Detector, text: str, context: MessageContext) -> list[tuple[str, str, str]]:
    """What the chat benchmark counts as a flag: any finding of low severity or more (over-apology aside)."""
    return [(finding.category.value, finding.severity.value, finding.rule)
            for finding in detector.analyse(text, context).findings
            if finding.severity.rank >= Severity.LOW.rank and finding.category is not Category.OVER_APOLOGY]
