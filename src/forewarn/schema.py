"""Table definitions and forward migrations.

Plain tables with readable columns, so a user can open the SQLite file in sqlite3 or Datasette. List-valued
fields are JSON text. Each migration moves the schema up one version and is applied once, in order; a new
table or column means a new migration appended to MIGRATIONS, never an edit to an old one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
    inspect,
    text,
)
from sqlalchemy.engine import Connection

metadata = MetaData()

schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))

documents = Table(
    "documents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("source", Text, nullable=False),
    Column("source_ref", Text, nullable=False),
    Column("outlet", Text, nullable=False, default=""),
    Column("url", Text, nullable=False, default=""),
    Column("published_at", DateTime, index=True),  # naive UTC
    Column("date_kind", String(16), nullable=False, default="published"),
    Column("language", String(8), nullable=False, default=""),
    Column("title", Text, nullable=False, default=""),
    Column("text", Text, nullable=False, default=""),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("native_id", Boolean, nullable=False, default=True),
    Column("origin", Text, nullable=False, default=""),
    Column("position", Text, nullable=False, default=""),
    Column("extra", Text, nullable=False, default="{}"),
    Column("ingested_at", DateTime, nullable=False),
    Column("detector_version", String(32)),  # the detector that last read it; NULL = not yet read
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("origin", Text, nullable=False),
    Column("position", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("raw", Text, nullable=False, default=""),
    Column("created_at", DateTime, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("document_id", String(40), nullable=False, index=True),
    Column("kind", String(16), nullable=False, index=True),
    Column("stance", String(16), nullable=False),
    Column("claimant", Text, nullable=False, default=""),
    Column("accused", Text, nullable=False, default="[]"),
    Column("agent", Text, nullable=False, default=""),
    Column("place_id", Text, index=True),  # the most specific place, for quick filtering
    Column("governorate_id", Text, index=True),
    Column("places", Text, nullable=False, default="[]"),
    Column("predicted_date", Date),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("cues", Text, nullable=False, default="[]"),
    Column("score", Float, nullable=False),
    Column("detector_version", String(32), nullable=False),
    Column("language", String(8), nullable=False, default=""),
    Column("published_at", DateTime, index=True),
    Column("date_kind", String(16), nullable=False, default="published"),
    Column("outlet", Text, nullable=False, default=""),
    Column("source_ref", Text, nullable=False, default=""),
    Column("statement_id", String(40), nullable=False, default="", index=True),
    Column("made_on", Date, index=True),  # v4: when the statement was made (claimdate); NULL = not yet read
    Column("quoted", Boolean, nullable=False, default=False, server_default=false()),
    Column("made_expression", Text, nullable=False, default="", server_default=""),
)

places = Table(
    "places",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("level", String(16), nullable=False),
    Column("parent_id", String(64)),
    Column("country", String(8), nullable=False, default=""),
    Column("lat", Float),
    Column("lon", Float),
    Column("aliases", Text, nullable=False, default="[]"),
)

warnings = Table(
    "warnings",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("place_id", String(64), nullable=False, index=True),
    Column("place_name", Text, nullable=False),
    Column("level", String(16), nullable=False),
    Column("opened_at", Date, nullable=False),
    Column("last_evidence_at", Date, nullable=False),
    Column("closed_at", Date),
    Column("score", Float, nullable=False),
    Column("claim_ids", Text, nullable=False, default="[]"),
    Column("outlets", Text, nullable=False, default="[]"),
    Column("claimants", Text, nullable=False, default="[]"),
    Column("context", Text, nullable=False, default="[]"),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("date", Date, nullable=False),
    Column("place", Text, nullable=False),
    Column("governorate", Text, nullable=False, default=""),
    Column("place_id", String(64), nullable=False, default=""),
    Column("lat", Float),
    Column("lon", Float),
    Column("agent", Text, nullable=False, default=""),
    Column("finding", Text, nullable=False, default=""),
    Column("attributed_to", Text, nullable=False, default=""),
    Column("report", Text, nullable=False, default=""),
    Column("status", String(16), nullable=False, server_default="confirmed", index=True),  # or "alleged"
    Column("source", Text, nullable=False, server_default=""),  # the file or label it was loaded from
)

BASE_TABLES = (documents, quarantine, claims, places, warnings, incidents)


def _v1_base_tables(conn: Connection) -> None:
    metadata.create_all(conn, tables=list(BASE_TABLES))


def _v2_full_text_index(conn: Connection) -> None:
    """SQLite only: an FTS5 index over title and text, kept in step by triggers. PostgreSQL searches
    with ILIKE (or its own text-search configs, which need no migration here)."""
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


signals = Table(
    "signals",
    metadata,
    Column("place_id", String(64), primary_key=True),  # "*" = every claim, whatever place it names
    Column("day", Date, primary_key=True),  # the claims' publication day (UTC), or event day if that is all
    Column("name", Text, nullable=False, default=""),
    Column("level", String(16), nullable=False, default=""),
    Column("preemptive", Integer, nullable=False, default=0),  # statements first seen here that day
    Column("preemptive_weight", Float, nullable=False, default=0.0),
    Column("direct_preemptive", Integer, nullable=False, default=0),  # of which naming this place itself
    Column("retrospective", Integer, nullable=False, default=0),
    Column("documents", Integer, nullable=False, default=0),
    Column("outlets", Text, nullable=False, default="[]"),
    Column("claimants", Text, nullable=False, default="[]"),
    Column("event_dated", Integer, nullable=False, default=0),  # claims dated by the event, not publication
    Column("detail", Text, nullable=False, default="[]"),  # JSON: per-claim evidence and weight increments
)

signal_claims = Table(
    "signal_claims",  # the claims the signals table was last computed from, to update it incrementally
    metadata,
    Column("claim_id", String(40), primary_key=True),
    Column("statement_id", String(40), nullable=False, default=""),
    Column("day", Date),
    Column("place_ids", Text, nullable=False, default="[]"),
)


def _v3_signals(conn: Connection) -> None:
    metadata.create_all(conn, tables=[signals, signal_claims])


def _v4_claim_dates(conn: Connection) -> None:
    """When each claim was made (forewarn.claimdate). Frozen DDL; a column a store already has is skipped.
    Existing claims get NULL (their document's day) until they are detected again."""
    present = {c["name"] for c in inspect(conn).get_columns("claims")}
    statements = {
        "made_on": "ALTER TABLE claims ADD COLUMN made_on DATE",
        "quoted": "ALTER TABLE claims ADD COLUMN quoted BOOLEAN NOT NULL DEFAULT FALSE",
        "made_expression": "ALTER TABLE claims ADD COLUMN made_expression TEXT NOT NULL DEFAULT ''",
    }
    for name, statement in statements.items():
        if name not in present:
            conn.execute(text(statement))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_claims_made_on ON claims (made_on)"))


def _v5_incident_status(conn: Connection) -> None:
    """Whether an incident is confirmed or only alleged, and the list it came from. Incidents stored before
    this were loaded as the backtest's confirmed attacks, so they keep that status. (A database created
    fresh by version 1 already has the columns: version 1 builds the tables as defined above.)"""
    present = {c["name"] for c in inspect(conn).get_columns("incidents")}
    if "status" not in present:
        conn.execute(text("ALTER TABLE incidents ADD COLUMN status VARCHAR(16) DEFAULT 'confirmed' NOT NULL"))
        conn.execute(text("CREATE INDEX ix_incidents_status ON incidents (status)"))
    if "source" not in present:
        conn.execute(text("ALTER TABLE incidents ADD COLUMN source TEXT DEFAULT '' NOT NULL"))


MIGRATIONS: list[Callable[[Connection], None]] = [
    _v1_base_tables,
    _v2_full_text_index,
    _v3_signals,
    _v4_claim_dates,
    _v5_incident_status,
]
LATEST_VERSION = len(MIGRATIONS)
