"""Validating a user's settings (from a form or `settings key=value`) into changes for the settings store."""

from __future__ import annotations

import shlex
from datetime import datetime, timedelta

from bot.policy import SENSITIVITIES
from bot.vocabulary import SUPPORTED_LANGUAGES, Category, Delivery

FormValue = str | int | bool | list[str] | None
_TRUE = {"true", "on", "yes", "1"}
_FALSE = {"false", "off", "no", "0"}
_CATEGORIES = {category.value for category in Category}


class SettingsError(ValueError):
    """A setting a user submitted cannot be used; the message names it and what is allowed."""


def parse_settings_arguments(arguments: str) -> dict[str, FormValue]:
    """`watch=off sensitivity=high disabled_categories=heated,profanity_mild` -> form values."""
    values: dict[str, FormValue] = {}
    for part in shlex.split(arguments):
        name, separator, value = part.partition("=")
        if not separator:
            raise SettingsError(f"'{part}' is not name=value")
        values[name.strip()] = value.strip()
    return values


def _boolean(name: str, value: FormValue) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise SettingsError(f"{name} must be on or off")


def _categories(name: str, value: FormValue) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [part for part in str(value or "").split(",")]
    cleaned = tuple(sorted({item.strip() for item in items if item and item.strip()}))
    unknown = [item for item in cleaned if item not in _CATEGORIES]
    if unknown:
        raise SettingsError(f"{name}: unknown categories {', '.join(unknown)}")
    return cleaned


def validate_settings(values: dict[str, FormValue], now: datetime) -> dict[str, object]:
    """Form values -> keyword changes for UserSettingsStore.update; empty values mean "workspace default"."""
    changes: dict[str, object] = {}
    per_category: dict[str, str] = {}
    for name, value in values.items():
        empty = value is None or value == "" or value == "default"
        if name == "watch":
            changes["watch"] = None if empty else _boolean(name, value)
        elif name == "sensitivity":
            if not empty and value not in SENSITIVITIES:
                raise SettingsError("sensitivity must be low, normal or high")
            changes["sensitivity"] = None if empty else value
        elif name.startswith("sensitivity."):
            category = name.split(".", 1)[1]
            if category not in _CATEGORIES:
                raise SettingsError(f"unknown category {category}")
            if not empty:
                if value not in SENSITIVITIES:
                    raise SettingsError(f"{name} must be low, normal or high")
                per_category[category] = str(value)
        elif name == "disabled_categories":
            changes["disabled_categories"] = () if empty else _categories(name, value)
        elif name == "language":
            if not empty and value not in SUPPORTED_LANGUAGES:
                raise SettingsError(f"language must be one of {', '.join(SUPPORTED_LANGUAGES)}")
            changes["language"] = None if empty else value
        elif name == "delivery":
            allowed = {delivery.value for delivery in Delivery}
            if not empty and value not in allowed:
                raise SettingsError(f"delivery must be one of {', '.join(sorted(allowed))}")
            changes["delivery"] = None if empty else value
        elif name in {"snooze_hours", "snooze"}:
            try:
                hours = 0.0 if empty else float(value)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                raise SettingsError("snooze_hours must be a number of hours") from None
            if hours < 0 or hours > 24 * 30:
                raise SettingsError("snooze_hours must be between 0 and 720")
            changes["snoozed_until"] = now + timedelta(hours=hours) if hours else None
        elif name == "snoozed_until":
            continue  # shown in the form, changed through snooze_hours
        else:
            raise SettingsError(f"unknown setting {name}")
    if per_category or any(name.startswith("sensitivity.") for name in values):
        changes["category_sensitivity"] = per_category
    return changes
