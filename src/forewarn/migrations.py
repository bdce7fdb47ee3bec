"""Frozen migrations: the DDL each schema version ran, written once and never edited (see schema.py).

Nothing here reads schema.py's Table objects, which describe the current schema; each step defines what it
creates on a private MetaData or in plain SQL, so a later change to a table cannot alter an old step.
"""

from __future__ import annotations

import json

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    insert,
    text,
)
from sqlalchemy.engine import Connection


def _create(conn: Connection, *tables: Table) -> None:
    """Create tables defined on a migration's private MetaData, with their index=True indexes."""
    for table in tables:
        table.create(conn)


def _v1_base_tables(conn: Connection) -> None:
    frozen = MetaData()
    _create(
        conn,
        Table(
            "documents",
            frozen,
            Column("id", String(40), primary_key=True),
            Column("source", Text, nullable=False),
            Column("source_ref", Text, nullable=False),
            Column("outlet", Text, nullable=False),
            Column("url", Text, nullable=False),
            Column("published_at", DateTime, index=True),
            Column("date_kind", String(16), nullable=False),
            Column("language", String(8), nullable=False),
            Column("title", Text, nullable=False),
            Column("text", Text, nullable=False),
            Column("content_hash", String(64), nullable=False, index=True),
            Column("native_id", Boolean, nullable=False),
            Column("origin", Text, nullable=False),
            Column("position", Text, nullable=False),
            Column("extra", Text, nullable=False),
            Column("ingested_at", DateTime, nullable=False),
            Column("detector_version", String(32)),
        ),
        Table(
            "quarantine",
            frozen,
            Column("id", String(40), primary_key=True),
            Column("origin", Text, nullable=False),
            Column("position", Text, nullable=False),
            Column("reason", Text, nullable=False),
            Column("raw", Text, nullable=False),
            Column("created_at", DateTime, nullable=False),
        ),
        Table(
            "claims",
            frozen,
            Column("id", String(40), primary_key=True),
            Column("document_id", String(40), nullable=False, index=True),
            Column("kind", String(16), nullable=False, index=True),
            Column("stance", String(16), nullable=False),
            Column("claimant", Text, nullable=False),
            Column("accused", Text, nullable=False),
            Column("agent", Text, nullable=False),
            Column("place_id", Text, index=True),
            Column("governorate_id", Text, index=True),
            Column("places", Text, nullable=False),
            Column("predicted_date", Date),
            Column("span_start", Integer, nullable=False),
            Column("span_end", Integer, nullable=False),
            Column("sentence", Text, nullable=False),
            Column("cues", Text, nullable=False),
            Column("score", Float, nullable=False),
            Column("detector_version", String(32), nullable=False),
            Column("language", String(8), nullable=False),
            Column("published_at", DateTime, index=True),
            Column("date_kind", String(16), nullable=False),
            Column("outlet", Text, nullable=False),
            Column("source_ref", Text, nullable=False),
            Column("statement_id", String(40), nullable=False, index=True),
        ),
        Table(
            "places",
            frozen,
            Column("id", String(64), primary_key=True),
            Column("name", Text, nullable=False),
            Column("level", String(16), nullable=False),
            Column("parent_id", String(64)),
            Column("country", String(8), nullable=False),
            Column("lat", Float),
            Column("lon", Float),
            Column("aliases", Text, nullable=False),
        ),
        Table(
            "warnings",
            frozen,
            Column("id", String(40), primary_key=True),
            Column("place_id", String(64), nullable=False, index=True),
            Column("place_name", Text, nullable=False),
            Column("level", String(16), nullable=False),
            Column("opened_at", Date, nullable=False),
            Column("last_evidence_at", Date, nullable=False),
            Column("closed_at", Date),
            Column("score", Float, nullable=False),
            Column("claim_ids", Text, nullable=False),
            Column("outlets", Text, nullable=False),
            Column("claimants", Text, nullable=False),
            Column("context", Text, nullable=False),
        ),
        Table(
            "incidents",
            frozen,
            Column("id", String(40), primary_key=True),
            Column("date", Date, nullable=False),
            Column("place", Text, nullable=False),
            Column("governorate", Text, nullable=False),
            Column("place_id", String(64), nullable=False),
            Column("lat", Float),
            Column("lon", Float),
            Column("agent", Text, nullable=False),
            Column("finding", Text, nullable=False),
            Column("attributed_to", Text, nullable=False),
            Column("report", Text, nullable=False),
        ),
    )


