"""Portuguese: the language pack through the language-agnostic engine. One claim in English and in Portuguese yields
the same fields; Brazilian and European spellings, accents dropped in hurried copy, the blamed party after "culpar"
and the speaker named last are read. Sentences written for these tests; tests/data/fresh_pt.jsonl (22 texts) was
written after the pack, scored once and never tuned on (held out)."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from forewarn.detect import Detector
from forewarn.evaluate import evaluate, read_labelled
from forewarn.extract import all_canonical, extract_claimant
from forewarn.lexicon import ACCUSED, CLAIMANTS, Lexicon, for_language
from forewarn.model import Claim, Document
from forewarn.text import detect_language, normalise

from .conftest import REPO
from .gates import assert_fresh_set_meets_floors, assert_screen_fast_path, detect_text, fires, same_claim_outlet
from .gates import claim_fields as fields

FRESH_SET = REPO / "tests" / "data" / "fresh_pt.jsonl"
FLOORS = tomllib.loads((REPO / "tests" / "floors.toml").read_text(encoding="utf-8"))["pt"]


def lexicon() -> Lexicon:
    found = for_language("pt")
    assert found is not None and found.language == "pt"
    return found


def detect(text: str, outlet: str = "RT", language: str = "pt") -> list[Claim]:
    return detect_text(language, text, outlet)


def test_keys_are_the_canonical_values() -> None:
    lex = lexicon()
    assert set(lex.claimants) <= set(CLAIMANTS) and set(lex.accused) <= set(ACCUSED)
    for family in ("blame", "insufficient", "date", "vague_time", "state_outlet", "relay", "rebuttal", "past_use"):
        assert lex.extra.get(family), family


SAME_CLAIM = {
    "pre-emptive, asserted": (
        "Militants are preparing to stage a chlorine attack in Idlib, the Russian Defence Ministry said.",
        "Militantes preparam a encenação de um ataque com cloro em Idlib, disse o Ministério da Defesa russo.",
    ),
    "pre-emptive, reported and rebutted": (
        "Moscow is falsely claiming that rebels are preparing a fake chemical attack in Saraqib.",
        "Moscou afirma falsamente que rebeldes preparam um falso ataque químico em Saraqib.",
    ),
    "retrospective denial": (
        "The chemical attack in Douma was staged by the White Helmets.",
        "O ataque químico em Duma foi encenado pelos Capacetes Brancos.",
    ),
}


@pytest.mark.parametrize("case", sorted(SAME_CLAIM))
def test_the_same_claim_yields_the_same_fields_as_english(case: str) -> None:
    english_text, portuguese_text = SAME_CLAIM[case]
    outlet = same_claim_outlet(case)
    english = detect(english_text, outlet=outlet, language="en")
    assert len(english) == 1, english
    assert [fields(c) for c in detect(portuguese_text, outlet=outlet)] == [fields(english[0])]


NOTHING = {
    "chlorine leak": "Um vazamento de cloro numa fábrica de Santos deixou dois operários feridos.",
    "drinking water": "A prefeitura comprou cloro para o tratamento de água da cidade.",
    "football provocation": "O técnico acusou o adversário de provocação e prometeu preparar um recurso.",
}


@pytest.mark.parametrize("case", sorted(NOTHING))
def test_texts_without_a_staging_claim_yield_nothing(case: str) -> None:
    assert detect(NOTHING[case]) == []


def test_the_language_is_identified_and_picks_the_pack() -> None:
    text = SAME_CLAIM["pre-emptive, asserted"][1]
    assert detect_language(text) == "pt"
    [claim] = Detector().detect(Document(source="t", source_ref="1", text=text, outlet="RT"))
    assert (claim.language, claim.kind, claim.agent) == ("pt", "PREEMPTIVE", "chlorine")
    assert "pack:generic" not in claim.evidence.cues


FAMILY_CASES = [
    ("staging", "uma encenação com gás", "uma operação com gás"),
    ("staging", "provocacao quimica", "negociacao quimica"),  # accents dropped
    ("prospective", "preparam um ataque", "atacaram"),
    ("prospective", "planejam uma provocação", "fizeram uma provocação"),  # Brazilian spelling
    ("prospective", "planeiam uma provocação", "fizeram uma provocação"),  # European spelling
    ("prospective", "estão prestes a encenar", "encenaram"),
    ("prospective", "nos próximos dias", "nos últimos dias"),
    ("retrospective", "o ataque foi encenado", "o ataque será encenado"),
    ("retrospective", "o suposto ataque químico", "o ataque químico"),
    ("rebuttal", "sem apresentar provas", "com provas"),
    ("relay", "segundo o ministério", "o ministério"),
    ("evidence", "cilindros de cloro foram entregues", "alimentos foram entregues"),
    ("insufficient", "cloro para o tratamento de água", "cloro para a provocação"),
    ("past_use", "os rebeldes usaram gás", "os rebeldes vão usar gás"),
]


@pytest.mark.parametrize(("family", "positive", "negative"), FAMILY_CASES)
def test_each_cue_family(family: str, positive: str, negative: str) -> None:
    assert fires("pt", family, positive), positive
    assert not fires("pt", family, negative), negative


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Os Capacetes Brancos preparam um ataque para culpar o exército sírio, disse Konashenkov",
         "Russian Ministry of Defence"),
        ("Militantes vão encenar um ataque com cloro, alertou o centro russo para a reconciliação",
         "Russian Centre for Reconciliation"),
        ("Segundo a chancelaria russa, rebeldes planeiam uma provocação", "Russian Foreign Ministry"),
        ("Moscovo acusa Kiev de preparar uma bomba suja", "Russian government"),
    ],
)
def test_claimant(text: str, claimant: str) -> None:
    assert extract_claimant(lexicon(), normalise(text, "pt")) == claimant


@pytest.mark.parametrize(
    ("text", "table", "wrong"),
    [
        ("o Exército Sírio Livre anunciou", "claimants", "Syrian Arab Army"),
        ("o Ministério da Defesa ucraniano anunciou", "claimants", "Russian Ministry of Defence"),
        ("militantes do partido", "accused", "militants"),
    ],
)
def test_look_alikes_do_not_map(text: str, table: str, wrong: str) -> None:
    assert wrong not in all_canonical(getattr(lexicon(), table), normalise(text, "pt"))


def test_predicted_date() -> None:
    [claim] = detect("Militantes vão encenar um ataque químico em Idlib em 8 de setembro, informou o ministério.",
                     "Sputnik Brasil")
    assert (claim.kind, claim.predicted_date) == ("PREEMPTIVE", date(2018, 9, 8))


ORDINARY_NEWS = (
    "As forças do governo tomaram duas aldeias perto de Hama, informou o ministério. Os rebeldes recuaram para a "
    "fronteira. O preço do pão e do gás de cozinha subiu, e os moradores deixam a região."
)


def test_the_screen_keeps_its_fast_path() -> None:
    assert_screen_fast_path("pt", ORDINARY_NEWS)


def test_the_fresh_set_meets_its_floors() -> None:
    rows = read_labelled(FRESH_SET)
    assert {row.label for row in rows} == {"PREEMPTIVE", "RETROSPECTIVE", "OTHER"}
    assert_fresh_set_meets_floors(evaluate(rows, Detector()), FLOORS)
