"""forewarn.link: copies of one statement share a statement id; different statements do not."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from forewarn.link import _candidate_pairs, _item, link_statements, run_linking, similarity, statement_id
from forewarn.model import Claim, Document, Evidence, PlaceRef
from forewarn.store import Store

SARAQIB = PlaceRef("geonames:164816", "Saraqib", "town", "Idlib Governorate", "SY-ID", "SY")
DOUMA = PlaceRef("geonames:170592", "Douma", "town", "Rif Dimashq Governorate", "SY-RD", "SY")
IDLIB = PlaceRef("SY-ID", "Idlib Governorate", "governorate", "Idlib Governorate", "SY-ID", "SY")
T0 = datetime(2018, 9, 1, 8, tzinfo=UTC)


def claim(
    sentence: str,
    document: str,
    *,
    hours: float = 0,
    kind: str = "PREEMPTIVE",
    places: tuple[PlaceRef, ...] = (SARAQIB,),
    claimant: str = "Russian Ministry of Defence",
    accused: tuple[str, ...] = ("militants", "White Helmets"),
    agent: str = "unspecified chemical",
    language: str = "en",
    outlet: str = "",
    dated: bool = True,
) -> Claim:
    return Claim(
        document_id=document,
        kind=kind,  # type: ignore[arg-type]
        stance="asserted",
        evidence=Evidence(0, len(sentence), sentence),
        score=0.9,
        detector_version="test",
        claimant=claimant,
        accused=accused,
        agent=agent,
        places=places,
        language=language,
        published_at=T0 + timedelta(hours=hours) if dated else None,
        outlet=outlet,
    )


EN = claim("Militants and the White Helmets are preparing to stage a chemical attack in Saraqib, the Russian "
           "Defence Ministry said.", "rt-1", hours=3)
RU = claim("Боевики и «Белые каски» готовят инсценировку химической атаки в Саракибе, заявили в российском "
           "Минобороны.", "tass-1", language="ru")
AR = claim("قالت وزارة الدفاع الروسية إن المسلحين والخوذ البيضاء يحضرون لفبركة هجوم كيميائي في سراقب.", "sana-1",
           hours=5, language="ar")


def groups(mapping: dict[str, str]) -> set[frozenset[str]]:
    found: dict[str, set[str]] = {}
    for claim_id, statement in mapping.items():
        found.setdefault(statement, set()).add(claim_id)
    return {frozenset(members) for members in found.values()}


def test_near_duplicate_copies_in_one_language_are_one_statement() -> None:
    first = claim("Terrorists are preparing to stage a chemical attack in Saraqib, the ministry said.", "a", hours=0)
    copy = claim("Terrorists are preparing to stage a chemical attack in Saraqib, the ministry has said.", "b",
                 hours=20, outlet="Sputnik")
    mapping = link_statements([copy, first], embedder=_no_embeddings)
    assert mapping[first.id] == mapping[copy.id] == statement_id(first)


def _no_embeddings(texts):  # type: ignore[no-untyped-def]
    raise AssertionError(f"near-duplicates must not need embeddings: {texts}")


def test_one_claim_in_three_languages_is_one_statement() -> None:
    mapping = link_statements([AR, EN, RU])
    assert len(set(mapping.values())) == 1
    assert mapping[EN.id] == statement_id(RU)  # the earliest claim (TASS, hour 0) names the statement


@pytest.mark.parametrize(
    "other",
    [
        replace(EN, kind="RETROSPECTIVE"),
        replace(EN, places=(DOUMA,)),
        replace(EN, published_at=T0 + timedelta(days=5)),
        replace(EN, claimant="Syrian Foreign Ministry"),
        replace(EN, agent="sarin", accused=("Jabhat al-Nusra",)),
    ],
    ids=["kind", "place", "date", "claimant", "agent-and-accused"],
)
def test_claims_that_disagree_are_not_linked(other: Claim) -> None:
    mapping = link_statements([RU, other])
    assert mapping[RU.id] != mapping[other.id]


def test_a_different_statement_about_the_same_place_and_week_stays_apart() -> None:
    delivery = claim("Militants have delivered canisters of chlorine to Saraqib, the Russian Defence Ministry said.",
                     "rt-2", hours=30, accused=("militants",), agent="chlorine")
    mapping = link_statements([EN, delivery])
    assert mapping[EN.id] != mapping[delivery.id]


def test_the_same_facts_link_even_where_the_arabic_embedding_is_weak() -> None:
    facts = {"accused": ("militants",), "agent": "chlorine"}
    en = claim("Militants have delivered canisters of chlorine to Saraqib, the Russian Defence Ministry said.", "rt-3",
               hours=2, **facts)  # type: ignore[arg-type]
    ru = claim("Боевики доставили в Саракиб баллоны с хлором, заявили в Минобороны России.", "tass-3",
               language="ru", **facts)  # type: ignore[arg-type]
    ar = claim("قالت وزارة الدفاع الروسية إن المسلحين نقلوا اسطوانات الكلور إلى سراقب.", "sana-3", hours=4,
               language="ar", **facts)  # type: ignore[arg-type]
    mapping = link_statements([en, ru, ar, EN])
    assert mapping[en.id] == mapping[ru.id] == mapping[ar.id] != mapping[EN.id]


def test_a_shared_governorate_is_enough_place_agreement() -> None:
    province = replace(RU, places=(IDLIB,))
    assert len(set(link_statements([province, EN]).values())) == 1


def test_ids_do_not_depend_on_input_order_and_every_claim_gets_one() -> None:
    claims = [EN, RU, AR, replace(EN, document_id="rt-9", places=(DOUMA,))]
    first = link_statements(claims)
    second = link_statements(list(reversed(claims)))
    assert first == second
    assert set(first) == {c.id for c in claims}
    assert groups(first) == {frozenset({EN.id, RU.id, AR.id}), frozenset({claims[3].id})}


def test_a_narrative_repeated_for_weeks_is_many_statements_not_one_chain() -> None:
    sentence = "Terrorists are preparing to stage a chemical attack in Saraqib, the ministry said."
    daily = [claim(sentence, f"day-{n}", hours=24 * n) for n in range(30)]
    mapping = link_statements(daily)
    statements = {s: [c for c in daily if mapping[c.id] == s] for s in set(mapping.values())}
    assert 8 <= len(statements) <= 15
    for members in statements.values():
        moments = [c.published_at for c in members if c.published_at]
        assert max(moments) - min(moments) <= timedelta(days=3)


def test_undated_claims_link_among_themselves_only() -> None:
    undated = [replace(c, published_at=None) for c in (EN, RU)]
    mapping = link_statements([*undated, AR])
    assert mapping[undated[0].id] == mapping[undated[1].id] != mapping[AR.id]


def test_comparisons_stay_within_place_blocks_and_the_date_window() -> None:
    rng = random.Random(3)
    places = [PlaceRef(f"geonames:{n}", f"Town {n}", "town", "G", f"SY-{n % 14}", "SY") for n in range(40)]
    claims = [
        claim(f"statement {n}", f"doc-{n}", hours=rng.uniform(0, 24 * 365), places=(rng.choice(places),))
        for n in range(3000)
    ]
    items = sorted((_item(c) for c in claims), key=lambda it: (it.moment, it.claim.id))
    pairs = _candidate_pairs(items, timedelta(days=3))
    assert len(pairs) < len(claims) * 10  # all pairs would be 4.5 million
    for i, j in pairs:
        assert items[j].moment - items[i].moment <= timedelta(days=3)
        assert set(items[i].blocks) & set(items[j].blocks)


def test_similarity_is_high_across_languages_for_one_statement() -> None:
    assert similarity(EN.evidence.sentence, RU.evidence.sentence) > similarity(
        EN.evidence.sentence, "The Syrian army shelled militant positions near Saraqib on Monday."
    )


def test_run_linking_writes_statement_ids(store: Store) -> None:
    docs = [
        Document(source="test", source_ref=ref, text=c.evidence.sentence, language=c.language,
                 published_at=c.published_at)
        for ref, c in (("rt-1", EN), ("tass-1", RU), ("sana-1", AR))
    ]
    store.add_documents(docs)
    stored = [replace(c, document_id=d.id) for c, d in zip((EN, RU, AR), docs, strict=True)]
    store.replace_claims([d.id for d in docs], stored, "test")
    assert run_linking(store) == 3
    statements = {c.statement_id for c in store.iter_claims()}
    assert len(statements) == 1 and statements != {""}
