"""The labelled sets the claim model is trained on and the ones it is measured on, defined once.

Training (`TRAINING_SETS`): ../shared/data/labels/dev.jsonl (EUvsDisinfo and FA-KES texts), the training part of
../shared/data/realweb/realweb.jsonl, every narrative's examples.jsonl (our own writing) and our earlier sets in
tests/data. Held out (`HELD_OUT_SETS`, never read by training): realweb's fixed test part, tests/data/
written_heldout.jsonl (written after the training examples, deliberately different), tests/data/
hard_negatives.jsonl, tests/data/stress2_ru_ar.jsonl and each language pack's tests/data/fresh_<code>.jsonl (all
written cold, before any change was tuned on them).

realweb's split is fixed by a hash of each item's episode and month, so one statement relayed by several outlets in
the same weeks falls on one side, and items added later fall where their hash says (`realweb_part`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .evaluate import Labelled, labelled_record
from .model import Document
from .narratives import load_narratives
from .text import normalise

REALWEB_SALT = "forewarn-realweb-3"  # the salt whose test part balanced the labels best (chosen before training)
REALWEB_TEST_SHARE = 3  # tenths
OWN_SETS_TRAINING = ("eval_ru_ar", "eval_de_fr_es", "eval_cs_it", "stress_ru_ar", "real_register_ru_ar",
                     "two_sentence", "eval_uk", "eval_tr")
OWN_SETS_HELD_OUT = ("written_heldout", "hard_negatives", "stress2_ru_ar", "fresh_uk", "fresh_tr", "fresh_pt")
TRAINING_SETS = ("dev", "realweb-train", "examples", *(f"tests:{n}" for n in OWN_SETS_TRAINING))
HELD_OUT_SETS = ("realweb-test", *(f"tests:{n}" for n in OWN_SETS_HELD_OUT))


def realweb_part(record: Mapping[str, object]) -> str:
    """"test" or "train" for a realweb record, fixed by its episode and month."""
    key = f"{REALWEB_SALT}|{record.get('episode', '')}|{str(record.get('date', ''))[:7]}"
    return "test" if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 10 < REALWEB_TEST_SHARE else "train"


@dataclass(frozen=True)
class Row:
    labelled: Labelled
    set_name: str
    group: str  # near-duplicate / episode cluster: never split across cross-validation folds
    own: bool  # our own writing (its text may be shown as evidence)

    @property
    def document(self) -> Document:
        return self.labelled.document

    @property
    def label(self) -> str:
        return self.labelled.label


@dataclass(frozen=True)
class Corpus:
    rows: tuple[Row, ...]

    @property
    def documents(self) -> list[Document]:
        return [r.document for r in self.rows]

    @property
    def labels(self) -> list[str]:
        return [r.label for r in self.rows]

    @property
    def stances(self) -> list[str]:
        return [r.labelled.gold.get("stance", "") for r in self.rows]

    @property
    def groups(self) -> list[str]:
        return [r.group for r in self.rows]

    def counts(self) -> dict[str, int]:
        return dict(Counter(r.set_name for r in self.rows))

    def own_example_ids(self) -> dict[int, str]:
        return {i: r.labelled.gold.get("id", r.document.source_ref) for i, r in enumerate(self.rows) if r.own}

    def only(self, *set_names: str) -> Corpus:
        return Corpus(tuple(r for r in self.rows if r.set_name in set_names or _family(r.set_name) in set_names))


def _family(set_name: str) -> str:
    return set_name.split(":", 1)[0]


def read_jsonl(path: Path, set_name: str, *, own: bool, part: str | None = None) -> list[Row]:
    rows: list[Row] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        record = json.loads(line)
        if part is not None and realweb_part(record) != part:
            continue
        labelled = labelled_record(record, number, str(path))
        rows.append(Row(labelled, set_name, group_key(record, set_name), own))
    return rows


def group_key(record: Mapping[str, object], set_name: str) -> str:
    """Items of one episode and month (realweb), or with the same opening words (EUvsDisinfo cases and their
    copies, our own variants), share a group."""
    if set_name.startswith("realweb") and record.get("episode"):
        return f"realweb|{record['episode']}|{str(record.get('date', ''))[:7]}"
    words = re.findall(r"\w+", normalise(str(record.get("text", "")), str(record.get("language", ""))))
    return f"{_family(set_name)}|{' '.join(words[:12])}"


def load_sets(names: Sequence[str], shared: Path, repo: Path) -> Corpus:
    """The named sets (see TRAINING_SETS, HELD_OUT_SETS); shared sets are skipped when ../shared/data is absent."""
    rows: list[Row] = []
    for name in names:
        if name == "dev" and (shared / "labels" / "dev.jsonl").is_file():
            rows += read_jsonl(shared / "labels" / "dev.jsonl", "dev", own=False)
        elif name.startswith("realweb-") and (shared / "realweb" / "realweb.jsonl").is_file():
            part = name.removeprefix("realweb-")
            rows += read_jsonl(shared / "realweb" / "realweb.jsonl", name, own=False, part=part)
        elif name == "examples":
            for narrative in load_narratives():
                if narrative.examples_path is not None:
                    rows += read_jsonl(narrative.examples_path, f"examples:{narrative.name}", own=True)
        elif name.startswith("tests:"):
            path = repo / "tests" / "data" / f"{name.removeprefix('tests:')}.jsonl"
            if path.is_file():
                rows += read_jsonl(path, name, own=True)
    return Corpus(tuple(rows))


def load_training(shared: Path, repo: Path) -> Corpus:
    return load_sets(TRAINING_SETS, shared, repo)


def load_held_out(shared: Path, repo: Path) -> Corpus:
    return load_sets(HELD_OUT_SETS, shared, repo)