def _v2_full_text_index(conn: Connection) -> None:
    """SQLite only: an FTS5 index over title and text, kept in step by triggers (PostgreSQL: version 11)."""
    if conn.dialect.name != "sqlite":
        return
    statements = [
        "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', "
        "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
        "CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN "
        "INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
        "CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN "
        "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
        "VALUES ('delete', old.rowid, old.title, old.text); END",
        "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
    ]
    for statement in statements:
        conn.execute(text(statement))


def _v3_signals(conn: Connection) -> None:
    frozen = MetaData()
    _create(
        conn,
        Table(
            "signals",
            frozen,
            Column("place_id", String(64), primary_key=True),
            Column("day", Date, primary_key=True),
            Column("name", Text, nullable=False),
            Column("level", String(16), nullable=False),
            Column("preemptive", Integer, nullable=False),
            Column("preemptive_weight", Float, nullable=False),
            Column("direct_preemptive", Integer, nullable=False),
            Column("retrospective", Integer, nullable=False),
            Column("documents", Integer, nullable=False),
            Column("outlets", Text, nullable=False),
            Column("claimants", Text, nullable=False),
            Column("event_dated", Integer, nullable=False),
            Column("detail", Text, nullable=False),
        ),
        Table(
            "signal_claims",
            frozen,
            Column("claim_id", String(40), primary_key=True),
            Column("statement_id", String(40), nullable=False),
            Column("day", Date),
            Column("place_ids", Text, nullable=False),
        ),
    )



def _v10_claim_narrative(conn: Connection) -> None:
    """Which narrative family a claim belongs to; every claim stored so far is a chemical-staging claim."""
    conn.execute(text("ALTER TABLE claims ADD COLUMN narrative VARCHAR(32) DEFAULT 'chemical' NOT NULL"))
    conn.execute(text("CREATE INDEX ix_claims_narrative ON claims (narrative)"))


def _v11_postgres_search_and_unique_content(conn: Connection) -> None:
    """PostgreSQL full-text search in each document's language; records without an id of their own made unique
    by content in the database itself, so concurrent ingests cannot both insert one (ON CONFLICT DO NOTHING)."""
    if conn.dialect.name == "postgresql":
        configs = (
            "WHEN 'ar' THEN 'arabic'::regconfig WHEN 'de' THEN 'german'::regconfig "
            "WHEN 'en' THEN 'english'::regconfig WHEN 'es' THEN 'spanish'::regconfig "
            "WHEN 'fr' THEN 'french'::regconfig WHEN 'it' THEN 'italian'::regconfig "
            "WHEN 'ru' THEN 'russian'::regconfig WHEN 'uk' THEN 'russian'::regconfig"
        )
        conn.execute(
            text(
                "CREATE INDEX ix_documents_search ON documents USING gin "
                f"(to_tsvector(CASE language {configs} ELSE 'simple'::regconfig END, "
                "left(title || ' ' || text, 100000)))"
            )
        )
    unnamed = "NOT native_id" if conn.dialect.name == "postgresql" else "native_id = 0"
    conn.execute(
        text(f"CREATE UNIQUE INDEX ux_documents_content_hash_unnamed ON documents (content_hash) WHERE {unnamed}")
    )


