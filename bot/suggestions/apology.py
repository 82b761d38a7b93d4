"""The apology builder: first person, names the specific thing and the people it hurt, no excuses, short."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.texts import Texts
from bot.verdict import Finding, MessageContext
from bot.vocabulary import Category

MAX_LENGTH = 200
MAX_NAMES = 3  # addressing more people than this reads like a crowd, so the general draft is used

# Which family of drafts fits a category; over_apology has none: the message already apologises too much.
GROUPS: dict[Category, str] = {
    Category.INSULT: "hurt",
    Category.TOXICITY: "hurt",
    Category.ABOUT_PRESENT_PERSON: "hurt",
    Category.PASSIVE_AGGRESSIVE: "hurt",
    Category.HEATED: "heated",
    Category.PROFANITY_MILD: "heated",
    Category.SECRET: "leak",
    Category.PII: "leak",
    Category.PRIVATE_IN_PUBLIC: "leak",
    Category.MASS_MENTION: "noise",
    Category.NON_APOLOGY: "non_apology",
}
# On equal severity the apology is about the category that does the most lasting harm.
_ORDER = [
    Category.SECRET,
    Category.PII,
    Category.INSULT,
    Category.TOXICITY,
    Category.ABOUT_PRESENT_PERSON,
    Category.PRIVATE_IN_PUBLIC,
    Category.MASS_MENTION,
    Category.PASSIVE_AGGRESSIVE,
    Category.HEATED,
    Category.NON_APOLOGY,
    Category.PROFANITY_MILD,
]
_MAX_CHANNEL_LENGTH = 40
_PLATFORM_ID = re.compile(r"[CGD][A-Z0-9]{8,}|\d{15,}")  # Slack and Discord channel ids, not names


def build_apology(
    text: str, findings: Sequence[Finding], context: MessageContext | None, texts: Texts, language: str
) -> str | None:
    """An apology draft about the most serious finding, or None when no apology fits."""
    primary = primary_finding(findings)
    if primary is None:
        return None
    category, group = primary.category.value, GROUPS[primary.category]
    seed = f"{category}:{text}"
    places = [_where(context, texts, language), ""]
    names = affected_people(text, context)
    if names and len(names) <= MAX_NAMES:
        thing_key = f"apology.thing_to.{category}"
        if len(names) > 1 or not texts.has(thing_key):
            # "what I said about you" is singular in most languages ("su di te", "über dich"): two people
            # named get the general thing
            thing_key = f"apology.thing.{category}"
        for where in places:
            thing = texts.get(language, thing_key, where=where)
            draft = texts.choose(
                language, f"apology.{group}.addressed", seed, names=join_names(names, texts, language), thing=thing
            )
            if len(draft) <= MAX_LENGTH:
                return draft
    for where in places:
        thing = texts.get(language, f"apology.thing.{category}", where=where)
        draft = texts.choose(language, f"apology.{group}.general", seed, thing=thing)
        if len(draft) <= MAX_LENGTH:
            return draft
    return None


def primary_finding(findings: Sequence[Finding]) -> Finding | None:
    candidates = [finding for finding in findings if finding.category in GROUPS]
    if not candidates:
        return None
    return max(candidates, key=lambda f: (f.severity.rank, -_ORDER.index(f.category)))


def affected_people(text: str, context: MessageContext | None) -> list[str]:
    """Members present who are named in the message (not its author), in the order they appear."""
    if context is None:
        return []
    author = (context.author or "").casefold()
    found: list[tuple[int, str]] = []
    for name in dict.fromkeys(context.members_present):
        if not name.strip() or name.casefold() == author:
            continue
        match = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
        if match is not None:
            found.append((match.start(), name))
    return [name for _position, name in sorted(found)]


def join_names(names: Sequence[str], texts: Texts, language: str) -> str:
    if len(names) == 1:
        return names[0]
    return texts.get(language, "list.and", items=", ".join(names[:-1]), last=names[-1])


def _where(context: MessageContext | None, texts: Texts, language: str) -> str:
    if context is None or not context.channel or len(context.channel) > _MAX_CHANNEL_LENGTH:
        return ""
    if _PLATFORM_ID.fullmatch(context.channel):
        return ""  # "in #C024BE91L" names nothing a reader recognises; better no place than an id
    channel = context.channel if context.channel.startswith("#") else f"#{context.channel}"
    return texts.get(language, "apology.where", channel=channel)
