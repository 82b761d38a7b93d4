"""Cards become embeds within Discord's limits, so a long card never makes Discord refuse the whole message."""

from __future__ import annotations

from adapters.discord.embeds import to_embed
from bot.actions import Card
from bot.verdict import Suggestion
from bot.vocabulary import SuggestionKind


def test_card_lines_fields_and_suggestions_are_all_shown() -> None:
    card = Card(
        title="Heads-up", lines=("first", "second"), fields=(("Where", "#general"),), footer="only you"
    )
    embed = to_embed(card, (Suggestion(kind=SuggestionKind.CORRECTION, text="you are mistaken, Bob"),))
    assert embed.title == "Heads-up"
    assert embed.description == "first\nsecond"
    assert [(field.name, field.value) for field in embed.fields] == [
        ("Where", "#general"),
        ("Correction", "you are mistaken, Bob"),
    ]
    assert embed.footer.text == "only you"


def test_an_oversized_card_is_trimmed_to_discords_limits() -> None:
    card = Card(
        title="t" * 300,
        lines=("l" * 3000, "m" * 3000),
        fields=tuple((f"label {index}", "v" * 2000) for index in range(30)),
    )
    embed = to_embed(card)
    assert len(embed.title or "") <= 256
    assert len(embed.fields) <= 25 and all(len(field.value or "") <= 1024 for field in embed.fields)
    assert len(embed.description or "") <= 4096
    assert len(embed) <= 6000
