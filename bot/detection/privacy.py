"""PrivateInPublicDetector: health, money, relationship and DM-style talk posted in a public channel."""

from __future__ import annotations

import logging

from bot.data_files import DataPaths
from bot.detection.personal_lexicon import PersonalLexicon, fold, languages_to_check, load_personal_lexicons
from bot.verdict import Finding, MessageContext
from bot.vocabulary import Category

log = logging.getLogger(__name__)

_GROUP_REASON = {
    "health": "health details",
    "money": "money matters",
    "relationships": "relationship matters",
    "confidential": "something meant to stay confidential",
    "intimate": "a message that reads like a private one",
}
SMALLEST_PUBLIC_AUDIENCE = 3  # two people are a conversation, not an audience


# Findings per message at most (a long paste).
FINDINGS_CAP = 20


class PrivateInPublicDetector:
    """Private phrases of the message's language (and English) in a public channel; silent elsewhere."""

    def __init__(self, lexicons: dict[str, PersonalLexicon]) -> None:
        self._lexicons = lexicons

    @classmethod
    def load(cls, paths: DataPaths) -> PrivateInPublicDetector:
        return cls(load_personal_lexicons(paths))

    def detect(self, text: str, language: str = "en", context: MessageContext | None = None) -> list[Finding]:
        if context is not None and (not context.is_public or (
                context.channel_size is not None and context.channel_size < SMALLEST_PUBLIC_AUDIENCE)):
            return []
        folded = fold(text)
        findings: list[Finding] = []
        for lexicon in languages_to_check(language, self._lexicons):
            for start, end, group in lexicon.private.finditer(folded):
                if len(findings) >= FINDINGS_CAP:
                    break
                if any(f.start < end and start < f.end for f in findings):
                    continue
                excerpt = text[start:end]
                findings.append(Finding(
                    category=Category.PRIVATE_IN_PUBLIC,
                    severity=lexicon.private_severity[group],
                    start=start,
                    end=end,
                    message=f"\u201c{excerpt}\u201d shares {_GROUP_REASON.get(group, 'something private')}"
                            " with the whole channel.",
                    excerpt=excerpt,
                    rule=f"private.{group}",
                ))
        return sorted(findings, key=lambda f: f.start)
