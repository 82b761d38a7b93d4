"""Compare two `evaluate.py --save` files for our detector: F1 / flag rate / speed per set, before and after."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

OURS = "damage-control"


def _f1(cell: dict) -> float:
    tp, fp, fn = cell["tp"], cell["fp"], cell["fn"]
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _flag_rate(cell: dict) -> float:
    return 100 * (cell["tp"] + cell["fp"]) / max(cell["n"], 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args()
    before = json.loads(args.before.read_text())["results"].get(OURS, {})
    after = json.loads(args.after.read_text())["results"].get(OURS, {})
    print(f"{'set':20} {'F1 before':>9} {'after':>7} {'flag% b':>8} {'after':>7} {'p50 b':>7} {'after':>7}"
          f" {'p99 b':>7} {'after':>7} {'msg/s b':>8} {'after':>7}")
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old is None or new is None:
            print(f"{name:20} only in {'after' if old is None else 'before'}")
            continue
        print(f"{name:20} {_f1(old):9.3f} {_f1(new):7.3f} {_flag_rate(old):8.2f} {_flag_rate(new):7.2f}"
              f" {old['cpu_p50_ms']:7.3f} {new['cpu_p50_ms']:7.3f} {old['cpu_p99_ms']:7.3f} {new['cpu_p99_ms']:7.3f}"
              f" {old['n'] / old['cpu_total_s']:8.0f} {new['n'] / new['cpu_total_s']:7.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
