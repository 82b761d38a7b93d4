"""`why` in the reader's language: keyed reasons rendered from [why.reason], old plain-sentence rows still readable."""

from __future__ import annotations

import ast
import json
import re
import sqlite3
import string
from pathlib import Path

import pytest

from bot.actions import ReplyToCommand, SendPrivateSuggestion
from bot.events import SettingsSubmitted
from bot.store.decisions import Reason
from bot.vocabulary import SUPPORTED_LANGUAGES, Answer, Platform

HARSH = "you're an idiot, Bob, this review is useless"
BOT_SOURCES = Path(__file__).resolve().parents[2] / "bot"


async def why(engine, chat, event_id: str, user_id: str = "U1") -> ReplyToCommand:
    [reply] = await engine.handle(chat.command("why", event_id, user_id=user_id))
    assert isinstance(reply, ReplyToCommand)
    return reply


async def choose_language(engine, chat, language: str) -> None:
    await engine.handle(chat.command("settings", f"language={language}"))


def reason_lines(lines: tuple[str, ...] | list[str]) -> list[str]:
    return [line for line in lines if line.startswith("- ")]


@pytest.mark.parametrize("language", ["it", "de"])
async def test_a_nudge_explained_in_italian_or_german_has_no_english_reason(make_engine, chat, language):
    engine = make_engine()
    await choose_language(engine, chat, language)
    message = chat.message(HARSH)
    [suggestion] = await engine.handle(message)
    assert isinstance(suggestion, SendPrivateSuggestion)

    reply = await why(engine, chat, message.event_id)
    english = engine.commands.render_explanation(engine.decisions.get(message.event_id), "en").splitlines()
    assert reply.card.title == engine.texts.get(language, "why.decision")
    lines = list(reply.card.lines)
    reasons = reason_lines(lines)
    english_reasons = reason_lines(english)
    # What counted and that a suggestion went out: at least two reasons, none of them the English sentence.
    assert len(reasons) == len(english_reasons) >= 2
    assert not set(reasons) & set(english_reasons)
    sent = engine.texts.get(
        language, "why.reason.suggestion_sent", suggestion_id=suggestion.suggestion_id,
        delivery=engine.texts.get(language, f"why.delivery.{suggestion.delivery.value}"),
    )
    assert f"- {sent}" in reasons
    category = engine.texts.get(language, "category.insult")
    assert any(line.startswith(f"- {category} (") for line in reasons)
    # The other lines too: the outcome word and the header's labels are the reader's.
    assert f"{engine.texts.get(language, 'why.decision')}: {engine.texts.get(language, 'why.outcome.nudge')}" in lines
    assert engine.texts.get(language, "why.kind.chat_message") in lines[0]
    english_words = {"sent", "counts", "sensitivity", "nudge", "nudges", "apology", "message", "suggestion", "language"}
    for line in [*reasons, lines[0], *lines[2:3]]:
        assert not english_words & set(re.findall(r"[a-z]+", line.lower())), line
    assert HARSH not in "\n".join(lines)


async def test_the_reader_language_decides_not_the_language_the_decision_was_made_in(make_engine, chat):
    engine = make_engine()
    message = chat.message(HARSH)
    await engine.handle(message)  # decided while the user had no language: English
    english = (await why(engine, chat, message.event_id)).card.lines
    await choose_language(engine, chat, "nl")
    dutch = (await why(engine, chat, message.event_id)).card.lines
    assert reason_lines(english) and not set(reason_lines(english)) & set(reason_lines(dutch))
    assert "- " + engine.texts.get("en", "why.reason.nudge") not in dutch


async def test_a_snooze_reason_keeps_its_time_and_reads_in_french(make_engine, chat, clock):
    engine = make_engine()
    await choose_language(engine, chat, "fr")
    await engine.handle(chat.command("snooze", "4"))
    message = chat.message(HARSH)
    assert await engine.handle(message) == []
    lines = (await why(engine, chat, message.event_id)).card.lines
    assert "- " + engine.texts.get("fr", "why.reason.snoozed", until_at="2026-03-02 13:00 UTC") in lines
    assert f"{engine.texts.get('fr', 'why.decision')}: {engine.texts.get('fr', 'why.outcome.snoozed')}" in lines


async def test_settings_and_feedback_reasons_name_settings_and_categories_in_the_reader_language(make_engine, chat, clock):
    engine = make_engine(dismissals_before_quieter=1)
    submitted = SettingsSubmitted(
        event_id="set-1", user_id="U1", platform=Platform.CONSOLE, workspace_id="T1", submitted_at=clock.now(),
        values={"sensitivity": "high", "language": "es"},
    )
    await engine.handle(submitted)
    lines = (await why(engine, chat, "set-1")).card.lines
    # No message was analysed: the first line says what and when, without a language or an apology.
    kind = engine.texts.get("es", "why.kind.settings_submitted")
    assert lines[0] == engine.texts.get("es", "why.header_event", event_id="set-1", kind=kind, when="2026-03-02 09:00:00 UTC")
    names = [engine.texts.get("es", f"why.setting.{name}") for name in ("language", "sensitivity")]
    listed = engine.texts.get("es", "list.and", items=names[0], last=names[1])
    assert "- " + engine.texts.get("es", "why.reason.settings_changed", settings=listed) in lines

    message = chat.message(HARSH)
    [suggestion] = await engine.handle(message)
    answer = chat.answer(suggestion.suggestion_id, Answer.NOT_A_PROBLEM)
    await engine.handle(answer)
    lines = (await why(engine, chat, answer.event_id)).card.lines
    pressed = engine.texts.get("es", "button.not_a_problem")
    assert "- " + engine.texts.get(
        "es", "why.reason.answered", answer=pressed, suggestion_id=suggestion.suggestion_id
    ) in lines
    lowered = engine.texts.get(
        "es", "why.reason.sensitivity_lowered", category=engine.texts.get("es", "category.insult"),
        sensitivity=engine.texts.get("es", "why.sensitivity.normal"), count=1,
    )
    assert "- " + lowered in lines


