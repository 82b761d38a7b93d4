"""Playbooks: the five shipped ones load, triggers choose the right plan, and a bad file is a clear error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.data_files import DataFileError, DataPaths
from bot.incidents import load_playbooks
from bot.settings import DEFAULT_DATA_DIR
from bot.vocabulary import SUPPORTED_LANGUAGES, Category, Severity

SHIPPED = {"leaked_credential", "offensive_message", "wrong_information", "mass_mention", "personal_data_exposed"}
VALID = """
title = "Broken build"
default_severity = 3
[trigger]
categories = ["heated"]
min_severity = "medium"
min_channel_size = 5
[owner.teams.T1]
user_id = "U-ONCALL"
[[steps]]
id = "revert"
label = "Revert the change"
[timing]
update_minutes = { 1 = 10, 2 = 20, 3 = 30, 4 = 40 }
first_response_minutes = 5
follow_up_hours = 24
"""


def data_copy(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR / "playbooks", root / "playbooks")
    return root


def test_the_shipped_playbooks_load_with_their_checklists() -> None:
    playbooks = load_playbooks(DataPaths(DEFAULT_DATA_DIR))
    assert set(playbooks.names) == SHIPPED
    credential = playbooks.get("leaked_credential")
    assert [step.id for step in credential.steps] == ["delete", "rotate", "access-logs", "confirm"]
    assert all(len(playbook.timing.update_minutes) == 4 for playbook in playbooks)
    assert playbooks.default_for("command").name == "wrong_information"


def test_the_shipped_playbooks_speak_every_supported_language() -> None:
    others = set(SUPPORTED_LANGUAGES) - {"en"}
    for playbook in load_playbooks(DataPaths(DEFAULT_DATA_DIR)):
        assert set(playbook.titles) == others, playbook.name
        for step in playbook.steps:
            assert set(step.labels) == others, f"{playbook.name}.{step.id}"


@pytest.mark.parametrize(
    ("category", "severity", "size", "expected"),
    [
        (Category.SECRET, Severity.LOW, 3, "leaked_credential"),  # every secret in a channel
        (Category.SECRET, Severity.HIGH, 1, None),  # alone in the channel: nobody else saw it
        (Category.INSULT, Severity.HIGH, 50, "offensive_message"),  # at the size threshold
        (Category.INSULT, Severity.HIGH, 49, None),
        (Category.INSULT, Severity.MEDIUM, 500, None),  # not high
        (Category.PII, Severity.HIGH, 80, "personal_data_exposed"),
        (Category.MASS_MENTION, Severity.HIGH, 300, "mass_mention"),
        (Category.NON_APOLOGY, Severity.HIGH, 300, None),
    ],
)
def test_triggers_pick_the_playbook(category: Category, severity: Severity, size: int, expected: str | None) -> None:
    playbooks = load_playbooks(DataPaths(DEFAULT_DATA_DIR))
    chosen = playbooks.triggered([(category, severity)], size, True, size_threshold=50)
    assert (chosen.name if chosen else None) == expected


def test_the_most_serious_playbook_wins_when_several_match() -> None:
    playbooks = load_playbooks(DataPaths(DEFAULT_DATA_DIR))
    chosen = playbooks.triggered([(Category.MASS_MENTION, Severity.HIGH), (Category.SECRET, Severity.MEDIUM)],
                                 200, True, size_threshold=50)
    assert chosen.name == "leaked_credential"


def test_a_workspace_adds_and_replaces_playbooks(tmp_path: Path) -> None:
    extra = tmp_path / "ours"
    extra.mkdir()
    (extra / "broken_build.toml").write_text(VALID)
    (extra / "mass_mention.toml").write_text(VALID.replace("Broken build", "Our mass mention"))
    playbooks = load_playbooks(DataPaths(DEFAULT_DATA_DIR, extra_playbooks=extra))
    assert set(playbooks.names) == SHIPPED | {"broken_build"}
    assert playbooks.get("mass_mention").title == "Our mass mention"
    assert playbooks.get("broken_build").owner.for_team("T1").user_id == "U-ONCALL"


def test_a_workspace_playbook_can_take_over_the_command_default(tmp_path: Path) -> None:
    extra = tmp_path / "ours"
    extra.mkdir()
    (extra / "triage.toml").write_text('default_for = ["command"]\n' + VALID)
    playbooks = load_playbooks(DataPaths(DEFAULT_DATA_DIR, extra_playbooks=extra))
    assert playbooks.default_for("command").name == "triage"
    assert playbooks.default_for("reception").name == "wrong_information"


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        (VALID.replace('["heated"]', '["heated", "rudeness"]'), "trigger.categories.1", "insult"),
        (VALID.replace('min_severity = "medium"', 'min_severity = "huge"'), "trigger.min_severity", "low"),
        (VALID.replace("3 = 30, ", ""), "timing.update_minutes", "missing 3"),
        (VALID.replace("default_severity = 3", "default_severity = 5"), "default_severity", "4"),
        (VALID.replace('id = "revert"', 'id = "Revert it!"'), "steps.0.id", "slug"),
        (VALID.replace('label = "Revert the change"', 'label = "Revert"\nlabels = { pt = "Reverter" }'),
         "steps.0.labels", "unknown language pt"),
        (VALID.replace('user_id = "U-ONCALL"', 'user_id = "U-ONCALL"\nrole_id = "S1"'), "owner.teams.T1", "exactly one"),
        ("colour = 'red'\n" + VALID, "colour", "Extra inputs"),
    ],
)
def test_a_bad_playbook_names_its_file_and_key(tmp_path: Path, text: str, key: str, problem: str) -> None:
    root = data_copy(tmp_path)
    (root / "playbooks" / "broken_build.toml").write_text(text)
    with pytest.raises(DataFileError) as raised:
        load_playbooks(DataPaths(root))
    assert raised.value.path.name == "broken_build.toml"
    assert raised.value.key == key
    assert problem in str(raised.value)


def test_invalid_toml_and_a_missing_extra_directory_are_clear_errors(tmp_path: Path) -> None:
    root = data_copy(tmp_path)
    (root / "playbooks" / "typo.toml").write_text("title = 'unterminated\n")
    with pytest.raises(DataFileError, match="typo.toml: not valid TOML"):
        load_playbooks(DataPaths(root))
    with pytest.raises(DataFileError, match="extra playbooks directory not found"):
        load_playbooks(DataPaths(DEFAULT_DATA_DIR, extra_playbooks=tmp_path / "nowhere"))


def test_two_defaults_for_the_same_purpose_in_one_place_are_refused(tmp_path: Path) -> None:
    root = data_copy(tmp_path)
    (root / "playbooks" / "triage.toml").write_text('default_for = ["reception"]\n' + VALID)
    with pytest.raises(DataFileError) as raised:
        load_playbooks(DataPaths(root))
    assert raised.value.key == "default_for"
    assert "only one playbook" in str(raised.value)
