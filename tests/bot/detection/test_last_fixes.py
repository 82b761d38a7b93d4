"""Frisian chat lines are told from Dutch and English; a few English phrasings that used to slip through."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.data_files import DataPaths
from bot.detection import Detector
from bot.vocabulary import Category

DATA = Path(__file__).resolve().parents[3] / "data"


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.load(DataPaths(DATA))


@pytest.mark.parametrize(("text", "language"), [
    ("do bist in idioat", "fy"),
    ("it spyt my, ik hie dat net sizze moatten", "fy"),
    ("hoe giet it mei dy?", "fy"),
    ("wy moatte moarn de release dwaan", "fy"),
    ("Jelle is in idioat en syn koade is rommel", "fy"),
    ("Jelle is in idioat", "fy"),
    ("hoe gaat het met je?", "nl"),
    ("ik heb dat niet goed gedaan", "nl"),
    ("je bent een sukkel", "nl"),
    ("ik zit in de trein", "nl"),
    ("I left my keys in the car", "en"),
    ("Ich bin in der Küche", "de"),
])
def test_short_frisian_lines_are_told_from_dutch_english_and_german(detector: Detector, text: str,
                                                                      language: str) -> None:
    assert detector.analyse(text).language == language


def test_frisian_insult_about_a_colleague_is_found_in_frisian(detector: Detector) -> None:
    analysis = detector.analyse("Jelle is in idioat")
    assert analysis.language == "fy"
    assert [finding.category for finding in analysis.findings] == [Category.INSULT]
