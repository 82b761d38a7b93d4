"""The topic-change builder: an open question or a positive remark, about the channel's recent topics if any."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from bot.texts import Texts

MAX_TOPIC_LENGTH = 60
# "hi all" or "ok thanks" is chatter, not a topic worth steering back to.
MIN_TOPIC_WORDS = 3
MIN_CONTENT_WORDS = 2  # besides greetings, thanks, laughter and "ok": "haha yes lol" is no topic
_MIN_AVOIDED_LENGTH = 3  # a one-letter span would rule out every topic
_LAUGHTER = re.compile(r"(?:ha|he|hi|ja|je|ah|eh){2,}h?")
_QUOTES = "\"'“”‘’«»„‚"


def build_topic_change(
    texts: Texts, language: str, seed: str, recent_topics: Sequence[str] = (), avoid: Sequence[str] = ()
) -> str:
    """Pick the newest usable topic (topics are in chat order, newest last), else a general prompt."""
    unwanted = [phrase.casefold() for phrase in avoid if len(phrase.strip()) >= _MIN_AVOIDED_LENGTH]
    chatter = _chatter_words(texts)
    for topic in reversed(recent_topics):
        cleaned = clean_topic(topic)
        if len(cleaned.split()) < MIN_TOPIC_WORDS or _content_words(cleaned, chatter) < MIN_CONTENT_WORDS:
            continue
        if any(phrase in cleaned.casefold() or phrase in topic.casefold() for phrase in unwanted):
            continue
        # "does anyone know why CI is slow?" asks for answers, not for progress or a next step
        key = "topic.recent_question" if topic.rstrip(" \t\n" + _QUOTES).endswith("?") else "topic.recent"
        return texts.choose(language, key, seed, topic=cleaned)
    return texts.choose(language, "topic.general", seed)


@lru_cache(maxsize=8)
def _chatter_words(texts: Texts) -> frozenset[str]:
    # every language's: a channel's small talk need not be in the language of the message being helped
    return frozenset(word.casefold() for language in texts.languages for word in texts.grammar(language).chatter)


def _content_words(text: str, chatter: frozenset[str]) -> int:
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", text.casefold())
    return sum(1 for word in words if word not in chatter and not _is_laughter(word))


def _is_laughter(word: str) -> bool:
    """"hahaha", "jajaja", "ahahah", "hehe": laughter of any length."""
    return _LAUGHTER.fullmatch(word) is not None


def clean_topic(topic: str) -> str:
    """One line, without quotes or mentions, cut at a word boundary so it fits in a sentence."""
    text = re.sub(r"<[^>]*>|@\w+", " ", topic)
    text = " ".join(text.split()).strip(_QUOTES + " .,;:!?")
    if len(text) <= MAX_TOPIC_LENGTH:
        return text
    cut = text[:MAX_TOPIC_LENGTH].rsplit(" ", 1)[0].rstrip(" .,;:!?")
    return f"{cut}…"
