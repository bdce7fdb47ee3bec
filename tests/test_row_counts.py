"""`stats` reads counters kept by triggers (schema v16); they always equal counting the rows, whoever writes."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select, update

from forewarn import schema
from forewarn.model import Document, Quarantined
from forewarn.store import Store

from .synthetic import claim

pytestmark = pytest.mark.backends()


def counted(store: Store) -> dict[str, object]:
    """What the counters stand for, counted the slow way."""
    docs, claims = schema.documents, schema.claims
    with store.engine.connect() as conn:
        languages = dict(conn.execute(select(docs.c.language, func.count()).group_by(docs.c.language)).all())
        kinds = dict(conn.execute(select(claims.c.kind, func.count()).group_by(claims.c.kind)).all())
    return {
        "documents": store.count("documents"),
        "claims": store.count("claims"),
        "quarantined": store.count("quarantine"),
        "claims_by_kind": dict(sorted(kinds.items())),
        "languages": {(k or "unknown"): v for k, v in sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))},
    }


def shown(store: Store) -> dict[str, object]:
    figures = store.stats()
    return {key: figures[key] for key in ("documents", "claims", "quarantined", "claims_by_kind", "languages")}


def document(rng: random.Random, index: int) -> Document:
    return Document("news.jsonl", f"a{index}", f"text {index} {rng.random()}", outlet="TASS",
                    published_at=datetime(2018, 1, 1, tzinfo=UTC) + timedelta(days=index % 90),
                    language=rng.choice(["ru", "en", "ar", ""]))  # fmt: skip


def test_counters_follow_inserts_updates_and_deletes(store: Store) -> None:
    rng = random.Random(2)
    store.add_documents([document(rng, i) for i in range(40)])
    store.add_documents([document(rng, i) for i in range(30, 50)])  # ten repeats are not stored again
    store.add_quarantined([Quarantined("feed.xml", str(i), "bad") for i in range(3)])
    found = [claim("2018-03-13", "Douma", text=f"c{i}", kind=rng.choice(["PREEMPTIVE", "RETROSPECTIVE"]))
             for i in range(12)]  # fmt: skip
    store.replace_claims({c.document_id for c in found}, found, "test")
    store.replace_claims({c.document_id for c in found}, found, "test")  # an upsert rewrites, never doubles
    assert shown(store) == counted(store)
    with store.engine.begin() as conn:
        conn.execute(update(schema.documents).where(schema.documents.c.language == "ru").values(language="uk"))
        conn.execute(update(schema.claims).where(schema.claims.c.kind == "RETROSPECTIVE").values(kind="PREEMPTIVE"))
        conn.execute(delete(schema.documents).where(schema.documents.c.language == "ar"))
        conn.execute(delete(schema.quarantine))
    store.replace_claims([found[0].document_id], [], "test")
    assert shown(store) == counted(store)
    assert "ar" not in store.stats()["languages"]  # a language whose documents all went is not listed at 0


def test_a_store_migrated_with_rows_in_it_starts_counting_from_them(database_url: str) -> None:
    rng = random.Random(4)
    with Store(database_url, migrate=False) as old:
        old.migrate(15)
        old.add_documents([document(rng, i) for i in range(25)])
        found = [claim("2018-03-13", "Idlib", text=f"c{i}") for i in range(5)]
        old.replace_claims({c.document_id for c in found}, found, "test")
    with Store(database_url) as store:
        assert shown(store) == counted(store)
        store.add_documents([document(rng, i) for i in range(25, 30)])
        assert shown(store) == counted(store)
