"""Claim pages written straight from their rows (forewarn.queries.find_claim_rows → serialise.claim_rows_json,
what the REST API and the dashboard's listings serve) are the JSON the read models give (find_claims →
to_json, what the CLI and the exports write): every claim of the sample store, under every sort, with reviews
of each kind, an older row's places, undated claims, and the bound-parameter queries of every filter shape."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import orjson
import pytest
from sqlalchemy import update

from forewarn import queries, schema
from forewarn.feedback import Verdict, record
from forewarn.places import Gazetteer
from forewarn.queries import ClaimFilter
from forewarn.serialise import claim_rows_json, to_json
from forewarn.settings import Settings
from forewarn.store import Store

from .synthetic import claim


def both(store: Store, flt: ClaimFilter | None = None, sort: str = "-published", limit: int = 500,
         cursor: str | None = None) -> tuple[dict, dict]:
    rows = claim_rows_json(queries.find_claim_rows(store, flt, sort=sort, limit=limit, cursor=cursor))
    views = to_json(queries.find_claims(store, flt, sort=sort, limit=limit, cursor=cursor))
    return rows, views


def every_page(store: Store, flt: ClaimFilter | None, sort: str, size: int) -> list[dict]:
    items, cursor = [], None
    while True:
        rows, views = both(store, flt, sort, size, cursor)
        assert rows == views
        items += rows["items"]
        if rows["next_cursor"] is None:
            return items
        cursor = rows["next_cursor"]


@pytest.mark.parametrize("sort", list(queries.CLAIM_SORTS))
def test_rows_write_the_read_models_json_for_every_sample_claim(sample_copy: Path, sort: str) -> None:
    settings = Settings(db=str(sample_copy))
    gazetteer = Gazetteer.default()
    with Store(sample_copy) as store:
        ids = [v.id for v in queries.find_claims(store, limit=500).items]
        assert len(ids) >= 10, "the sample has too few claims to compare"
        record(store, gazetteer, settings, Verdict(ids[0], "wrong", {}, analyst="ana", note="not a claim"))
        record(store, gazetteer, settings, Verdict(ids[1], "right", {}))
        record(store, gazetteer, settings, Verdict(ids[2], "corrected", {"claimant": "Russian MoD",
                                                                           "accused": ["White Helmets"]}))
        rows, views = both(store, sort=sort)
        assert len(rows["items"]) == len(ids)
        assert rows == views
        assert orjson.dumps(rows) == orjson.dumps(views)  # the same bytes on the wire, key order included
        reviewed = {item["id"]: item["review"] for item in rows["items"] if item["review"]}
        assert reviewed[ids[0]]["verdict"] == "wrong" and reviewed[ids[2]]["corrections"]["claimant"] == "Russian MoD"
        assert every_page(store, None, sort, 3) == rows["items"]  # page by page, cursors included


@pytest.mark.backends
def test_filters_of_every_shape_and_odd_rows(store: Store) -> None:
    gazetteer = Gazetteer.default()
    made = [claim(f"2018-03-{n + 1:02d}", town, statement=str(n), outlet=outlet,
                  kind="RETROSPECTIVE" if n % 3 == 0 else "PREEMPTIVE")
            for n, (town, outlet) in enumerate([("Douma", "TASS"), ("Saraqib", "RT"), ("Douma", "SANA"),
                                                ("Khan Shaykhun", "TASS"), ("Saraqib", "RT")])]
    made.append(replace(claim("2018-03-04", "Douma", statement="u", text="undated chlorine"), published_at=None))
    store.replace_claims({c.document_id for c in made}, made, "test")
    older = made[1].id  # a row written before PlaceRef had all its fields: the serialiser fills the defaults
    places = [{"id": p.id, "name": p.name, "level": p.level} for p in made[1].places]
    with store.engine.begin() as conn:
        conn.execute(update(schema.claims).where(schema.claims.c.id == older).values(places=json.dumps(places)))
    scope = queries.place_scope(gazetteer, "Idlib")
    filters = [None, ClaimFilter(kind="preemptive"), ClaimFilter(place_ids=scope),
               ClaimFilter(place_ids=scope, kind="PREEMPTIVE", outlet=("RT",)), ClaimFilter(outlet=()),
               ClaimFilter(claimant=(made[0].claimant,), since=date(2018, 3, 2), until=date(2018, 3, 4)),
               ClaimFilter(text="chlorine"), ClaimFilter(review="unreviewed"), ClaimFilter(review="wrong"),
               ClaimFilter(stance="asserted", language=("en", "ru")), ClaimFilter(document_id=made[2].document_id)]
    for flt in filters:
        for sort in queries.CLAIM_SORTS:
            items = every_page(store, flt, sort, 2)
            assert [i["id"] for i in items] == [v.id for v in queries.iter_claims(store, flt, sort=sort)]
            assert len(items) == queries.count_claims(store, flt)
    by_id = {i["id"]: i for i in every_page(store, None, "score", 50)}
    assert by_id[older]["places"][0]["governorate"] == "" and by_id[older]["places"][0]["lat"] is None
    assert by_id[made[-1].id]["published_at"] is None
    assert [i["id"] for i in every_page(store, ClaimFilter(place_ids=scope), "score", 2)] == sorted(
        c.id for c in made if {p.id for p in c.places} & scope)  # one score: in id order
