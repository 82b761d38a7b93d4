"""The per-user settings form as a Slack modal, and reading its submission back into plain values."""

from __future__ import annotations

import json
from typing import Any

from adapters.slack.translate import (
    INCIDENT_FORM_BLOCK_ID,
    INCIDENT_FORM_CALLBACK_ID,
    INCIDENT_FORM_INPUT_ID,
    SETTINGS_CALLBACK_ID,
    MalformedPayload,
)
from bot.actions import OpenIncidentForm
from bot.events import Place
from bot.texts import Texts
from bot.vocabulary import SUPPORTED_LANGUAGES, Category, Delivery

SettingValue = str | int | bool | list[str] | None

# Settings whose values come from a closed list get a menu instead of a text field.
_CHOICES: dict[str, tuple[str, ...]] = {
    "delivery": tuple(item.value for item in Delivery),
    "sensitivity": ("low", "normal", "high"),
    "language": SUPPORTED_LANGUAGES,
    "disabled_categories": tuple(item.value for item in Category),
    "categories": tuple(item.value for item in Category),
}
_MAX_INPUTS = 20  # a modal holds 100 blocks; a settings form far fewer makes sense


# Template keys (data/templates/<lang>.toml) for the form's labels and options.
_LABEL_KEYS = {"watch": "settings.label.watching", "sensitivity": "settings.label.sensitivity",
               "disabled_categories": "settings.label.categories_off", "language": "settings.label.language",
               "delivery": "settings.label.delivery", "snooze_hours": "settings.label.snooze"}
_VALUE_KEYS = {"on": "settings.value.on", "off": "settings.value.off", "low": "settings.value.low",
               "normal": "settings.value.normal", "high": "settings.value.high",
               "ephemeral": "settings.value.ephemeral", "direct_message": "settings.value.direct_message"}
_CATEGORY_NAMES = {item.value for item in Category}


class _Words:
    """The form's words in the user's language, from the core's Texts; a readable fallback without them."""

    def __init__(self, texts: Texts | None, language: str) -> None:
        self._texts = texts
        self._language = language

    def _say(self, key: str | None, **values: object) -> str | None:
        if self._texts is None or key is None or not self._texts.has(key):
            return None
        return self._texts.get(self._language, key, **values)

    def snoozed_until(self, until: str) -> str:
        return self._say("settings.value.snoozed_until", until=until) or f"Snoozed until {until}"

    def label(self, setting: str) -> str:
        key = _LABEL_KEYS.get(setting)
        if setting.startswith("sensitivity."):
            category = self._say(f"category.{setting.split('.', 1)[1]}")
            sensitivity = self._say(_LABEL_KEYS["sensitivity"])
            if category and sensitivity:
                return f"{sensitivity}: {category}"[:150]
        return (self._say(key) or setting.replace("_", " ").capitalize())[:150]

    def value(self, value: str, setting: str) -> str:
        if value == "default":
            key = "settings.value.language_auto" if setting == "language" else None
            return (self._say(key) or "Default")[:75]
        key = _VALUE_KEYS.get(value) or (f"category.{value}" if value in _CATEGORY_NAMES else None)
        return (self._say(key) or value.replace("_", " ").capitalize())[:75]

    def title(self) -> str | None:
        return self._say("settings.title")


def _option(words: _Words, setting: str, value: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": words.value(value, setting)}, "value": value}


def _kind_of(value: SettingValue) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, list):
        return "list"
    return "str"


def _choices(key: str, kind: str) -> tuple[str, ...] | None:
    if key.endswith("categories"):
        return _CHOICES["categories"]
    choices = _CHOICES.get(key) or (_CHOICES["sensitivity"] if key.startswith("sensitivity.") else None)
    if choices and kind == "str":
        return ("default", *choices)  # "default" hands the choice back to the workspace setting
    return choices


def _element(words: _Words, key: str, value: SettingValue, kind: str) -> dict[str, Any]:
    choices = _choices(key, kind)
    action_id = f"setting:{key}"
    if kind == "bool":
        element: dict[str, Any] = {"type": "radio_buttons", "action_id": action_id,
                                   "options": [_option(words, key, "on"), _option(words, key, "off")]}
        element["initial_option"] = _option(words, key, "on" if value else "off")
        return element
    if kind == "int":
        element = {"type": "number_input", "is_decimal_allowed": False, "action_id": action_id}
        if value is not None:
            element["initial_value"] = str(value)
        return element
    if kind == "list" and choices:
        element = {"type": "multi_static_select", "action_id": action_id,
                   "options": [_option(words, key, choice) for choice in choices]}
        initial = [_option(words, key, item) for item in value or [] if item in choices]  # type: ignore[union-attr]
        if initial:
            element["initial_options"] = initial
        return element
    if kind == "str" and choices:
        element = {"type": "static_select", "action_id": action_id, "options": [_option(words, key, c) for c in choices]}
        if value in choices:
            element["initial_option"] = _option(words, key, str(value))
        return element
    element = {"type": "plain_text_input", "action_id": action_id}
    text = ", ".join(value) if isinstance(value, list) else ("" if value is None else str(value))
    if text:
        element["initial_value"] = text
    return element


