"""ApologyReader: is a message a sincere apology, a politeness formula, or a non-apology?"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from bot.data_files import DataPaths
from bot.detection.personal_lexicon import PersonalLexicon, fold, languages_to_check, load_personal_lexicons
from bot.verdict import Finding
from bot.vocabulary import ApologyKind, Category, Severity

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ApologyReading:
    """How a message reads as an apology; start/end span the phrase that decided it (0, 0 for none)."""

    kind: ApologyKind
    findings: tuple[Finding, ...] = field(default=())
    start: int = 0
    end: int = 0


NO_APOLOGY = ApologyReading(ApologyKind.NONE)


class ApologyReader:
    """Reads apologies with the phrases of the message's language, and English (mixed into every language)."""

    def __init__(self, lexicons: dict[str, PersonalLexicon]) -> None:
        self._lexicons = lexicons

    @classmethod
    def load(cls, paths: DataPaths) -> ApologyReader:
        return cls(load_personal_lexicons(paths))

    def read(self, text: str, language: str = "en") -> ApologyReading:
        folded = fold(text)
        lexicons = languages_to_check(language, self._lexicons)
        # a hedged or blaming apology is named first, whatever else the message says
        reading = _non_apology(text, folded, lexicons)
        if reading is not None:
            return reading
        apology = next((m for lexicon in lexicons if (m := lexicon.apology.search(folded))), None)
        if apology is None:
            return NO_APOLOGY
        # Once there is an apology, every language's phrases may say what kind it is: the language guess is
        # least sure on short lines ("sorry datst it sa opfettest" reads as English, Frisian as Dutch).
        others = [lexicon for lexicon in self._lexicons.values() if lexicon not in lexicons]
        reading = _non_apology(text, folded, others)
        if reading is not None:
            return reading
        lexicons = lexicons + others
        if any(lexicon.sympathy.search(folded) for lexicon in lexicons):
            return NO_APOLOGY  # "sorry to hear that": sympathy for someone else
        for lexicon in lexicons:
            match = lexicon.formula.search(folded)
            if match:
                start, end, _ = match
                excerpt = text[start:end]
                finding = Finding(
                    category=Category.OVER_APOLOGY, severity=Severity.LOW, start=start, end=end,
                    message=f"\u201c{excerpt}\u201d is a politeness formula: no need to apologise for asking.",
                    excerpt=excerpt, rule=f"formula.{lexicon.language}",
                )
                return ApologyReading(ApologyKind.FORMULA, (finding,), start, end)
        return ApologyReading(ApologyKind.SINCERE, (), apology[0], apology[1])


def _non_apology(text: str, folded: str, lexicons: list[PersonalLexicon]) -> ApologyReading | None:
    """The first hedged or blaming apology phrase of these languages, read as a non-apology."""
    for lexicon in lexicons:
        match = lexicon.non_apology.search(folded)
        if match:
            start, end, _ = match
            excerpt = text[start:end]
            finding = Finding(
                category=Category.NON_APOLOGY, severity=Severity.MEDIUM, start=start, end=end,
                message=f"\u201c{excerpt}\u201d apologises for how others feel, not for what was said.",
                excerpt=excerpt, rule=f"non_apology.{lexicon.language}",
            )
            return ApologyReading(ApologyKind.NON_APOLOGY, (finding,), start, end)
    return None
