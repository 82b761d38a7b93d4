"""Incident playbooks: the plan prepared before the crisis, loaded from TOML and validated at start."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.data_files import DataFileError, DataPaths, load_model
from bot.vocabulary import SUPPORTED_LANGUAGES, Category, Severity

log = logging.getLogger(__name__)

# Incident severities, as incident teams count them: 1 is the worst, 4 the mildest.
INCIDENT_SEVERITIES: tuple[int, ...] = (1, 2, 3, 4)
_STEP_ID = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


def _known_languages(value: dict[str, str]) -> dict[str, str]:
    unknown = sorted(set(value) - set(SUPPORTED_LANGUAGES))
    if unknown:
        raise ValueError(f"unknown language {', '.join(unknown)}; known: {', '.join(SUPPORTED_LANGUAGES)}")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Trigger(_Strict):
    """When a flagged message opens an incident by itself."""

    categories: tuple[Category, ...] = Field(min_length=1)
    min_severity: Severity = Severity.LOW
    # A number of people, or "threshold" for settings.incident_channel_size_threshold.
    min_channel_size: int | Literal["threshold"] = Field(default=2)
    public_only: bool = False

    @field_validator("min_severity")
    @classmethod
    def _not_none(cls, value: Severity) -> Severity:
        if value is Severity.NONE:
            raise ValueError("min_severity must be low, medium or high")
        return value

    @field_validator("min_channel_size")
    @classmethod
    def _not_negative(cls, value: int | str) -> int | str:
        if isinstance(value, int) and value < 0:
            raise ValueError("min_channel_size must be 0 or more, or \"threshold\"")
        return value


class TeamOwner(_Strict):
    """The designated responder of one team (workspace): a named person or a role."""

    user_id: str | None = None
    role_id: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> TeamOwner:
        if (self.user_id is None) == (self.role_id is None):
            raise ValueError("give exactly one of user_id or role_id")
        return self


class OwnerRule(_Strict):
    """Who owns a new incident: the team's named person or role, else the default, else whoever opened it."""

    teams: dict[str, TeamOwner] = Field(default_factory=dict)  # workspace id -> owner
    default: TeamOwner | None = None

    def for_team(self, workspace_id: str) -> TeamOwner | None:
        return self.teams.get(workspace_id, self.default)


class Step(_Strict):
    id: str
    label: str = Field(min_length=1)
    labels: dict[str, str] = Field(default_factory=dict)  # language -> label

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _STEP_ID.match(value):
            raise ValueError("step ids are short lowercase slugs (a-z, 0-9, '-', '_')")
        return value

    @field_validator("labels")
    @classmethod
    def _label_languages(cls, value: dict[str, str]) -> dict[str, str]:
        return _known_languages(value)

    def label_in(self, language: str) -> str:
        return self.labels.get(language, self.label)


class Timing(_Strict):
    """How fast the team should answer, how often it should post updates, and when to follow up."""

    update_minutes: dict[int, int]  # incident severity -> minutes without an update before a reminder
    first_response_minutes: int = Field(ge=1)
    follow_up_hours: float = Field(gt=0)

    @field_validator("update_minutes")
    @classmethod
    def _every_severity(cls, value: dict[int, int]) -> dict[int, int]:
        missing = [str(level) for level in INCIDENT_SEVERITIES if level not in value]
        unknown = [str(level) for level in value if level not in INCIDENT_SEVERITIES]
        if missing or unknown:
            raise ValueError(
                "needs one interval for each severity 1-4"
                + (f"; missing {', '.join(missing)}" if missing else "")
                + (f"; unknown {', '.join(unknown)}" if unknown else "")
            )
        if any(minutes < 1 for minutes in value.values()):
            raise ValueError("intervals are at least 1 minute")
        return value

    def update_interval(self, severity: int) -> timedelta:
        return timedelta(minutes=self.update_minutes[severity])

    @property
    def first_response(self) -> timedelta:
        return timedelta(minutes=self.first_response_minutes)

    @property
    def follow_up(self) -> timedelta:
        return timedelta(hours=self.follow_up_hours)


