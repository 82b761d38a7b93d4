"""Measure the behaviour categories that have no external labelled data, on our own cases in bench/cases/.

    python bench/evaluate_behaviour.py [--split dev|test] [--cases FILE] [--show-errors N] [--json]

Each line of bench/cases/behaviour-<split>.jsonl is one message with the context it needs: text, lang,
expected (the measured categories it should raise, possibly none), category (the one it was written to test),
members_present, author, reply_to, is_public, channel_size, and optionally apology_kind (how the apology
should be read). The real Detector reads every case with its MessageContext (language identification on),
and for each measured category this prints precision, recall, F1 and the false-flag rate on the negatives
(all cases not expecting the category), overall and per language, plus the false-flag rate on the hard
negatives written for that category. Tune on --split dev; report on test (errors are shown on dev only).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CASES_DIR = REPO_ROOT / "bench" / "cases"
MEASURED = ("heated", "passive_aggressive", "about_present_person", "private_in_public", "mass_mention",
            "non_apology", "over_apology")
LANGUAGES = ("en", "it", "es", "fr", "de", "nl", "fy")
_CONTEXT_FIELDS = ("members_present", "author", "reply_to", "is_public", "channel_size")


def load_cases(path: Path) -> list[dict]:
    """The cases of one file; a malformed line stops the run with its line number."""
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as error:
            raise SystemExit(f"{path}:{number}: not JSON ({error.msg})") from None
        if not isinstance(case.get("text"), str) or not isinstance(case.get("expected"), list):
            raise SystemExit(f"{path}:{number}: needs a 'text' string and an 'expected' list")
        unknown = set(case["expected"]) - set(MEASURED)
        if unknown:
            raise SystemExit(f"{path}:{number}: unknown expected categories {sorted(unknown)}")
        case.setdefault("id", f"line-{number}")
        case.setdefault("lang", "?")
        cases.append(case)
    return cases


def make_reader():
    """Return read(case) -> (predicted measured categories, apology kind), with the whole real pipeline."""
    sys.path.insert(0, str(REPO_ROOT))
    from bot.data_files import DataPaths
    from bot.detection import Detector
    from bot.verdict import MessageContext

    detector = Detector.load(DataPaths(REPO_ROOT / "data"))

    def read(case: dict) -> tuple[set[str], str]:
        given = {name: case[name] for name in _CONTEXT_FIELDS if case.get(name) is not None}
        if "members_present" in given:
            given["members_present"] = tuple(given["members_present"])
        analysis = detector.analyse(case["text"], MessageContext(**given))
        found = {finding.category.value for finding in analysis.findings} & set(MEASURED)
        return found, analysis.apology.value

    return read


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def figures(rows: list[tuple[dict, set[str]]], category: str) -> dict:
    """Counts and rates of one category over (case, predicted) rows."""
    tp = fp = fn = tn = hard_negatives = hard_flags = 0
    for case, predicted in rows:
        expected = category in case["expected"]
        flagged = category in predicted
        tp += expected and flagged
        fn += expected and not flagged
        fp += flagged and not expected
        tn += not flagged and not expected
        if case.get("category") == category and not expected:
            hard_negatives += 1
            hard_flags += flagged
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    if precision is None or recall is None:
        f1 = 0.0 if tp + fn else None
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision, "recall": recall, "f1": f1,
            "false_flag_rate": _ratio(fp, fp + tn), "hard_negatives": hard_negatives,
            "hard_negative_flag_rate": _ratio(hard_flags, hard_negatives)}


def evaluate(cases: list[dict], read) -> dict:
    rows, kinds_right, kinds_total, errors = [], 0, 0, []
    for case in cases:
        predicted, apology = read(case)
        rows.append((case, predicted))
        expected = set(case["expected"])
        wrong_kind = "apology_kind" in case and case["apology_kind"] is not None and apology != case["apology_kind"]
        if "apology_kind" in case and case["apology_kind"] is not None:
            kinds_total += 1
            kinds_right += not wrong_kind
        if predicted != expected or wrong_kind:
            errors.append({"id": case["id"], "lang": case["lang"], "text": case["text"],
                           "expected": sorted(expected), "predicted": sorted(predicted),
                           "apology": apology, "expected_apology": case.get("apology_kind")})
    languages = [lang for lang in LANGUAGES if any(case["lang"] == lang for case in cases)]
    languages += sorted({case["lang"] for case in cases} - set(languages))
    result: dict = {"cases": len(cases), "categories": {}, "errors": errors,
                    "apology_kind_accuracy": _ratio(kinds_right, kinds_total), "apology_kind_cases": kinds_total}
    for category in MEASURED:
        overall = figures(rows, category)
        overall["by_language"] = {lang: figures([row for row in rows if row[0]["lang"] == lang], category)
                                  for lang in languages}
        result["categories"][category] = overall
    return result


def _show(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def print_report(result: dict, split: str, show_errors: int) -> None:
    print(f"behaviour cases ({split}): {result['cases']} messages")
    print(f"{'category':22} {'P':>5} {'R':>5} {'F1':>5} {'flags':>6} {'hard':>6}   tp  fp  fn  tn")
    for category, cell in result["categories"].items():
        print(f"{category:22} {_show(cell['precision']):>5} {_show(cell['recall']):>5} {_show(cell['f1']):>5} "
              f"{_show(cell['false_flag_rate']):>6} {_show(cell['hard_negative_flag_rate']):>6}  "
              f"{cell['tp']:3d} {cell['fp']:3d} {cell['fn']:3d} {cell['tn']:3d}")
    print("flags: false-flag rate on every negative; hard: on the near misses written for that category")
    languages = list(next(iter(result["categories"].values()))["by_language"]) if result["categories"] else []
    for label, key in (("F1 per language", "f1"), ("false-flag rate per language", "false_flag_rate")):
        print(f"\n{label}")
        print(f"{'category':22} " + " ".join(f"{lang:>5}" for lang in languages))
        for category, cell in result["categories"].items():
            print(f"{category:22} " + " ".join(f"{_show(cell['by_language'][lang][key]):>5}" for lang in languages))
    if result["apology_kind_cases"]:
        print(f"\napology reading right on {_show(result['apology_kind_accuracy'])} "
              f"of {result['apology_kind_cases']} apology cases")
    if show_errors:
        print(f"\nerrors ({len(result['errors'])}, first {show_errors}):")
        for error in result["errors"][:show_errors]:
            apology = (f" apology {error['apology']} (expected {error['expected_apology']})"
                       if error["expected_apology"] is not None and error["apology"] != error["expected_apology"]
                       else "")
            print(f"  {error['id']} expected {error['expected']} got {error['predicted']}{apology}: {error['text']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--cases", type=Path, help="a cases file instead of bench/cases/behaviour-<split>.jsonl")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.show_errors and args.split == "test" and args.cases is None:
        parser.error("--show-errors is for the dev split: tune on dev, only report on test")
    path = args.cases or CASES_DIR / f"behaviour-{args.split}.jsonl"
    if not path.exists():
        parser.error(f"no cases file at {path}")
    result = evaluate(load_cases(path), make_reader())
    if args.json:
        if not args.show_errors:
            result.pop("errors")
        print(json.dumps({"split": args.split, "cases_file": str(path), **result}, ensure_ascii=False, indent=1))
    else:
        print_report(result, args.split, args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
