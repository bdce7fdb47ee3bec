from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from forewarn import schema
from forewarn.errors import StoreError
from forewarn.model import Claim, Document, Evidence, Incident, PlaceRef, Quarantined, Warning
from forewarn.store import Store


def doc(ref: str, text: str = "", *, native: bool = True, title: str = "") -> Document:
    return Document(
        source="test",
        source_ref=ref,
        text=text or f"Body of {ref}",
        title=title or f"Title {ref}",
        outlet="Outlet",
        published_at=datetime(2018, 2, 13, 10, tzinfo=UTC),
        native_id=native,
    )


def test_same_source_ref_is_stored_once(store: Store) -> None:
    first = store.add_documents([doc("a"), doc("b")])
    again = store.add_documents([doc("a"), doc("b"), doc("c")])
    assert (first.new, first.duplicate) == (2, 0)
    assert (again.new, again.duplicate) == (1, 2)
    assert store.stats()["documents"] == 3


def test_records_without_own_id_deduplicate_by_content(store: Store) -> None:
    store.add_documents([doc("line 1", "Same words here", native=False, title="Note")])
    moved = store.add_documents([doc("line 9", "same   WORDS here", native=False, title="note")])
    assert moved.new == 0


def test_records_with_own_ids_keep_identical_text(store: Store) -> None:
    # Two distinct EUvsDisinfo cases can share a title; both are real records of their source.
    summary = store.add_documents([doc("case-1", "Same"), doc("case-2", "Same")])
    assert summary.new == 2


def test_duplicates_inside_one_batch(store: Store) -> None:
    assert store.add_documents([doc("a"), doc("a")]).new == 1


def test_documents_round_trip_in_utc(store: Store) -> None:
    original = Document(
        source="s",
        source_ref="r",
        text="t",
        published_at=datetime(2018, 4, 7, 21, 0, tzinfo=UTC),
        extra={"disproof": "x"},
    )
    store.add_documents([original])
    loaded = store.get_document(original.id)
    assert loaded is not None
    assert loaded.published_at == original.published_at
    assert loaded.extra == {"disproof": "x"}


def test_full_text_search_ignores_query_syntax(store: Store) -> None:
    store.add_documents([doc("a", "Chlorine canisters in Saraqib"), doc("b", "Aid convoy reached Douma")])
    assert [d.source_ref for d in store.search_documents("chlorine")] == ["a"]
    assert store.search_documents('"unbalanced AND OR (') == []


def test_iter_documents_pages_through_everything(store: Store) -> None:
    store.add_documents([doc(str(i)) for i in range(25)])
    assert len(list(store.iter_documents(chunk=4))) == 25


def test_claims_replace_and_mark_documents_read(store: Store) -> None:
    d = doc("a")
    store.add_documents([d])
    place = PlaceRef("geonames:170592", "Douma", "town", "Rif Dimashq", "SY-RD", "SY")
    claim = Claim(d.id, "PREEMPTIVE", "asserted", Evidence(0, 10, "s", ("stage",)), 0.9, "v1", places=(place,))
    store.replace_claims([d.id], [claim], "v1")
    store.replace_claims([d.id], [claim], "v1")
    assert [c.id for c in store.iter_claims()] == [claim.id]
    assert list(store.iter_claims(place_ids={"geonames:170592"}))[0].places == (place,)
    assert list(store.iter_documents(undetected_by="v1")) == []
    assert len(list(store.iter_documents(undetected_by="v2"))) == 1


def test_quarantine_is_idempotent(store: Store) -> None:
    item = Quarantined("feed.xml", "byte 10", "not well-formed", "<rss")
    assert store.add_quarantined([item, item]) == 1
    assert store.add_quarantined([item]) == 0
    assert list(store.iter_quarantined()) == [item]


def test_warnings_and_incidents_round_trip(store: Store) -> None:
    warning = Warning("SY-ID", "Idlib", "governorate", date(2018, 8, 26), date(2018, 9, 10), 0.99,
                      claim_ids=("c1",), outlets=("TASS",))
    store.replace_warnings([warning])
    assert list(store.iter_warnings(open_only=True)) == [warning]
    incident = Incident(date(2018, 4, 7), "Douma", "Rif Dimashq", "geonames:170592", 33.57, 36.40, "chlorine")
    store.replace_incidents([incident])
    assert list(store.iter_incidents()) == [incident]


def test_migrates_an_old_database_forward(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = Store(url, migrate=False)
    assert old.migrate(target=1) == 1
    old.add_documents([doc("kept")])
    old.close()
    upgraded = Store(url)
    assert upgraded.version() == schema.LATEST_VERSION
    assert [d.source_ref for d in upgraded.search_documents("kept")] == ["kept"]  # FTS rebuilt over old rows


def test_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE schema_version SET version = 999")
    with pytest.raises(StoreError, match="newer"):
        Store(f"sqlite:///{path}")


def test_plain_sqlite_tables_are_readable(store: Store, tmp_path: Path) -> None:
    store.add_documents([doc("a")])
    with sqlite3.connect(tmp_path / "forewarn.db") as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        title = conn.execute("SELECT title FROM documents").fetchone()[0]
    assert {"documents", "claims", "places", "warnings", "incidents", "quarantine"} <= names
    assert title == "Title a"


def test_unopenable_database_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        Store(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")
