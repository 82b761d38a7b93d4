"""Negative talk, in the third person, about someone who is in the channel and can read it."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from bot.detection.context import MessageLayout
from bot.detection.lexicon import Hit
from bot.detection.normalise import normalise
from bot.detection.toxicity import RawFinding
from bot.vocabulary import Category, Severity

_NEGATIVE_KEYS = ("insult", "insult_strong", "profanity", "negative", "dehumanising", "hate_verb")
# English possessives that point back at a member just named ("bob pushed again. his PR is garbage").
# Only their work ("his PR", "her design"): "his laptop is terrible" is no judgement of him.
_POSSESSIVE = re.compile(r"(?<![\w'])(?:his|her) (?:prs?|pull requests?|code|commits?|patch(?:es)?|design|"
                         r"work|reviews?|changes?|branch|docs|tests?|ideas?|proposal|plan|feature|fix|"
                         r"presentation|report|spec|draft|script|merge|refactor|pitch|slides)(?![\w'])")
_WORK_NEGATIVE_KEYS = ("insult", "negative")
# How many words apart the name and the negative word may be.
REACH = 6
# A long paste naming someone hundreds of times: this many findings, this many mentions weighed.
FINDINGS_CAP = 20
NAMES_EXAMINED = 200


@lru_cache(maxsize=4096)
def _plain_name(name: str) -> str:
    return normalise(name).text.strip().lstrip("@")


@lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])@?" + re.escape(name) + r"(?![\w])")


def _name_hits(plain: str, members: tuple[str, ...], author: str | None) -> list[Hit]:
    hits: list[Hit] = []
    author_plain = _plain_name(author) if author else None
    for member in members:
        name = _plain_name(member)
        # A substring test first: channels can list hundreds of members, most not named here.
        if len(name) < 2 or name == author_plain or name not in plain:
            continue
        for match in _name_pattern(name).finditer(plain):
            hits.append(Hit("member", match.start(), match.end(), name))
    return hits


def find_about_present_person(layout: MessageLayout, members: tuple[str, ...],
                              author: str | None, replied: str | None = None) -> list[RawFinding]:
    if not members:
        return []
    findings = _about_named(layout, members, author)
    if not findings and "h" in layout.plain:
        findings = _about_his_or_her(layout, members, author, replied)
    return findings


def _about_his_or_her(layout: MessageLayout, members: tuple[str, ...], author: str | None,
                      replied: str | None) -> list[RawFinding]:
    """ "his PR is garbage" right after a member was named (earlier in the message, or in the message
    replied to): the pronoun can only be that member. Without a named member it could be anyone."""
    pronouns = list(_POSSESSIVE.finditer(layout.plain))
    if not pronouns:
        return []
    negatives = [hit for key in _WORK_NEGATIVE_KEYS for hit in layout.by_key.get(key, ())]
    if not negatives:
        return []
    named_before = [hit.start for hit in _name_hits(layout.plain, members, author)]
    named_in_reply = bool(replied) and bool(_name_hits(normalise(replied).text, members, author))
    for pronoun in pronouns:
        if not named_in_reply and not any(start < pronoun.start() for start in named_before):
            continue
        sentence = layout.sentence(pronoun.start())
        pronoun_word = layout.word_index(pronoun.start())
        for negative in negatives:
            gap = layout.word_index(negative.start) - pronoun_word
            if layout.sentence(negative.start) != sentence or not 0 < gap <= REACH:
                continue
            if layout.near(negative, "negation", 3, 0, same_clause=True) or layout.in_sentence(negative, "reporting", True):
                continue
            if layout.in_sentence(negative, "second_person"):
                continue
            return [RawFinding(Category.ABOUT_PRESENT_PERSON, Severity.MEDIUM, pronoun.start(), negative.end,
                               f"{negative.key}:{negative.term}",
                               "negative talk about the work of someone present in the channel")]
    return []


def _about_named(layout: MessageLayout, members: tuple[str, ...], author: str | None) -> list[RawFinding]:
    negatives = sorted((hit for key in _NEGATIVE_KEYS for hit in layout.by_key.get(key, ())),
                       key=lambda hit: hit.start)
    if not negatives:
        return []
    starts = [hit.start for hit in negatives]
    words = layout.word_starts
    findings: list[RawFinding] = []
    for name_hit in _name_hits(layout.plain, members, author)[:NAMES_EXAMINED]:
        if len(findings) >= FINDINGS_CAP:
            break
        sentence = layout.sentence(name_hit.start)
        # Speaking *to* the person ("bob, you are useless") is an insult, handled elsewhere.
        if layout.in_sentence(name_hit, "second_person"):
            continue
        name_word = layout.word_index(name_hit.start)
        # Only the negative words within REACH words of the name, found by bisection.
        low = words[max(0, name_word - REACH)] if words else 0
        high = words[name_word + REACH + 1] if name_word + REACH + 1 < len(words) else len(layout.plain) + 1
        for negative in negatives[bisect_left(starts, low):bisect_left(starts, high)]:
            if layout.sentence(negative.start) != sentence:
                continue
            if abs(layout.word_index(negative.start) - name_word) > REACH:
                continue
            if layout.near(negative, "negation", 3, 0, same_clause=True) or layout.in_sentence(negative, "reporting", True):
                continue
            strong = negative.key in ("insult_strong", "dehumanising")
            findings.append(RawFinding(
                Category.ABOUT_PRESENT_PERSON, Severity.HIGH if strong else Severity.MEDIUM,
                min(name_hit.start, negative.start), max(name_hit.end, negative.end),
                f"{negative.key}:{negative.term}", "negative talk about someone present in the channel"))
            break
    return findings