def _v12_sentence_vectors_governorates_detector_index(conn: Connection) -> None:
    """sentence_vectors: each linked sentence's embedding, computed once (forewarn.link). 'governorate' rows in
    claim_facets: the governorates of the places a claim cites, so linking finds the claims it may copy by index
    (the v6 triggers keep 'place' and 'accused'; the store writes these). An index behind the query for
    documents a detector version has not read."""
    frozen = MetaData()
    vectors = Table(
        "sentence_vectors",
        frozen,
        Column("key", String(40), primary_key=True),
        Column("vector", LargeBinary, nullable=False),
    )
    vectors.create(conn)
    conn.execute(text("CREATE INDEX ix_documents_detector_version ON documents (detector_version)"))
    facets = Table("claim_facets", MetaData(), Column("facet", String(16)), Column("value", Text),
                   Column("claim_id", String(40)))
    rows: list[dict[str, str]] = []
    for claim_id, places_json in conn.execute(text("SELECT id, places FROM claims")):
        places = json.loads(places_json or "[]")
        governorates = {p.get("governorate_id") or "" for p in places} - {""}
        rows.extend({"facet": "governorate", "value": g, "claim_id": claim_id} for g in sorted(governorates))
    for start in range(0, len(rows), 5000):
        conn.execute(insert(facets), rows[start : start + 5000])


def _v13_narratives_in_signals_and_warnings(conn: Connection) -> None:
    """Signals and warnings per narrative. The signals tables are derived data (the next `forewarn warnings
    update` recomputes them from the claims: an empty ledger means every claim is new), so they are rebuilt with
    the narrative in their key; the warnings stored so far are chemical ones."""
    conn.execute(text("DROP TABLE signals"))
    conn.execute(text("DROP TABLE signal_claims"))
    frozen = MetaData()
    _create(
        conn,
        Table(
            "signals",
            frozen,
            Column("place_id", String(64), primary_key=True),
            Column("day", Date, primary_key=True),
            Column("narrative", String(32), primary_key=True, server_default="chemical"),
            Column("name", Text, nullable=False),
            Column("level", String(16), nullable=False),
            Column("preemptive", Integer, nullable=False),
            Column("preemptive_weight", Float, nullable=False),
            Column("direct_preemptive", Integer, nullable=False),
            Column("retrospective", Integer, nullable=False),
            Column("documents", Integer, nullable=False),
            Column("outlets", Text, nullable=False),
            Column("claimants", Text, nullable=False),
            Column("event_dated", Integer, nullable=False),
            Column("detail", Text, nullable=False),
        ),
        Table(
            "signal_claims",
            frozen,
            Column("claim_id", String(40), primary_key=True),
            Column("statement_id", String(40), nullable=False),
            Column("day", Date),
            Column("place_ids", Text, nullable=False),
            Column("narrative", String(32), nullable=False, server_default="chemical"),
        ),
    )
    conn.execute(text("ALTER TABLE warnings ADD COLUMN narrative VARCHAR(32) DEFAULT 'chemical' NOT NULL"))
    conn.execute(text("CREATE INDEX ix_warnings_narrative ON warnings (narrative)"))


def _v14_documents_by_detector_version(conn: Connection) -> None:
    """The undetected-documents query pages by (detector_version, id) in index order: the v12 index on
    detector_version alone let SQLite prefer the primary key's order and scan every document (0.8 s at 100k)."""
    conn.execute(text("CREATE INDEX ix_documents_detector_version_id ON documents (detector_version, id)"))
    conn.execute(text("DROP INDEX ix_documents_detector_version"))


# -- v16: what changed since the signals were computed, and the store's counts -----------------------------

