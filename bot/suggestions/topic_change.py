"""The topic-change builder: an open question or a positive remark, about the channel's recent topics if any."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.texts import Texts

MAX_TOPIC_LENGTH = 60
# "hi all" or "ok thanks" is chatter, not a topic worth steering back to.
MIN_TOPIC_WORDS = 3
_MIN_AVOIDED_LENGTH = 3  # a one-letter span would rule out every topic
_QUOTES = "\"'“”‘’«»„‚"


def build_topic_change(
    texts: Texts, language: str, seed: str, recent_topics: Sequence[str] = (), avoid: Sequence[str] = ()
) -> str:
    """Pick the newest usable topic (topics are in chat order, newest last), else a general prompt."""
    unwanted = [phrase.casefold() for phrase in avoid if len(phrase.strip()) >= _MIN_AVOIDED_LENGTH]
    for topic in reversed(recent_topics):
        cleaned = clean_topic(topic)
        if len(cleaned.split()) >= MIN_TOPIC_WORDS and not any(phrase in cleaned.casefold() or phrase in topic.casefold() for phrase in unwanted):
            return texts.choose(language, "topic.recent", seed, topic=cleaned)
    return texts.choose(language, "topic.general", seed)


def clean_topic(topic: str) -> str:
    """One line, without quotes or mentions, cut at a word boundary so it fits in a sentence."""
    text = re.sub(r"<[^>]*>|@\w+", " ", topic)
    text = " ".join(text.split()).strip(_QUOTES + " .,;:!?")
    if len(text) <= MAX_TOPIC_LENGTH:
        return text
    cut = text[:MAX_TOPIC_LENGTH].rsplit(" ", 1)[0].rstrip(" .,;:!?")
    return f"{cut}…"
