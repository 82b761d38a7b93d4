"""Check that a code change leaves every finding as it was: dump each dev message's Analysis, compare two dumps.

    git worktree add --detach /tmp/base HEAD      # before changing anything: frozen code and data
    python bench/same_findings.py compare --base-code /tmp/base --data /tmp/base/data [--new-code .]
    python bench/same_findings.py dump --code ROOT --data DATA --out FILE
    python bench/same_findings.py time --code ROOT --data DATA [--base-code BASE] [--datasets NAME ...]

`compare` runs `dump` twice, each in its own interpreter (one per code root, so the two `bot` packages never
mix), on the same data folder, and reports every message whose Analysis differs. Every dev.jsonl in the eval
data is read (never test.jsonl); each message is analysed three ways: with no context, as a reply naming
people present (the context rules for replies and present people), and with its language given.
The dumps hold message text (excerpts): they go to a temporary folder, never into the repository.
When others change the same tree, compare a second worktree of the base commit holding only your files.
`time` prints the detector's CPU time per message (p50/p99, fastest of several passes) and CPU throughput
per set, for one code root; with --base-code, for two code roots loaded side by side and timed message by
message, which is the steady way to compare them on a busy machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
# People present in the "reply" reading: common first names, so about_present_person can fire.
PRESENT = ("alice", "bob", "marco", "julia", "pierre", "jan", "maria", "tom")


def eval_data_dir() -> Path:
    configured = os.environ.get("EVAL_DATA_DIR")
    return Path(configured) if configured else (REPO_ROOT.parent / "shared" / "eval-data").resolve()


def dev_sets(names: list[str] | None = None) -> list[Path]:
    sets = sorted(path for path in eval_data_dir().glob("*/dev.jsonl"))
    if names:
        sets = [path for path in sets if path.parent.name in names]
    return sets


def _load_detector(code: Path, data: Path):
    """A Detector from the `bot` package under `code`; any `bot` modules imported before are forgotten
    first (a detector already loaded keeps working on its own modules, so two can run side by side)."""
    for name in [module for module in sys.modules if module == "bot" or module.startswith("bot.")]:
        del sys.modules[name]
    sys.path.insert(0, str(code))
    try:
        from bot.data_files import DataPaths
        from bot.detection import Detector

        loaded = Detector.load(DataPaths(data))
        if not str(Path(sys.modules["bot"].__file__).resolve()).startswith(str(code.resolve())):
            raise SystemExit(f"bot was imported from {sys.modules['bot'].__file__}, not from {code}")
    finally:
        sys.path.remove(str(code))
    return loaded


def _readings(detector, text: str, language: str | None):
    from bot.verdict import MessageContext

    reply = MessageContext(channel="C1", channel_size=12, members_present=PRESENT, author="sam",
                           reply_to="M0", is_public=True)
    yield "plain", detector.analyse(text, MessageContext())
    yield "reply", detector.analyse(text, reply)
    if language:
        yield "given", detector.analyse(text, MessageContext(), language=language)


def dump(code: Path, data: Path, out: Path) -> None:
    detector = _load_detector(code, data)
    count = 0
    with out.open("w", encoding="utf-8") as sink:
        for path in dev_sets():
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
                if not line.strip():
                    continue
                row = json.loads(line)
                for reading, analysis in _readings(detector, row["text"], row.get("lang")):
                    record = {"set": path.parent.name, "line": number, "reading": reading,
                              "analysis": analysis.model_dump(mode="json")}
                    sink.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                    count += 1
    print(f"{code}: {count} analyses written to {out}", file=sys.stderr)


def compare(base_code: Path, new_code: Path, data: Path, keep: Path | None) -> int:
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="same-findings-"))
    folder.mkdir(parents=True, exist_ok=True)
    outs = {}
    jobs = []
    for label, code in (("base", base_code), ("new", new_code)):
        outs[label] = folder / f"{label}.jsonl"
        jobs.append(subprocess.Popen([sys.executable, __file__, "dump", "--code", str(code), "--data", str(data),
                                      "--out", str(outs[label])]))
    if any(job.wait() != 0 for job in jobs):
        print("a dump failed", file=sys.stderr)
        return 2
    base = outs["base"].read_text(encoding="utf-8").splitlines()
    new = outs["new"].read_text(encoding="utf-8").splitlines()
    if len(base) != len(new):
        print(f"different number of analyses: {len(base)} vs {len(new)}")
        return 1
    differing = [(old, changed) for old, changed in zip(base, new) if old != changed]
    messages = {(json.loads(old)["set"], json.loads(old)["line"]) for old in base}
    for old, changed in differing[:10]:
        record = json.loads(old)
        print(f"DIFFERENT {record['set']} line {record['line']} ({record['reading']})")
        print(f"  base: {json.dumps(record['analysis'], ensure_ascii=False)[:400]}")
        print(f"  new:  {json.dumps(json.loads(changed)['analysis'], ensure_ascii=False)[:400]}")
    print(f"{len(messages)} messages, {len(base)} analyses compared; {len(differing)} differ "
          f"(dumps in {folder})")
    return 1 if differing else 0


def time_sets(code: Path, data: Path, names: list[str] | None, repeat: int, back_to_back: bool = False) -> None:
    """CPU time per message, `repeat` passes over each set: each message's fastest pass, so the figures
    estimate the detector's own cost on a machine others share (a slower pass was interrupted). With
    `back_to_back` each message is analysed `repeat` times in a row instead: caches are warmer than in real
    use, but two code roots compare far more steadily on a busy machine."""
    detector = _load_detector(code, data)
    from bot.verdict import MessageContext

    context = MessageContext()
    for path in dev_sets(names):
        texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for text in texts[:200]:
            detector.analyse(text, context)  # warm-up, untimed
        fastest = [float("inf")] * len(texts)
        for _ in range(1 if back_to_back else repeat):
            for index, text in enumerate(texts):
                for _ in range(repeat if back_to_back else 1):
                    tick = time.thread_time()
                    detector.analyse(text, context)
                    fastest[index] = min(fastest[index], time.thread_time() - tick)
        ranked = sorted(fastest)
        how = f"fastest of {repeat}" + (" in a row" if back_to_back else " passes")
        print(f"{path.parent.name:20s} {how}: p50 {1000 * statistics.median(ranked):.3f} ms "
              f"p99 {1000 * ranked[int(0.99 * (len(ranked) - 1))]:.3f} ms {len(ranked) / sum(ranked):6.0f} msg/s",
              flush=True)


def time_pairs(base_code: Path, new_code: Path, data: Path, names: list[str] | None, repeat: int) -> None:
    """Both code roots loaded in this one process, each message timed under both in turn (the order
    alternating): on a shared, noisy machine the two see the same interruptions, so their ratio is steady."""
    base = _load_detector(base_code, data)
    new = _load_detector(new_code, data)
    from bot.verdict import MessageContext

    context = MessageContext()
    for path in dev_sets(names):
        texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for text in texts[:200]:
            base.analyse(text, context)
            new.analyse(text, context)
        fastest = {"base": [float("inf")] * len(texts), "new": [float("inf")] * len(texts)}
        for round_number in range(repeat):
            for index, text in enumerate(texts):
                order = (("base", base), ("new", new)) if (index + round_number) % 2 else (("new", new), ("base", base))
                for label, detector in order:
                    tick = time.thread_time()
                    detector.analyse(text, context)
                    fastest[label][index] = min(fastest[label][index], time.thread_time() - tick)
        shown = []
        for label in ("base", "new"):
            ranked = sorted(fastest[label])
            shown.append(f"{label} p50 {1000 * statistics.median(ranked):.3f} p99 "
                         f"{1000 * ranked[int(0.99 * (len(ranked) - 1))]:.3f} {len(ranked) / sum(ranked):5.0f}/s")
        ratio = sum(fastest["new"]) / sum(fastest["base"])
        print(f"{path.parent.name:18s} {'  '.join(shown)}  new/base CPU {ratio:.3f}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("--code", type=Path, required=True)
    dumping.add_argument("--data", type=Path, required=True)
    dumping.add_argument("--out", type=Path, required=True)
    comparing = commands.add_parser("compare")
    comparing.add_argument("--base-code", type=Path, required=True)
    comparing.add_argument("--new-code", type=Path, default=REPO_ROOT)
    comparing.add_argument("--data", type=Path, required=True, help="one frozen data folder for both")
    comparing.add_argument("--keep", type=Path, help="folder for the two dumps (default: a temporary one)")
    timing = commands.add_parser("time")
    timing.add_argument("--code", type=Path, default=REPO_ROOT)
    timing.add_argument("--data", type=Path, required=True)
    timing.add_argument("--datasets", nargs="*")
    timing.add_argument("--repeat", type=int, default=5)
    timing.add_argument("--back-to-back", action="store_true", help="repeat each message in a row")
    timing.add_argument("--base-code", type=Path, help="also load this code root and time both, message by message")
    arguments = parser.parse_args()
    if arguments.command == "dump":
        dump(arguments.code, arguments.data, arguments.out)
        return 0
    if arguments.command == "time" and arguments.base_code:
        time_pairs(arguments.base_code, arguments.code, arguments.data, arguments.datasets, arguments.repeat)
        return 0
    if arguments.command == "time":
        time_sets(arguments.code, arguments.data, arguments.datasets, arguments.repeat, arguments.back_to_back)
        return 0
    return compare(arguments.base_code, arguments.new_code, arguments.data, arguments.keep)


if __name__ == "__main__":
    sys.exit(main())
