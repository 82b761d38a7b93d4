"""Suggestions for a regrettable message: delete, correction, apology and topic change, in the user's language."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bot.data_files import DataPaths
from bot.suggestions.apology import build_apology
from bot.suggestions.correction import build_correction
from bot.suggestions.explain import build_explanation
from bot.suggestions.topic_change import build_topic_change
from bot.texts import Texts
from bot.verdict import Analysis, Finding, MessageContext, Suggestion
from bot.vocabulary import Category, SuggestionKind

log = logging.getLogger(__name__)

_LEAKS = (Category.SECRET, Category.PII)
# Where keeping the text does harm, deleting comes first (principle 4), most harmful first.
_DELETE_FIRST = [Category.SECRET, Category.PII, Category.PRIVATE_IN_PUBLIC]
_LANGUAGE_FREE = {Category.SECRET, Category.PII, Category.MASS_MENTION, Category.HEATED}
_MIN_GUARDED_LENGTH = 4  # shorter spans ("42") occur in ordinary words; longer ones must never reappear

__all__ = ["SuggestionComposer"]


class SuggestionComposer:
    """Turns an analysis into suggestions; holds nothing but the templates, so it is safe to share."""

    def __init__(self, texts: Texts) -> None:
        self._texts = texts

    @classmethod
    def load(cls, paths: DataPaths, texts: Texts) -> SuggestionComposer:
        return cls(texts)

    @property
    def texts(self) -> Texts:
        return self._texts

    def compose(
        self,
        text: str,
        analysis: Analysis,
        context: MessageContext | None = None,
        *,
        language: str | None = None,
        recent_topics: Sequence[str] = (),
    ) -> tuple[Suggestion, ...]:
        """For a secret or personal data: delete first, then the rest; else correction, apology, topic change."""
        findings = analysis.findings
        if not findings:
            return ()
        guessed: str | None = analysis.language
        if not analysis.language_confident and all(f.category in _LANGUAGE_FREE for f in findings):
            # an unsure guess on a code-like message ("password=...") is noise; words from a lexicon are not
            guessed = None
        lang = self._texts.resolve_language(language or guessed)
        suggestions: list[Suggestion] = []
        leaked = [finding.category for finding in findings if finding.category in _DELETE_FIRST]
        if leaked:
            category = min(leaked, key=_DELETE_FIRST.index)
            delete_text = self._texts.get(lang, f"suggestion.delete.{category.value}")
            suggestions.append(Suggestion(kind=SuggestionKind.DELETE, text=delete_text))
        apology = build_apology(text, findings, context, self._texts, lang)
        sincere = apology if any(f.category is Category.NON_APOLOGY for f in findings) else None
        correction = build_correction(text, findings, self._texts, lang, apology=sincere)
        if correction is not None:
            suggestions.append(Suggestion(kind=SuggestionKind.CORRECTION, text=correction))
        if apology is not None and apology.strip() not in (correction or ""):
            # a non-apology corrected into the apology itself: one apology, edited in place, not a second one
            suggestions.append(Suggestion(kind=SuggestionKind.APOLOGY, text=apology))
        if any(finding.category is not Category.OVER_APOLOGY for finding in findings):
            avoid = [text, *(text[f.start : f.end] for f in findings)]
            topic = build_topic_change(self._texts, lang, text, recent_topics, avoid)
            suggestions.append(Suggestion(kind=SuggestionKind.TOPIC_CHANGE, text=topic))
        return tuple(_without_leaks(text, findings, suggestions))

    def explain(self, finding: Finding, language: str) -> str:
        """A localised "why" line for one finding: its category and its masked excerpt."""
        return build_explanation(finding, self._texts, self._texts.resolve_language(language))


def _without_leaks(text: str, findings: Sequence[Finding], suggestions: list[Suggestion]) -> list[Suggestion]:
    """A last guard: drop any suggestion that would repeat a detected secret or personal datum."""
    spans = [
        text[f.start : f.end]
        for f in findings
        if f.category in _LEAKS and f.end - f.start >= _MIN_GUARDED_LENGTH
    ]
    kept = []
    for suggestion in suggestions:
        if any(span in suggestion.text for span in spans):
            log.error("dropped a %s suggestion that still held a detected secret", suggestion.kind.value)
            continue
        kept.append(suggestion)
    return kept
