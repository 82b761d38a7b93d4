"""Validators that tell a real credential value from a placeholder, an id, a hash or an ordinary word."""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections import Counter
from dataclasses import dataclass

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
_FILLER_RUN = re.compile(r"([xX*.#•_])\1{3,}|(.)\2{5,}")  # "xxxx", "****", "aaaaaa": filler, not a key
_CODE_CALL = re.compile(r"[A-Za-z_][\w.]*\(|\[['\"]")  # getpass.getpass(), os.environ["X"]
_HEX = re.compile(r"[0-9a-fA-F]+")
_URLISH = re.compile(r"[A-Za-z0-9]\.[A-Za-z]{2,}/|^\.{0,2}/|^~/|://")
_AWS_KEY_ID = re.compile(r"(?:AKIA|ASIA)[A-Z2-7]{16}")
_TRAILING = ".,;:!?)]}'\"»”"
PASSWORD_SYMBOLS = set("!@#$%^&*()-_=+[]{};:,.<>/?\\|~`'\"")


@dataclass(frozen=True)
class ValueRules:
    """The data-file knobs every check shares."""

    placeholder_substrings: tuple[str, ...]
    placeholder_words: frozenset[str]
    min_entropy: float
    min_password_length: int

    def is_placeholder(self, value: str) -> bool:
        lowered = value.lower()
        if lowered.strip(_TRAILING) in self.placeholder_words:
            return True
        if len(set(lowered)) <= 2 or _FILLER_RUN.search(value):  # "xxxxxxxx", "abababab", "sk-****"
            return True
        return any(part in lowered for part in self.placeholder_substrings)


def shannon_entropy(value: str) -> float:
    """Bits per character: random tokens score 3.5 to 6, words and repeated ids far less."""
    if not value:
        return 0.0
    counts = Counter(value)
    length = len(value)
    return -sum(n / length * math.log2(n / length) for n in counts.values())


def character_classes(value: str) -> tuple[bool, bool, bool]:
    return (any(c.isupper() for c in value), any(c.islower() for c in value), any(c.isdigit() for c in value))


def looks_mixed(value: str) -> bool:
    """At least two of upper case, lower case and digits, and at least one digit or one upper case."""
    upper, lower, digit = character_classes(value)
    return upper + lower + digit >= 2


def is_uuid(value: str) -> bool:
    return bool(_UUID.fullmatch(value.strip(_TRAILING)))


def is_hex_digest(value: str) -> bool:
    return bool(_HEX.fullmatch(value)) and len(value) in (32, 40, 56, 64, 96, 128)


def is_discord_token(value: str) -> bool:
    """A Discord bot token's first part is the bot's numeric user id in base64."""
    head = value.split(".", 1)[0]
    try:
        decoded = base64.urlsafe_b64decode(head + "=" * (-len(head) % 4))
    except (binascii.Error, ValueError):
        return False
    return decoded.isdigit() and 15 <= len(decoded) <= 21


def is_password_value(value: str, rules: ValueRules, strict: bool = False) -> bool:
    """Does this look like an actual password rather than a word in a sentence about passwords?"""
    value = value.rstrip(_TRAILING)
    if len(value) < rules.min_password_length or rules.is_placeholder(value):
        return False
    if "{" in value or "://" in value or value.startswith(("/", "./", "~/", "$")) or _CODE_CALL.search(value):
        return False
    upper, lower, digit = character_classes(value)
    symbol = any(c in PASSWORD_SYMBOLS for c in value)
    letters = upper or lower
    if strict:
        return upper + lower + digit + symbol >= 3 and len(value) >= 8
    parts = [p for p in re.split(r"[-_.]", value) if p]
    if len(parts) >= 3 and all(p.isalpha() for p in parts):
        return True  # a passphrase such as correct-horse-battery-staple
    inner_upper = any(c.isupper() for c in value[1:])
    return (letters and digit) or (letters and symbol) or (inner_upper and lower)


def url_password_ok(value: str, rules: ValueRules) -> bool:
    """The password part of scheme://user:password@host is a real value, not 'pass' or '${DB_PASS}'."""
    if rules.is_placeholder(value) or value.startswith(("$", "%", "*")):
        return False
    return len(value) >= 4


def has_aws_context(lowered_text: str, text: str) -> bool:
    return "aws" in lowered_text or bool(_AWS_KEY_ID.search(text))


def looks_like_url_or_path(value: str) -> bool:
    return bool(_URLISH.search(value))
