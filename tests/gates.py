"""Checks shared by the per-language quality gates (floors live in tests/floors.toml)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from forewarn.cues import cue_set
from forewarn.detect import Detector
from forewarn.evaluate import Evaluation, Labelled
from forewarn.lexicon import for_language
from forewarn.model import Claim, Document
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


def stance_accuracy(rows: Iterable[Labelled], detector: Detector | None = None) -> float:
    """Share of labelled PREEMPTIVE rows with a gold stance whose first PREEMPTIVE claim has that stance (a row
    with no such claim counts as wrong)."""
    detector = detector or Detector()
    scored = [r for r in rows if r.label == "PREEMPTIVE" and r.gold.get("stance")]
    right = 0
    for row in scored:
        claims = [c for c in detector.detect(row.document) if c.kind == "PREEMPTIVE"]
        right += bool(claims) and claims[0].stance == row.gold["stance"]
    return right / len(scored) if scored else 0.0


def assert_fresh_set_meets_floors(report: Evaluation, floors: Mapping[str, float]) -> None:
    """A set written after the pack and never tuned on: PREEMPTIVE F1 and the share of OTHER texts flagged."""
    assert report.per_class["PREEMPTIVE"]["f1"] >= floors["fresh_preemptive_f1"], report.per_class
    others = report.confusion["OTHER"]
    flagged = (others["PREEMPTIVE"] + others["RETROSPECTIVE"]) / sum(others.values())
    assert flagged <= floors["fresh_other_flagged_max"], report.confusion


def fires(language: str, family: str, text: str) -> bool:
    """Whether a language pack's family (a Lexicon field or an extra family) matches the normalised text."""
    from forewarn.lexicon import compile_patterns

    lexicon = for_language(language)
    assert lexicon is not None, language
    patterns = getattr(lexicon, family) if hasattr(lexicon, family) else lexicon.extra[family]
    pattern = compile_patterns(tuple(patterns))
    return bool(pattern and pattern.search(normalise(text, language)))


def same_claim_outlet(case: str) -> str:
    """The outlet a cross-language case ("one claim in two languages") is read in: RT, but a rebutted claim in an
    independent outlet. A rebuttal is what independent media print; read under a state outlet's name the English
    stance head still says "asserted" (the outlet outweighs "falsely claiming"; docs/detection.md, known errors)."""
    return "" if "rebutted" in case else "RT"


PACK_T0 = datetime(2018, 9, 1, 9, tzinfo=UTC)  # the day the language packs' cross-language cases are read on


def detect_text(language: str, text: str, outlet: str = "RT", published_at: datetime = PACK_T0) -> list[Claim]:
    """The claims the default detector finds in one text of `language`, published by `outlet`."""
    doc = Document(source="t", source_ref="1", text=text, language=language, outlet=outlet, published_at=published_at)
    return Detector().detect(doc)


def claim_fields(claim: Claim) -> tuple[object, ...]:
    """What one claim must share with its versions in other languages: kind, stance, claimant, accused, agent and
    place ids."""
    return (claim.kind, claim.stance, claim.claimant, claim.accused, claim.agent, [p.id for p in claim.places])
