"""Topic changes: an open question or a positive remark, from the channel's recent topics when given."""

from __future__ import annotations

from bot.suggestions.topic_change import MAX_TOPIC_LENGTH, build_topic_change, clean_topic
from bot.texts import Texts


def test_the_newest_usable_topic_is_used(texts: Texts) -> None:
    topic = build_topic_change(texts, "en", "seed", ["lunch plans", "the Friday release"])
    assert "the Friday release" in topic
    assert topic.endswith("?")


def test_topics_holding_the_regrettable_text_are_skipped(texts: Texts) -> None:
    topic = build_topic_change(
        texts, "en", "seed", ["the Friday release", "that idiot Bob"], avoid=["idiot"]
    )
    assert "idiot" not in topic and "the Friday release" in topic


def test_without_topics_a_template_is_used(texts: Texts) -> None:
    general = set(texts.variants("en", "topic.general"))
    assert build_topic_change(texts, "en", "seed") in general
    assert build_topic_change(texts, "en", "seed", ["   ", "@here"]) in general


def test_topics_are_cleaned_and_cut_at_a_word(texts: Texts) -> None:
    assert clean_topic('  "the   new\nlogo" ') == "the new logo"
    assert clean_topic("<@U123> can you check the migration") == "can you check the migration"
    long = clean_topic("word " * 40)
    assert len(long) <= MAX_TOPIC_LENGTH + 1 and long.endswith("…") and "  " not in long


def test_chatter_is_not_a_topic(texts: Texts) -> None:
    topic = build_topic_change(texts, "en", "seed", ["the Friday release plan", "hi all", "ok thanks"])
    assert "the Friday release plan" in topic
    general = set(texts.variants("en", "topic.general"))
    assert build_topic_change(texts, "en", "seed", ["hello team", "lunch?"]) in general
