"""The stateless check: detector plus suggestion builders, turned into the public verdict of one message."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.verdict import Analysis, MessageContext, Suggestion, Verdict

if TYPE_CHECKING:
    from bot.detection import Detector
    from bot.suggestions import SuggestionComposer


def build_verdict(analysis: Analysis, suggestions: tuple[Suggestion, ...]) -> Verdict:
    return Verdict(
        regrettable=bool(analysis.findings),
        severity=analysis.severity,
        categories=analysis.categories,
        language=analysis.language,
        findings=analysis.findings,
        suggestions=suggestions if analysis.findings else (),
        apology=analysis.apology,
    )


class Checker:
    """What `damage-control check` and the `check` command run: no database, no policy, just the verdict."""

    def __init__(self, detector: Detector, composer: SuggestionComposer) -> None:
        self.detector = detector
        self.composer = composer

    def check(
        self, text: str, context: MessageContext | None = None, language: str | None = None
    ) -> Verdict:
        analysis = self.detector.analyse(text, context, language)
        suggestions: tuple[Suggestion, ...] = ()
        if analysis.findings:
            suggestions = self.composer.compose(text, analysis, context, language=analysis.language)
        return build_verdict(analysis, suggestions)

