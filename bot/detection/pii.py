"""PiiDetector: e-mail addresses, phone numbers, payment cards, IBANs and national ids in a message."""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from functools import lru_cache

import phonenumbers
from pydantic import BaseModel, ConfigDict, Field, field_validator
from stdnum import iban as stdnum_iban
from stdnum import luhn
from stdnum.es import dni as stdnum_dni
from stdnum.es import nie as stdnum_nie
from stdnum.it import codicefiscale

from bot.data_files import DataPaths, load_model
from bot.detection.masking import mask_value, style_for
from bot.verdict import Finding, MessageContext
from bot.vocabulary import Category, Severity

log = logging.getLogger(__name__)

KINDS = ("email", "phone", "credit_card", "iban", "national_id")
_DIGIT_PAIR = re.compile(r"\d\d")
# Per kind and message: this many findings, this many candidates checked (a pasted table of numbers).
FINDINGS_CAP = 20
CANDIDATES_TRIED = 200
# How far before a bare number (characters) a word naming another kind of number is looked for.
OTHER_NUMBER_REACH = 30
# typical national groupings: (415) 248-4136, 415-248-4136, 0151-437 3282, 06 12 34 56 78
_VERSION_LIKE = re.compile(r"\.\d$|^\d{6,}\.\d+$")  # build 20230608.4, release 2.1
_DATE_LIKE = re.compile(r"^\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4}$")  # 09.06.2005, 2025-10-03
_TEST_CARD = re.compile(r"(\d)\1{5,}|(\d\d)\2{4,}")  # 4000000000000341, 4242424242424242: test cards
_PHONE_GROUPING = re.compile(r"^\(?\d{3}\)?[ .\-]\d{3}[ .\-]\d{4}$|^0\d{1,4}[ .\-/]\d")


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as error:
        raise ValueError(f"not a valid regular expression: {error}") from None
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KindSeverity(_Strict):
    public: Severity
    private: Severity


class EmailRules(_Strict):
    regex: str
    ignored_domains: tuple[str, ...] = ()
    ignored_suffixes: tuple[str, ...] = ()
    ignored_local_parts: tuple[str, ...] = ()
    _check = field_validator("regex")(_regex)


class PhoneRules(_Strict):
    candidate: str
    min_digits: int = Field(ge=5)
    max_digits: int = Field(le=17)
    regions: dict[str, tuple[str, ...]]
    fallback_regions: tuple[str, ...]
    context_words: tuple[str, ...]
    other_number_words: tuple[str, ...] = ()
    _check = field_validator("candidate")(_regex)

    @field_validator("regions", "fallback_regions")
    @classmethod
    def _known_regions(cls, value):
        codes = [c for group in value.values() for c in group] if isinstance(value, dict) else list(value)
        unknown = [c for c in codes if c not in phonenumbers.SUPPORTED_REGIONS]
        if unknown:
            raise ValueError(f"unknown phone regions {unknown}")
        return value


class CardNetwork(_Strict):
    name: str
    prefix: str
    lengths: tuple[int, ...] = Field(min_length=1)
    _check = field_validator("prefix")(_regex)


class CardRules(_Strict):
    candidate: str
    networks: tuple[CardNetwork, ...] = Field(min_length=1)
    _check = field_validator("candidate")(_regex)


class IbanRules(_Strict):
    candidate: str
    _check = field_validator("candidate")(_regex)


class NationalIdRules(_Strict):
    codice_fiscale: str
    dni_nie: str
    _check = field_validator("codice_fiscale", "dni_nie")(_regex)


class PiiPatternFile(_Strict):
    severity: dict[str, KindSeverity]
    labels: dict[str, str]
    replacements: dict[str, str]
    email: EmailRules
    phone: PhoneRules
    credit_card: CardRules
    iban: IbanRules
    national_id: NationalIdRules

    @field_validator("severity", "labels", "replacements")
    @classmethod
    def _every_kind(cls, value: dict) -> dict:
        missing = [k for k in KINDS if k not in value]
        if missing:
            raise ValueError(f"missing kinds {missing}")
        return value


