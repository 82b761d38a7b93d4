"""The core's data files, loaded once for all adapter tests (each test still gets its own engine and database)."""

from __future__ import annotations

import functools

from bot.settings import Settings
from bot.wiring import CoreData, load_core_data


@functools.cache
def shared_core_data() -> CoreData:
    """The real data/ directory, read once: these tests exercise the adapters, not the loaders."""
    return load_core_data(Settings(_env_file=None))  # type: ignore[call-arg]
