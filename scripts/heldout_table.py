"""The held-out figures per set and language group, as in docs/detection.md's table; `--errors` lists what the
shipped model gets wrong on realweb's test part (the text's first words, the label, the reading).

    .venv/bin/python scripts/heldout_table.py [--errors] [--shared ../shared/data]

Only the held-out sets are read (forewarn.corpora.HELD_OUT_SETS): the training never saw them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from forewarn.corpora import load_held_out
from forewarn.detect import Detector
from forewarn.validation import Prediction, predict, score

REPO = Path(__file__).resolve().parent.parent
PACKED = ("en", "ru", "ar", "uk", "tr", "pt")  # shown on their own; other languages pooled


def _group(language: str) -> str:
    return language if language in PACKED else "other"


def table(predictions: list[Prediction]) -> list[str]:
    groups: dict[tuple[str, str], list[Prediction]] = {}
    for p in predictions:
        language = _group(p.row.document.language or "en")
        groups.setdefault((p.row.set_name, language), []).append(p)
        groups.setdefault((p.row.set_name, "all"), []).append(p)
    lines = []
    for (set_name, language), group in sorted(groups.items()):
        s = score(group)
        pre, ret, flagged = s["PREEMPTIVE"], s["RETROSPECTIVE"], s["other_flagged"]
        claimant = s.get("fields", {}).get("claimant", {})
        lines.append(f"{set_name:26s} {language:6s} n={s['n']:4d}  PREEMPTIVE {pre['f1']:.3f} ({pre['support']})  "
                     f"RETROSPECTIVE {ret['f1']:.3f} ({ret['support']})  OTHER flagged {flagged['flagged']}/"
                     f"{flagged['of']}  claimant {claimant.get('accuracy')} of {claimant.get('scored')}")
    return lines


def errors(predictions: list[Prediction]) -> list[str]:
    lines = []
    for p in predictions:
        if p.row.set_name == "realweb-test" and p.label != p.row.label:
            doc = p.row.document
            day = doc.published_at.date() if doc.published_at else "undated"
            lines.append(f"{doc.language} {day} {p.row.label} -> {p.label} | {doc.text[:120]!r}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()
    predictions = predict(Detector(), list(load_held_out(args.shared, REPO).rows))
    print("\n".join(errors(predictions) if args.errors else table(predictions)))


if __name__ == "__main__":
    main()
