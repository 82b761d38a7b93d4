"""The composer's order, languages and its guarantee that secrets never reach a suggestion."""

from __future__ import annotations

import pytest

from bot.suggestions import SuggestionComposer
from bot.verdict import Analysis, MessageContext
from bot.vocabulary import Category, Severity, SuggestionKind

from .conftest import finding_for

CONTEXT = MessageContext(channel="eng", members_present=("Bob",), author="Carol")


def kinds(suggestions) -> list[SuggestionKind]:
    return [suggestion.kind for suggestion in suggestions]


def test_a_harsh_message_gets_correction_apology_and_topic_change(composer: SuggestionComposer) -> None:
    text = "Bob, you're an idiot"
    analysis = Analysis(language="en", findings=(finding_for(text, "idiot", Category.INSULT),))
    suggestions = composer.compose(text, analysis, CONTEXT, recent_topics=["the new dashboard"])
    assert kinds(suggestions) == [SuggestionKind.CORRECTION, SuggestionKind.APOLOGY, SuggestionKind.TOPIC_CHANGE]
    assert suggestions[0].text == "Bob, you're mistaken"
    assert "the new dashboard" in suggestions[2].text


def test_a_secret_gets_delete_first_and_never_appears_anywhere(composer: SuggestionComposer) -> None:
    secret = "ghp_Zx81bQ0aLmN2pR5sT7vW9yA1cE3gI5kM7oQ9"
    text = f"Bob try my token {secret} for the API"
    finding = finding_for(text, secret, Category.SECRET, Severity.HIGH, excerpt="ghp_****")
    analysis = Analysis(language="en", findings=(finding,))
    suggestions = composer.compose(text, analysis, CONTEXT, recent_topics=[f"token {secret}", "the API"])
    assert kinds(suggestions)[:2] == [SuggestionKind.DELETE, SuggestionKind.CORRECTION]
    assert SuggestionKind.APOLOGY in kinds(suggestions)
    for suggestion in suggestions:
        assert secret not in suggestion.text
        assert secret[4:20] not in suggestion.text
    assert secret not in composer.explain(finding, "en")


def test_requested_language_overrides_the_message_language(composer: SuggestionComposer) -> None:
    text = "you are an idiot"
    analysis = Analysis(language="en", findings=(finding_for(text, "idiot", Category.INSULT),))
    english = composer.compose(text, analysis, CONTEXT)
    other = composer.compose(text, analysis, CONTEXT, language="de")
    assert english[1].text != other[1].text or composer.texts.resolve_language("de") == "en"


def test_no_findings_no_suggestions(composer: SuggestionComposer) -> None:
    assert composer.compose("lovely weather", Analysis(language="en")) == ()


def test_only_an_over_apology_gets_just_the_correction(composer: SuggestionComposer) -> None:
    text = "Sorry to bother you, quick question about the release"
    finding = finding_for(text, "Sorry to bother you", Category.OVER_APOLOGY, Severity.LOW)
    suggestions = composer.compose(text, Analysis(language="en", findings=(finding,)))
    assert kinds(suggestions) == [SuggestionKind.CORRECTION]
    assert suggestions[0].text == "Quick question about the release"


def test_explain_quotes_the_excerpt_in_one_line(composer: SuggestionComposer) -> None:
    text = "you are an idiot"
    line = composer.explain(finding_for(text, "idiot", Category.INSULT), "en")
    assert line == "“idiot” may read as an insult aimed at a person."
    unquoted = finding_for(text, "idiot", Category.INSULT, excerpt="")
    assert composer.explain(unquoted, "en").startswith("This part ")


@pytest.mark.parametrize("category", list(Category))
def test_every_category_composes_without_error(composer: SuggestionComposer, category: Category) -> None:
    text = "Bob: this part is the problem, and the fix is in review"
    analysis = Analysis(language="en", findings=(finding_for(text, "this part", category),))
    suggestions = composer.compose(text, analysis, CONTEXT)
    assert suggestions
    assert len({s.kind for s in suggestions}) == len(suggestions)


@pytest.mark.parametrize("language", ["en", "it", "es", "fr", "de", "nl", "fy"])
def test_every_category_is_explained_in_one_line_in_every_language(
    composer: SuggestionComposer, language: str
) -> None:
    lines = set()
    for category in Category:
        finding = finding_for("look at this bit here", "this bit", category)
        line = composer.explain(finding, language)
        assert "\n" not in line and "this bit" in line
        lines.add(line)
    assert len(lines) == len(Category)


def test_a_long_excerpt_is_shortened_in_the_explanation(composer: SuggestionComposer) -> None:
    text = "word " * 30
    line = composer.explain(finding_for(text, text.strip(), Category.HEATED), "en")
    assert "…" in line and len(line) < 100


@pytest.mark.parametrize("language", ["en", "it", "es", "fr", "de", "nl", "fy"])
def test_personal_data_is_explained_by_its_kind(composer: SuggestionComposer, language: str) -> None:
    """"looks like a bank account number (IBAN)" tells the writer what to remove; each kind its own line."""

    text = "pay to DE** **** 00 please"
    lines = set()
    for kind in ("email", "phone", "credit_card", "iban", "national_id"):
        finding = finding_for(text, "DE** **** 00", Category.PII).model_copy(update={"rule": kind})
        line = composer.explain(finding, language)
        assert "DE** **** 00" in line and "\n" not in line
        lines.add(line)
    assert len(lines) == 5
    generic = finding_for(text, "DE** **** 00", Category.PII).model_copy(update={"rule": "some_new_kind"})
    assert composer.explain(generic, language) not in lines  # an unknown kind keeps the general line


def test_every_personal_data_kind_the_patterns_know_has_its_explanation(texts) -> None:
    import tomllib

    from bot.settings import DEFAULT_DATA_DIR

    kinds = tomllib.loads((DEFAULT_DATA_DIR / "patterns" / "pii.toml").read_text(encoding="utf-8"))["labels"]
    template_keys = texts.keys()  # Texts' own keys (not a dict)
    assert sorted(kinds) == sorted(key.split(".", 1)[1] for key in template_keys if key.startswith("explain_pii."))
