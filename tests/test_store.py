from __future__ import annotations

import sqlite3
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from forewarn import schema
from forewarn.errors import StoreError
from forewarn.model import Claim, Document, Evidence, Incident, PlaceRef, Quarantined, Warning
from forewarn.store import Store

from .test_migrations import _v1_rows

pytestmark = pytest.mark.backends


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


def test_migrates_an_old_database_forward(database_url: str) -> None:
    old = Store(database_url, migrate=False)
    assert old.migrate(target=1) == 1
    with old.engine.begin() as conn:  # a document as version 1 stored it
        _v1_rows(conn)
    old.close()
    upgraded = Store(database_url)
    assert upgraded.version() == schema.LATEST_VERSION
    assert [d.title for d in upgraded.search_documents("canisters")] == ["Chlorine canisters"]  # search covers old rows
    upgraded.close()


def test_refuses_a_newer_schema(database_url: str) -> None:
    with Store(database_url) as current, current.engine.begin() as conn:
        conn.execute(update(schema.schema_version).values(version=999))
    with pytest.raises(StoreError, match="newer"):
        Store(database_url)


def test_concurrent_opens_migrate_once(database_url: str) -> None:
    """Several processes opening a new database at once: one migrates, the others wait and find it done."""
    with ThreadPoolExecutor(4) as pool:
        versions = list(pool.map(lambda _: Store(database_url).version(), range(4)))
    assert versions == [schema.LATEST_VERSION] * 4


def test_full_text_search_per_language(store: Store) -> None:
    store.add_documents([
        Document("t", "ru", "Боевики готовят провокацию с применением хлора", language="ru"),
        Document("t", "ar", "الإرهابيون يحضرون لفبركة هجوم كيميائي", language="ar"),
        Document("t", "en", "Militants are staging attacks with chlorine canisters", language="en"),
    ])
    assert [d.source_ref for d in store.search_documents("провокацию")] == ["ru"]
    assert [d.source_ref for d in store.search_documents("كيميائي")] == ["ar"]
    assert [d.source_ref for d in store.search_documents("chlorine canisters")] == ["en"]
    assert store.search_documents("chlorine Douma") == []  # every word must match


@pytest.mark.backends("postgresql")
def test_postgres_search_stems_in_the_document_language(store: Store) -> None:
    store.add_documents([
        Document("t", "ru", "Боевики готовят провокации в Идлибе", language="ru"),
        Document("t", "en", "Militants staged an attack", language="en"),
    ])
    assert [d.source_ref for d in store.search_documents("провокация")] == ["ru"]  # another form of the word
    assert [d.source_ref for d in store.search_documents("staging")] == ["en"]


@pytest.mark.backends("sqlite")
def test_plain_sqlite_tables_are_readable(store: Store, tmp_path: Path) -> None:
    store.add_documents([doc("a")])
    with sqlite3.connect(tmp_path / "forewarn.db") as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        title = conn.execute("SELECT title FROM documents").fetchone()[0]
    assert {"documents", "claims", "places", "warnings", "incidents", "quarantine"} <= names
    assert title == "Title a"


@pytest.mark.backends("sqlite")
def test_unopenable_database_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        Store(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")


@pytest.mark.backends("postgresql")
def test_errors_mask_the_password(database_url: str) -> None:
    wrong = database_url.replace(":test-secret-7f3a@", ":Wr0ng-Pass@")
    unreachable = "postgresql://someone:Wr0ng-Pass@127.0.0.1:1/forewarn"
    for url in (wrong, unreachable):
        with pytest.raises(StoreError) as caught:
            Store(url)
        message = str(caught.value)
        assert "Wr0ng-Pass" not in message and "***" in message
        assert "Background on this error" not in message and "sqlalche.me" not in message and "[SQL" not in message
    assert "password authentication failed" in str(caught.value) or "refused" in str(caught.value)


def test_a_missing_driver_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if forewarn[postgres] were not installed
    with pytest.raises(StoreError, match=r"pip install 'forewarn\[postgres\]'") as caught:
        Store("postgresql://analyst:s3cret@db.example/forewarn")
    assert "s3cret" not in str(caught.value)
