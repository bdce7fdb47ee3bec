"""Russian and Arabic stress sets: texts in the registers real claims come in (MoD and Reconciliation Centre
briefings, TASS/RIA indirect speech, Zakharova/Nebenzia quotes, Telegram, SANA, RT Arabic, independent outlets
rebutting them) and the look-alikes they must not flag (border "provocations", OPCW procedure, chlorine in water
treatment, chemical plant accidents, biolab stories). Written by us, not tuned sentence by sentence: the first set
before the lexicon changes, the fresh set in batches after them (see docs/multilingual.md, "Stress sets")."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence

import pytest

from forewarn.evaluate import Labelled, evaluate, read_labelled

from .conftest import REPO

DATA = REPO / "tests" / "data"
FLOORS = tomllib.loads((REPO / "tests" / "floors.toml").read_text(encoding="utf-8"))["stress_ru_ar"]
SETS = {"stress": DATA / "stress_ru_ar.jsonl", "fresh": DATA / "stress2_ru_ar.jsonl"}
MINIMUM_ROWS = {"stress": 60, "fresh": 20}


def rows_of(name: str, language: str) -> list[Labelled]:
    return [row for row in read_labelled(SETS[name]) if row.document.language == language]


def shares(rows: Sequence[Labelled]) -> tuple[float, float, float]:
    """(staging claims found as either kind, OTHER texts flagged, PREEMPTIVE F1)."""
    result = evaluate(rows)
    predicted = [p["predicted"] for p in result.predictions]
    claims = [p != "OTHER" for row, p in zip(rows, predicted, strict=True) if row.label != "OTHER"]
    flagged = [p != "OTHER" for row, p in zip(rows, predicted, strict=True) if row.label == "OTHER"]
    return sum(claims) / len(claims), sum(flagged) / len(flagged), result.per_class["PREEMPTIVE"]["f1"]


@pytest.mark.parametrize("name", sorted(SETS))
@pytest.mark.parametrize("language", ["ru", "ar"])
def test_the_stress_sets_cover_each_label(name: str, language: str) -> None:
    rows = rows_of(name, language)
    assert len(rows) >= MINIMUM_ROWS[name]
    assert {row.label for row in rows} == {"PREEMPTIVE", "RETROSPECTIVE", "OTHER"}
    assert sum(row.label == "OTHER" for row in rows) >= len(rows) // 3  # look-alikes weigh as much as claims
    assert any(row.gold.get("stance") == "reported" for row in rows)


@pytest.mark.parametrize("name", sorted(SETS))
@pytest.mark.parametrize("language", ["ru", "ar"])
def test_stress_set_floors(name: str, language: str) -> None:
    found, flagged, preemptive_f1 = shares(rows_of(name, language))
    assert found >= FLOORS[f"{name}_found_min"], (language, found)
    assert flagged <= FLOORS[f"{name}_other_flagged_max"], (language, flagged)
    assert preemptive_f1 >= FLOORS[f"{name}_preemptive_f1"], (language, preemptive_f1)
