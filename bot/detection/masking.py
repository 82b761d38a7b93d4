"""Masking of secrets and personal data, for every excerpt that is stored or shown anywhere."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.verdict import Finding
from bot.vocabulary import Category

MASKED_CATEGORIES = frozenset({Category.SECRET, Category.PII})
TOKEN_PREFIX = 4  # enough to say which kind of token it was, far too little to use it

_STYLE_BY_RULE = {
    "email": "email",
    "phone": "phone",
    "credit_card": "card",
    "iban": "iban",
    "national_id": "hidden",
    "password": "hidden",
    "login_password": "hidden",
    "credential_url": "hidden",
    "private_key": "private_key",
    "slack_webhook": "url",
    "discord_webhook": "url",
}
_URL_HOST = re.compile(r"^[a-z][a-z0-9+.\-]*://[^/\s]+", re.IGNORECASE)


def style_for(rule: str) -> str:
    """The masking style of a rule name (a secret pattern's or PII kind's name)."""
    return _STYLE_BY_RULE.get(rule, "token")


def mask_value(value: str, style: str = "token") -> str:
    """Mask one detected value: keep just enough to recognise what it was."""
    if style == "email" and "@" in value:
        local, _, domain = value.rpartition("@")
        return f"{local[:1]}***@{domain}"
    if style == "phone":
        return _mask_digits(value, keep_last=2)
    if style == "card":
        digits = [c for c in value if c.isdigit()]
        return "**** " + "".join(digits[-4:])
    if style == "iban":
        compact = value.replace(" ", "")
        return f"{compact[:2]}** **** {compact[-2:]}" if len(compact) > 6 else "****"
    if style == "hidden":
        return "****"
    if style == "private_key":
        return "-----BEGIN PRIVATE KEY----- **** (redacted)"
    if style == "url":
        host = _URL_HOST.match(value)
        return f"{host.group(0)}/****" if host else "****"
    if len(value) <= TOKEN_PREFIX * 2:
        return "****"
    return value[:TOKEN_PREFIX] + "****…"


def _mask_digits(value: str, keep_last: int) -> str:
    total = sum(c.isdigit() for c in value)
    seen = 0
    masked = []
    for char in value:
        if char.isdigit():
            seen += 1
            masked.append(char if seen > total - keep_last else "*")
        else:
            masked.append(char)
    return "".join(masked)


def mask_text(text: str, findings: Iterable[Finding]) -> str:
    """The text with every secret and personal-data span masked; other findings leave it unchanged."""
    spans = sorted(
        (f.start, f.end, style_for(f.rule))
        for f in findings
        if f.category in MASKED_CATEGORIES and 0 <= f.start < f.end <= len(text)
    )
    pieces: list[str] = []
    cursor = 0
    for start, end, style in spans:
        if start < cursor:  # overlapping spans: extend the masked region, never reveal
            if end > cursor:
                pieces.append("****")
                cursor = end
            continue
        pieces.append(text[cursor:start])
        pieces.append(mask_value(text[start:end], style))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
