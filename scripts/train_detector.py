"""Rebuild the shipped English sentence model from labelled texts (default ../shared/data/labels/dev.jsonl).

    .venv/bin/python scripts/train_detector.py [--labels FILE] [--C 1.0] [--cv]

Writes src/forewarn/data/model/en.json: logistic-regression weights over cue features and word n-grams — no
text from the labelled set beyond the n-gram names the weights belong to. With --cv it also prints (and
records in the model's metadata) the stratified 5-fold cross-validated figures and the rules-only figures, so
the dev-set gate is never read as more than it is.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from forewarn.detect import DEFAULT_C, Detector
from forewarn.evaluate import cross_validate, evaluate, read_labelled

REPO = Path(__file__).resolve().parent.parent
DEFAULT_LABELS = REPO.parent / "shared" / "data" / "labels" / "dev.jsonl"
OUTPUT = REPO / "src" / "forewarn" / "data" / "model" / "en.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--C", type=float, default=DEFAULT_C, help="inverse regularisation strength")
    parser.add_argument("--cv", action="store_true", help="also report 5-fold CV and rules-only figures")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()

    rows = read_labelled(args.labels)
    detector = Detector(model=None, C=args.C).fit([r.document for r in rows], [r.label for r in rows])
    model = detector.model_
    meta = dict(model.meta)
    meta["trained_on"] = {"file": args.labels.name, "rows": len(rows),
                          "sha256": hashlib.sha256(args.labels.read_bytes()).hexdigest()}
    if args.cv:
        meta["cv5"] = _f1(cross_validate(rows, C=args.C))
        meta["rules_only_dev"] = _f1(evaluate(rows, Detector(model=None)).to_json())
        print(json.dumps({"cv5": meta["cv5"], "rules_only_dev": meta["rules_only_dev"]}, indent=2))
    model = type(model)(model.language, model.classes, model.weights, model.intercept, meta)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({len(model.weights)} features, {args.output.stat().st_size // 1024} KiB)")


def _f1(report: dict) -> dict:
    figures = {label: values["f1"] for label, values in report["per_class"].items()}
    figures["fields"] = report["fields"]
    return figures


if __name__ == "__main__":
    main()
