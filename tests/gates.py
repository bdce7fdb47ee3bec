"""Checks shared by the per-language quality gates (floors live in tests/floors.toml)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from forewarn.cues import cue_set
from forewarn.detect import Detector
from forewarn.evaluate import Evaluation, Labelled
from forewarn.lexicon import for_language
from forewarn.narratives import bundled_terms
from forewarn.text import normalise


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


def assert_screen_fast_path(language: str, ordinary_news: str) -> None:
    """Every agent and context pattern has a literal beginning, so the engine rejects most documents with
    substring tests before any regex runs (throughput: docs/multilingual.md); none fires on ordinary news."""
    lexicon = for_language(language)
    assert lexicon is not None, language
    prefixes = cue_set(lexicon, bundled_terms(language)).screen_prefixes
    assert prefixes is not None
    ordinary = normalise(ordinary_news, language)
    assert [p for p in prefixes if p in ordinary] == []


def assert_covers_every_class(rows: Iterable[Labelled], languages: Iterable[str], minimum: int) -> None:
    """Each language has at least `minimum` rows, all three labels, and a relayed (reported) claim."""
    rows = list(rows)
    for language in languages:
        mine = [r for r in rows if r.document.language == language]
        assert len(mine) >= minimum, language
        assert {r.label for r in mine} == {"PREEMPTIVE", "RETROSPECTIVE", "OTHER"}, language
        assert any(r.gold.get("stance") == "reported" for r in mine), language
