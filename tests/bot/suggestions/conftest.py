"""Fixtures for the suggestion builders: the real templates from data/, and findings built by hand."""

from __future__ import annotations

import pytest

from bot.data_files import DataPaths
from bot.settings import DEFAULT_DATA_DIR
from bot.suggestions import SuggestionComposer
from bot.texts import Texts
from bot.verdict import Finding
from bot.vocabulary import Category, Severity


@pytest.fixture(scope="session")
def texts() -> Texts:
    return Texts.load(DataPaths(DEFAULT_DATA_DIR))


@pytest.fixture(scope="session")
def composer(texts: Texts) -> SuggestionComposer:
    return SuggestionComposer.load(DataPaths(DEFAULT_DATA_DIR), texts)


def finding_for(
    text: str,
    span: str,
    category: Category,
    severity: Severity = Severity.MEDIUM,
    replacement: str | None = None,
    excerpt: str | None = None,
) -> Finding:
    """A finding on the first occurrence of `span` in `text`, as a detector would report it."""
    start = text.index(span)
    return Finding(
        category=category,
        severity=severity,
        start=start,
        end=start + len(span),
        message=f"{category.value} found",
        excerpt=span if excerpt is None else excerpt,
        replacement=replacement,
    )
