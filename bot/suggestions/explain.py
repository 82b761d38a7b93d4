"""The explanation builder: one localised line saying why a finding was raised."""

from __future__ import annotations

from bot.texts import Texts
from bot.verdict import Finding
from bot.vocabulary import Category

MAX_EXCERPT_LENGTH = 40


def build_explanation(finding: Finding, texts: Texts, language: str) -> str:
    """"“idiot” may read as an insult aimed at a person": the excerpt is the detector's (already masked) one."""
    excerpt = " ".join(finding.excerpt.split())
    if len(excerpt) > MAX_EXCERPT_LENGTH:
        excerpt = excerpt[: MAX_EXCERPT_LENGTH - 1].rstrip() + "…"
    shown = texts.get(language, "explain.quote", text=excerpt) if excerpt else texts.get(language, "explain.this_part")
    # Personal data says which kind ("looks like a bank account number (IBAN)"): the reader knows what to remove.
    kind_key = f"explain_pii.{finding.rule}"
    if finding.category == Category.PII and texts.has(kind_key):
        return texts.get(language, kind_key, excerpt=shown)
    return texts.get(language, f"explain.{finding.category.value}", excerpt=shown)
