"""Replay benchmark: a generated Slack export of N messages (default 100,000) replayed end to end through
`damage-control replay --json`'s code path; prints wall time and messages per second (target: 100k < 60 s).

    python bench/replay_speed.py [--messages 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from _support import peak_rss_mib

from bot.replay.loader import load_history
from bot.replay.runner import Replay, ReplayOptions
from bot.settings import Settings
from tests.factories.exports import generated_lines, write_slack_export


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=100_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        export = write_slack_export(Path(folder) / "export", generated_lines(options.messages), as_zip=True)
        started = time.perf_counter()
        history = load_history(export)
        loaded = time.perf_counter()
        settings = Settings(_env_file=None, database_path=Path(folder) / "unused.db")  # type: ignore[call-arg]
        replay = Replay(settings, history, ReplayOptions())
        records = asyncio.run(replay.run())
        finished = time.perf_counter()
    total = finished - started
    print(f"{len(history.messages)} messages: read in {loaded - started:.1f} s, replayed in {finished - loaded:.1f} s;"
          f" total {total:.1f} s = {len(history.messages) / total:.0f} messages/s; {len(records)} actions;"
          f" peak RSS {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
