"""Closed vocabularies shared by every part of the product: categories, severities, answers."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """What kind of regret a finding is about; these names are used in JSON, settings and data files."""

    INSULT = "insult"
    TOXICITY = "toxicity"
    HEATED = "heated"
    ABOUT_PRESENT_PERSON = "about_present_person"
    MASS_MENTION = "mass_mention"
    SECRET = "secret"
    PII = "pii"
    PRIVATE_IN_PUBLIC = "private_in_public"
    PASSIVE_AGGRESSIVE = "passive_aggressive"
    NON_APOLOGY = "non_apology"
    OVER_APOLOGY = "over_apology"
    PROFANITY_MILD = "profanity_mild"


class Severity(StrEnum):
    """How much harm a finding (or a whole message) can do; ordered from none to high."""

    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def highest(cls, severities: list[Severity] | tuple[Severity, ...]) -> Severity:
        return max(severities, key=lambda s: s.rank, default=cls.NONE)


_SEVERITY_RANK = {Severity.NONE: 0, Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3}


class SuggestionKind(StrEnum):
    CORRECTION = "correction"
    APOLOGY = "apology"
    TOPIC_CHANGE = "topic_change"
    DELETE = "delete"


class Answer(StrEnum):
    """What a user did with a private suggestion (a button press or a console choice)."""

    APPLY_CORRECTION = "apply_correction"
    POST_APOLOGY = "post_apology"
    CHANGE_TOPIC = "change_topic"
    DELETE = "delete"
    DISMISS = "dismiss"
    NOT_A_PROBLEM = "not_a_problem"


class ApologyKind(StrEnum):
    """How the detector reads an apology in a user's own message."""

    NONE = "none"
    SINCERE = "sincere"
    NON_APOLOGY = "non_apology"
    FORMULA = "formula"  # "sorry to bother you": politeness, not an apology for an incident


class Platform(StrEnum):
    SLACK = "slack"
    DISCORD = "discord"
    CONSOLE = "console"
    REPLAY = "replay"


class Delivery(StrEnum):
    """How a private suggestion reaches its user; only the adapter knows what each means on its platform."""

    EPHEMERAL = "ephemeral"
    DIRECT_MESSAGE = "direct_message"


SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "it", "es", "fr", "de", "nl", "fy")
