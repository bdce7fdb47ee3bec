"""Migrations: a database migrated step by step from version 1 (holding data) is identical to a fresh one and to
the Table objects the queries use (tables, columns, types, nullability, defaults, keys, indexes), on SQLite and on
PostgreSQL. This is what lets anyone append a migration: if their DDL and their Table edit disagree, this fails."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Connection

from forewarn import schema
from forewarn.database import normalise_url
from forewarn.store import Store

pytestmark = pytest.mark.backends

EXTRA_TABLES = re.compile(r"^documents_fts")  # SQLite's FTS5 table and its shadow tables (not Table objects)
# Alembic cannot compare expression indexes (it reports them removed and re-added); table_snapshot compares it.
EXPRESSION_INDEXES = {"ix_documents_search"}


@pytest.fixture
def other_database(backend: str, tmp_path: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A factory of further empty databases of the backend under test."""
    made: list[str] = []
    server = request.getfixturevalue("postgres_server") if backend == "postgresql" else None

    def make(name: str) -> str:
        url = f"sqlite:///{tmp_path / (name + '.db')}" if server is None else server.create_database()
        made.append(url)
        return url

    yield make
    for url in made:
        if server is not None:
            server.drop_database(url)


def _columns(inspector: Any, table: str) -> dict[str, tuple[str, bool, str | None]]:
    found = {}
    for column in inspector.get_columns(table):
        default = column.get("default")
        found[column["name"]] = (str(column["type"]), bool(column["nullable"]), str(default) if default else None)
    return found


def _indexes(inspector: Any, table: str) -> list[tuple[Any, ...]]:
    return sorted(
        (
            index["name"],
            tuple(str(c) for c in index["column_names"]),
            tuple(index.get("expressions") or ()),
            bool(index["unique"]),
            tuple(sorted((k, str(v)) for k, v in index.get("dialect_options", {}).items())),
        )
        for index in inspector.get_indexes(table)
    )


def table_snapshot(url: str) -> dict[str, Any]:
    """What reflection sees of every table the code defines."""
    engine = create_engine(normalise_url(url))
    try:
        inspector = inspect(engine)
        return {
            name: {
                "columns": _columns(inspector, name),
                "primary_key": tuple(inspector.get_pk_constraint(name)["constrained_columns"]),
                "indexes": _indexes(inspector, name),
                "unique": sorted(str(u) for u in inspector.get_unique_constraints(name)),
                "foreign_keys": sorted(str(f) for f in inspector.get_foreign_keys(name)),
            }
            for name in sorted(schema.metadata.tables)
        }
    finally:
        engine.dispose()


def full_snapshot(url: str) -> list[tuple[str, ...]]:
    """Every object in the database as its DDL (tables, indexes, triggers, virtual tables), for the parts no
    Table object describes (SQLite's FTS5; PostgreSQL's expression index)."""
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                query = "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name"
            else:
                query = (  # the schema name differs between the two databases: leave it out
                    "SELECT 'index', indexname, tablename, replace(indexdef, schemaname || '.', '') FROM pg_indexes "
                    "WHERE schemaname = current_schema() "
                    "UNION ALL SELECT 'column', table_name || '.' || column_name, data_type, "
                    "coalesce(column_default, '') || is_nullable FROM information_schema.columns "
                    "WHERE table_schema = current_schema() "
                    "UNION ALL SELECT 'trigger', t.tgname, c.relname, '' FROM pg_trigger t "
                    "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal "
                    "AND c.relnamespace = current_schema()::regnamespace ORDER BY 1, 2"
                )
            return [tuple(str(v) for v in row) for row in conn.execute(text(query))]
    finally:
        engine.dispose()


def _v1_rows(conn: Connection) -> None:
    """Data as version 1 stored it (columns of that time only)."""
    now = datetime(2018, 4, 6, 12)
    conn.execute(
        text(
            "INSERT INTO documents (id, source, source_ref, outlet, url, published_at, date_kind, language, title, "
            "text, content_hash, native_id, origin, position, extra, ingested_at) VALUES ('d1', 's', 'r', 'o', '', "
            ":now, 'published', 'en', 'Chlorine canisters', 'Militants brought canisters into Douma.', 'h1', "
            ":yes, '', '', '{}', :now)"
        ),
        {"now": now, "yes": True},
    )
    conn.execute(
        text(
            "INSERT INTO claims (id, document_id, kind, stance, claimant, accused, agent, place_id, governorate_id, "
            "places, span_start, span_end, sentence, cues, score, detector_version, language, published_at, "
            "date_kind, outlet, source_ref, statement_id) VALUES ('c1', 'd1', 'PREEMPTIVE', 'asserted', '', '[]', "
            "'', NULL, NULL, '[]', 0, 10, 'Militants brought canisters', '[]', 0.9, 'v0', 'en', :now, 'published', "
            "'o', 'r', '')"
        ),
        {"now": now},
    )


@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_migrated_step_by_step_equals_fresh_and_the_tables(database_url: str, other_database: Any) -> None:
    for target in range(1, schema.LATEST_VERSION + 1):  # one open per version, as users upgrade over time
        with Store(database_url, migrate=False) as step:
            assert step.migrate(target) == target
            if target == 1:
                with step.engine.begin() as conn:
                    _v1_rows(conn)
    fresh = other_database("fresh")
    Store(fresh).close()
    created = other_database("created")
    engine = create_engine(normalise_url(created))
    schema.metadata.create_all(engine)
    engine.dispose()

    migrated_tables = table_snapshot(database_url)
    assert migrated_tables == table_snapshot(created)  # the DDL says what the Table objects say
    assert migrated_tables == table_snapshot(fresh)
    assert full_snapshot(database_url) == full_snapshot(fresh)  # including FTS, triggers, expression indexes

    engine = create_engine(normalise_url(database_url))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={
                    "compare_type": True,
                    "compare_server_default": True,
                    "include_name": lambda name, kind, _parent: not (kind == "table" and EXTRA_TABLES.match(name)),
                    "include_object": lambda _obj, name, kind, *_: not (kind == "index" and name in EXPRESSION_INDEXES),
                },
            )
            differences = compare_metadata(context, schema.metadata)
    finally:
        engine.dispose()
    assert differences == []  # Alembic's own comparison agrees


def test_old_rows_survive_and_gain_the_new_columns(database_url: str) -> None:
    with Store(database_url, migrate=False) as old:
        old.migrate(target=1)
        with old.engine.begin() as conn:
            _v1_rows(conn)
    with Store(database_url) as upgraded:
        [claim] = list(upgraded.iter_claims())
        assert claim.narrative == "chemical"
        assert [c.id for c in upgraded.iter_claims(narrative="chemical")] == [claim.id]
        assert list(upgraded.iter_claims(narrative="other")) == []
        assert [d.source_ref for d in upgraded.search_documents("canisters")] == ["r"]  # index covers old rows