def settings_modal(values: dict[str, SettingValue], place: Place | None = None,
                   texts: Texts | None = None) -> dict[str, Any]:
    """A modal with one input per setting; the value types ride along in private_metadata so the
    submission is read back into the same types whatever the user left empty."""
    words = _Words(texts, str(values.get("language") or "en"))
    values = dict(values)
    snoozed_until = values.pop("snoozed_until", None)
    # The form changes a snooze by its length; the end time is shown, not edited.
    values["snooze_hours"] = None
    kinds = {key: _kind_of(value) for key, value in list(values.items())[:_MAX_INPUTS]}
    kinds["snooze_hours"] = "int"
    blocks: list[dict[str, Any]] = [
        {"type": "input", "block_id": key, "optional": True,
         "label": {"type": "plain_text", "text": words.label(key)},
         "element": _element(words, key, values[key], kind)}
        for key, kind in kinds.items()
    ]
    title = words.title()
    if title:
        blocks.insert(0, {"type": "header", "text": {"type": "plain_text", "text": title[:150]}})
    if snoozed_until:
        blocks.append({"type": "context",
                       "elements": [{"type": "mrkdwn", "text": words.snoozed_until(str(snoozed_until))}]})
    return {
        "type": "modal",
        "callback_id": SETTINGS_CALLBACK_ID,
        "title": {"type": "plain_text", "text": "damage-control"},  # at most 24 characters
        "submit": {"type": "plain_text", "text": "Save"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": json.dumps({"kinds": kinds, "channel_id": place.channel_id if place else None}),
        "blocks": blocks,
    }


def read_settings(view: dict[str, Any]) -> dict[str, SettingValue]:
    """A view_submission's state -> {setting: value}, typed as the form was built."""
    try:
        kinds: dict[str, str] = json.loads(view.get("private_metadata") or "{}")["kinds"]
        state: dict[str, dict[str, dict[str, Any]]] = view["state"]["values"]
    except (ValueError, KeyError, TypeError) as error:
        raise MalformedPayload("settings submission without its form state") from error
    values: dict[str, SettingValue] = {}
    for key, kind in kinds.items():
        field = state.get(key, {}).get(f"setting:{key}")
        if field is None:
            continue
        values[key] = _read_field(field, kind)
    return values


def _read_field(field: dict[str, Any], kind: str) -> SettingValue:
    if "selected_options" in field:
        return [str(option["value"]) for option in field.get("selected_options") or []]
    if "selected_option" in field:
        selected = (field.get("selected_option") or {}).get("value")
        if kind == "bool":
            return selected == "on"
        return None if selected is None else str(selected)
    raw = field.get("value")
    if raw is None or raw == "":
        return [] if kind == "list" else None
    if kind == "int":
        try:
            return int(str(raw))
        except ValueError:
            return None
    if kind == "list":
        return [part.strip() for part in str(raw).split(",") if part.strip()]
    return str(raw)


def _plain(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": text if len(text) <= limit else text[: limit - 1] + "…"}


def incident_form_modal(action: OpenIncidentForm) -> dict[str, Any]:
    """The incident's update or resolve form: one text field (optional for the lessons learned). Which
    incident and where the form was opened ride in private_metadata, so the submission needs no state
    in the process (https://api.slack.com/reference/surfaces/views: title and submit at most 24 characters)."""
    element: dict[str, Any] = {"type": "plain_text_input", "action_id": INCIDENT_FORM_INPUT_ID,
                               "multiline": True, "max_length": 3000}
    if action.placeholder:
        element["placeholder"] = _plain(action.placeholder, 150)
    metadata = {"i": action.incident_id, "f": action.form, "c": action.place.channel_id, "t": action.place.thread_id}
    return {
        "type": "modal",
        "callback_id": INCIDENT_FORM_CALLBACK_ID,
        "title": _plain(action.title, 24),
        "submit": _plain(action.submit or action.title, 24),
        "private_metadata": json.dumps(metadata, separators=(",", ":")),
        "blocks": [{"type": "input", "block_id": INCIDENT_FORM_BLOCK_ID, "optional": not action.required,
                    "label": _plain(action.label, 2000), "element": element}],
    }
