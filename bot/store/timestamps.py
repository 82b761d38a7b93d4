"""Fixed-width UTC timestamps for SQLite columns, so text comparison orders them like time."""

from __future__ import annotations

from datetime import UTC, datetime

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def to_stamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: every time in the core is timezone-aware")
    return moment.astimezone(UTC).strftime(_FORMAT)


def from_stamp(stamp: str | None) -> datetime | None:
    if not stamp:
        return None
    return datetime.strptime(stamp, _FORMAT).replace(tzinfo=UTC)
