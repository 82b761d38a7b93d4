"""The real detector over the real data files, loaded once for every detection test."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.data_files import DataPaths
from bot.detection import Detector

DATA = Path(__file__).resolve().parents[3] / "data"


@pytest.fixture(scope="session")
def detector() -> Detector:
    return Detector.load(DataPaths(DATA))