# Both kept by triggers, whoever writes (detection, linking, reviews, backfills, another process): the signals
# update reads the claims that changed instead of diffing every claim, and `stats` reads a handful of counters
# instead of counting a million documents.
_SQLITE_V16_TRIGGERS = [
    # signal_changes: one row per write to a claim or to its review
    "CREATE TRIGGER signal_changes_claims_ai AFTER INSERT ON claims BEGIN "
    "INSERT INTO signal_changes(claim_id) VALUES (new.id); END",
    "CREATE TRIGGER signal_changes_claims_au AFTER UPDATE ON claims BEGIN "
    "INSERT INTO signal_changes(claim_id) VALUES (old.id); "
    "INSERT INTO signal_changes(claim_id) SELECT new.id WHERE new.id <> old.id; END",
    "CREATE TRIGGER signal_changes_claims_ad AFTER DELETE ON claims BEGIN "
    "INSERT INTO signal_changes(claim_id) VALUES (old.id); END",
    "CREATE TRIGGER signal_changes_reviews_ai AFTER INSERT ON claim_reviews BEGIN "
    "INSERT INTO signal_changes(claim_id) VALUES (new.claim_id); END",
    "CREATE TRIGGER signal_changes_reviews_au AFTER UPDATE ON claim_reviews BEGIN "
    "INSERT INTO signal_changes(claim_id) VALUES (old.claim_id); "
    "INSERT INTO signal_changes(claim_id) SELECT new.claim_id WHERE new.claim_id <> old.claim_id; END",
    "CREATE TRIGGER signal_changes_reviews_ad AFTER DELETE ON claim_reviews BEGIN "
    "INSERT INTO signal_changes(claim_id) VALUES (old.claim_id); END",
    # row_counts: documents (all, by language), claims (all, by kind), quarantined records
    "CREATE TRIGGER row_counts_documents_ai AFTER INSERT ON documents BEGIN "
    "INSERT INTO row_counts(name, n) VALUES ('documents', 1), ('documents.language:' || new.language, 1) "
    "ON CONFLICT(name) DO UPDATE SET n = n + excluded.n; END",
    "CREATE TRIGGER row_counts_documents_ad AFTER DELETE ON documents BEGIN "
    "UPDATE row_counts SET n = n - 1 WHERE name IN ('documents', 'documents.language:' || old.language); END",
    "CREATE TRIGGER row_counts_documents_au AFTER UPDATE OF language ON documents BEGIN "
    "UPDATE row_counts SET n = n - 1 WHERE name = 'documents.language:' || old.language; "
    "INSERT INTO row_counts(name, n) VALUES ('documents.language:' || new.language, 1) "
    "ON CONFLICT(name) DO UPDATE SET n = n + 1; END",
    "CREATE TRIGGER row_counts_claims_ai AFTER INSERT ON claims BEGIN "
    "INSERT INTO row_counts(name, n) VALUES ('claims', 1), ('claims.kind:' || new.kind, 1) "
    "ON CONFLICT(name) DO UPDATE SET n = n + excluded.n; END",
    "CREATE TRIGGER row_counts_claims_ad AFTER DELETE ON claims BEGIN "
    "UPDATE row_counts SET n = n - 1 WHERE name IN ('claims', 'claims.kind:' || old.kind); END",
    "CREATE TRIGGER row_counts_claims_au AFTER UPDATE OF kind ON claims BEGIN "
    "UPDATE row_counts SET n = n - 1 WHERE name = 'claims.kind:' || old.kind; "
    "INSERT INTO row_counts(name, n) VALUES ('claims.kind:' || new.kind, 1) "
    "ON CONFLICT(name) DO UPDATE SET n = n + 1; END",
    "CREATE TRIGGER row_counts_quarantine_ai AFTER INSERT ON quarantine BEGIN "
    "INSERT INTO row_counts(name, n) VALUES ('quarantine', 1) ON CONFLICT(name) DO UPDATE SET n = n + 1; END",
    "CREATE TRIGGER row_counts_quarantine_ad AFTER DELETE ON quarantine BEGIN "
    "UPDATE row_counts SET n = n - 1 WHERE name = 'quarantine'; END",
]

