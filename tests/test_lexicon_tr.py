"""Turkish: the language pack through the language-agnostic engine. One claim in English and in Turkish yields the
same fields; suffix tense (-iyor / -ecek forward, -di / -miş back), suffix negation (hazırlamıyor), the blamed party
in the accusative, apostrophe case endings on names (İdlib'de) and Turkish letters typed plain are read. Sentences
written for these tests."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from forewarn.cues import match_cues
from forewarn.detect import Detector
from forewarn.evaluate import evaluate, read_labelled
from forewarn.extract import all_canonical, extract_claimant
from forewarn.lexicon import ACCUSED, CLAIMANTS, Lexicon, for_language
from forewarn.model import Claim, Document
from forewarn.places import Gazetteer
from forewarn.text import detect_language, normalise

from .conftest import REPO
from .gates import (
    assert_covers_every_class,
    assert_fresh_set_meets_floors,
    assert_meets_floors,
    assert_screen_fast_path,
    detect_text,
    fires,
    same_claim_outlet,
    stance_accuracy,
)
from .gates import claim_fields as fields

EVAL_SET = REPO / "tests" / "data" / "eval_tr.jsonl"
FRESH_SET = REPO / "tests" / "data" / "fresh_tr.jsonl"
FLOORS = tomllib.loads((REPO / "tests" / "floors.toml").read_text(encoding="utf-8"))["tr"]


def lexicon() -> Lexicon:
    found = for_language("tr")
    assert found is not None and found.language == "tr"
    return found


def detect(text: str, outlet: str = "RT", language: str = "tr") -> list[Claim]:
    return detect_text(language, text, outlet)


def test_keys_are_the_canonical_values() -> None:
    lex = lexicon()
    assert set(lex.claimants) <= set(CLAIMANTS) and set(lex.accused) <= set(ACCUSED)
    for family in ("blame", "insufficient", "date", "vague_time", "state_outlet", "relay", "rebuttal"):
        assert lex.extra.get(family), family


SAME_CLAIM = {
    "pre-emptive, asserted": (
        "Militants are preparing to stage a chlorine attack in Idlib, the Russian Defence Ministry said.",
        "Rusya Savunma Bakanlığı'na göre İdlib'deki militanlar klorla bir saldırı sahnelemeye hazırlanıyor.",
    ),
    "pre-emptive, reported and rebutted": (
        "Moscow is falsely claiming that rebels are preparing a fake chemical attack in Saraqib.",
        "Moskova, hiçbir kanıt sunmadan isyancıların Serakib'de sahte bir kimyasal saldırı hazırladığını iddia ediyor.",
    ),
    "retrospective denial": (
        "The chemical attack in Douma was staged by the White Helmets.",
        "Duma'daki kimyasal saldırı Beyaz Baretler tarafından sahnelendi.",
    ),
    "pre-emptive, in the coming days": (
        "Terrorists intend to fake a sarin attack in the coming days, the Russian Centre for Reconciliation said.",
        "Uzlaştırma Merkezi'ne göre teröristler önümüzdeki günlerde sarinle sahte bir saldırı düzenleyecek.",
    ),
}


@pytest.mark.parametrize("case", sorted(SAME_CLAIM))
def test_the_same_claim_yields_the_same_fields_as_english(case: str) -> None:
    english_text, turkish_text = SAME_CLAIM[case]
    outlet = same_claim_outlet(case)
    english = detect(english_text, outlet=outlet, language="en")
    assert len(english) == 1, english
    assert [fields(c) for c in detect(turkish_text, outlet=outlet)] == [fields(english[0])]


NOTHING = {
    "non-chemical provocation": "Rus Savunma Bakanlığı, Kiev'in sınırda provokasyonlar hazırladığını açıkladı.",
    "chlorine leak": "İzmir'deki bir fabrikada klor sızıntısı oldu; iki işçi hastaneye kaldırıldı.",
    "drinking water": "Belediye içme suyunun dezenfeksiyonu için klor satın aldı.",
    "negated": "Ukrayna ordusu hiçbir kimyasal provokasyon hazırlamıyor.",
}


@pytest.mark.parametrize("case", sorted(NOTHING))
def test_texts_without_a_staging_claim_yield_nothing(case: str) -> None:
    assert detect(NOTHING[case]) == []


def test_the_language_is_identified_and_picks_the_pack() -> None:
    text = SAME_CLAIM["pre-emptive, asserted"][1]
    assert detect_language(text) == "tr"
    [claim] = Detector().detect(Document(source="t", source_ref="1", text=text, outlet="RT"))
    assert (claim.language, claim.kind, claim.agent) == ("tr", "PREEMPTIVE", "chlorine")


FAMILY_CASES = [
    ("staging", "sahte bir kimyasal saldırı", "gerçek bir kimyasal saldırı"),
    ("staging", "kimyasal saldırı oyunu", "futbol maçı"),
    ("prospective", "saldırı hazırlıyorlar", "saldırı hazırladılar"),
    ("prospective", "provokasyon hazırlığı", "provokasyon yaptı"),
    ("prospective", "saldırıyı sahneleyecekler", "saldırıyı sahnelediler"),
    ("prospective", "suçlamak için sahnelemek üzere", "suçladı"),
    ("prospective", "önümüzdeki günlerde", "geçen günlerde"),
    ("prospective", "provokasyon planladığını iddia etti", "provokasyon yaptığını iddia etti"),
    ("prospective", "saldiri hazirliyor", "saldiri yapti"),  # Turkish letters typed plain
    ("prospective", "provokasyon hazırlığı", "taarruz hazırlığı"),
    ("retrospective", "saldırı sahnelendi", "saldırı sahnelenecek"),
    ("retrospective", "sözde kimyasal saldırı", "kimyasal saldırı"),
    ("rebuttal", "hiçbir kanıt sunmadan iddia etti", "iddia etti"),
    ("relay", "Bakanlığa göre", "Bakanlığa"),
    ("evidence", "klor tüpleri getirildi", "gıda yardımı getirildi"),
    ("insufficient", "içme suyu için klor", "provokasyon için klor"),
    ("vague_time", "önümüzdeki saatlerde", "geçen saatlerde"),
]


@pytest.mark.parametrize(("family", "positive", "negative"), FAMILY_CASES)
def test_each_cue_family(family: str, positive: str, negative: str) -> None:
    assert fires("tr", family, positive), positive
    assert not fires("tr", family, negative), negative


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Ukrayna kimyasal provokasyon hazırlamıyor", True),
        ("Ordu hiçbir provokasyon planlamayacak", True),
        ("Ukrayna kimyasal provokasyon hazırlıyor", False),
    ],
)
def test_suffix_negation_governs_the_act(text: str, negated: bool) -> None:
    assert match_cues(lexicon(), normalise(text, "tr")).negated_act is negated


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Beyaz Baretler Suriye ordusunu suçlamak için saldırı hazırlıyor, dedi Konaşenkov",
         "Russian Ministry of Defence"),
        ("Nebenzya, militanların provokasyon hazırladığını söyledi", "Russian UN mission"),
        ("Şulgin, OPCW'de bir provokasyon hazırlandığını iddia etti", "Russian OPCW mission"),
    ],
)
def test_claimant(text: str, claimant: str) -> None:
    assert extract_claimant(lexicon(), normalise(text, "tr")) == claimant


@pytest.mark.parametrize(
    ("text", "table", "wrong"),
    [
        ("Suriye ordusunu suçlamak için", "claimants", "Syrian Arab Army"),
        ("Özgür Suriye Ordusu açıkladı", "claimants", "Syrian Arab Army"),
        ("Türk Savunma Bakanlığı açıkladı", "claimants", "Russian Ministry of Defence"),
        ("Ukrayna'da bir kimya fabrikası", "accused", "Ukraine"),
        ("İngiliz istihbaratı, Rus birliklerinin hazırlandığını değerlendiriyor", "accused", "United Kingdom"),
    ],
)
def test_look_alikes_do_not_map(text: str, table: str, wrong: str) -> None:
    assert wrong not in all_canonical(getattr(lexicon(), table), normalise(text, "tr"))


@pytest.mark.parametrize(
    ("text", "place_id"),
    [("İdlib'deki", "SY-ID"), ("Doğu Guta'da", "forewarn:eastern-ghouta"), ("Duma'ya", "geonames:170592"),
     ("Cisr eş-Şuğur'a", "geonames:169023"), ("Han Şeyhun'da", "geonames:168325"), ("Suriye'de", "SY"),
     ("Halep'in", "geonames:170063"), ("Mare'a", "geonames:167245")],
)
def test_turkish_case_endings_on_place_names(text: str, place_id: str) -> None:
    assert [m.place.id for m in Gazetteer.default().find(text)] == [place_id]


def test_predicted_date() -> None:
    [claim] = detect("Militanların İdlib'de 8 Eylül'de kimyasal bir saldırı sahneleyeceği bildirildi.", "Sputnik")
    assert (claim.kind, claim.predicted_date) == ("PREEMPTIVE", date(2018, 9, 8))


ORDINARY_NEWS = (
    "Hükümet güçleri Hama yakınlarında iki köyü ele geçirdi, savunma bakanlığı açıkladı. Militanlar sınıra çekildi. "
    "Ekmek ve doğalgaz fiyatları yükseliyor, sakinler bölgeyi terk ediyor."
)


def test_the_screen_keeps_its_fast_path() -> None:
    assert_screen_fast_path("tr", ORDINARY_NEWS)


@pytest.fixture(scope="module")
def eval_rows():  # type: ignore[no-untyped-def]
    return read_labelled(EVAL_SET)


def test_the_labelled_set_is_big_enough(eval_rows) -> None:  # type: ignore[no-untyped-def]
    assert_covers_every_class(eval_rows, ["tr"], minimum=40)


def test_labelled_set_meets_the_floors(eval_rows) -> None:  # type: ignore[no-untyped-def]
    assert_meets_floors(evaluate(eval_rows, Detector()), FLOORS)


def test_stance_on_the_labelled_set(eval_rows) -> None:  # type: ignore[no-untyped-def]
    assert stance_accuracy(eval_rows) >= FLOORS["stance_accuracy"]


def test_fresh_set_meets_its_floors() -> None:
    assert_fresh_set_meets_floors(evaluate(read_labelled(FRESH_SET), Detector()), FLOORS)