@lru_cache(maxsize=1)
def _warm_up_phone_validation() -> None:
    """Load every country's phone metadata and compile its patterns now, once per process (~0.3 s).

    phonenumbers does both the first time a number from a country turns up, which makes that one message
    take 2-10 ms instead of 0.3 ms; validating each country's own example number goes through the same code.
    """
    phonenumbers.PhoneMetadata.load_all()
    if hasattr(phonenumbers, "enable_pattern_cache"):  # recent phonenumbers releases
        # Otherwise its patterns go through the re module's cache of 512, which they overflow, and numbers
        # from many countries recompile the same expressions again and again.
        phonenumbers.enable_pattern_cache()
    for region in phonenumbers.SUPPORTED_REGIONS:
        example = phonenumbers.example_number(region)
        if example is None:
            continue
        for style, default_region in ((phonenumbers.PhoneNumberFormat.INTERNATIONAL, None),
                                      (phonenumbers.PhoneNumberFormat.NATIONAL, region)):
            written = phonenumbers.format_number(example, style)
            phonenumbers.is_valid_number(phonenumbers.parse(written, default_region))


@lru_cache(maxsize=1)
def _warm_up_iban_validation() -> None:
    """Import python-stdnum's per-country IBAN checks now, once per process (~0.06 s), rather than inside
    the first message with an IBAN from that country (2-4 ms each). Reaches into two private names of
    stdnum.iban; if a release renames them, the checks just load on first use again."""
    registry = getattr(stdnum_iban, "_ibandb", None)
    country_check = getattr(stdnum_iban, "_get_cc_module", None)
    if registry is None or country_check is None:
        return
    for prefix in getattr(registry, "prefixes", ()):
        country_check(prefix[1])


