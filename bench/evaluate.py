"""Evaluate our detector, side by side with the peer libraries, on the shared eval-data sets.

    python bench/evaluate.py [--split test|dev] [--datasets NAME ...] [--peers NAME ... | --no-peers]
                             [--show-errors N] [--limit N] [--json]

Eval data: $EVAL_DATA_DIR, else ../shared/eval-data next to the repository root.  Every (library, dataset)
cell runs in its own child process of this interpreter, so that the peak RSS reported is that of one
process holding Python, the dataset and that one detector; inside it the detector is called once per
message, after untimed warm-up calls.  Tune on --split dev; report on test.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peers import ALL_PEERS, applies, make_predictor, missing_distribution

REPO_ROOT = Path(__file__).resolve().parents[1]
OURS = "damage-control"
TOXICITY_FLAG_CATEGORIES = {"insult", "toxicity", "profanity_mild", "heated", "passive_aggressive",
                            "about_present_person"}
SECRET_FLAG_CATEGORIES = {"secret", "pii"}
PII_KINDS = {"email", "phone", "credit_card", "iban"}
TARGETS = {  # issue 3: minimum F1 on toxicity test sets
    "en-hatecheck": 0.80, "de-mhc": 0.75, "es-mhc": 0.75, "fr-mhc": 0.75, "it-mhc": 0.75, "nl-mhc": 0.75,
    "en-davidson": 0.95, "de-germeval2018": 0.55, "it-haspeede2018": 0.55, "es-hateval2019": 0.55,
    "fr-mlma": 0.60,
}


def dataset_kind(name: str) -> str:
    if name.startswith("chat-"):
        return "chat"
    if name == "secrets":
        return "secrets"
    return "toxicity"


def eval_data_dir() -> Path:
    configured = os.environ.get("EVAL_DATA_DIR")
    return Path(configured) if configured else (REPO_ROOT.parent / "shared" / "eval-data").resolve()


# --------------------------------------------------------------------------- our detector
# On a chat set, messages with a medium or high finding: what nudges at the default sensitivity ("normal");
# the flag rate above also counts low findings (mild swearing, passive-aggressive), which nudge only at "high".
DEFAULT_NUDGE = "nudged_at_default_sensitivity"


def make_ours(kind: str):
    """Return predict(row) -> (flagged, categories, spans) using the whole pipeline (language detection on)."""
    sys.path.insert(0, str(REPO_ROOT))
    from bot.data_files import DataPaths
    from bot.detection import Detector
    from bot.verdict import MessageContext

    detector = Detector.load(DataPaths(REPO_ROOT / "data"))
    context = MessageContext()

    def predict(text: str):
        analysis = detector.analyse(text, context)
        findings = analysis.findings
        if kind == "toxicity":
            hits = [f for f in findings if f.category.value in TOXICITY_FLAG_CATEGORIES]
        elif kind == "secrets":
            hits = [f for f in findings if f.category.value in SECRET_FLAG_CATEGORIES]
        else:  # chat: anything that would nudge at the highest sensitivity (low findings included)
            hits = [f for f in findings if f.severity.rank >= 1 and f.category.value != "over_apology"]
            categories = sorted({f.category.value for f in hits})
            if any(f.severity.rank >= 2 for f in hits):
                categories.append(DEFAULT_NUDGE)  # counted beside the categories in flags_by_category
            return bool(hits), categories, [(f.start, f.end) for f in hits]
        return bool(hits), sorted({f.category.value for f in hits}), [(f.start, f.end) for f in hits]

    return predict


def worker(library: str, path: Path, warmup: int, limit: int | None, show_errors: int) -> dict:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        rows = rows[:limit]
    kind = dataset_kind(path.parent.name)
    started = time.perf_counter()
    if library == OURS:
        predict = make_ours(kind)
    else:
        peer = make_predictor(library, rows[0].get("lang", "en") if rows else "en")

        def predict(text: str):
            return bool(peer(text)), [], []
    load_seconds = time.perf_counter() - started
    for row in rows[:warmup]:
        predict(row["text"])
    latencies, cpu_times, results = [], [], []
    for row in rows:
        cpu_tick = time.thread_time()
        tick = time.perf_counter()
        result = predict(row["text"])
        latencies.append(time.perf_counter() - tick)
        cpu_times.append(time.thread_time() - cpu_tick)
        results.append(result)
    out = {"n": len(rows), "load_s": load_seconds, "total_s": sum(latencies),
           "p50_ms": 1000 * statistics.median(latencies) if latencies else math.nan,
           "p99_ms": 1000 * sorted(latencies)[int(0.99 * (len(latencies) - 1))] if latencies else math.nan,
           # CPU time of this thread per message: unlike wall time, not inflated when other processes
           # compete for the cores (the wall-time p99 on a loaded machine measures the scheduler)
           "cpu_p50_ms": 1000 * statistics.median(cpu_times) if cpu_times else math.nan,
           "cpu_p99_ms": 1000 * sorted(cpu_times)[int(0.99 * (len(cpu_times) - 1))] if cpu_times else math.nan,
           "cpu_total_s": sum(cpu_times),
           "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    flags = [r[0] for r in results]
    out["tp"] = sum(1 for row, f in zip(rows, flags) if f and row["label"] == 1)
    out["fp"] = sum(1 for row, f in zip(rows, flags) if f and row["label"] == 0)
    out["fn"] = sum(1 for row, f in zip(rows, flags) if not f and row["label"] == 1)
    out["tn"] = len(rows) - out["tp"] - out["fp"] - out["fn"]
    by_kind: dict[str, list[int]] = {}
    spans_covered = 0
    for row, (flag, _, spans) in zip(rows, results):
        if "kind" in row:
            counts = by_kind.setdefault(row["kind"], [0, 0])
            counts[0] += 1
            counts[1] += int(flag)
        if library == OURS and row["label"] == 1 and row.get("spans"):
            spans_covered += all(any(s < e2 and s2 < e for s2, e2 in spans) for s, e in row["spans"])
    out["by_kind"] = by_kind
    if library == OURS and kind == "chat":  # the secrets/PII target on ordinary chat is separate (0.1%)
        out["secret_pii_flags"] = sum(1 for _, cats, _ in results if SECRET_FLAG_CATEGORIES & set(cats))
        by_category: dict[str, int] = {}
        for _, cats, _ in results:
            for category in cats:
                by_category[category] = by_category.get(category, 0) + 1
        out["flags_by_category"] = by_category
    if library == OURS and kind == "secrets":
        out["spans_covered"] = spans_covered
    if show_errors:
        out["false_positives"] = [{"text": row["text"], "categories": cats, "kind": row.get("kind")}
                                  for row, (flag, cats, _) in zip(rows, results)
                                  if flag and row["label"] == 0][:show_errors]
        out["false_negatives"] = [{"text": row["text"], "kind": row.get("kind")}
                                  for row, (flag, _, _) in zip(rows, results)
                                  if not flag and row["label"] == 1][:show_errors]
    return out


# --------------------------------------------------------------------------- figures
def prf(cell: dict) -> tuple[float, float, float]:
    tp, fp, fn = cell["tp"], cell["fp"], cell["fn"]
    precision = tp / (tp + fp) if tp + fp else math.nan
    recall = tp / (tp + fn) if tp + fn else math.nan
    if math.isnan(precision) or math.isnan(recall):
        f1 = math.nan
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def fmt(value: float, digits: int = 3) -> str:
    return "-" if math.isnan(value) else f"{value:.{digits}f}"


def flag_rate(cell: dict) -> float:
    return (cell["tp"] + cell["fp"]) / cell["n"] if cell["n"] else math.nan


def speed(cell: dict) -> str:
    throughput = cell["n"] / cell["total_s"] if cell["total_s"] else math.nan
    cpu_throughput = cell["n"] / cell["cpu_total_s"] if cell.get("cpu_total_s") else math.nan
    return (f"{throughput:8.0f} {cpu_throughput:8.0f} {cell['p50_ms']:7.3f} {cell['p99_ms']:7.3f} "
            f"{cell.get('cpu_p50_ms', math.nan):7.3f} {cell.get('cpu_p99_ms', math.nan):7.3f} "
            f"{cell['peak_rss_mib']:6.0f}")


def kind_recalls(cell: dict) -> dict[str, float]:
    return {k: hit / n for k, (n, hit) in cell["by_kind"].items() if n}


# Peers whose shipped model was trained on the corpus a set is drawn from: their figure there is measured on
# (a sample of) their own training data, not on unseen messages.
TRAINED_ON = {
    "en-davidson": {
        "alt-profanity-check": "was trained on t-davidson/hate-speech-and-offensive-language, the corpus this set "
                               "is sampled from (its README, section 'How'), so these tweets were most likely in its training data.",
    },
}


def report(results: dict, unavailable: dict, datasets: list[str], split: str) -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else math.nan
    title = (f"# damage-control evaluation ({split} split), Python {platform.python_version()}, "
             f"{os.cpu_count()} cores, load average {load:.1f} at the end")
    legend = ("p50ms/p99ms: wall time per message; cpu50/cpu99: CPU time of the thread per message "
              "(unaffected by other processes); msg/s from wall time, cpumsg/s from CPU time; RSS: peak of the child process")
    lines = [title, legend, ""]
    for name, why in unavailable.items():
        lines.append(f"{name:28s} not installed / not available: {why}")
    if unavailable:
        lines.append("")
    header = (f"{'library':28s} {'P':>6s} {'R':>6s} {'F1':>6s} {'flag%':>6s} {'msg/s':>8s} {'cpumsg/s':>8s} {'p50ms':>7s} "
              f"{'p99ms':>7s} {'cpu50':>7s} {'cpu99':>7s} {'RSSMiB':>6s}")
    for dataset in datasets:
        kind = dataset_kind(dataset)
        cells = {lib: res[dataset] for lib, res in results.items() if dataset in res}
        if not cells:
            continue
        any_cell = next(iter(cells.values()))
        positives = any_cell["tp"] + any_cell["fn"]
        target = TARGETS.get(dataset)
        extra = f", target F1 >= {target}" if target else ""
        if kind == "chat":
            extra = ", target flag <= 0.5% (toxicity) / 0.1% (secrets)"
        lines.append(f"## {dataset} ({kind}, n={any_cell['n']}, positives={positives}{extra})")
        lines.append(header)
        for library, cell in cells.items():
            precision, recall, f1 = prf(cell)
            lines.append(f"{library:28s} {fmt(precision):>6s} {fmt(recall):>6s} {fmt(f1):>6s} "
                         f"{100 * flag_rate(cell):6.2f} {speed(cell)}")
        for library, why in unavailable.items():
            if library in ALL_PEERS and applies(library, kind):
                lines.append(f"{library:28s} not installed ({why})")
        if kind == "secrets":
            lines.extend(_secrets_detail(cells))
        lines.extend(f"note: {library} {note}" for library, note in TRAINED_ON.get(dataset, {}).items()
                     if library in cells)
        ours = cells.get(OURS)
        if kind == "chat" and ours and "secret_pii_flags" in ours:
            by_category = dict(ours["flags_by_category"])
            default = by_category.pop(DEFAULT_NUDGE, 0)
            lines.append(f"{OURS}: secret/pii flags {ours['secret_pii_flags']}/{ours['n']} "
                         f"({100 * ours['secret_pii_flags'] / ours['n']:.2f}%); flags by category {by_category}; "
                         f"nudged at the default sensitivity (medium and high findings only) {default}/{ours['n']} "
                         f"({100 * default / ours['n']:.2f}%)")
        lines.append("")
    return "\n".join(lines)


def _secrets_detail(cells: dict) -> list[str]:
    libraries = list(cells)
    kinds = sorted({k for c in cells.values() for k in c["by_kind"]}, key=lambda k: (k.startswith("neg_"), k))
    lines = ["", "share flagged per kind (positives: recall; neg_*: false-positive rate)",
             f"{'kind':20s} {'n':>4s} " + " ".join(f"{lib[:14]:>14s}" for lib in libraries)]
    for kind in kinds:
        n = next(c["by_kind"][kind][0] for c in cells.values() if kind in c["by_kind"])
        lines.append(f"{kind:20s} {n:4d} " + " ".join(
            f"{c['by_kind'][kind][1] / n:14.2f}" if kind in c["by_kind"] else f"{'-':>14s}"
            for c in cells.values()))
    lines.append("")
    for library, cell in cells.items():
        negatives = cell["fp"] + cell["tn"]
        recalls = {k: v for k, v in kind_recalls(cell).items() if not k.startswith("neg_")}
        secrets = [k for k in recalls if k not in PII_KINDS]
        pii = [k for k in recalls if k in PII_KINDS]
        worst = min(recalls.items(), key=lambda item: item[1]) if recalls else ("-", math.nan)
        lines.append(f"{library:28s} hard-negative FP rate {100 * cell['fp'] / max(negatives, 1):5.2f}% "
                     f"({cell['fp']}/{negatives}); secret recall {fmt(_pooled(cell, secrets))}; "
                     f"PII recall {fmt(_pooled(cell, pii))}; worst kind {worst[0]} {fmt(worst[1])}"
                     + (f"; spans covered {cell['spans_covered']}/{cell['tp'] + cell['fn']}"
                        if "spans_covered" in cell else ""))
    return lines


def _pooled(cell: dict, kinds: list[str]) -> float:
    total = sum(cell["by_kind"][k][0] for k in kinds)
    return sum(cell["by_kind"][k][1] for k in kinds) / total if total else math.nan


def print_errors(results: dict, datasets: list[str]) -> None:
    cells = results.get(OURS, {})
    for dataset in datasets:
        cell = cells.get(dataset)
        if not cell or "false_positives" not in cell:
            continue
        print(f"\n### {dataset}: false positives (ours)")
        for error in cell["false_positives"]:
            print(f"  FP {error['categories']} {error['kind'] or ''}: {error['text']!r}")
        print(f"### {dataset}: false negatives (ours)")
        for error in cell["false_negatives"]:
            print(f"  FN {error['kind'] or ''}: {error['text']!r}")


# --------------------------------------------------------------------------- driver
def run_cell(library: str, path: Path, args: argparse.Namespace) -> dict | str:
    command = [sys.executable, __file__, "--worker", library, str(path), "--warmup", str(args.warmup),
               "--show-errors", str(args.show_errors)]
    if args.limit:
        command += ["--limit", str(args.limit)]
    environment = {**os.environ, "PYTHONHASHSEED": "0", "TOKENIZERS_PARALLELISM": "false"}
    process = subprocess.run(command, capture_output=True, text=True, env=environment, cwd=REPO_ROOT,
                             check=False)
    if process.returncode != 0:
        return process.stderr.strip().splitlines()[-1] if process.stderr.strip() else "failed"
    return json.loads(process.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="test", choices=["dev", "test"])
    parser.add_argument("--datasets", nargs="*", help="only these dataset folders (default: all)")
    parser.add_argument("--peers", nargs="*", default=ALL_PEERS, help="peer libraries to run (default: all)")
    parser.add_argument("--no-peers", action="store_true", help="run only our detector")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N",
                        help="print up to N false positives/negatives per set (dev split only)")
    parser.add_argument("--limit", type=int, help="only the first N messages of each set")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--save", type=Path, help="also write the raw results as JSON to this file")
    parser.add_argument("--reuse-peers", type=Path, metavar="JSON",
                        help="take the peers' cells from an earlier --save file instead of running them")
    parser.add_argument("--worker", nargs=2, metavar=("LIBRARY", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        print(json.dumps(worker(args.worker[0], Path(args.worker[1]), args.warmup, args.limit,
                                args.show_errors)))
        return 0
    if args.show_errors and args.split != "dev":
        parser.error("--show-errors is for tuning: use it with --split dev only")

    data_dir = eval_data_dir()
    if not data_dir.is_dir():
        print(f"eval data not found at {data_dir}, skipping (set EVAL_DATA_DIR to point at it)")
        return 0
    datasets = sorted(p.name for p in data_dir.iterdir() if (p / f"{args.split}.jsonl").is_file())
    if args.datasets:
        datasets = [d for d in datasets if d in args.datasets]
    libraries = [OURS] + ([] if args.no_peers else list(args.peers))
    results: dict[str, dict] = {}
    unavailable: dict[str, str] = {}
    if args.reuse_peers:
        earlier = json.loads(args.reuse_peers.read_text(encoding="utf-8"))
        if earlier.get("split") != args.split:
            parser.error(f"{args.reuse_peers} holds the {earlier.get('split')} split, not {args.split}")
        for library, cells in earlier["results"].items():
            if library != OURS and library in libraries:
                results[library] = {d: c for d, c in cells.items() if d in datasets}
        libraries = [OURS] + [lib for lib in libraries if lib != OURS and lib not in results]
    for library in libraries:
        if library != OURS:
            missing = missing_distribution(library)
            if missing:
                unavailable[library] = f"pip install {missing} (the bench extra)"
                continue
        for dataset in datasets:
            if library != OURS and not applies(library, dataset_kind(dataset)):
                continue
            started = time.time()
            cell = run_cell(library, data_dir / dataset / f"{args.split}.jsonl", args)
            if isinstance(cell, str):
                unavailable[f"{library} on {dataset}"] = cell
                print(f"!! {library} on {dataset}: {cell}", file=sys.stderr, flush=True)
                if library == OURS and "bot.detection" in cell:
                    break
                continue
            results.setdefault(library, {})[dataset] = cell
            precision, recall, f1 = prf(cell)
            print(f"{library:26s} {dataset:18s} n={cell['n']:5d} P={fmt(precision)} R={fmt(recall)} "
                  f"F1={fmt(f1)} flag={100 * flag_rate(cell):.2f}% ({time.time() - started:.0f}s)",
                  file=sys.stderr, flush=True)
    everything = {"split": args.split, "data_dir": str(data_dir), "results": results,
                  "unavailable": unavailable}
    if args.save:
        args.save.write_text(json.dumps(everything, indent=1), encoding="utf-8")
    if args.json:
        print(json.dumps(everything, indent=1))
    else:
        print(report(results, unavailable, datasets, args.split))
        if args.show_errors:
            print_errors(results, datasets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
