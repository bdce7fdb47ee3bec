"""The written example sets: our own illustrative texts (src/forewarn/data/narratives/*/examples*.jsonl for
training, tests/data/written_heldout.jsonl held out). Checks the schema, the label conventions, unique ids,
no text (or near-copy) shared between any two items, and no text taken from the real sets in ../shared/data."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from rapidfuzz import fuzz, process

REPO = Path(__file__).resolve().parent.parent
NARRATIVES = REPO / "src" / "forewarn" / "data" / "narratives"
HELDOUT = REPO / "tests" / "data" / "written_heldout.jsonl"

FIELDS = ("id", "text", "language", "date", "outlet", "url", "label", "narrative", "stance", "claimant",
          "accused", "agent", "place", "governorate", "episode", "error_class", "note")
LABELS = {"PREEMPTIVE", "RETROSPECTIVE", "OTHER"}
STANCES = {"asserted", "reported"}
PREFIX = {"chemical": "chem", "radiological": "rad", "biological": "bio"}
CLASSES = {
    "PREEMPTIVE": {"P-verb", "P-noverb", "P-multi", "P-reported", "P-radio", "P-bio", "P-pastplace", "F-field"},
    "RETROSPECTIVE": {"R-denial", "F-field"},
    "OTHER": {"N-realwarning", "N-nonCBRN", "N-negated", "N-hypo", "N-fiction", "N-news", "N-biolab", "F-field"},
}
# ISO 639-1 (all 183 two-letter codes).
_ISO_639_1_CODES = (
    "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el "
    "en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it "
    "iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt "
    "my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl "
    "sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo "
    "za zh zu"
)
ISO_639_1 = frozenset(_ISO_639_1_CODES.split())
NEAR_DUPLICATE = 90  # rapidfuzz ratio on normalised text above which two items count as the same text
HELDOUT_LEAK = 75  # stricter between held-out and training texts: a close paraphrase would leak the held-out set


def _stats_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("example_stats", REPO / "scripts" / "example_stats.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


STATS = _stats_script()  # scripts/example_stats.py: the counts table and the one text normalisation
_normalised = STATS.normalised


def _read(path: Path) -> list[dict[str, str]]:
    return list(STATS.read_rows([path]))

TRAINING = {path: _read(path) for path in sorted(NARRATIVES.glob("*/examples*.jsonl"))}
HELD = _read(HELDOUT) if HELDOUT.is_file() else []
ALL = [row for rows in TRAINING.values() for row in rows] + HELD




def test_the_three_narratives_have_training_examples() -> None:
    assert {path.parent.name for path in TRAINING} >= set(PREFIX)
    assert all(TRAINING.values())


@pytest.mark.parametrize("row", ALL, ids=lambda row: row.get("id", "?"))
def test_record_schema_and_conventions(row: dict[str, str]) -> None:
    assert set(row) == set(FIELDS)
    assert all(isinstance(row[field], str) for field in FIELDS)
    assert row["text"].strip() and row["id"]
    assert row["language"] in ISO_639_1
    assert dt.date(1970, 1, 1) <= dt.date.fromisoformat(row["date"]) <= dt.date(2025, 12, 31)
    assert row["narrative"] in PREFIX
    assert row["label"] in LABELS
    assert row["error_class"] in CLASSES[row["label"]]
    if row["label"] == "OTHER":
        assert row["stance"] == "" and row["claimant"] == "", "OTHER items carry no stance or claimant"
    else:
        assert row["stance"] in STANCES and row["claimant"], "claims name their claimant and stance"
    assert row["note"], "every item says why it has its label"


def test_training_ids_name_narrative_and_language_and_files_hold_one_narrative() -> None:
    for path, rows in TRAINING.items():
        for row in rows:
            assert row["narrative"] == path.parent.name, (path, row["id"])
            assert re.fullmatch(rf"{PREFIX[row['narrative']]}-{row['language']}-\d{{4}}", row["id"]), row["id"]


def test_heldout_ids() -> None:
    for row in HELD:
        assert re.fullmatch(r"heldout-\d{4}", row["id"]), row["id"]


def test_ids_are_unique() -> None:
    ids = [row["id"] for row in ALL]
    assert len(ids) == len(set(ids)), sorted(i for i in set(ids) if ids.count(i) > 1)


def test_no_text_is_repeated_or_nearly_repeated_anywhere() -> None:
    """Within and across the training files and the held-out file: a near-copy would leak the held-out set
    into training and inflate every figure measured on it."""
    texts = [_normalised(row["text"]) for row in ALL]
    scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE, dtype="uint8")
    pairs = [(ALL[i]["id"], ALL[j]["id"]) for i, j in zip(*scores.nonzero(), strict=True) if i < j]
    assert not pairs, pairs[:10]


def test_no_heldout_text_closely_paraphrases_a_training_text() -> None:
    training = [_normalised(row["text"]) for rows in TRAINING.values() for row in rows]
    if not HELD or not training:
        pytest.skip("no held-out set yet")
    held = [_normalised(row["text"]) for row in HELD]
    scores = process.cdist(held, training, scorer=fuzz.ratio, score_cutoff=HELDOUT_LEAK, dtype="uint8")
    assert not scores.any(), [HELD[i]["id"] for i in sorted(set(scores.nonzero()[0]))][:10]


def test_every_class_is_written_in_several_languages() -> None:
    """Each error class of issue 8 has training items in at least three languages, and each label in every
    narrative: a class written in one language only would teach the classifier that language, not the class."""
    rows = [row for rows in TRAINING.values() for row in rows]
    for name in set().union(*CLASSES.values()):
        assert len({row["language"] for row in rows if row["error_class"] == name}) >= 3, name
    for narrative in PREFIX:
        assert {row["label"] for row in rows if row["narrative"] == narrative} == LABELS, narrative


@pytest.mark.shared
def test_no_text_comes_from_the_real_labelled_sets(shared_data: Path) -> None:
    """The texts are our own writing: none repeats or nearly repeats a text of dev.jsonl or realweb.jsonl."""
    real = []
    for path in (shared_data / "labels" / "dev.jsonl", shared_data / "realweb" / "realweb.jsonl"):
        if path.is_file():
            real += [_normalised(row["text"]) for row in _read(path)]
    if not real:
        pytest.skip("no real labelled set in ../shared/data")
    ours = [_normalised(row["text"]) for row in ALL]
    scores = process.cdist(ours, real, scorer=fuzz.ratio, score_cutoff=75, dtype="uint8")
    assert not scores.any(), [ALL[i]["id"] for i in sorted(set(scores.nonzero()[0]))][:10]
    windows = {text[10:70] for text in real if len(text) >= 80}
    joined = "\n".join(ours)
    assert not [window for window in windows if window in joined][:5]


def test_readme_counts_are_current() -> None:
    """The README's table is generated from the files (scripts/example_stats.py --write), never typed."""
    stats = STATS
    readme = (NARRATIVES / "README.md").read_text(encoding="utf-8")
    assert stats.with_section(readme, stats.current()) == readme, "run scripts/example_stats.py --write"
