"""The console adapter driven through its input and output streams, with the real engine and a SQLite file."""

from __future__ import annotations

import io
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.console.runner import run_console
from bot.clock import ManualClock
from bot.settings import Settings


def settings_for(tmp_path: Path, **overrides) -> Settings:
    return Settings(_env_file=None, database_path=tmp_path / "console.db", **overrides)  # type: ignore[call-arg]


async def converse(tmp_path: Path, *lines: str, **overrides) -> str:
    source = io.StringIO("".join(f"{line}\n" for line in lines))
    output = io.StringIO()
    clock = ManualClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    await run_console(settings_for(tmp_path, **overrides), source, output, clock)
    return output.getvalue()


async def test_the_whole_loop_harsh_message_suggestion_apologies_and_the_third(tmp_path: Path) -> None:
    transcript = await converse(
        tmp_path,
        "Bob, your PR is garbage and you are an idiot",
        "sorry Bob, I was rude about your PR",
        "sorry again Bob, that comment was uncalled for",
        "I'm really sorry Bob, I shouldn't have said that about your PR",
        "/quit",
    )
    assert "only you can see this" in transcript
    assert "[1]" in transcript  # numbered choices under the suggestion
    assert "1 of 2" in transcript and "2 of 2" in transcript
    third = transcript.split("I'm really sorry Bob")[1]
    assert "twice" in third and "move on" in third


async def test_choosing_the_correction_edits_the_message(tmp_path: Path) -> None:
    transcript = await converse(tmp_path, "you are an idiot Bob", "1", "/quit")
    choices = transcript.split("[1] ")[1].split("[2]")[0]
    if "correct" in choices.lower():
        assert "(edited)" in transcript
    else:  # the first choice is something else; the transcript still shows the chosen action happening
        assert "#general" in transcript.split("you are an idiot Bob")[-1]


async def test_ordinary_chat_gets_no_suggestion(tmp_path: Path) -> None:
    transcript = await converse(tmp_path, "morning all, standup in 10", "the build is green again", "/quit")
    assert "only you can see this" not in transcript


async def test_secret_is_masked_everywhere_and_never_stored(tmp_path: Path) -> None:
    token = "ghp_" + "Q7w2E9r4T6y1U8i3O5p0A2s4D6f8G1h3J5k7"
    transcript = await converse(tmp_path, f"deploy token is {token}", "/quit")
    assert transcript.count(token) == 1  # the user's own line in the channel, never the bot's
    assert "only you can see this" in transcript.split(token)[1]
    rows = sqlite3.connect(tmp_path / "console.db").iterdump()
    assert token not in "\n".join(rows)


async def test_commands_and_bad_input_keep_the_session_alive(tmp_path: Path) -> None:
    transcript = await converse(
        tmp_path, "/nonsense", "/react Nobody 👎", "/snooze abc", "/help", "", "\u200b\u200f", "x" * 40_000,
        "/apologies", "/quit",
    )
    assert "Unknown command /nonsense" in transcript
    assert "Usage: /react" in transcript
    assert transcript.rstrip().endswith("Bye.")


async def test_the_same_database_survives_a_restart(tmp_path: Path) -> None:
    await converse(tmp_path, "Bob you are an idiot", "sorry Bob, I was rude", "/quit")
    transcript = await converse(tmp_path, "/apologies", "/quit")
    assert "sorry Bob, I was rude" in transcript


@pytest.mark.parametrize("line", ["/settings sensitivity=loud", "/settings watch"])
async def test_bad_settings_get_a_clear_answer(tmp_path: Path, line: str) -> None:
    transcript = await converse(tmp_path, line, "/quit")
    assert "Bye." in transcript
    assert "Traceback" not in transcript


async def test_resolving_without_lessons_says_how_to_type_them_on_a_console(tmp_path: Path) -> None:
    opened = await converse(tmp_path, "/incident open the wiki says the office is closed", "/quit",
                            incident_channel_id="incidents")
    incident_id = re.search(r"\b(inc_[0-9a-f]+)\b", opened).group(1)
    assert f"/incident owner|sev|update|done|note|resolve {incident_id}" in opened
    assert "Use the buttons below" not in opened, "a console has no buttons"
    transcript = await converse(tmp_path, f"/incident resolve {incident_id}", "/quit", incident_channel_id="incidents")
    assert "Type /incident resolve <lessons learned> to do it here." in transcript
    assert "press “Resolve”" not in transcript, "a console has no buttons to press"