def insert_old_row(database: Path, event_id: str, reasons: str) -> None:
    """A row as the code before keyed reasons wrote it: reasons are English sentences."""
    with sqlite3.connect(database) as connection:
        connection.execute(
            "INSERT INTO decisions (event_id, event_kind, platform, workspace_id, user_id, message_key, language,"
            " findings, apology, outcome, reasons, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [event_id, "chat_message", "console", "T1", "U1", "console:T1:C1:M9", "en",
             json.dumps([{"category": "insult", "severity": "medium", "rule": "en.insult"}]), "none", "capped",
             reasons, "2026-03-01T08:00:00.000000Z"],
        )


async def test_an_old_row_with_plain_sentences_still_renders_as_stored(make_engine, chat):
    engine = make_engine()
    await choose_language(engine, chat, "it")
    old = ["insult (medium): counts at normal sensitivity", "hourly cap reached (6 of 6 nudges in the last hour)"]
    insert_old_row(engine.settings.database_path, "old-1", json.dumps(old))
    lines = (await why(engine, chat, "old-1")).card.lines
    assert reason_lines(lines) == [f"- {sentence}" for sentence in old]
    # The rest is the reader's: the outcome word and what fired.
    assert f"{engine.texts.get('it', 'why.decision')}: {engine.texts.get('it', 'why.outcome.capped')}" in lines
    assert engine.texts.get("it", "category.insult") in lines[1]
    assert "old-1" in (engine.explain("old-1") or "")


async def test_reasons_of_unknown_shape_or_key_are_shown_not_lost(make_engine, chat):
    engine = make_engine()
    mixed = [{"key": "from_a_newer_version", "values": {"count": 3}}, {"unexpected": True}, "a sentence"]
    insert_old_row(engine.settings.database_path, "odd-1", json.dumps(mixed))
    insert_old_row(engine.settings.database_path, "odd-2", "not json at all")
    lines = reason_lines((await why(engine, chat, "odd-1")).card.lines)
    assert lines == ["- from_a_newer_version: count=3", '- {"unexpected": true}', "- a sentence"]
    assert reason_lines((await why(engine, chat, "odd-2")).card.lines) == ["- not json at all"]


async def test_keyed_reasons_are_stored_as_json_with_ids_and_codes_only(make_engine, chat):
    engine = make_engine()
    message = chat.message(HARSH)
    await engine.handle(message)
    with sqlite3.connect(engine.settings.database_path) as connection:
        [(raw,)] = connection.execute("SELECT reasons FROM decisions WHERE event_id = ?", [message.event_id])
    stored = json.loads(raw)
    assert [item["key"] for item in stored] == ["counts", "suggestion_sent"]
    assert stored[0]["values"] == {"category": "insult", "severity": "medium", "sensitivity": "normal"}
    assert "idiot" not in raw and "review" not in raw
    assert engine.decisions.get(message.event_id).reasons[0] == Reason.of(
        "counts", category="insult", severity="medium", sensitivity="normal"
    )


def reasons_built_in_code() -> dict[str, set[str]]:
    """Every Reason.of("key", name=...) in bot/: key -> the value names passed (f-string keys: their literal part)."""
    found: dict[str, set[str]] = {}
    for path in BOT_SOURCES.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "of"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "Reason"
            ):
                key = node.args[0]
                names = {keyword.arg for keyword in node.keywords if keyword.arg}
                if isinstance(key, ast.Constant):
                    found[key.value] = names
                elif isinstance(key, ast.JoinedStr):  # f"already_{fate}": the message's fates
                    prefix = "".join(part.value for part in key.values if isinstance(part, ast.Constant))
                    for fate in ("edited", "deleted"):
                        found[prefix + fate] = names
    return found


def test_every_reason_the_code_builds_has_a_sentence_with_its_values_in_every_language(core_parts):
    texts = core_parts.texts
    built = reasons_built_in_code()
    assert {"counts", "suggestion_sent", "apology_recorded", "settings_changed", "sensitivity_lowered"} <= set(built)
    for key, names in built.items():
        for language in SUPPORTED_LANGUAGES:
            [template] = texts.variants(language, f"why.reason.{key}")
            fields = {field for _, field, _, _ in string.Formatter().parse(template) if field}
            assert fields == names, (language, key)


def test_reason_sentences_are_written_in_each_language_not_copied_from_english(core_parts):
    texts = core_parts.texts
    keys = [key for key in texts.keys() if key.startswith(("why.reason.", "why.outcome."))]  # noqa: SIM118
    assert len(keys) > 35
    for language in SUPPORTED_LANGUAGES:
        if language == "en":
            continue
        copied = [
            key for key in keys
            if texts.get(language, key, **_dummy(texts, key)) == texts.get("en", key, **_dummy(texts, key))
        ]
        assert not copied, (language, copied)


def _dummy(texts, key: str) -> dict[str, str]:
    [template] = texts.variants("en", key)
    return {field: "X" for _, field, _, _ in string.Formatter().parse(template) if field}
