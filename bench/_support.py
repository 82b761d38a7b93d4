"""Shared by the bench scripts: percentiles, peak memory and a repository-root import path."""

from __future__ import annotations

import resource
import statistics
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile of already-measured values (share in 0..1)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# Our own varied regrettable lines for the adapter latency benches (not evaluation data).
REGRETTABLE_TEMPLATES = (
    "you are a complete idiot, {name}",
    "shut up {name}, nobody asked you",
    "what a moron, {name} broke the build again",
    "{name} you absolute clown, read the docs",
    "{name} is an idiot and everyone knows it",
)
NAMES = ("Bob", "Carol", "Dave", "Erin", "Frank", "Grace")


def regrettable_lines(count: int) -> list[str]:
    """`count` distinct regrettable messages (numbered, so no two are the same event)."""
    return [
        REGRETTABLE_TEMPLATES[i % len(REGRETTABLE_TEMPLATES)].format(name=NAMES[i % len(NAMES)]) + f" #{i}"
        for i in range(count)
    ]


def summary_ms(latencies_s: list[float]) -> dict[str, float]:
    millis = [value * 1000 for value in latencies_s]
    return {
        "p50_ms": round(percentile(millis, 0.50), 4),
        "p95_ms": round(percentile(millis, 0.95), 4),
        "p99_ms": round(percentile(millis, 0.99), 4),
        "mean_ms": round(statistics.fmean(millis), 4) if millis else float("nan"),
    }
