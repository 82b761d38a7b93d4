"""bench/evaluate.py on a tiny synthetic eval folder: counts, per-kind recall and the missing-data path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "bench" / "evaluate.py"


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "EVAL_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, str(SCRIPT), "--no-peers", "--warmup", "0", *args],
                          capture_output=True, text=True, env=environment, cwd=REPO, timeout=120, check=False)


def write(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")


def test_counts_and_kinds_on_a_synthetic_secrets_and_chat_set(tmp_path: Path) -> None:
    token = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY2z4C"
    write(tmp_path / "secrets" / "dev.jsonl", [
        {"text": f"use my token {token}", "label": 1, "kind": "github_token", "lang": "en", "spans": [[13, 53]]},
        {"text": "write to pat.example@mailbox-test.io", "label": 1, "kind": "email", "lang": "en", "spans": []},
        {"text": "the order id is 8f14e45f-ceea-467f-a0e6-1f2b3c4d5e6f", "label": 0, "kind": "neg_uuid",
         "lang": "en", "spans": []},
    ])
    write(tmp_path / "chat-xx" / "dev.jsonl", [
        {"text": "anyone up for lunch?", "label": 0, "lang": "en"},
        {"text": "the build is green again", "label": 0, "lang": "en"},
    ])
    result = run(tmp_path, "--split", "dev", "--json")
    assert result.returncode == 0, result.stderr
    cells = json.loads(result.stdout)["results"]["damage-control"]
    secrets = cells["secrets"]
    assert (secrets["tp"], secrets["fp"], secrets["fn"], secrets["tn"]) == (2, 0, 0, 1)
    assert secrets["by_kind"] == {"github_token": [1, 1], "email": [1, 1], "neg_uuid": [1, 0]}
    assert cells["chat-xx"]["fp"] == 0 and cells["chat-xx"]["secret_pii_flags"] == 0


def test_missing_eval_data_is_a_clear_skip(tmp_path: Path) -> None:
    result = run(tmp_path / "nowhere")
    assert result.returncode == 0
    assert "eval data not found at" in result.stdout and "skipping" in result.stdout


def test_errors_are_only_shown_on_the_dev_split(tmp_path: Path) -> None:
    write(tmp_path / "chat-xx" / "test.jsonl", [{"text": "hello", "label": 0, "lang": "en"}])
    result = run(tmp_path, "--split", "test", "--show-errors", "5")
    assert result.returncode != 0 and "dev" in result.stderr
