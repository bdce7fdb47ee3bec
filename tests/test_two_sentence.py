"""Claims split over two adjacent sentences («Боевики готовят очередную провокацию. Они намерены применить
отравляющие вещества в Саракибе.») and the look-alikes that must stay two stories (an offensive beside a
chlorine leak, a border "provocation" beside a pesticide story). Written by us and scored before the pairing in
`detect.sentence_pairs` (docs/detection.md, "Claims across two sentences")."""

from __future__ import annotations

import tomllib

import pytest

from forewarn.detect import Detector, document_text
from forewarn.evaluate import evaluate, read_labelled
from forewarn.model import Document

from .conftest import REPO

FLOORS = tomllib.loads((REPO / "tests" / "floors.toml").read_text(encoding="utf-8"))["two_sentence"]
ROWS = read_labelled(REPO / "tests" / "data" / "two_sentence.jsonl")
LANGUAGES = ("en", "ru", "ar")


def detect(text: str, language: str) -> list:  # type: ignore[type-arg]
    return Detector().detect(Document(source="test", source_ref=text[:40], text=text, language=language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_set_has_ten_of_each_label_per_language(language: str) -> None:
    labels = [row.label for row in ROWS if row.document.language == language]
    assert labels.count("PREEMPTIVE") >= 10 and labels.count("OTHER") >= 10


@pytest.mark.parametrize("language", LANGUAGES)
def test_two_sentence_floors(language: str) -> None:
    rows = [row for row in ROWS if row.document.language == language]
    predicted = [p["predicted"] for p in evaluate(rows).predictions]
    found = [p == "PREEMPTIVE" for row, p in zip(rows, predicted, strict=True) if row.label == "PREEMPTIVE"]
    flagged = [p != "OTHER" for row, p in zip(rows, predicted, strict=True) if row.label == "OTHER"]
    assert sum(found) / len(found) >= FLOORS[f"{language}_preemptive_recall"], predicted
    assert sum(flagged) / len(flagged) <= FLOORS["other_flagged_max"], predicted


@pytest.mark.parametrize(("language", "text"), [
    ("ru", "Боевики готовят очередную провокацию. Они намерены применить отравляющие вещества в Саракибе."),
    ("en", "Poison gas cylinders have been delivered to Saraqib, the ministry said. Militants are preparing "
           "to stage a provocation there."),
])
def test_a_pair_is_one_claim_whose_evidence_spans_both_sentences(language: str, text: str) -> None:
    claims = detect(text, language)
    assert [c.kind for c in claims] == ["PREEMPTIVE"]
    assert (claims[0].evidence.start, claims[0].evidence.end) == (1, len(document_text(
        Document(source="test", source_ref="x", text=text))))
    assert claims[0].places and claims[0].places[0].governorate_id == "SY-ID"


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Militants are preparing a new provocation in Idlib. A chlorine leak at a water plant in Hama injured "
           "two workers."),
    ("en", "Militants are not preparing any provocation, the spokesman said. Chlorine canisters have been "
           "delivered to Saraqib."),
    ("ru", "Украина готовит провокацию на границе. Фермеры пожаловались на запрещённый пестицид."),
])
def test_no_pair_without_a_plot_cue_beside_the_chemical_or_with_a_negated_act(language: str, text: str) -> None:
    boundary = 1 + text.index(". ") + 1  # offsets count the empty title's newline
    spans = [(c.evidence.start, c.evidence.end) for c in detect(text, language)]
    assert not any(start < boundary < end for start, end in spans), spans


@pytest.mark.parametrize(("language", "text"), [
    ("en", '"Terrorists of the "White Helmets" are preparing to stage a chemical attack in Idlib," the Russian '
           "Defence Ministry said on Monday."),
    ("de", "„Terroristen der „Weißhelme“ bereiten eine inszenierte Chemiewaffenattacke in Idlib vor“, erklärte das "
           "russische Verteidigungsministerium."),
])
def test_an_inner_quote_does_not_cut_the_claimant_off(language: str, text: str) -> None:
    claims = detect(text, language)
    assert [c.kind for c in claims] == ["PREEMPTIVE"]
    assert claims[0].claimant == "Russian Ministry of Defence"
    assert "White Helmets" in claims[0].accused
