"""`why`: a stored decision rendered in the reader's language, from its keyed reasons (old rows: their sentences)."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.store.decisions import Decision, Reason, ReasonValue, StoredReason
from bot.texts import Texts

log = logging.getLogger(__name__)

# Values that are codes get the reader's word for them (template prefix per value name); ids and counts stay as they are.
_WORDS_FOR = {
    "category": "category.",
    "categories": "category.",
    "severity": "severity.",
    "threshold": "severity.",
    "sensitivity": "why.sensitivity.",
    "delivery": "why.delivery.",
    "how": "why.how.",
    "answer": "button.",
    "settings": "why.setting.",
}


def explain_decision(texts: Texts, decision: Decision, language: str) -> str:
    """Plain lines: the event (id, kind, time, language, apology), what fired, what was decided, and why."""
    fired = ", ".join(_finding(texts, language, finding) for finding in decision.findings)
    event = {
        "event_id": decision.event_id,
        "kind": _word(texts, language, "why.kind.", decision.event_kind),
        "when": decision.decided_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
    }
    if decision.event_kind == "chat_message":
        # Only a message was analysed: its language and apology mean something (other events store defaults).
        header = texts.get(
            language, "why.header", **event,
            message_language=_word(texts, language, "language.", decision.language),
            apology=_word(texts, language, "why.apology.", decision.apology),
        )
    else:
        header = texts.get(language, "why.header_event", **event)
    lines = [
        header,
        f"{texts.get(language, 'why.fired')}: {fired or texts.get(language, 'why.nothing')}",
        f"{texts.get(language, 'why.decision')}: {_word(texts, language, 'why.outcome.', decision.outcome)}",
        *(f"- {render_reason(texts, reason, language)}" for reason in decision.reasons),
    ]
    return "\n".join(lines)


def render_reason(texts: Texts, reason: StoredReason, language: str) -> str:
    """A keyed reason in `language`; a plain sentence (a row from before keys) as it was stored."""
    if not isinstance(reason, Reason):
        return reason
    key = f"why.reason.{reason.key}"
    values = {name: _value(texts, language, name, value) for name, value in reason.values.items()}
    if texts.has(key):
        try:
            return texts.get(language, key, **values)
        except (ValueError, TypeError):  # a value missing, or one named like get()'s own parameters
            log.warning("reason %s stored without a value its template needs", reason.key)
    else:
        log.warning("reason %s has no template (why.reason.%s)", reason.key, reason.key)
    # Never lose a line: the key and its values, readable enough to act on.
    return f"{reason.key}: " + ", ".join(f"{name}={value}" for name, value in values.items())


def _finding(texts: Texts, language: str, finding: dict) -> str:
    category = _word(texts, language, "category.", str(finding.get("category", "?")))
    severity = _word(texts, language, "severity.", str(finding.get("severity", "?")))
    rule = finding.get("rule")
    return f"{category} ({severity}; {rule})" if rule else f"{category} ({severity})"


def _value(texts: Texts, language: str, name: str, value: ReasonValue) -> str:
    if name.endswith("_at") and isinstance(value, str):
        return _time(value)
    prefix = _WORDS_FOR.get(name)
    if isinstance(value, list):
        return _joined(texts, language, [_word(texts, language, prefix, str(item)) if prefix else str(item) for item in value])
    return _word(texts, language, prefix, str(value)) if prefix else str(value)


def _word(texts: Texts, language: str, prefix: str, code: str) -> str:
    """The reader's word for a code (a category, an outcome...), else the code itself (new or unknown codes)."""
    key = f"{prefix}{code}"
    return texts.get(language, key) if texts.has(key) else code


def _joined(texts: Texts, language: str, items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items) or "-"
    return texts.get(language, "list.and", items=", ".join(items[:-1]), last=items[-1])


def _time(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return stamp
