"""`damage-control replay` on Slack and Discord exports built by the tests, through the real command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from damage_control.cli import app
from tests.factories.exports import fake_github_token, scenario, write_discord_export, write_slack_export

TOKEN = fake_github_token()


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("INCIDENT_CHANNEL_ID", "C09INCIDENTS")
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "unused.db"))


def replay_json(*arguments: str) -> tuple[list[dict], str]:
    result = CliRunner().invoke(app, ["replay", *arguments, "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return lines, result.stderr


def actions_of(records: list[dict], action: str) -> list[dict]:
    return [record for record in records if record["action"] == action]


def assert_whole_story(records: list[dict]) -> None:
    nudges = actions_of(records, "nudge")
    assert [(n["user"], n["categories"]) for n in nudges if "insult" in n["categories"]] == [("alice", ["insult"])]
    counts = [r["apology_count"] for r in actions_of(records, "apology_recorded") if r["user"] == "alice"]
    assert counts == [1, 2]
    warnings = actions_of(records, "repeat_apology_warning")
    assert [(w["user"], w["apology_count"]) for w in warnings] == [("alice", 3)]
    alice_matters = {r["reference_id"] for r in records if r["user"] == "alice" and "apology" in r["action"]}
    assert len(alice_matters) == 1  # three apologies, one matter
    assert [r["user"] for r in actions_of(records, "non_apology_flag")] == ["carol"]
    incidents = actions_of(records, "incident_opened")
    assert [(i["channel"], i["user"]) for i in incidents] == [("ops", "carol")]
    assert "secret" in incidents[0]["categories"]
    # Ordinary chat and bots never get a nudge.
    assert {n["user"] for n in nudges} <= {"alice", "carol"}
    assert TOKEN not in json.dumps(records)


def test_slack_export_folder(tmp_path: Path) -> None:
    export = write_slack_export(tmp_path / "slack", scenario(TOKEN))
    records, _ = replay_json(str(export))
    assert_whole_story(records)
    assert all(isinstance(r["ts"], str) and "." in r["ts"] for r in records)  # Slack ts


def test_slack_export_zip(tmp_path: Path) -> None:
    export = write_slack_export(tmp_path / "slack", scenario(TOKEN), as_zip=True)
    records, _ = replay_json(str(export))
    assert_whole_story(records)


def test_discord_exports(tmp_path: Path) -> None:
    write_discord_export(tmp_path / "discord", scenario(TOKEN))
    records, _ = replay_json(str(tmp_path / "discord"))
    assert_whole_story(records)


def test_corrupt_day_file_is_reported_and_the_rest_replayed(tmp_path: Path) -> None:
    export = write_slack_export(tmp_path / "slack", scenario(TOKEN))
    broken = export / "ops" / "2026-11-02.json"
    broken.write_text(broken.read_text()[:40])  # truncated mid-way
    records, errors = replay_json(str(export))
    assert "ops/2026-11-02.json" in errors and "not valid JSON" in errors
    assert actions_of(records, "repeat_apology_warning")  # #general still replayed
    assert not actions_of(records, "incident_opened")  # the #ops day was lost, and said so


def test_redact_masks_all_text(tmp_path: Path) -> None:
    export = write_slack_export(tmp_path / "slack", scenario(TOKEN))
    records, _ = replay_json(str(export), "--redact")
    assert records and {r["excerpt"] for r in records if "excerpt" in r} == {"[redacted]"}


def test_watch_only_nudges_the_watched_user(tmp_path: Path) -> None:
    export = write_slack_export(tmp_path / "slack", scenario(TOKEN))
    records, _ = replay_json(str(export), "--watch", "carol")
    assert {r["user"] for r in actions_of(records, "nudge")} == {"carol"}


def test_since_and_until_bound_the_replay(tmp_path: Path) -> None:
    export = write_slack_export(tmp_path / "slack", scenario(TOKEN))
    records, _ = replay_json(str(export), "--since", "2026-11-02T09:30", "--until", "2026-11-02T10:00")
    assert not actions_of(records, "apology_recorded")
    assert actions_of(records, "incident_opened")


def test_readable_report(tmp_path: Path) -> None:
    export = write_slack_export(tmp_path / "slack", scenario(TOKEN))
    result = CliRunner().invoke(app, ["replay", str(export)])
    assert result.exit_code == 0, result.output
    assert "Nudges per category" in result.stdout and "Incidents that would have opened" in result.stdout
    assert TOKEN not in result.stdout


def test_unreadable_path_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "junk.json").write_text("{not json")
    result = CliRunner().invoke(app, ["replay", str(tmp_path / "junk.json")])
    assert result.exit_code == 2
    assert "nothing could be read" in result.stderr
    missing = CliRunner().invoke(app, ["replay", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr
