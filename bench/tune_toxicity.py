"""Private tuning aid for the toxicity detector: P/R/F1 per dev set, errors by HateCheck functionality.

Usage: python bench/tune_toxicity.py [--split dev] [--sets en-hatecheck,chat-en-irc] [--errors N] [--by-function]
Reads ../shared/eval-data (never copied into the project). bench/evaluate.py is the official evaluation.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from bot.data_files import DataPaths
from bot.detection import Detector

FLAG = {"insult", "toxicity", "profanity_mild", "heated", "passive_aggressive", "about_present_person"}
DEFAULT_SETS = "en-hatecheck,en-davidson,de-mhc,de-germeval2018,nl-mhc,chat-en-irc"


def _data_dir(only_valid: bool) -> Path:
    """The project's data, or a temporary copy without the lexicons another helper is mid-way editing."""
    data = REPO_ROOT / "data"
    if not only_valid:
        return data
    import tempfile

    from bot.data_files import DataFileError
    from bot.detection.lexicon import load_lexicon

    copy = Path(tempfile.mkdtemp()) / "data"
    (copy / "lexicons").mkdir(parents=True)
    for other in data.iterdir():
        if other.name != "lexicons":
            (copy / other.name).symlink_to(other)
    for folder in (data / "lexicons").iterdir():
        if folder.is_dir():
            (copy / "lexicons" / folder.name).symlink_to(folder)
    for path in sorted((data / "lexicons").glob("*.toml")):
        try:
            load_lexicon(path, path.stem)
        except DataFileError as error:
            print(f"skipping {error}")
            continue
        (copy / "lexicons" / path.name).write_bytes(path.read_bytes())
    return copy


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev")
    parser.add_argument("--sets", default=DEFAULT_SETS)
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--by-function", action="store_true")
    parser.add_argument("--lang", action="store_true", help="pass the set's language instead of detecting")
    parser.add_argument("--only-valid", action="store_true", help="skip lexicons that do not load (mid-edit)")
    args = parser.parse_args()
    data = Path(os.environ.get("EVAL_DATA_DIR", REPO_ROOT.parent / "shared" / "eval-data"))
    detector = Detector.load(DataPaths(_data_dir(args.only_valid)))
    for name in args.sets.split(","):
        rows = [json.loads(line) for line in (data / name / f"{args.split}.jsonl").open(encoding="utf-8")]
        started = time.perf_counter()
        results = []
        for row in rows:
            analysis = detector.analyse(row["text"], language=row["lang"] if args.lang else None)
            hits = [f for f in analysis.findings if f.category.value in FLAG or name.startswith("chat")]
            results.append((bool(hits), analysis, hits))
        elapsed = time.perf_counter() - started
        tp = sum(1 for row, r in zip(rows, results) if r[0] and row["label"] == 1)
        fp = sum(1 for row, r in zip(rows, results) if r[0] and row["label"] == 0)
        fn = sum(1 for row, r in zip(rows, results) if not r[0] and row["label"] == 1)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        flagged = sum(1 for r in results if r[0])
        languages = Counter(r[1].language for r in results)
        print(f"{name:18s} P={precision:.3f} R={recall:.3f} F1={f1:.3f} flag={100 * flagged / len(rows):.2f}% "
              f"({len(rows) / elapsed:.0f} msg/s) langs={dict(languages.most_common(4))}")
        if args.by_function:
            table: dict[str, Counter] = {}
            for row, r in zip(rows, results):
                function = row["orig_label"].split(":", 1)[-1]
                table.setdefault(function, Counter())[(row["label"], r[0])] += 1
            for function, counts in sorted(table.items()):
                wrong = counts[(1, False)] + counts[(0, True)]
                total = sum(counts.values())
                print(f"   {function:24s} n={total:4d} wrong={wrong:4d} (FN {counts[(1, False)]}, FP {counts[(0, True)]})")
        if args.errors:
            fps = [(row, r) for row, r in zip(rows, results) if r[0] and row["label"] == 0][: args.errors]
            fns = [(row, r) for row, r in zip(rows, results) if not r[0] and row["label"] == 1][: args.errors]
            for row, r in fps:
                rules = [(f.category.value, f.rule) for f in r[2]]
                print(f"  FP {row.get('orig_label', '')[:30]} {r[1].language} {rules} :: {row['text'][:140]!r}")
            for row, r in fns:
                print(f"  FN {row.get('orig_label', '')[:30]} {r[1].language} :: {row['text'][:140]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
