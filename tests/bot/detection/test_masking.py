"""Masking: every secret and personal-data span is hidden in excerpts, other text is kept."""

from __future__ import annotations

import random
import string

from bot.data_files import DataPaths
from bot.detection.masking import mask_text, mask_value
from bot.detection.pii import PiiDetector
from bot.detection.secrets import SecretDetector
from bot.settings import DEFAULT_DATA_DIR
from bot.verdict import Finding, MessageContext
from bot.vocabulary import Category, Severity

PATHS = DataPaths(DEFAULT_DATA_DIR)


def token(prefix: str, length: int, seed: int) -> str:
    generator = random.Random(seed)
    return prefix + "".join(generator.choice(string.ascii_letters + string.digits) for _ in range(length))


def test_a_token_keeps_only_a_four_character_prefix() -> None:
    value = token("ghp_", 36, 1)
    assert mask_value(value) == "ghp_****…"


def test_email_phone_card_and_iban_styles() -> None:
    assert mask_value("jane.doe@example.org", "email") == "j***@example.org"
    assert mask_value("+44 7700 900123", "phone") == "+** **** ****23"
    assert mask_value("4111 1111 1111 1234", "card") == "**** 1234"
    assert mask_value("DE89370400440532013000", "iban") == "DE** **** 00"
    assert mask_value("hunter2!", "hidden") == "****"


def test_mask_text_hides_every_detected_value_and_keeps_the_rest() -> None:
    secret = token("sk_live_", 24, 2)
    text = f"key {secret} and mail bob.smith@corp-mail.io, calm down"
    findings = (SecretDetector.load(PATHS).detect(text, "en", MessageContext())
                + PiiDetector.load(PATHS).detect(text, "en", MessageContext()))
    masked = mask_text(text, findings)
    assert secret not in masked and "bob.smith" not in masked
    assert masked == "key sk_l****… and mail b***@corp-mail.io, calm down"


def test_other_categories_are_not_masked_and_overlaps_never_reveal() -> None:
    text = "you idiot, the token is abcdefghijklmnop1234"
    insult = Finding(category=Category.INSULT, severity=Severity.MEDIUM, start=4, end=9, message="insult")
    wide = Finding(category=Category.SECRET, severity=Severity.HIGH, start=24, end=44, message="s", rule="generic_token")
    inner = Finding(category=Category.SECRET, severity=Severity.HIGH, start=30, end=44, message="s", rule="password")
    masked = mask_text(text, [insult, inner, wide])
    assert masked.startswith("you idiot, the token is ")
    assert "ghijklmnop1234" not in masked and "1234" not in masked
