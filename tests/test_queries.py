"""The query layer: filters, keyset paging, ids by prefix, the claim_facets index kept in step by triggers,
and an index behind every filter; the serialiser's JSON and CSV shapes."""

from __future__ import annotations

import csv
import io
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import column, table

from forewarn import queries, schema
from forewarn.errors import ConfigError, NotFoundError
from forewarn.places import Gazetteer
from forewarn.queries import ClaimFilter, DocumentFilter
from forewarn.serialise import csv_cell, csv_text, to_json
from forewarn.store import Store, _claim_row

from .synthetic import claim, place_id


@pytest.fixture
def sample(sample_db: Path) -> Store:
    with Store(sample_db) as opened:
        yield opened


def every_page(store: Store, flt: ClaimFilter | None, sort: str, size: int) -> list[str]:
    ids, cursor = [], None
    while True:
        page = queries.find_claims(store, flt, sort=sort, limit=size, cursor=cursor)
        ids += [v.id for v in page.items]
        if page.next_cursor is None:
            return ids
        cursor = page.next_cursor


@pytest.mark.parametrize("sort", list(queries.CLAIM_SORTS))
def test_keyset_pages_visit_every_claim_once_in_order(store: Store, sort: str) -> None:
    made = [claim(f"2018-03-{day:02d}", "Douma", statement=str(n)) for n, day in enumerate([1, 1, 2, 3, 3, 3, 9])]
    undated = [replace(claim("2018-03-05", "Saraqib", statement=f"u{n}", text=f"undated {n}"), published_at=None)
               for n in range(3)]
    everything = made + undated
    store.replace_claims({c.document_id for c in everything}, everything, "test")
    for size in (1, 2, 4, 50):
        ids = every_page(store, None, sort, size)
        assert sorted(ids) == sorted(c.id for c in everything) and len(set(ids)) == len(ids)
        assert ids == every_page(store, None, sort, 500)  # the same order whatever the page size
    by_id = {c.id: c for c in everything}
    if sort.endswith("published"):
        days = [by_id[i].published_at for i in every_page(store, None, sort, 3)]
        dated = [d for d in days if d is not None]
        assert dated == sorted(dated, reverse=sort.startswith("-"))
        nulls_at = [n for n, d in enumerate(days) if d is None]
        assert nulls_at == ([7, 8, 9] if sort.startswith("-") else [0, 1, 2])  # undated: the smallest value


def test_place_filter_includes_what_lies_inside_and_follows_rewritten_claims(store: Store) -> None:
    gazetteer = Gazetteer.default()
    douma, saraqib = claim("2018-03-01", "Douma", statement="a"), claim("2018-03-02", "Saraqib", statement="b")
    store.replace_claims({douma.document_id, saraqib.document_id}, [douma, saraqib], "test")
    ghouta = ClaimFilter(place_ids=queries.place_scope(gazetteer, "Eastern Ghouta"))
    idlib = ClaimFilter(place_ids=queries.place_scope(gazetteer, "Idlib"))
    assert [v.id for v in queries.find_claims(store, ghouta).items] == [douma.id]
    assert [v.id for v in queries.find_claims(store, idlib).items] == [saraqib.id]
    moved = replace(douma, places=(gazetteer.ref(place_id("Saraqib")),))
    store.replace_claims([douma.document_id], [moved], "test")  # the triggers re-index the rewritten claim
    assert queries.count_claims(store, ghouta) == 0
    assert queries.count_claims(store, idlib) == 2


