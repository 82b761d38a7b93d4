"""Settings: `.env.example` lists every setting, a copied example loads, and bad values are refused clearly."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import Settings
from bot.vocabulary import Category, Delivery

EXAMPLE = Path(__file__).resolve().parents[2] / ".env.example"


def example_keys() -> list[str]:
    return re.findall(r"^([A-Z0-9_]+)=", EXAMPLE.read_text(), flags=re.MULTILINE)


def test_env_example_lists_every_setting_once_with_a_comment() -> None:
    keys = example_keys()
    assert sorted(keys) == sorted(name.upper() for name in Settings.model_fields)
    assert len(keys) == len(set(keys))
    lines = EXAMPLE.read_text().splitlines()
    for number, line in enumerate(lines):
        if re.match(r"^[A-Z0-9_]+=", line) and not lines[number - 1].startswith("# "):
            # a key may share the comment of the key just above it (a pair such as host and port)
            assert re.match(r"^[A-Z0-9_]+=", lines[number - 1]), f"{line} has no comment"


def test_a_copied_env_example_loads_with_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(EXAMPLE, tmp_path / ".env")
    monkeypatch.chdir(tmp_path)
    settings = Settings()
    assert settings.retention_days == 30
    assert settings.default_delivery is Delivery.EPHEMERAL
    assert not settings.slack_configured and not settings.discord_configured
    assert settings.discord_guild_id is None


def test_tokens_are_secrets_and_lists_are_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-not-a-real-one")
    monkeypatch.setenv("DISABLED_CATEGORIES", "heated, over_apology")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert "xoxb" not in repr(settings) and "xoxb" not in str(settings.model_dump())
    assert settings.disabled_categories == [Category.HEATED, Category.OVER_APOLOGY]


@pytest.mark.parametrize(
    ("name", "value"),
    [("RETENTION_DAYS", "0"), ("DEFAULT_SENSITIVITY", "loud"), ("DISABLED_CATEGORIES", "rudeness"),
     ("NUDGE_GRACE_SECONDS", "-1"), ("DEFAULT_DELIVERY", "pigeon")],
)
def test_bad_values_are_refused(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None)  # type: ignore[call-arg]
    assert name.lower() in str(caught.value)


def test_boundary_validation_errors_never_carry_the_message_text() -> None:
    from bot.events import ChatMessage

    with pytest.raises(ValidationError) as caught:
        ChatMessage(  # type: ignore[call-arg]
            event_id="e1", message_id="m1", place={"platform": "slack", "workspace_id": "T", "channel_id": "C"},
            author={"user_id": "U"}, text=["my password is Hunter2Secret"], sent_at="2026-01-01T00:00:00",
        )
    assert "Hunter2Secret" not in str(caught.value)