class Playbook(_Strict):
    """One prepared plan. `name` is the file's stem, so a workspace file of the same name replaces ours."""

    name: str = ""
    title: str = Field(min_length=1)
    titles: dict[str, str] = Field(default_factory=dict)  # language -> title
    trigger: Trigger | None = None  # None: opened only by command or by a bad reception
    default_severity: int = Field(ge=1, le=4)
    default_for: tuple[Literal["command", "reception"], ...] = ()
    owner: OwnerRule = Field(default_factory=OwnerRule)
    steps: tuple[Step, ...] = Field(min_length=1)
    timing: Timing

    @model_validator(mode="after")
    def _unique_steps(self) -> Playbook:
        seen: set[str] = set()
        for step in self.steps:
            if step.id in seen:
                raise ValueError(f"step id {step.id!r} is used twice")
            seen.add(step.id)
        return self

    @field_validator("titles")
    @classmethod
    def _title_languages(cls, value: dict[str, str]) -> dict[str, str]:
        return _known_languages(value)

    def title_in(self, language: str) -> str:
        return self.titles.get(language, self.title)

    def matches(self, category: Category, severity: Severity, channel_size: int | None,
                is_public: bool, size_threshold: int) -> bool:
        trigger = self.trigger
        if trigger is None or category not in trigger.categories:
            return False
        if severity.rank < trigger.min_severity.rank:
            return False
        if trigger.public_only and not is_public:
            return False
        needed = size_threshold if trigger.min_channel_size == "threshold" else trigger.min_channel_size
        # An unknown audience counts as a small one: no automatic incident on a guess.
        return (channel_size or 0) >= needed


class Playbooks:
    """Every loaded playbook, by name, with the choices the desk needs."""

    def __init__(self, playbooks: Sequence[Playbook]) -> None:
        self._by_name = {playbook.name: playbook for playbook in playbooks}

    def __iter__(self) -> Iterator[Playbook]:
        return iter(self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)

    def get(self, name: str) -> Playbook | None:
        return self._by_name.get(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._by_name)

    def default_for(self, purpose: Literal["command", "reception"]) -> Playbook:
        for playbook in self:
            if purpose in playbook.default_for:
                return playbook
        # Validation guarantees one; this keeps a hand-built Playbooks usable too.
        return next(iter(self._by_name.values()))

    def for_categories(self, categories: Sequence[Category]) -> Playbook | None:
        """The first playbook whose trigger names one of these categories, ignoring the thresholds."""
        for category in categories:
            candidates = [p for p in self if p.trigger is not None and category in p.trigger.categories]
            if candidates:
                return min(candidates, key=lambda p: (p.default_severity, p.name))
        return None

    def triggered(self, findings: Sequence[tuple[Category, Severity]], channel_size: int | None,
                  is_public: bool, size_threshold: int) -> Playbook | None:
        """The most serious playbook whose trigger one of the findings meets, or None."""
        matching = [
            playbook
            for playbook in self
            if any(playbook.matches(category, severity, channel_size, is_public, size_threshold)
                   for category, severity in findings)
        ]
        if not matching:
            return None
        return min(matching, key=lambda p: (p.default_severity, p.name))


def load_playbooks(paths: DataPaths) -> Playbooks:
    """Read data/playbooks/*.toml, then the workspace's extra directory (same name replaces ours)."""
    loaded: dict[str, tuple[Path, Playbook]] = {}
    for directory in paths.playbook_dirs():
        if not directory.is_dir():
            if directory != paths.root / "playbooks":
                raise DataFileError(directory, "extra playbooks directory not found")
            continue
        for path in sorted(directory.glob("*.toml")):
            playbook = load_model(path, Playbook).model_copy(update={"name": path.stem})
            if path.stem in loaded:
                log.info("playbook %s replaced by %s", path.stem, path)
            loaded[path.stem] = (path, playbook)
    if not loaded:
        raise DataFileError(paths.root / "playbooks", "no playbook found (*.toml)")
    _check_defaults(loaded)
    return Playbooks([playbook for _, playbook in loaded.values()])


def _check_defaults(loaded: dict[str, tuple[Path, Playbook]]) -> None:
    """Exactly one default per purpose; a workspace's own playbook may take the default over from ours."""
    for purpose in ("command", "reception"):
        owners = [(path, p) for path, p in loaded.values() if purpose in p.default_for]
        if not owners:
            directory = next(iter(loaded.values()))[0].parent
            raise DataFileError(
                directory, f"no playbook is the default for {purpose!r}; set default_for in one", "default_for"
            )
        last_directory = owners[-1][0].parent
        same_place = [(path, p) for path, p in owners if path.parent == last_directory]
        if len(same_place) > 1:
            names = ", ".join(p.name for _, p in same_place)
            raise DataFileError(
                same_place[1][0], f"only one playbook may be the default for {purpose!r} (found {names})",
                "default_for",
            )
        for path, playbook in owners[:-1] if len(owners) > 1 else ():
            # The workspace's choice wins: drop the purpose from the built-in playbook.
            kept = tuple(item for item in playbook.default_for if item != purpose)
            loaded[playbook.name] = (path, playbook.model_copy(update={"default_for": kept}))
