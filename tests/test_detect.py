"""Detection: the must-show article, retrospective denials, non-claims, negation, the stage functions."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forewarn.cli import (
    app,
    commands,  # noqa: F401  (registers every command)
)
from forewarn.detect import (
    DETECTOR_VERSION,
    Detector,
    detect_documents,
    document_label,
    document_text,
    language_support,
    run_detection,
)
from forewarn.model import Claim, Document
from forewarn.store import Store

runner = CliRunner()

# Written for this test, modelled on independent reporting of the September 2018 claims.
REBUTTAL_TITLE = "Moscow repeats chlorine 'provocation' claim as Idlib offensive looms"
REBUTTAL_TEXT = """\
BEIRUT — Russia's defence ministry said on Tuesday that militants had brought several canisters of chlorine \
into the town of Jisr al-Shughur in Idlib province and that foreign television crews had arrived there to \
film a staged chemical attack, a claim that rescue workers dismissed as groundless.
Major General Igor Konashenkov, the ministry's spokesman, told reporters the footage would be used to \
accuse Damascus. He offered nothing to support the statement.
The claim follows a familiar pattern. "Militants preparing to stage chemical attack in Idlib," ran a Sputnik \
headline last week. In February, RT ran "White Helmets prepare chemical provocation in Eastern Ghouta" weeks \
before the attack in Douma, which international investigators later attributed to the Syrian Arab Air Force.
Residents of Jisr al-Shughur reached by telephone said they had seen no camera crews. "There are no \
cameras here, only people waiting for the bombs," said a schoolteacher who asked not to be named.
The White Helmets, formally the Syria Civil Defence, called the accusation part of a disinformation \
campaign meant to provide cover for an assault on the province, home to some three million people.
Government forces and allied militias have massed troops and armour around the south of the province for \
weeks. Turkey, which keeps twelve observation posts in Idlib, warned that a full offensive would trigger a \
humanitarian catastrophe and a new wave of refugees towards its border.
Aid agencies said hospitals in the area were already stretched after a week of air strikes on villages \
south of Khan Shaykhun, and that medical supplies would last for no more than a fortnight if roads were cut.
"""


def _doc(text: str, title: str = "", outlet: str = "", published: datetime | None = None,
         language: str = "en", ref: str = "x") -> Document:
    return Document(source="test", source_ref=ref, text=text, title=title, outlet=outlet,
                    published_at=published, language=language)


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector()


@pytest.fixture(scope="module")
def rebuttal_claims(detector: Detector) -> tuple[Document, list[Claim]]:
    doc = _doc(REBUTTAL_TEXT, REBUTTAL_TITLE, outlet="The Levant Ledger",
               published=datetime(2018, 9, 4, tzinfo=UTC))
    return doc, detector.detect(doc)


def test_rebuttal_article_yields_the_ministry_claim_reported(rebuttal_claims: tuple[Document, list[Claim]]) -> None:
    doc, claims = rebuttal_claims
    chlorine = [c for c in claims if c.kind == "PREEMPTIVE" and c.agent == "chlorine"
                and "Jisr al-Shughur" in {p.name for p in c.places}]
    assert chlorine, [(c.kind, c.evidence.sentence) for c in claims]
    claim = chlorine[0]
    assert claim.stance == "reported"
    assert claim.claimant == "Russian Ministry of Defence"
    assert claim.places[0].name.startswith("Jisr")
    assert claim.places[0].level == "town"
    assert claim.places[0].governorate_id == "SY-ID"
    assert "film crews" in claim.accused and "militants" in claim.accused
    assert document_text(doc)[claim.evidence.start : claim.evidence.end] == claim.evidence.sentence
    assert 0 < claim.score <= 1 and claim.detector_version == DETECTOR_VERSION


def test_quoted_state_media_headlines_are_claims(rebuttal_claims: tuple[Document, list[Claim]]) -> None:
    _, claims = rebuttal_claims
    sentences = {c.evidence.sentence: c for c in claims if c.kind == "PREEMPTIVE"}
    idlib = sentences.get("Militants preparing to stage chemical attack in Idlib")
    ghouta = sentences.get("White Helmets prepare chemical provocation in Eastern Ghouta")
    assert idlib is not None and ghouta is not None, list(sentences)
    assert idlib.places[0].governorate_id == "SY-ID"
    assert ghouta.places[0].id == "forewarn:eastern-ghouta"
    assert ghouta.accused == ("White Helmets",)


def test_retrospective_denial(detector: Detector) -> None:
    claims = detector.detect(_doc("The chemical attack in Douma last April was staged by the White Helmets."))
    assert [c.kind for c in claims] == ["RETROSPECTIVE"]
    assert claims[0].accused == ("White Helmets",)


@pytest.mark.parametrize("text", [
    "Kyiv is preparing provocations on the border.",
    "Government forces shelled villages south of Idlib on Monday, killing four civilians, monitors said.",
    "Syrian troops captured two villages in northern Hama after heavy fighting with rebels.",
    "Ukraine will buy gas directly from Russia again.",
])
def test_ordinary_text_gives_nothing(detector: Detector, text: str) -> None:
    assert detector.detect(_doc(text)) == []


@pytest.mark.parametrize("model", ["default", None])
def test_negated_preparation_is_not_preemptive(model: str | None) -> None:
    text = "The rebels in Saraqib are not preparing any chemical attack, their commander said."
    claims = Detector(model=model).detect(_doc(text))
    assert "PREEMPTIVE" not in {c.kind for c in claims}


def test_rules_only_detector_finds_the_headline_claims() -> None:
    rules = Detector(model=None)
    assert rules.predict(["White Helmets preparing false flag chemical attack in Syria's Idlib",
                          "The chemical attack in Khan Shaykhun was staged by the White Helmets",
                          "Russia and Turkey agreed a ceasefire in Idlib"]) == [
        "PREEMPTIVE", "RETROSPECTIVE", "OTHER"]


def test_a_language_without_a_pack_is_read_by_the_model_not_as_english(detector: Detector) -> None:
    text = "Biali Hełmy przygotowują inscenizację ataku chemicznego w Idlibie, twierdzi rosyjskie ministerstwo."
    claims = detector.detect(_doc(text, language="pl"))
    assert [c.kind for c in claims] == ["PREEMPTIVE"]
    assert "pack:generic" in claims[0].evidence.cues and claims[0].agent == "unspecified chemical"
    assert language_support("pl") == "encoder" and language_support("en") == "pack"
    assert language_support("pt") == "pack"
    assert language_support("et") == "partial" and language_support("") == "none"


def test_fit_follows_the_estimator_contract() -> None:
    texts = ["Terrorists are preparing a chemical provocation in Idlib",
             "White Helmets plotting to stage a chlorine attack in Saraqib",
             "The Douma chemical attack was staged",
             "The gas attack in Khan Shaykhun was fabricated by the White Helmets",
             "The OPCW has published its annual chemical weapons report",
             "The chemical plant in Homs reopened"]
    labels = ["PREEMPTIVE", "PREEMPTIVE", "RETROSPECTIVE", "RETROSPECTIVE", "OTHER", "OTHER"]
    fitted = Detector(model=None, C=1.0).fit(texts, labels)
    params = fitted.get_params()
    assert params["model"] is None and params["C"] == 1.0 and params["preemptive_threshold"] == 0.5
    assert fitted.model_.classes == ("OTHER", "PREEMPTIVE", "RETROSPECTIVE")
    assert fitted.predict(texts[:1]) == ["PREEMPTIVE"]
    with pytest.raises(ValueError):
        fitted.set_params(colour="red")
    from sklearn.base import clone

    fresh = clone(fitted)  # the scikit-learn contract: parameters round-trip, fitted state does not
    assert fresh.get_params() == fitted.get_params() and not hasattr(fresh, "model_")


def test_detect_documents_is_pure_and_keeps_order(detector: Detector) -> None:
    docs = [_doc("Idlib ceasefire holds", ref="1"),
            _doc("Militants plan to stage a sarin attack in Hama, the Russian Defence Ministry said", ref="2")]
    results = list(detect_documents(docs, detector))
    assert [d.source_ref for d, _ in results] == ["1", "2"]
    assert [document_label(c) for _, c in results] == ["OTHER", "PREEMPTIVE"]
    assert results[1][1][0].agent == "sarin"


def test_run_detection_writes_claims_once(store: Store) -> None:
    docs = [_doc(REBUTTAL_TEXT, REBUTTAL_TITLE, ref="a"), _doc("Wheat prices rose in Aleppo markets", ref="b")]
    store.add_documents(docs)
    written = run_detection(store)
    assert written >= 3
    assert run_detection(store) == 0  # nothing left unread by this version
    assert run_detection(store, everything=True) == written
    stored = list(store.iter_claims(kind="PREEMPTIVE"))
    assert {c.document_id for c in stored} == {docs[0].id}


# -- CLI ----------------------------------------------------------------------------------------------------
def test_cli_detect_and_claims(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    with Store(f"sqlite:///{db}") as opened:
        opened.add_documents([
            _doc(REBUTTAL_TEXT, REBUTTAL_TITLE, outlet="The Levant Ledger", ref="art-1",
                 published=datetime(2018, 9, 4, tzinfo=UTC)),
            _doc("The chemical attack in Khan Shaykhun was staged by the White Helmets", ref="case-2",
                 published=datetime(2017, 5, 1, tzinfo=UTC)),
        ])
    detected = runner.invoke(app, ["detect", "--json", "--db", db])
    assert detected.exit_code == 0, detected.output
    assert json.loads(detected.stdout)["claims"] >= 4
    listed = runner.invoke(app, ["claims", "--kind", "PREEMPTIVE", "--place", "Idlib", "--json", "--db", db])
    assert listed.exit_code == 0, listed.output
    claims = json.loads(listed.stdout)
    assert claims and all(c["kind"] == "PREEMPTIVE" for c in claims)
    assert {c["source_ref"] for c in claims} == {"art-1"}
    town = next(c for c in claims if c["agent"] == "chlorine")["places"][0]
    assert set(town) >= {"id", "name", "level", "governorate", "governorate_id", "country"}
    assert set(claims[0]) >= {"id", "document_id", "source_ref", "kind", "stance", "claimant", "accused",
                              "agent", "places", "predicted_date", "evidence", "score", "detector_version"}
    ghouta = runner.invoke(app, ["claims", "--place", "Eastern Ghouta", "--json", "--db", db])
    assert {c["evidence"]["sentence"] for c in json.loads(ghouta.stdout)} >= {
        "White Helmets prepare chemical provocation in Eastern Ghouta"}
    old = runner.invoke(app, ["claims", "--until", "2017-12-31", "--limit", "1", "--db", db])
    assert old.exit_code == 0 and "claims shown: 1" in old.stdout
    assert runner.invoke(app, ["claims", "--place", "Atlantis", "--db", db]).exit_code != 0
    assert runner.invoke(app, ["claims", "--since", "last week", "--db", db]).exit_code != 0


@pytest.mark.slow
def test_benchmark_runs_small() -> None:
    """The benchmark works end to end (figures come from a full run; no timing is asserted here)."""
    import subprocess
    import sys

    from .conftest import REPO

    done = subprocess.run([sys.executable, str(REPO / "bench" / "detect.py"), "--mb", "0.4"],
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = {line.split()[0]: line.split() for line in done.stdout.splitlines() if line.strip()}
    assert {"read", "keyword", "ingest", "detect", "ingest+detect"} <= set(lines)
    assert int(lines["ingest+detect"][1]) > 100  # documents ingested and read by the detector
    assert int(lines["detect"][-1]) > 0  # the claims hidden in the corpus were found
