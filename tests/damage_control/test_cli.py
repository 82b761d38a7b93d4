"""The `damage-control` command as a user runs it: check, batch check, why, ledger, bad settings, broken data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.settings import DEFAULT_DATA_DIR
from damage_control.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "cli.db"))


def test_check_prints_a_readable_verdict() -> None:
    result = runner.invoke(app, ["check", "Bob, you are an idiot"])
    assert result.exit_code == 0, result.output
    assert "insult" in result.stdout and "idiot" in result.stdout
    assert "apology" in result.stdout


def test_check_json_masks_secrets() -> None:
    token = "xoxb-" + "2841937465-5920384716253-" + "Zq8XnT4bLk2WpR7mYc9VdF3s"
    result = runner.invoke(app, ["check", "--json", f"here is the bot token {token}"])
    assert result.exit_code == 0, result.output
    verdict = json.loads(result.stdout)
    assert verdict["regrettable"] and "secret" in verdict["categories"]
    assert verdict["severity"] == "high"
    assert token not in result.stdout
    assert verdict["suggestions"][0]["kind"] == "delete"


def test_check_json_with_members_and_language() -> None:
    result = runner.invoke(app, ["check", "--json", "--lang", "en", "--member", "Dana", "--channel-size", "12",
                                 "Dana is useless and lazy"])
    verdict = json.loads(result.stdout)
    assert verdict["language"] == "en"
    assert "about_present_person" in verdict["categories"]


def test_batch_keeps_order_and_reports_malformed_lines() -> None:
    lines = [
        json.dumps({"text": "lunch at noon?"}),
        "{not json",
        json.dumps({"text": "sei proprio un idiota", "unknown": 1}),
        json.dumps({"lang": "en"}),
        json.dumps({"text": "Dana is useless", "context": {"members_present": ["Dana"], "channel_size": 5}}),
    ]
    result = runner.invoke(app, ["check", "--jsonl"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) == 5
    assert outputs[0]["regrettable"] is False and outputs[0]["severity"] == "none"
    assert "error" in outputs[1] and "error" in outputs[3]
    assert outputs[2]["language"] == "it" and "insult" in outputs[2]["categories"]
    assert "about_present_person" in outputs[4]["categories"]
    for output in (outputs[0], outputs[2], outputs[4]):
        assert set(output) >= {"regrettable", "severity", "categories", "language", "findings", "suggestions"}


def test_check_without_text_is_a_usage_error() -> None:
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert "give the text" in result.stderr


def test_a_broken_data_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    (data / "templates" / "en.toml").write_text("this is = = not toml")
    monkeypatch.setenv("DATA_DIR", str(data))
    result = runner.invoke(app, ["check", "hello"])
    assert result.exit_code == 2
    assert "en.toml" in result.stderr and "TOML" in result.stderr


def test_a_bad_setting_is_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETENTION_DAYS", "forever")
    result = runner.invoke(app, ["check", "hello"])
    assert result.exit_code == 2
    assert "RETENTION_DAYS" in result.stderr


def test_why_explains_a_console_decision_and_rejects_unknown_ids() -> None:
    unknown = runner.invoke(app, ["why", "no-such-event"])
    assert unknown.exit_code == 1 and "No decision recorded" in unknown.stderr


def test_ledger_on_an_empty_database() -> None:
    result = runner.invoke(app, ["ledger", "--user", "you"])
    assert result.exit_code == 0, result.output


def _console_event_id(tmp_path: Path, line: str) -> str:
    """Send one line through the console adapter (database in tmp_path) and return its event id."""
    import asyncio
    import io
    import re

    from adapters.console.runner import run_console
    from bot.settings import Settings

    output = io.StringIO()
    settings = Settings(_env_file=None, database_path=tmp_path / "cli.db")  # type: ignore[call-arg]
    asyncio.run(run_console(settings, io.StringIO(f"{line}\n/quit\n"), output))
    return re.search(r"\((c[0-9a-f]+-1)\)", output.getvalue()).group(1)


def test_why_explains_what_fired_on_a_console_message(tmp_path: Path) -> None:
    event_id = _console_event_id(tmp_path, "Bob you are an idiot")
    result = runner.invoke(app, ["why", event_id])
    assert result.exit_code == 0, result.output
    assert "insult" in result.stdout
    assert "nudge" in result.stdout
    assert "Bob you are an idiot" not in result.stdout  # the rule that fired, never the message


def test_ledger_lists_and_deletes_by_number(tmp_path: Path) -> None:
    import asyncio
    import io

    from adapters.console.runner import run_console
    from bot.settings import Settings

    settings = Settings(_env_file=None, database_path=tmp_path / "cli.db")  # type: ignore[call-arg]
    script = "Bob you are an idiot\nsorry Bob, I was rude to you about the PR\n/quit\n"
    asyncio.run(run_console(settings, io.StringIO(script), io.StringIO()))
    listed = runner.invoke(app, ["ledger", "--user", "you"])
    assert "sorry Bob, I was rude to you" in listed.stdout and "1." in listed.stdout
    deleted = runner.invoke(app, ["ledger", "--user", "you", "--delete", "1"])
    assert "deleted" in deleted.stdout
    assert "sorry Bob" not in runner.invoke(app, ["ledger", "--user", "you"]).stdout


def test_an_unreachable_platform_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    import discord

    # The adapter points discord.py's class-level endpoints at the setting: restore them afterwards.
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY",
                        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("DISCORD_TOKEN", "not-a-real-token")
    monkeypatch.setenv("DISCORD_API_BASE", f"http://127.0.0.1:{port}/api/v10")
    result = runner.invoke(app, ["run"])
    assert result.exit_code == 1
    assert "could not start" in result.stderr
    assert "not-a-real-token" not in result.stderr


def test_why_explains_in_the_language_asked_for(tmp_path: Path) -> None:
    event_id = _console_event_id(tmp_path, "Bob you are an idiot")
    english = runner.invoke(app, ["why", event_id])
    italian = runner.invoke(app, ["why", event_id, "--language", "it"])
    assert italian.exit_code == 0, italian.output
    assert italian.stdout != english.stdout
    english_lines = set(english.stdout.splitlines()[1:])
    assert not english_lines & set(italian.stdout.splitlines()[1:]), "every explained line is in Italian"


def test_why_refuses_a_language_it_cannot_speak() -> None:
    result = runner.invoke(app, ["why", "any-event", "--language", "xx"])
    assert result.exit_code == 2 and "--language must be one of" in result.stderr


def test_ledger_in_a_terminal_leaves_held_chat_messages_for_the_user(tmp_path: Path) -> None:
    """A message held for a closed DM waits for the user's next command in chat; an operator reading
    the ledger in a terminal must not take it (it would never be confirmed, and arrive twice later)."""
    from datetime import UTC, datetime

    from bot.store.database import open_database
    from bot.store.held_messages import HeldMessageStore
    from bot.store.user_settings import UserKey

    user = UserKey("slack", "T1", "U1")
    db = open_database(tmp_path / "cli.db")
    HeldMessageStore(db).hold("held-1", user, {"kind": "send_private_notice"}, "closed_direct_messages",
                              datetime(2026, 1, 1, tzinfo=UTC))
    db.close()

    result = runner.invoke(app, ["ledger", "--platform", "slack", "--workspace", "T1", "--user", "U1"])
    assert result.exit_code == 0, result.output

    db = open_database(tmp_path / "cli.db")
    try:
        still_waiting = HeldMessageStore(db).take(user, datetime.now(UTC))
    finally:
        db.close()
    assert [held.held_id for held in still_waiting] == ["held-1"]


def test_ledger_that_cannot_be_read_gets_a_clear_answer_not_a_traceback(tmp_path: Path) -> None:
    from bot.store.database import open_database

    db = open_database(tmp_path / "cli.db")
    db.execute("DROP TABLE apologies")  # a damaged file: the migrations ran, the table is gone
    db.conn.commit()
    db.close()

    result = runner.invoke(app, ["ledger", "--user", "you"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "Something went wrong on my side; nothing was lost." in result.stdout, result.stdout
