"""bench/evaluate_behaviour.py on a three-case file: the counts and rates it prints come out right."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "bench" / "evaluate_behaviour.py"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=REPO,
                          timeout=120, check=False)


def test_counts_rates_and_languages_on_three_cases(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    rows = [
        # a needless @here in a big channel, labelled so: a true positive
        {"id": "a", "category": "mass_mention", "lang": "en", "text": "@here anyone seen my charger?",
         "expected": ["mass_mention"], "channel_size": 200},
        # labelled as a mass mention though it has none: a false negative by construction
        {"id": "b", "category": "mass_mention", "lang": "en", "text": "the build is green again",
         "expected": ["mass_mention"], "channel_size": 200},
        # labelled clean though it is a needless @here: a false positive on a hard negative
        {"id": "c", "category": "mass_mention", "lang": "it", "text": "@here chi viene a pranzo con me?",
         "expected": [], "channel_size": 200, "is_public": True},
    ]
    cases.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    result = run("--cases", str(cases), "--json", "--show-errors", "5")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["cases"] == 3
    mention = report["categories"]["mass_mention"]
    assert (mention["tp"], mention["fp"], mention["fn"], mention["tn"]) == (1, 1, 1, 0)
    assert mention["precision"] == 0.5 and mention["recall"] == 0.5 and mention["f1"] == 0.5
    assert mention["false_flag_rate"] == 1.0 and mention["hard_negative_flag_rate"] == 1.0
    assert mention["by_language"]["en"]["tp"] == 1 and mention["by_language"]["en"]["fn"] == 1
    assert mention["by_language"]["it"]["fp"] == 1 and mention["by_language"]["it"]["precision"] == 0.0
    heated = report["categories"]["heated"]
    assert (heated["tp"], heated["fp"], heated["fn"], heated["tn"]) == (0, 0, 0, 3)
    assert heated["precision"] is None and heated["false_flag_rate"] == 0.0
    assert sorted(error["id"] for error in report["errors"]) == ["b", "c"]
    table = run("--cases", str(cases))
    assert table.returncode == 0 and "mass_mention" in table.stdout and "0.50" in table.stdout


def test_a_malformed_case_names_its_line(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"text": "hi", "expected": []}\n{"text": "x", "expected": ["shouting"]}\n', encoding="utf-8")
    result = run("--cases", str(cases))
    assert result.returncode != 0 and f"{cases}:2" in result.stderr and "shouting" in result.stderr


def test_errors_are_only_shown_on_the_dev_split() -> None:
    result = run("--split", "test", "--show-errors", "3")
    assert result.returncode != 0 and "dev" in result.stderr
