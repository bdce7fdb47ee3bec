"""Counts of the written example sets (label × language × class), as the Markdown table in
src/forewarn/data/narratives/README.md.

    .venv/bin/python scripts/example_stats.py            # print the tables
    .venv/bin/python scripts/example_stats.py --write    # rewrite the README's counts section
    .venv/bin/python scripts/example_stats.py --check    # exit 1 when the README's counts are stale
    .venv/bin/python scripts/example_stats.py --overlap  # highest text similarity within and across the sets

Reads src/forewarn/data/narratives/*/examples*.jsonl (training) and tests/data/written_heldout.jsonl
(held out: never used for training).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NARRATIVES = REPO / "src" / "forewarn" / "data" / "narratives"
HELDOUT = REPO / "tests" / "data" / "written_heldout.jsonl"
README = NARRATIVES / "README.md"
BEGIN, END = "<!-- example-stats:begin -->", "<!-- example-stats:end -->"
LABELS = ("PREEMPTIVE", "RETROSPECTIVE", "OTHER")
SHORT = {"PREEMPTIVE": "PRE", "RETROSPECTIVE": "RETRO", "OTHER": "OTHER"}


def normalised(text: str) -> str:
    """The form texts are compared in: NFKC, casefolded, punctuation as spaces, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def training_files() -> list[Path]:
    return sorted(NARRATIVES.glob("*/examples*.jsonl"))


def read_rows(paths: Iterable[Path]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    return rows


def _table(header: Sequence[str], body: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in body]
    return lines


def by_label(rows: Sequence[dict[str, str]], key: str) -> list[str]:
    """One line per value of `key` (most frequent first), one column per label, and a total line."""
    counts = Counter((row[key], row["label"]) for row in rows)
    values = Counter(row[key] for row in rows)
    body: list[list[object]] = [[value] + [counts[value, label] for label in LABELS] + [total]
                                for value, total in sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))]
    body.append(["**all**"] + [sum(counts[v, label] for v in values) for label in LABELS] + [len(rows)])
    return _table([key] + [SHORT[label] for label in LABELS] + ["total"], body)


def class_languages(rows: Sequence[dict[str, str]]) -> list[str]:
    """Each error class with its count and the languages it is written in."""
    per_class: dict[str, Counter[str]] = {}
    for row in rows:
        per_class.setdefault(row["error_class"], Counter())[row["language"]] += 1
    body = [[name, sum(langs.values()), ", ".join(f"{lang} {n}" for lang, n in langs.most_common())]
            for name, langs in sorted(per_class.items())]
    return _table(["class", "items", "languages"], body)


def render(training: Sequence[dict[str, str]], heldout: Sequence[dict[str, str]]) -> str:
    parts = [f"Training: {len(training)} items; held out: {len(heldout)} items.", "",
             "### Training, by narrative", "", *by_label(training, "narrative"), "",
             "### Training, by language", "", *by_label(training, "language"), "",
             "### Training, by class", "", *by_label(training, "error_class"), "",
             "### Training, classes × languages", "", *class_languages(training)]
    if heldout:
        parts += ["", "### Held out, by narrative", "", *by_label(heldout, "narrative"), "",
                  "### Held out, by language", "", *by_label(heldout, "language"), "",
                  "### Held out, by class", "", *by_label(heldout, "error_class")]
    return "\n".join(parts) + "\n"


def overlap(training: Sequence[dict[str, str]], heldout: Sequence[dict[str, str]]) -> str:
    """The highest rapidfuzz ratio (0-100, on casefolded text without punctuation) between two different items
    of the training set, of the held-out set, and between a held-out and a training item, with the pair."""
    from rapidfuzz import fuzz, process

    def norm(rows: Sequence[dict[str, str]]) -> list[str]:
        return [normalised(row["text"]) for row in rows]

    lines = []
    for name, left, right in (("training-training", training, training), ("held-held", heldout, heldout),
                              ("held-training", heldout, training)):
        if not left or not right:
            continue
        scores = process.cdist(norm(left), norm(right), scorer=fuzz.ratio, workers=1)
        if left is right:
            scores[range(len(left)), range(len(left))] = 0
        i, j = divmod(int(scores.argmax()), scores.shape[1])
        lines.append(f"{name}: max ratio {scores[i, j]:.0f} ({left[i]['id']} ~ {right[j]['id']})")
    return "\n".join(lines) + "\n"


def heldout_rows() -> list[dict[str, str]]:
    return read_rows([HELDOUT]) if HELDOUT.is_file() else []


def current() -> str:
    return render(read_rows(training_files()), heldout_rows())


def with_section(readme: str, section: str) -> str:
    head, _, rest = readme.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{section}{END}{tail}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="rewrite the counts section of the README")
    group.add_argument("--check", action="store_true", help="exit 1 if the README's counts are out of date")
    group.add_argument("--overlap", action="store_true", help="print the highest text similarity between items")
    args = parser.parse_args(argv)
    if args.overlap:
        print(overlap(read_rows(training_files()), heldout_rows()), end="")
        return 0
    section = current()
    if not (args.write or args.check):
        print(section, end="")
        return 0
    readme = README.read_text(encoding="utf-8")
    if BEGIN not in readme or END not in readme:
        print(f"{README}: no {BEGIN} … {END} section", file=sys.stderr)
        return 1
    updated = with_section(readme, section)
    if args.check:
        if updated != readme:
            print(f"{README} is out of date: run scripts/example_stats.py --write", file=sys.stderr)
            return 1
        return 0
    README.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
