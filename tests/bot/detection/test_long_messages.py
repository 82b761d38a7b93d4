"""A 40,000-character paste of each regrettable kind completes, is flagged, and its findings stay capped."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.detection import Detector
from bot.verdict import MessageContext
from bot.vocabulary import Category

LENGTH = 40_000
# No more than this many findings of one category and severity come out of any one detector.
CAP = 20



def _paste(unit: str) -> str:
    return (unit * (LENGTH // len(unit) + 1))[:LENGTH]


@pytest.mark.parametrize(("unit", "category"), [
    ("password: S3cr3t!xyz9 ", Category.SECRET),
    ("login admin / h2di7h2N3s%WXF ", Category.SECRET),
    ("api key: 9f3cA8b2E7d1F0a6B4c9D2e8Xq ", Category.SECRET),
    ("call me on +44 20 7946 0958 ", Category.PII),
    ("iban GB82 WEST 1234 5698 7654 32 ", Category.PII),
    ("you are an idiot ", Category.INSULT),
    ("WHY IS THIS BROKEN AGAIN??? ", Category.HEATED),
    ("@here @channel ", Category.MASS_MENTION),
    ("bob is useless ", Category.ABOUT_PRESENT_PERSON),
    ("x", None),
    ("a perfectly normal sentence about builds. ", None),
])
def test_a_long_paste_completes_flagged_and_capped(detector: Detector, unit: str, category: Category | None) -> None:
    text = _paste(unit)
    context = MessageContext(members_present=("bob", "alice"), author="carol", reply_to="m1")
    analysis = detector.analyse(text, context)
    if category is None:
        assert analysis.findings == ()
        return
    assert category in analysis.categories
    per_kind = Counter((f.category, f.severity) for f in analysis.findings)
    assert max(per_kind.values()) <= CAP
    assert all(0 <= f.start < f.end <= len(text) for f in analysis.findings)


def test_a_regrettable_word_at_the_end_of_a_long_paste_is_found(detector: Detector) -> None:
    text = _paste("a perfectly normal sentence about builds. ") + " you idiot"
    assert Category.INSULT in detector.analyse(text, language="en").categories
