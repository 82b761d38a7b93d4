"""PiiDetector on the real pattern file: validated numbers and addresses found, look-alikes left alone."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from stdnum import iban, luhn
from stdnum.es import dni
from stdnum.it import codicefiscale

from bot.data_files import DataPaths
from bot.detection.pii import PiiDetector
from bot.settings import DEFAULT_DATA_DIR
from bot.verdict import MessageContext
from bot.vocabulary import Category, Severity

PUBLIC = MessageContext(channel="general", channel_size=120, is_public=True)
PRIVATE = MessageContext(channel="dm", channel_size=2, is_public=False)


@pytest.fixture(scope="module")
def detector() -> PiiDetector:
    return PiiDetector.load(DataPaths(DEFAULT_DATA_DIR))


def kinds(detector: PiiDetector, text: str, language: str = "en", context: MessageContext = PUBLIC):
    return [(f.rule, text[f.start:f.end]) for f in detector.detect(text, language, context)]


def card_number(prefix: str, length: int, seed: int) -> str:
    generator = random.Random(seed)
    body = prefix + "".join(generator.choice("0123456789") for _ in range(length - len(prefix) - 1))
    return body + luhn.calc_check_digit(body)


def german_iban(seed: int) -> str:
    generator = random.Random(seed)
    bban = "".join(generator.choice("0123456789") for _ in range(18))
    return "DE" + iban.calc_check_digits("DE00" + bban) + bban


def grouped(value: str) -> str:
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4))


# ------------------------------------------------------------------ e-mail
def test_an_email_address_is_found_and_masked(detector) -> None:
    text = "write to jane.doe+work@mailbox.test-corp.io please"
    [finding] = detector.detect(text, "en", PUBLIC)
    assert finding.category is Category.PII and finding.rule == "email"
    assert text[finding.start:finding.end] == "jane.doe+work@mailbox.test-corp.io"
    assert finding.excerpt == "j***@mailbox.test-corp.io"
    assert "jane.doe" not in finding.message


@pytest.mark.parametrize("text", [
    "docs say to write to someone@example.com",
    "connect with postgres://app:hunter22@db.internal.io:5432/main",
    "ssh deploy@build-02 and restart it",
    "use the icon@2x.png asset",
    "ping @marco and @ops",
])
def test_things_that_look_like_addresses_are_not_emails(detector, text) -> None:
    assert [k for k in kinds(detector, text) if k[0] == "email"] == []


# ------------------------------------------------------------------ phone numbers
REGIONS = ["US", "GB", "DE", "IT", "FR", "ES", "NL", "BE"]


@pytest.mark.parametrize("region", REGIONS)
def test_international_phone_numbers_of_each_country_are_found(detector, region) -> None:
    number = phonenumbers.example_number_for_type(region, PhoneNumberType.MOBILE)
    written = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    text = f"reach me at {written} after six"
    assert kinds(detector, text) == [("phone", written)]


@pytest.mark.parametrize(("region", "language", "lead"), [
    ("US", "en", "call me on"), ("GB", "en", "my number is"), ("DE", "de", "ruf mich an:"),
    ("IT", "it", "il mio numero è"), ("FR", "fr", "mon portable :"), ("ES", "es", "llámame al"),
    ("NL", "nl", "bel me op"),
])
def test_national_phone_numbers_are_found_in_their_language(detector, region, language, lead) -> None:
    number = phonenumbers.example_number_for_type(region, PhoneNumberType.MOBILE)
    written = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    text = f"{lead} {written}"
    assert kinds(detector, text, language) == [("phone", written)]


@pytest.mark.parametrize("text", [
    "order number 1618411037 has not shipped",
    "the build is 20240611.3",
    "we met on 09.06.2005 in Berlin",
    "version 1.2.3 and 2.0.10 both fail",
    "DNS servers 8.8.8.8 and 8.8.4.4",
    "tracking 95 374 729",
    "+1 555 000",
])
def test_numbers_that_are_not_phone_numbers_are_left_alone(detector, text) -> None:
    assert kinds(detector, text) == []



@pytest.mark.parametrize(("named", "plain", "digits", "language"), [
    ("mi número de pedido es", "mi número es", "612345678", "es"),
    ("il mio numero d'ordine è", "il mio numero è", "3471234567", "it"),
    ("mon numéro de commande :", "mon numéro :", "0612345678", "fr"),
    ("meine Kundennummer ist", "meine Nummer ist", "015114373282", "de"),
    ("my invoice number is", "my number is", "2025550143", "en"),
])
def test_a_number_named_as_an_order_or_invoice_is_not_a_phone(detector, named, plain, digits, language) -> None:
    """The same digits after "my number" alone are a phone number."""
    assert kinds(detector, f"{named} {digits}", language) == []
    assert kinds(detector, f"{plain} {digits}", language) == [("phone", digits)]

# ------------------------------------------------------------------ payment cards
@pytest.mark.parametrize(("prefix", "length"), [("4", 16), ("51", 16), ("2221", 16), ("34", 15), ("6011", 16)])
def test_luhn_valid_cards_of_each_network_are_found_grouped_or_not(detector, prefix, length) -> None:
    number = card_number(prefix, length, seed=length + len(prefix))
    for written in (number, grouped(number), "-".join(number[i:i + 4] for i in range(0, len(number), 4))):
        text = f"use my card {written} for the order"
        assert kinds(detector, text) == [("credit_card", written)]


def test_cards_failing_luhn_or_without_an_issuer_prefix_and_test_cards_are_left_alone(detector) -> None:
    valid = card_number("4", 16, seed=7)
    broken = valid[:-1] + str((int(valid[-1]) + 1) % 10)
    no_issuer = card_number("8", 16, seed=8)
    for number in (broken, no_issuer, "4242424242424242", "4000000000000341"):
        assert [k for k in kinds(detector, f"ref {number}") if k[0] == "credit_card"] == []


def test_a_card_is_high_in_public_and_lower_in_private(detector) -> None:
    text = f"card {card_number('4', 16, seed=9)}"
    [public] = detector.detect(text, "en", PUBLIC)
    [private] = detector.detect(text, "en", PRIVATE)
    assert public.severity is Severity.HIGH
    assert private.severity.rank < public.severity.rank
    assert public.excerpt.startswith("****") and public.excerpt[-4:] == text[-4:]


# ------------------------------------------------------------------ IBAN and national ids
def test_an_iban_is_found_compact_or_grouped_and_a_wrong_checksum_is_not(detector) -> None:
    value = german_iban(seed=3)
    assert kinds(detector, f"wire it to {value} thanks") == [("iban", value)]
    assert kinds(detector, f"IBAN: {grouped(value)}") == [("iban", grouped(value))]
    wrong = value[:2] + f"{(int(value[2:4]) + 1) % 97:02d}" + value[4:]
    assert [k for k in kinds(detector, f"wire it to {wrong}") if k[0] == "iban"] == []


def test_an_italian_tax_code_and_a_spanish_dni_are_found(detector) -> None:
    stem = "BNCLRA80A41H501"
    fiscal = stem + codicefiscale.calc_check_digit(stem)
    digits = "".join(random.Random(5).choice("0123456789") for _ in range(8))
    dni_number = digits + dni.calc_check_digit(digits)
    text = f"codice fiscale {fiscal}, DNI {dni_number}"
    assert kinds(detector, text, "it") == [("national_id", fiscal), ("national_id", dni_number)]


def test_a_message_without_digits_or_at_signs_costs_nothing_and_finds_nothing(detector) -> None:
    assert detector.detect("lunch at noon? the usual place", "en", PUBLIC) == []


def test_a_long_international_number_is_a_phone_not_a_card(detector) -> None:
    number = phonenumbers.example_number_for_type("DE", PhoneNumberType.MOBILE)
    written = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    assert kinds(detector, f"Handy: {written}", "de") == [("phone", written)]
