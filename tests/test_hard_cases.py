"""Hard cases: look-alikes of staging claims in six languages that must stay unflagged (OPCW procedure and
findings, reporting of real attacks, plant accidents, chlorine in water treatment, Skripal/Navalny reporting
that denies nothing, border "provocations", offensives being prepared) and pre-emptive claims worded unlike
the lexicons. Written by us; the first batch was scored before the rule changes it motivated (docs/detection.md,
"Hard cases")."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence

from forewarn.evaluate import Labelled, evaluate, read_labelled

from .conftest import REPO

FLOORS = tomllib.loads((REPO / "tests" / "floors.toml").read_text(encoding="utf-8"))["hard_cases"]
ROWS = read_labelled(REPO / "tests" / "data" / "hard_negatives.jsonl")
LANGUAGES = {"en", "ru", "ar", "de", "fr", "es"}


def shares(rows: Sequence[Labelled]) -> tuple[float, float]:
    """(share of OTHER texts given any claim, PREEMPTIVE recall)."""
    predicted = [p["predicted"] for p in evaluate(rows).predictions]
    flagged = [p != "OTHER" for row, p in zip(rows, predicted, strict=True) if row.label == "OTHER"]
    found = [p == "PREEMPTIVE" for row, p in zip(rows, predicted, strict=True) if row.label == "PREEMPTIVE"]
    return sum(flagged) / len(flagged), sum(found) / len(found)


def test_the_set_covers_every_language_and_both_labels() -> None:
    assert {row.document.language for row in ROWS} == LANGUAGES
    assert sum(row.label == "OTHER" for row in ROWS) >= 60
    assert sum(row.label == "PREEMPTIVE" for row in ROWS) >= 20
    for language in LANGUAGES:
        assert {row.label for row in ROWS if row.document.language == language} == {"OTHER", "PREEMPTIVE"}


def test_hard_case_floors() -> None:
    flagged, recall = shares(ROWS)
    assert flagged <= FLOORS["other_flagged_max"], flagged
    assert recall >= FLOORS["preemptive_recall"], recall


def test_procedure_and_findings_about_a_past_incident_are_not_denials() -> None:
    texts = {row.document.text: row for row in ROWS}
    procedural = [texts[t] for t in texts if t.startswith(("OPCW inspectors arrived in Douma",
                                                           "Инспекторы ОЗХО прибыли в Думу",
                                                           "وصل مفتشو منظمة حظر الأسلحة الكيميائية"))]
    assert len(procedural) == 3
    assert [p["predicted"] for p in evaluate(procedural).predictions] == ["OTHER"] * 3


def test_a_negation_governs_the_verb_right_after_it_not_a_later_cue() -> None:
    from forewarn.cues import match_cues
    from forewarn.lexicon import for_language
    from forewarn.text import normalise

    def negated(text: str, language: str) -> bool:
        lexicon = for_language(language)
        assert lexicon is not None
        return match_cues(lexicon, normalise(text, language)).negated_act

    assert not negated("МИД призвал не тиражировать постановочные кадры, которые готовятся в Идлибе", "ru")
    assert negated("Боевики не готовят химическую провокацию", "ru")
    assert negated("The rebels are not yet preparing a chemical provocation", "en")
    assert negated("The attack has not been staged", "en")


def test_a_past_incident_is_retrospective_only_when_denied_or_blamed() -> None:
    from forewarn.detect import Detector
    from forewarn.model import Document

    def kinds(text: str) -> list[str]:
        doc = Document(source="t", source_ref=text[:20], text=text, language="en")
        return [c.kind for c in Detector(model=None).detect(doc)]

    assert kinds("OPCW inspectors arrived in Douma to take samples of chlorine residue.") == []
    assert kinds("There was no chemical attack in Douma, witnesses say.") == ["RETROSPECTIVE"]
    assert kinds("The chemical attack in Douma was organised by the White Helmets.") == ["RETROSPECTIVE"]