@pytest.mark.backends
@pytest.mark.parametrize("sort", ["-published", "score"])
def test_both_forms_of_the_place_filter_give_the_same_pages(store: Store, sort: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A place filter gathers the scope's claims, or (a scope most claims are in) walks the claims in sort
    order testing each one's places: the same pages either way, cursors included."""
    gazetteer = Gazetteer.default()
    towns = ["Douma", "Saraqib", "Khan Shaykhun", "Douma", "Saraqib", "Douma", "Saraqib", "Douma"]
    made = [claim(f"2018-03-{n + 1:02d}", town, statement=str(n), kind="RETROSPECTIVE" if n % 3 == 0 else "PREEMPTIVE")
            for n, town in enumerate(towns)]
    made.append(replace(claim("2018-03-04", "Douma", statement="u", text="undated"), published_at=None))
    store.replace_claims({c.document_id for c in made}, made, "test")
    everything = every_page(store, None, sort, 500)
    for place in ("Eastern Ghouta", "Idlib", "Syria", "Douma"):
        scope = queries.place_scope(gazetteer, place)
        cited = {c.id for c in made if {p.id for p in c.places} & scope}
        expected = [i for i in everything if i in cited]
        flt = ClaimFilter(place_ids=scope)
        for factor in (0, 10**9):  # always walk (once the scope has more claims than a page) / always gather
            monkeypatch.setattr("forewarn.queries.claims.WALK_FACTOR", factor)
            assert every_page(store, flt, sort, 2) == expected, (place, factor)
            assert every_page(store, replace(flt, kind="PREEMPTIVE"), sort, 1) == [
                i for i in expected if i in {c.id for c in made if c.kind == "PREEMPTIVE"}]


def test_filters_on_every_field(sample: Store) -> None:
    total = queries.count_claims(sample)
    cases = {
        "kind": ClaimFilter(kind="RETROSPECTIVE"),
        "claimant": ClaimFilter(claimant=("Russian Ministry of Defence",)),
        "accused": ClaimFilter(accused=("White Helmets",)),
        "agent": ClaimFilter(agent=("chlorine",)),
        "stance": ClaimFilter(stance="reported"),
        "language": ClaimFilter(language=("ar",)),
        "since": ClaimFilter(since=date(2018, 8, 1)),
        "until": ClaimFilter(until=date(2018, 3, 31)),
        "text": ClaimFilter(text="chlorine"),
    }
    for name, flt in cases.items():
        found = list(queries.iter_claims(sample, flt))
        assert 0 < len(found) < total, name
        assert len(found) == queries.count_claims(sample, flt), name
    assert all(v.claim.kind == "RETROSPECTIVE" for v in queries.iter_claims(sample, cases["kind"]))
    assert all("White Helmets" in v.claim.accused for v in queries.iter_claims(sample, cases["accused"]))
    assert all(v.claim.published_at and v.claim.published_at.date() <= date(2018, 3, 31)
               for v in queries.iter_claims(sample, cases["until"]))
    assert queries.count_claims(sample, ClaimFilter(claimant=())) == 0  # matches nothing, not everything
    loosely = queries.matching_values(sample, "claimant", "ministry")
    assert loosely and "Russian Ministry of Defence" in loosely and all("Ministry" in v for v in loosely)
    exact = queries.matching_values(sample, "claimant", "russian ministry of defence")
    assert exact == ("Russian Ministry of Defence",)
    with pytest.raises(ConfigError):
        ClaimFilter(kind="SOMETIMES")


def test_claims_carry_their_source_document(sample: Store) -> None:
    for view in queries.find_claims(sample, ClaimFilter(kind="PREEMPTIVE"), limit=20).items:
        assert view.source.document_id == view.claim.document_id
        assert view.source.source and (view.source.url or view.source.source_ref)
    first = queries.find_claims(sample, ClaimFilter(kind="PREEMPTIVE"), limit=1).items[0]
    copies = queries.statement(sample, first.id)
    assert first.id in [c.id for c in copies.claims]
    assert all(c.claim.statement_id == first.claim.statement_id for c in copies.claims)


def test_ids_by_unique_prefix(sample: Store) -> None:
    warnings = queries.find_warnings(sample).items
    full = warnings[0].id
    assert queries.get_warning(sample, full[:5]).id == full
    assert queries.get_warning(sample, full.upper()).id == full
    with pytest.raises(NotFoundError):
        queries.get_warning(sample, "zz'; DROP TABLE warnings; --")
    with pytest.raises(NotFoundError):
        queries.get_warning(sample, "0000000000000")
    claims = [v.id for v in queries.iter_claims(sample)]
    shared = next(a[0] for a in claims if sum(1 for b in claims if b[0] == a[0]) > 1)
    with pytest.raises(ConfigError, match="ambiguous"):
        queries.get_claim(sample, shared)


def test_warning_view_groups_evidence_by_statement(sample: Store) -> None:
    views = [queries.get_warning(sample, w.id, Gazetteer.default()) for w in queries.find_warnings(sample).items]
    for view in views:
        assert {c.id for c in view.claims} == set(view.warning.claim_ids)
        assert view.place is not None and view.place.id == view.warning.place_id
    assert all(sum(len(s.claims) for s in v.statements) == len(v.claims) for v in views)
    assert max(len(v.languages) for v in views) >= 2


def test_documents_search_and_place_views(sample: Store) -> None:
    gazetteer = Gazetteer.default()
    found = queries.find_documents(sample, DocumentFilter(text="chlorine"), limit=100).items
    assert found and all("chlorine" in (d.document.title + d.document.text).casefold() for d in found)
    assert queries.find_documents(sample, DocumentFilter(text='zzqx" AND (')).items == ()
    document = queries.get_document(sample, found[0].id[:8])
    assert document.claims and all(c.claim.document_id == document.id for c in document.claims)
    idlib = queries.place_view(sample, gazetteer, "Idlib")
    assert idlib.place.id == "SY-ID" and "SY" in [p.id for p in idlib.ancestors]
    assert idlib.preemptive > 0 and idlib.open_warnings and "Идлиб" in idlib.names
    assert any(c.level == "district" for c in idlib.children)
    assert sum(p.preemptive for p in queries.series(sample, "SY-ID")) > 0
    weeks = queries.weekly_volume(sample)
    assert weeks and all(w.week.weekday() == 0 for w in weeks)
    assert any(p.warned for p in queries.place_counts(sample, gazetteer))


def test_an_index_behind_every_filter(sample: Store, sample_db: Path) -> None:
    assert {"claim_facets"} <= set(schema.metadata.tables)
    with sqlite3.connect(sample_db) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert set(schema.QUERY_INDEXES) | set(schema.KIND_INDEXES) <= names
        for order in ("published_at DESC, id DESC", "score DESC, id DESC"):  # a kind's page: no sort of the kind
            plan = " ".join(str(r) for r in conn.execute(
                f"EXPLAIN QUERY PLAN SELECT id FROM claims WHERE kind = 'PREEMPTIVE' ORDER BY {order} LIMIT 51"))
            assert "TEMP B-TREE" not in plan, (order, plan)
        for column in ("claimant", "agent", "outlet", "stance", "language"):
            plan = " ".join(str(r) for r in conn.execute(
                f"EXPLAIN QUERY PLAN SELECT id FROM claims WHERE {column} = 'x' ORDER BY published_at LIMIT 5"))
            assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, (column, plan)
        plan = " ".join(str(r) for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT claim_id FROM claim_facets WHERE facet = 'place' AND value IN ('SY-ID')"))
        assert "INDEX" in plan, plan


def test_migrating_an_old_store_fills_the_facets(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = Store(url, migrate=False)
    old.migrate(target=3)
    made = claim("2018-03-01", "Douma", statement="a")
    v3_columns = {c.name for c in schema.claims.columns} - {"made_on", "quoted", "made_expression", "narrative"}
    row = {k: v for k, v in _claim_row(made).items() if k in v3_columns}  # the claims table as version 3 had it
    with old.engine.begin() as conn:
        conn.execute(table("claims", *(column(k) for k in row)).insert(), row)
    old.close()
    with Store(url) as upgraded:
        scope = queries.place_scope(Gazetteer.default(), "Douma")
        assert queries.count_claims(upgraded, ClaimFilter(place_ids=scope)) == 1


def test_bad_cursors_and_limits_are_config_errors(sample: Store) -> None:
    page = queries.find_claims(sample, limit=2)
    with pytest.raises(ConfigError, match="sort"):
        queries.find_claims(sample, sort="score", cursor=page.next_cursor)
    for broken in ("%%%", "bm90IGpzb24", "WyJ4Il0"):
        with pytest.raises(ConfigError, match="cursor"):
            queries.find_claims(sample, cursor=broken)
    with pytest.raises(ConfigError):
        queries.find_claims(sample, limit=0)
    with pytest.raises(ConfigError):
        queries.find_claims(sample, sort="random")


def test_one_serialised_shape_for_json_and_csv(sample: Store) -> None:
    page = queries.find_claims(sample, limit=3)
    record = to_json(page)
    assert set(record) == {"items", "next_cursor", "sort"}
    item = record["items"][0]
    assert item["document"]["title"] and item["evidence"]["sentence"] and isinstance(item["accused"], list)
    rows = list(csv.DictReader(io.StringIO(csv_text(page.items))))
    assert [r["id"] for r in rows] == [v.id for v in page.items] and rows[0]["url"]
    assert csv_cell("=HYPERLINK(\"http://evil\")") == "'=HYPERLINK(\"http://evil\")"
    assert csv_cell(["a", "b"]) == "a; b" and csv_cell(None) == ""


@pytest.mark.backends
def test_the_walk_decision_reads_the_kept_claim_count(store: Store) -> None:
    """The place filter's walk-or-gather choice reads the total from row_counts (one row), which the triggers
    keep equal to the claims table through inserts, rewrites and deletes."""
    from forewarn.queries.claims import _kept_total

    made = [claim(f"2018-03-{n + 1:02d}", "Douma", statement=str(n)) for n in range(6)]
    store.replace_claims({c.document_id for c in made}, made, "test")
    store.replace_claims({made[0].document_id}, [], "test")  # one document's claims removed
    with store.engine.connect() as conn:
        assert conn.execute(_kept_total()).scalar() == queries.count_claims(store) == 5
