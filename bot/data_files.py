"""The one module that knows where data files live and how a broken one is reported."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)


class DataFileError(Exception):
    """A data file is missing or invalid; the message names the file and the key."""

    def __init__(self, path: Path, problem: str, key: str = "") -> None:
        self.path = path
        self.key = key
        self.problem = problem
        where = f"{path}" + (f" [{key}]" if key else "")
        super().__init__(f"{where}: {problem}")


class DataPaths:
    """Paths of every data file, relative to one data directory."""

    def __init__(self, root: Path, extra_playbooks: Path | None = None) -> None:
        self.root = root
        self.extra_playbooks = extra_playbooks

    def lexicon(self, language: str) -> Path:
        return self.root / "lexicons" / f"{language}.toml"

    def lexicon_dir(self) -> Path:
        return self.root / "lexicons"

    def patterns(self, name: str) -> Path:
        return self.root / "patterns" / f"{name}.toml"

    def templates(self, language: str) -> Path:
        return self.root / "templates" / f"{language}.toml"

    def template_dir(self) -> Path:
        return self.root / "templates"

    def playbook_dirs(self) -> list[Path]:
        dirs = [self.root / "playbooks"]
        if self.extra_playbooks is not None:
            dirs.append(self.extra_playbooks)
        return dirs


def read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(path, f"not valid TOML: {error}") from None


def load_model(path: Path, model: type[Model]) -> Model:
    """Read a TOML file into a pydantic model, turning validation errors into one clear DataFileError."""
    raw = read_toml(path)
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
        raise DataFileError(path, f"{first['msg']}{more}", key=key) from None
