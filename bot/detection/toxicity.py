"""Insults, profanity, slurs, threats and hate against groups, with the context rules that tell them apart."""

from __future__ import annotations

from dataclasses import dataclass

from bot.detection.context import MessageLayout
from bot.detection.lexicon import Hit
from bot.vocabulary import Category, Severity

# How many words around a term a target ("you") or a modifier ("not") may be.
NEGATION_REACH = 3
TARGET_REACH = 4
SELF_REACH = 4


@dataclass(frozen=True, slots=True)
class RawFinding:
    """A finding on plain-text offsets; the facade maps it back to the original text."""

    category: Category
    severity: Severity
    start: int
    end: int
    rule: str
    reason: str


def _excused(layout: MessageLayout, hit: Hit, *, allow_banter: bool) -> str | None:
    """Why a term does not count here (negated, reported, quoted, self-directed, banter), or None."""
    if layout.near(hit, "negation", NEGATION_REACH, 0):
        return "negated"
    if layout.in_sentence(hit, "reporting", only_before=True) or layout.is_quoted(hit):
        return "reported"
    addressed = layout.near(hit, "second_person", TARGET_REACH, TARGET_REACH)
    if not addressed and layout.near(hit, "first_person", SELF_REACH, 1):
        return "self"
    if allow_banter and layout.anywhere("banter"):
        return "banter"
    return None


def _group_target(layout: MessageLayout, hit: Hit) -> Hit | None:
    """A group named in the same sentence, or "they" referring to a group named earlier in the message."""
    group = layout.in_sentence(hit, "group")
    if group:
        return group
    pronoun = layout.in_sentence(hit, "third_person")
    if pronoun and layout.anywhere("group"):
        earlier = [g for g in layout.by_key["group"] if g.start < hit.start]
        return earlier[-1] if earlier else None
    return None


def find_toxicity(layout: MessageLayout) -> list[RawFinding]:
    findings: list[RawFinding] = []
    by_key = layout.by_key

    for hit in by_key.get("slur", ()):
        if layout.in_sentence(hit, "reporting", only_before=True) or layout.is_quoted(hit):
            continue
        if layout.near(hit, "negation", 1, 0):
            continue
        findings.append(_finding(Category.TOXICITY, Severity.HIGH, hit, "slur"))

    for hit in by_key.get("threat", ()):
        if _excused(layout, hit, allow_banter=False) in ("negated", "reported"):
            continue
        findings.append(_finding(Category.TOXICITY, Severity.HIGH, hit, "threat"))

    for key in ("dehumanising", "negative"):
        for hit in by_key.get(key, ()):
            finding = _predicate(layout, hit, strong=key == "dehumanising")
            if finding:
                findings.append(finding)

    for hit in by_key.get("hate_verb", ()):
        if _excused(layout, hit, allow_banter=False) in ("negated", "reported"):
            continue
        group = _group_target(layout, hit)
        if group:
            findings.append(_finding(Category.TOXICITY, Severity.HIGH, hit, "hatred of a group", end=group.end))
        elif layout.near(hit, "second_person", 0, TARGET_REACH) or layout.near(hit, "third_person", 0, 2):
            findings.append(_finding(Category.INSULT, Severity.MEDIUM, hit, "hatred of a person"))

    for key, severity in (("insult", Severity.MEDIUM), ("insult_strong", Severity.HIGH)):
        for hit in by_key.get(key, ()):
            if _excused(layout, hit, allow_banter=key == "insult"):
                continue
            group = layout.near(hit, "group", 2, 2)
            if group:
                findings.append(_finding(Category.TOXICITY, Severity.HIGH, hit, "insult of a group"))
            else:
                findings.append(_finding(Category.INSULT, severity, hit, "insult"))

    for hit in by_key.get("profanity", ()):
        excuse = _excused(layout, hit, allow_banter=False)
        if excuse == "reported":
            continue
        if excuse != "self" and layout.near(hit, "second_person", 2, 2):
            findings.append(_finding(Category.INSULT, Severity.MEDIUM, hit, "swearing at a person"))
        elif layout.near(hit, "group", 2, 2):
            findings.append(_finding(Category.TOXICITY, Severity.HIGH, hit, "swearing at a group"))
        else:
            findings.append(_finding(Category.PROFANITY_MILD, Severity.LOW, hit, "swearing"))
    return findings


def _predicate(layout: MessageLayout, hit: Hit, *, strong: bool) -> RawFinding | None:
    """A negative or dehumanising predicate: toxic said of a group, insulting said to a person."""
    if layout.near(hit, "negation", NEGATION_REACH, 0):
        return None
    if layout.in_sentence(hit, "reporting", only_before=True) or layout.is_quoted(hit):
        return None
    group = _group_target(layout, hit)
    if group:
        start = min(group.start, hit.start)
        end = max(group.end, hit.end)
        return RawFinding(Category.TOXICITY, Severity.HIGH, start, end, f"{hit.key}:{hit.term}",
                          "dehumanising statement about a group" if strong else "hostile statement about a group")
    if layout.near(hit, "second_person", TARGET_REACH, 2):
        severity = Severity.HIGH if strong else Severity.MEDIUM
        return _finding(Category.INSULT, severity, hit, "insult")
    return None


def _finding(category: Category, severity: Severity, hit: Hit, reason: str, end: int | None = None) -> RawFinding:
    return RawFinding(category, severity, hit.start, end if end is not None else hit.end,
                      f"{hit.key}:{hit.term}", reason)