# PostgreSQL: one function each, told by trigger arguments which column is the key or the facet.
_POSTGRES_V16_FUNCTIONS = [
    """
CREATE OR REPLACE FUNCTION forewarn_signal_changes() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO signal_changes(claim_id) VALUES (to_jsonb(OLD)->>TG_ARGV[0]);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND to_jsonb(NEW)->>TG_ARGV[0] <> to_jsonb(OLD)->>TG_ARGV[0]) THEN
    INSERT INTO signal_changes(claim_id) VALUES (to_jsonb(NEW)->>TG_ARGV[0]);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql
""",
    """
CREATE OR REPLACE FUNCTION forewarn_row_counts() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE row_counts SET n = n - 1 WHERE name = TG_ARGV[0] || '.' || TG_ARGV[1] || ':' || (to_jsonb(OLD)->>TG_ARGV[1])
      OR (TG_OP = 'DELETE' AND name = TG_ARGV[0]);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO row_counts(name, n) VALUES (TG_ARGV[0] || '.' || TG_ARGV[1] || ':' || (to_jsonb(NEW)->>TG_ARGV[1]), 1)
      ON CONFLICT (name) DO UPDATE SET n = row_counts.n + 1;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO row_counts(name, n) VALUES (TG_ARGV[0], 1) ON CONFLICT (name) DO UPDATE SET n = row_counts.n + 1;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql
""",
    """
CREATE OR REPLACE FUNCTION forewarn_row_total() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE row_counts SET n = n - 1 WHERE name = TG_ARGV[0];
  ELSE
    INSERT INTO row_counts(name, n) VALUES (TG_ARGV[0], 1) ON CONFLICT (name) DO UPDATE SET n = row_counts.n + 1;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql
""",
]
_POSTGRES_V16_TRIGGERS = [
    "CREATE TRIGGER signal_changes_claims AFTER INSERT OR UPDATE OR DELETE ON claims "
    "FOR EACH ROW EXECUTE FUNCTION forewarn_signal_changes('id')",
    "CREATE TRIGGER signal_changes_reviews AFTER INSERT OR UPDATE OR DELETE ON claim_reviews "
    "FOR EACH ROW EXECUTE FUNCTION forewarn_signal_changes('claim_id')",
    "CREATE TRIGGER row_counts_documents AFTER INSERT OR DELETE OR UPDATE OF language ON documents "
    "FOR EACH ROW EXECUTE FUNCTION forewarn_row_counts('documents', 'language')",
    "CREATE TRIGGER row_counts_claims AFTER INSERT OR DELETE OR UPDATE OF kind ON claims "
    "FOR EACH ROW EXECUTE FUNCTION forewarn_row_counts('claims', 'kind')",
    "CREATE TRIGGER row_counts_quarantine AFTER INSERT OR DELETE ON quarantine "
    "FOR EACH ROW EXECUTE FUNCTION forewarn_row_total('quarantine')",
]


def _v16_signal_changes_and_row_counts(conn: Connection) -> None:
    """Frozen DDL. The counters start from the rows already stored; the change log starts empty (the signals
    state is unset, so the first update after this migration recomputes from every claim)."""
    frozen = MetaData()
    _create(
        conn,
        Table(
            "signal_changes",
            frozen,
            Column("seq", Integer, primary_key=True, autoincrement=True),
            Column("claim_id", String(40), nullable=False),
        ),
        Table("signal_state", frozen, Column("key", String(32), primary_key=True),
              Column("value", Text, nullable=False)),
        Table("row_counts", frozen, Column("name", String(80), primary_key=True),
              Column("n", Integer, nullable=False)),
    )
    conn.execute(text("CREATE INDEX ix_signal_claims_statement_id ON signal_claims (statement_id)"))
    conn.execute(text(
        "INSERT INTO row_counts(name, n) "
        "SELECT 'documents', count(*) FROM documents "
        "UNION ALL SELECT 'documents.language:' || language, count(*) FROM documents GROUP BY language "
        "UNION ALL SELECT 'claims', count(*) FROM claims "
        "UNION ALL SELECT 'claims.kind:' || kind, count(*) FROM claims GROUP BY kind "
        "UNION ALL SELECT 'quarantine', count(*) FROM quarantine"
    ))
    if conn.dialect.name == "sqlite":
        for statement in _SQLITE_V16_TRIGGERS:
            conn.execute(text(statement))
    else:
        for statement in [*_POSTGRES_V16_FUNCTIONS, *_POSTGRES_V16_TRIGGERS]:
            conn.execute(text(statement))
