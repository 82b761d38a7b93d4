"""Every setting of the bot, read from the environment and `.env` through pydantic-settings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.vocabulary import Category, Delivery

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def default_database_path() -> Path:
    return Path(user_data_dir("damage-control", appauthor=False)) / "damage-control.db"


class Settings(BaseSettings):
    """One flat settings object; `.env.example` lists each field with a one-line comment."""

    # env_ignore_empty: a copied .env.example with blank lines means "use the default".
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    # Core
    database_path: Path = Field(default_factory=default_database_path)
    data_dir: Path = DEFAULT_DATA_DIR
    extra_playbooks_dir: Path | None = None
    log_level: str = "INFO"
    retention_days: int = Field(default=30, ge=1)

    # Nudge policy (workspace defaults; users override theirs)
    watch_by_default: bool = True
    default_sensitivity: str = "normal"
    default_delivery: Delivery = Delivery.EPHEMERAL
    # NoDecode: the environment gives a comma-separated list, not JSON (split in the validator below).
    disabled_categories: Annotated[list[Category], NoDecode] = Field(default_factory=list)
    nudges_per_hour: int = Field(default=6, ge=1)
    nudge_grace_seconds: float = Field(default=0.0, ge=0.0, le=30.0)
    dismissals_before_quieter: int = Field(default=3, ge=1)
    apology_window_minutes: int = Field(default=24 * 60, ge=1)

    # Incidents
    incident_channel_id: str | None = None
    # One process may serve Slack and Discord: each platform's own team channel, else the one above.
    slack_incident_channel_id: str | None = None
    discord_incident_channel_id: str | None = None
    incident_channel_size_threshold: int = Field(default=50, ge=1)
    reception_window_minutes: int = Field(default=60, ge=1)
    reception_negative_threshold: int = Field(default=3, ge=1)

    # Slack
    slack_bot_token: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_user_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    slack_http_port: int = Field(default=3000, ge=1, le=65535)
    slack_http_host: str = "0.0.0.0"
    # OAuth for per-user tokens (one-click edits on a user's behalf); HTTP mode serves the callback
    slack_client_id: str | None = None
    slack_client_secret: SecretStr | None = None
    slack_public_url: str | None = None  # e.g. https://bot.example.com: the redirect is <url>/slack/oauth/callback
    slack_oauth_authorize_url: str = "https://slack.com/oauth/v2/authorize"

    # Discord
    discord_token: SecretStr | None = None
    discord_guild_id: int | None = None
    discord_api_base: str = "https://discord.com/api/v10"
    discord_gateway_url: str | None = None
    discord_shard_count: int = Field(default=1, ge=1)
    discord_sync_commands: bool = True
    discord_post_on_behalf: bool = False
    discord_dm_fallback: str = "ephemeral_followup"

    @field_validator("default_sensitivity")
    @classmethod
    def _known_sensitivity(cls, value: str) -> str:
        if value not in {"low", "normal", "high"}:
            raise ValueError("must be low, normal or high")
        return value

    @field_validator("disabled_categories", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @property
    def slack_configured(self) -> bool:
        return self.slack_bot_token is not None

    @property
    def discord_configured(self) -> bool:
        return self.discord_token is not None

    def incident_channel_for(self, platform: str) -> str | None:
        """The team channel for incidents on this platform: its own setting, else INCIDENT_CHANNEL_ID."""
        own = {"slack": self.slack_incident_channel_id, "discord": self.discord_incident_channel_id}.get(platform)
        return own or self.incident_channel_id
