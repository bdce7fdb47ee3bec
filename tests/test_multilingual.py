"""Russian and Arabic end to end: detection through the language-agnostic engine, the labelled ru/ar set
against its floors, and one claim in three languages becoming one statement."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, timedelta

import pytest
from typer.testing import CliRunner

from forewarn.cli import (
    app,
    commands,  # noqa: F401  (registers every command)
)
from forewarn.detect import Detector, detect_documents, run_detection
from forewarn.evaluate import evaluate, read_labelled
from forewarn.link import link_statements, run_linking
from forewarn.model import Claim, Document
from forewarn.store import Store

from .conftest import REPO
from .gates import assert_covers_every_class, assert_meets_floors, count_matching_stances

EVAL_SET = REPO / "tests" / "data" / "eval_ru_ar.jsonl"
FLOORS = tomllib.loads((REPO / "tests" / "floors.toml").read_text(encoding="utf-8"))["ru_ar"]
T0 = datetime(2018, 9, 4, 9, tzinfo=UTC)

SAME_CLAIM = {
    "ru": ("ТАСС", "Минобороны: боевики готовят провокацию в Саракибе",
           "Боевики «Хайят Тахрир аш-Шам» и «Белые каски» готовят инсценировку химической атаки в Саракибе, "
           "заявили в российском Минобороны. Об этом сообщает ТАСС."),
    "ar": ("سانا", "الدفاع الروسية: المسلحون يحضرون لمسرحية في سراقب",
           "قالت وزارة الدفاع الروسية إن مسلحي هيئة تحرير الشام والخوذ البيضاء يحضرون لفبركة هجوم كيميائي في "
           "سراقب. وأضافت أن الجيش السوري يواصل عملياته."),
    "en": ("RT", "Russian military: militants preparing provocation in Saraqib",
           "Militants of Hayat Tahrir al-Sham and the White Helmets are preparing to stage a chemical attack in "
           "Saraqib, the Russian Defence Ministry said. The ministry gave no further details."),
}


def documents() -> list[Document]:
    return [
        Document(source="news", source_ref=f"{language}-1", title=title, text=text, outlet=outlet,
                 language=language, published_at=T0 + timedelta(hours=4 * n))
        for n, (language, (outlet, title, text)) in enumerate(SAME_CLAIM.items())
    ]


def preemptive(claims: list[Claim]) -> Claim:
    found = [c for c in claims if c.kind == "PREEMPTIVE" and c.accused]
    assert len(found) == 1, claims
    return found[0]


def test_one_claim_in_three_languages_has_the_same_fields_and_one_statement() -> None:
    claims = {doc.language: preemptive(found) for doc, found in detect_documents(documents())}
    en, ru, ar = claims["en"], claims["ru"], claims["ar"]
    for other in (ru, ar):
        assert other.kind == en.kind == "PREEMPTIVE"
        assert other.claimant == en.claimant == "Russian Ministry of Defence"
        assert set(other.accused) == set(en.accused) == {"militants", "Hayat Tahrir al-Sham", "White Helmets"}
        assert other.agent == en.agent == "unspecified chemical"
        assert [p.id for p in other.places] == [p.id for p in en.places] == ["geonames:164816"]  # Saraqib
        assert other.places[0].governorate_id == "SY-ID"
    assert len(set(link_statements(claims.values()).values())) == 1


def test_the_three_languages_share_a_statement_id_in_the_store(store: Store) -> None:
    store.add_documents(documents())
    run_detection(store)
    assert run_linking(store) >= 3
    claims = [c for c in store.iter_claims(kind="PREEMPTIVE") if c.accused]
    assert {c.language for c in claims} == {"en", "ru", "ar"}
    assert len({c.statement_id for c in claims}) == 1 and claims[0].statement_id.startswith("st:")


def test_statement_id_is_in_forewarn_claims_json(store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    store.add_documents(documents())
    run_detection(store)
    run_linking(store)
    url = store.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["claims", "--json", "--kind", "PREEMPTIVE", "--db", url])
    assert result.exit_code == 0, result.output
    assert '"statement_id": "st:' in result.output


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "Киев готовит провокации на границе с Белгородской областью, заявили в Минобороны России. "
               "По данным ведомства, ВСУ планируют обстрелы приграничных сёл в ближайшие дни."),
        ("ru", "«Белые каски» будут эвакуированы из провинции Кунейтра, сообщили в Центре по примирению."),
        ("ar", "روسيا تتهم أوكرانيا بالتحضير لاستفزازات على الحدود خلال الأيام المقبلة."),
        ("ar", "الدفاع المدني يستعد لموسم الشتاء في ريف إدلب ويجهز فرق الإنقاذ."),
    ],
)
def test_provocations_without_a_chemical_are_not_claims(language: str, text: str) -> None:
    doc = Document(source="t", source_ref="1", text=text, language=language)
    assert Detector().detect(doc) == []


def test_a_provocation_at_a_nuclear_plant_is_a_radiological_claim() -> None:
    """Once a chemical-only test case: with the radiological narrative loaded it is a claim of that shape."""
    text = "Минобороны России предупредило о готовящейся провокации украинских диверсантов на Запорожской АЭС."
    [claim] = Detector().detect(Document(source="t", source_ref="1", text=text, language="ru"))
    assert (claim.kind, claim.narrative, claim.agent) == ("PREEMPTIVE", "radiological", "nuclear plant")
    assert claim.claimant == "Russian Ministry of Defence" and claim.places[0].governorate_id == "UA-23"


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ar", "مركز المصالحة: الإرهابيون يخططون لفبركة هجوم كيميائي في إدلب في ٨ أيلول ٢٠١٨.", date(2018, 9, 8)),
        ("ar", "المسلحون يحضرون لمسرحية كيماوية في سراقب يوم 15 تشرين الأول.", date(2018, 10, 15)),
        ("ru", "Боевики планируют 8 сентября инсценировать химическую атаку в Идлибе.", date(2018, 9, 8)),
    ],
)
def test_predicted_dates_in_arabic_and_russian(language: str, text: str, expected: date) -> None:
    doc = Document(source="t", source_ref="1", text=text, language=language, published_at=T0)
    claims = Detector().detect(doc)
    assert [c.predicted_date for c in claims if c.kind == "PREEMPTIVE"] == [expected]


def test_russian_inflected_places_resolve() -> None:
    text = "Боевики готовят химическую провокацию в Джиср-эш-Шугуре, сообщил Центр по примирению."
    [claim] = Detector().detect(Document(source="t", source_ref="1", text=text, language="ru"))
    assert claim.places[0].id == "geonames:169023" and claim.places[0].governorate_id == "SY-ID"


def test_language_is_detected_when_a_document_does_not_say() -> None:
    text = "قال مركز المصالحة الروسي إن المسلحين يحضرون لفبركة هجوم كيميائي في جسر الشغور."
    [claim] = Detector().detect(Document(source="t", source_ref="1", text=text))
    assert claim.language == "ar" and claim.claimant == "Russian Centre for Reconciliation"


@pytest.fixture(scope="module")
def eval_rows():  # type: ignore[no-untyped-def]
    return read_labelled(EVAL_SET)


def test_the_labelled_set_is_big_enough(eval_rows) -> None:  # type: ignore[no-untyped-def]
    assert_covers_every_class(eval_rows, ("ru", "ar"), minimum=40)


@pytest.mark.parametrize("language", ["ru", "ar"])
def test_labelled_set_meets_the_floors(eval_rows, language: str) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in eval_rows if r.document.language == language]
    assert_meets_floors(evaluate(rows, Detector()), FLOORS)


def test_stance_on_the_labelled_set(eval_rows) -> None:  # type: ignore[no-untyped-def]
    assert count_matching_stances(eval_rows) >= 30
