"""Private tuning loop for the it/es/fr/fy lexicons: P/R/F1 per dev set, false nudges, error samples.

    .venv/bin/python bench/tune_romance.py [--split dev] [--sets it-mhc ...] [--errors N] [--by-label]

Tune on dev only; bench/evaluate.py is the official report (with peers, latency and memory).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from bot.data_files import DataPaths
from bot.detection import Detector

FLAG_TOXICITY = {"insult", "toxicity", "profanity_mild", "heated", "passive_aggressive", "about_present_person"}
SETS = ("it-mhc", "it-haspeede2018", "es-mhc", "es-hateval2019", "fr-mhc", "fr-mlma",
        "chat-it-xpersona", "chat-fr-xpersona")


def eval_dir() -> Path:
    configured = os.environ.get("EVAL_DATA_DIR")
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "eval-data"


def flagged(detector: Detector, text: str, chat: bool) -> tuple[bool, str]:
    analysis = detector.analyse(text)
    if chat:
        hits = [f for f in analysis.findings if f.severity.rank >= 1 and f.category.value != "over_apology"]
    else:
        hits = [f for f in analysis.findings if f.category.value in FLAG_TOXICITY]
    return bool(hits), ";".join(f"{f.category.value}:{f.rule}" for f in hits) + f" [{analysis.language}]"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev")
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--by-label", action="store_true")
    parser.add_argument("--data", type=Path, default=REPO_ROOT / "data", help="data directory (for experiments)")
    args = parser.parse_args()
    detector = Detector.load(DataPaths(args.data))
    for name in args.sets:
        rows = [json.loads(line) for line in (eval_dir() / name / f"{args.split}.jsonl").open(encoding="utf-8")]
        chat = name.startswith("chat-")
        tp = fp = fn = 0
        per_label: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
        false_pos: list[str] = []
        false_neg: list[str] = []
        for row in rows:
            hit, why = flagged(detector, row["text"], chat)
            label = row["label"]
            per_label[row.get("orig_label", "")][0] += int(hit)
            per_label[row.get("orig_label", "")][1] += 1
            if hit and label:
                tp += 1
            elif hit:
                fp += 1
                false_pos.append(f"  FP {row.get('orig_label', '')} | {row['text'][:140]!r} -> {why}")
            elif label:
                fn += 1
                false_neg.append(f"  FN {row.get('orig_label', '')} | {row['text'][:140]!r} [{why}]")
        if chat:
            print(f"{name}: flagged {fp}/{len(rows)} = {100 * fp / len(rows):.2f}%")
        else:
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            print(f"{name}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f} (n={len(rows)})")
        if args.by_label:
            for label, (count, total) in sorted(per_label.items()):
                print(f"    {label:40s} flagged {count}/{total}")
        if args.errors:
            for line in false_pos[: args.errors]:
                print(line)
            for line in false_neg[: args.errors]:
                print(line)


if __name__ == "__main__":
    main()
