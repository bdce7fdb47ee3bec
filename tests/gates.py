"""Checks shared by the per-language quality gates (floors live in tests/floors.toml)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from forewarn.detect import Detector
from forewarn.evaluate import Evaluation, Labelled


def assert_meets_floors(report: Evaluation, floors: Mapping[str, float]) -> None:
    """PREEMPTIVE and RETROSPECTIVE F1, the share of OTHER texts flagged, and governorate accuracy."""
    assert report.per_class["PREEMPTIVE"]["f1"] >= floors["preemptive_f1"], report.per_class
    assert report.per_class["RETROSPECTIVE"]["f1"] >= floors["retrospective_f1"], report.per_class
    others = report.confusion["OTHER"]
    flagged = (others["PREEMPTIVE"] + others["RETROSPECTIVE"]) / sum(others.values())
    assert flagged <= floors["other_flagged_max"], report.confusion
    assert (report.fields["governorate"] or 0) >= floors["governorate_accuracy"], report.fields


def count_matching_stances(rows: Iterable[Labelled]) -> int:
    """Every labelled PREEMPTIVE row with a gold stance gets a PREEMPTIVE claim with that stance; returns how
    many rows were checked."""
    detector = Detector()
    checked = 0
    for row in rows:
        if row.label == "PREEMPTIVE" and row.gold.get("stance"):
            claims = [c for c in detector.detect(row.document) if c.kind == "PREEMPTIVE"]
            assert claims and claims[0].stance == row.gold["stance"], (row.gold["id"], claims)
            checked += 1
    return checked