class PiiDetector:
    """Finds personal data; always reports it, with a higher severity in public channels."""

    def __init__(self, rules: PiiPatternFile) -> None:
        self.rules = rules
        _warm_up_phone_validation()
        _warm_up_iban_validation()
        self._email = re.compile(rules.email.regex)
        self._phone = re.compile(rules.phone.candidate)
        self._card = re.compile(rules.credit_card.candidate)
        self._networks = [(re.compile(n.prefix), set(n.lengths)) for n in rules.credit_card.networks]
        self._iban = re.compile(rules.iban.candidate)
        self._codice_fiscale = re.compile(rules.national_id.codice_fiscale)
        self._dni_nie = re.compile(rules.national_id.dni_nie)
        self._phone_context = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(w) for w in rules.phone.context_words) + r")", re.IGNORECASE)
        other = rules.phone.other_number_words
        self._other_number = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(w) for w in other) + r")(?!\w)", re.IGNORECASE) if other else None

    @classmethod
    def load(cls, paths: DataPaths) -> PiiDetector:
        return cls(load_model(paths.patterns("pii"), PiiPatternFile))

    def detect(self, text: str, language: str = "en", context: MessageContext | None = None) -> list[Finding]:
        has_at = "@" in text
        if not has_at and not _DIGIT_PAIR.search(text):
            return []
        spans: list[tuple[int, int, str]] = []
        if _DIGIT_PAIR.search(text):
            spans += self._ibans(text)
            spans += self._cards(text)
            spans += self._national_ids(text)
        if has_at:
            spans += self._emails(text)
        if _DIGIT_PAIR.search(text):
            spans += self._phones(text, language)
        kept: list[tuple[int, int, str]] = []
        for start, end, kind in spans:  # earlier kinds are more specific; never report one text twice
            index = bisect_left(kept, (start, end, kind))
            if (index > 0 and kept[index - 1][1] > start) or (index < len(kept) and kept[index][0] < end):
                continue
            kept.insert(index, (start, end, kind))
        public = context.is_public if context is not None else True
        return [self._finding(text, start, end, kind, public) for start, end, kind in sorted(kept)]

    # ------------------------------------------------------------------ kinds
    def _emails(self, text: str) -> list[tuple[int, int, str]]:
        rules = self.rules.email
        found = []
        for match in self._email.finditer(text):
            if len(found) >= FINDINGS_CAP:
                break
            local, _, domain = match.group(0).rpartition("@")
            domain = domain.lower()
            if (domain in rules.ignored_domains or domain.endswith(rules.ignored_suffixes)
                    or local.lower() in rules.ignored_local_parts):
                continue
            found.append((match.start(), match.end(), "email"))
        return found

    def _phones(self, text: str, language: str) -> list[tuple[int, int, str]]:
        rules = self.rules.phone
        found = []
        regions = list(rules.regions.get(language, ())) + [r for r in rules.fallback_regions
                                                           if r not in rules.regions.get(language, ())]
        has_context: bool | None = None  # looked up once, and only if a national-format number needs it
        tried = 0
        for match in self._phone.finditer(text):
            if len(found) >= FINDINGS_CAP or tried >= CANDIDATES_TRIED:
                break
            raw = match.group(0).rstrip(" -./(")
            digits = sum(c.isdigit() for c in raw)
            if not rules.min_digits <= digits <= rules.max_digits:
                continue
            if _VERSION_LIKE.search(raw) or _DATE_LIKE.match(raw):
                continue
            international = raw.startswith(("+", "00"))
            if not international and not _PHONE_GROUPING.search(raw):
                if has_context is None:
                    has_context = self._phone_context.search(text) is not None
                if not has_context:
                    continue
                if self._names_another_number(text, match.start()):
                    continue  # "mi número de pedido es 123456789": the number of an order, not a phone
            tried += 1
            if self._valid_phone(raw, international, regions):
                found.append((match.start(), match.start() + len(raw), "phone"))
        return found

    def _names_another_number(self, text: str, start: int) -> bool:
        """An order, invoice, ticket or customer number named just before the digits."""
        if self._other_number is None:
            return False
        return self._other_number.search(text, max(0, start - OTHER_NUMBER_REACH), start) is not None

    @staticmethod
    def _valid_phone(raw: str, international: bool, regions: list[str]) -> bool:
        candidates = [None] if international else regions
        number = "+" + raw[2:] if raw.startswith("00") else raw
        for region in candidates:
            try:
                parsed = phonenumbers.parse(number, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(parsed):
                return True
        return False

    def _cards(self, text: str) -> list[tuple[int, int, str]]:
        found = []
        for tried, match in enumerate(self._card.finditer(text)):
            if len(found) >= FINDINGS_CAP or tried >= CANDIDATES_TRIED:
                break
            digits = re.sub(r"\D", "", match.group(0))
            if not luhn.is_valid(digits) or _TEST_CARD.search(digits):
                continue
            if any(prefix.match(digits) and len(digits) in lengths for prefix, lengths in self._networks):
                found.append((match.start(), match.end(), "credit_card"))
        return found

    def _ibans(self, text: str) -> list[tuple[int, int, str]]:
        found = []
        for tried, match in enumerate(self._iban.finditer(text)):
            if len(found) >= FINDINGS_CAP or tried >= CANDIDATES_TRIED:
                break
            candidate = match.group(0)
            # the greedy match may have swallowed a following group of digits: shorten until valid
            while candidate:
                if stdnum_iban.is_valid(candidate):
                    found.append((match.start(), match.start() + len(candidate), "iban"))
                    break
                cut = candidate.rfind(" ")
                if cut < 15:
                    break
                candidate = candidate[:cut]
        return found

    def _national_ids(self, text: str) -> list[tuple[int, int, str]]:
        found = []
        for match in self._codice_fiscale.finditer(text):
            if codicefiscale.is_valid(match.group(0)):
                found.append((match.start(), match.end(), "national_id"))
        for match in self._dni_nie.finditer(text):
            value = match.group(0)
            if stdnum_dni.is_valid(value) or stdnum_nie.is_valid(value):
                found.append((match.start(), match.end(), "national_id"))
        return found

    def _finding(self, text: str, start: int, end: int, kind: str, public: bool) -> Finding:
        severity = self.rules.severity[kind]
        excerpt = mask_value(text[start:end], style_for(kind))
        where = "in a public channel" if public else "here"
        return Finding(
            category=Category.PII,
            severity=severity.public if public else severity.private,
            start=start,
            end=end,
            message=f"This looks like {self.rules.labels[kind]} ({excerpt}) shared {where}.",
            excerpt=excerpt,
            rule=kind,
            replacement=self.rules.replacements[kind],
        )
