"""Read an export the same way whether it is a folder or a .zip file."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path, PurePosixPath


class ExportArchive:
    """File names are POSIX paths relative to the export's root (a zip's single top folder is skipped)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        self._prefix = ""
        if path.is_file() and zipfile.is_zipfile(path):
            self._zip = zipfile.ZipFile(path)
            names = [name for name in self._zip.namelist() if not name.endswith("/")]
            tops = {PurePosixPath(name).parts[0] for name in names if "/" in name}
            if len(tops) == 1 and not any("/" not in name for name in names):
                self._prefix = f"{tops.pop()}/"

    def names(self) -> list[str]:
        if self._zip is not None:
            return sorted(
                name[len(self._prefix) :]
                for name in self._zip.namelist()
                if name.startswith(self._prefix) and not name.endswith("/")
            )
        if self.path.is_file():
            return [self.path.name]
        return sorted(str(p.relative_to(self.path).as_posix()) for p in self.path.rglob("*") if p.is_file())

    def read_json(self, name: str) -> object:
        """Parse one JSON file; raises ValueError with the file name on any problem."""
        try:
            if self._zip is not None:
                raw = self._zip.read(self._prefix + name)
            elif self.path.is_file():
                raw = self.path.read_bytes()
            else:
                raw = (self.path / name).read_bytes()
            return json.loads(raw.decode("utf-8-sig"))
        except (OSError, KeyError, zipfile.BadZipFile) as error:
            raise ValueError(f"{name}: cannot read ({error.__class__.__name__})") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError(f"{name}: not valid JSON ({error})") from None

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
