"""The detector facade on the real data files: loading, spans in the original text, odd inputs."""

from __future__ import annotations

from bot.detection import Detector
from bot.vocabulary import Category


def test_an_insult_is_found_with_its_span_in_the_original_text(detector: Detector) -> None:
    text = "Honestly, you are an IDIOOOT"
    analysis = detector.analyse(text)
    insults = [f for f in analysis.findings if f.category is Category.INSULT]
    assert insults
    assert text[insults[0].start:insults[0].end] == "IDIOOOT"


def test_empty_and_huge_inputs_do_not_crash(detector: Detector) -> None:
    assert detector.analyse("").findings == ()
    huge = ("a perfectly normal sentence about builds and tests. " * 800)[:40_000]
    assert len(huge) == 40_000
    assert detector.analyse(huge).findings == ()
    assert detector.analyse(huge + " you idiot").categories == (Category.INSULT,)


def test_explicit_language_is_used(detector: Detector) -> None:
    analysis = detector.analyse("you are an idiot", language="en")
    assert analysis.language == "en" and analysis.language_confident


def test_a_leading_nick_and_handles_are_names_not_insults(detector: Detector) -> None:
    assert detector.analyse("m0r0n: try rebooting first").findings == ()
    assert detector.analyse("thanks @IdiotProof_Bot for the link", language="en").findings == ()
    assert Category.INSULT in detector.analyse("bob: you are an idiot").categories


def test_findings_are_sorted_and_inside_the_text(detector: Detector) -> None:
    text = "you idiot!!! per my last email, this fucking thing is broken"
    analysis = detector.analyse(text, language="en")
    assert analysis.findings
    starts = [f.start for f in analysis.findings]
    assert starts == sorted(starts)
    assert all(0 <= f.start < f.end <= len(text) for f in analysis.findings)
