"""Table definitions (what the queries use) and forward migrations (what builds a database).

Plain tables with readable columns, so a user can open the SQLite file in sqlite3 or Datasette. List-valued
fields are JSON text.

Migrations are an ordered list, MIGRATIONS; a database records the number it has reached. Each migration is
self-contained DDL frozen at the time it was written: it never reads the Table objects above, which describe
the *current* schema, so a column added later cannot leak into an old step. A new table, column or index means
(1) the Table objects say what the schema is now, and (2) a new function appended to MIGRATIONS says how an
existing database gets there; tests/test_migrations.py proves that a database migrated step by step from
version 1 and a fresh one both match the Table objects exactly (tables, columns, types, nullability,
defaults, keys, indexes), on SQLite and on PostgreSQL. Never edit a migration that has landed on main.

Why not Alembic's revision graph: a database's version is one integer, `Store` migrates itself on open, and
several people appending at once only renumber their function; Alembic's autogenerate comparison is still the
independent check in that test.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    TIMESTAMP,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    text,
)
from sqlalchemy.engine import Connection

from .migrations import (  # the frozen DDL of versions 1-3, 10-14 and 16
    _create,
    _v1_base_tables,
    _v2_full_text_index,
    _v3_signals,
    _v10_claim_narrative,
    _v11_postgres_search_and_unique_content,
    _v12_sentence_vectors_governorates_detector_index,
    _v13_narratives_in_signals_and_warnings,
    _v14_documents_by_detector_version,
    _v16_signal_changes_and_row_counts,
)

metadata = MetaData()

schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))

# -- full-text search on PostgreSQL -------------------------------------------------------------------------
# One GIN expression index: each document is indexed with the text-search configuration of its own language
# (stemming for Russian, Arabic, English, ...), "simple" for the rest. Only the first SEARCH_CHARS characters
# count, because a tsvector is limited to 1 MB. The query side repeats this expression so the index is used.
SEARCH_CONFIGS = {
    "ar": "arabic",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "it": "italian",
    "ru": "russian",
    "uk": "russian",  # no Ukrainian stemmer ships with PostgreSQL; Russian's is the closest
}
SEARCH_CHARS = 100_000


def search_vector_sql(configs: dict[str, str] = SEARCH_CONFIGS, chars: int = SEARCH_CHARS) -> str:
    """The tsvector expression of a document row (title and text, in its language's configuration)."""
    cases = " ".join(f"WHEN '{code}' THEN '{name}'::regconfig" for code, name in sorted(configs.items()))
    return f"to_tsvector(CASE language {cases} ELSE 'simple'::regconfig END, left(title || ' ' || text, {chars}))"


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
    Column("url_key", Text, nullable=False, default="", server_default=text("''"), index=True),  # v8: url_key(url)
    Index("ix_documents_detector_version_id", "detector_version", "id"),  # v14: undetected documents, in pages
    Index("ix_documents_search", text(search_vector_sql()), postgresql_using="gin").ddl_if(dialect="postgresql"),
    Index(  # records without an id of their own are unique by content, in the database itself
        "ux_documents_content_hash_unnamed",
        "content_hash",
        unique=True,
        sqlite_where=text("native_id = 0"),
        postgresql_where=text("NOT native_id"),
    ),
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
    Column("quoted", Boolean, nullable=False, default=False, server_default=text("FALSE")),  # as v4 wrote it
    Column("made_expression", Text, nullable=False, default="", server_default=text("''")),
    Column("narrative", String(32), nullable=False, server_default="chemical", index=True),  # detection's family
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
    Column("narrative", String(32), nullable=False, server_default="chemical", index=True),  # v13
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
    Column("source", Text, nullable=False, server_default=text("''")),  # the file or label it was loaded from
)

signals = Table(
    "signals",
    metadata,
    Column("place_id", String(64), primary_key=True),  # "*" = every claim, whatever place it names
    Column("day", Date, primary_key=True),  # the day the claims were made (claimdate), or the event day
    Column("narrative", String(32), primary_key=True, server_default="chemical"),  # v13: one row per narrative
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
    Column("narrative", String(32), nullable=False, server_default="chemical"),  # v13
    Index("ix_signal_claims_statement_id", "statement_id"),  # v16: a statement's copies, for the update
)

# -- v16 (frozen DDL in migrations.py): kept by triggers on claims, claim_reviews, documents and quarantine --
signal_changes = Table(
    "signal_changes",  # every claim written (or reviewed) since the signals were last updated, in order
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("claim_id", String(40), nullable=False),
)

signal_state = Table(
    "signal_state",  # "inputs": what the signals were computed with; "revision": bumped by every update
    metadata,
    Column("key", String(32), primary_key=True),
    Column("value", Text, nullable=False),
)

row_counts = Table(
    "row_counts",  # "documents", "documents.language:ru", "claims", "claims.kind:PREEMPTIVE", "quarantine"
    metadata,
    Column("name", String(80), primary_key=True),
    Column("n", Integer, nullable=False),
)



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


# -- v6: what the query layer filters and sorts on (forewarn.queries) --------------------------------------

claim_facets = Table(
    # One row per place a claim cites and per party it accuses, so "claims at Idlib or inside it" and "claims
    # accusing the White Helmets" are index lookups, not scans of the JSON columns. Kept in step with `claims`
    # by triggers, whoever writes the claims (detection, backfills, upserts).
    "claim_facets",
    metadata,
    Column("facet", String(16), primary_key=True),  # "place" (a cited place id), "accused", "governorate" (v12)
    Column("value", Text, primary_key=True),
    Column("claim_id", String(40), primary_key=True, index=True),
)

QUERY_INDEXES = {  # part of migration v6: never edit; a new index goes in a new migration
    # name: (table, columns); every filter and sort of forewarn.queries has one
    "ix_claims_published_id": ("claims", "published_at, id"),
    "ix_claims_score_id": ("claims", "score, id"),
    "ix_claims_claimant_published": ("claims", "claimant, published_at"),
    "ix_claims_agent_published": ("claims", "agent, published_at"),
    "ix_claims_outlet_published": ("claims", "outlet, published_at"),
    "ix_claims_stance_published": ("claims", "stance, published_at"),
    "ix_claims_language_published": ("claims", "language, published_at"),
    "ix_documents_published_id": ("documents", "published_at, id"),
    "ix_documents_outlet_published": ("documents", "outlet, published_at"),
    "ix_documents_language_published": ("documents", "language, published_at"),
    "ix_warnings_opened": ("warnings", "opened_at, place_id"),
    "ix_warnings_score": ("warnings", "score"),
    "ix_incidents_date": ("incidents", "date"),
    "ix_incidents_place": ("incidents", "place_id"),
    "ix_places_parent": ("places", "parent_id"),
}

for _name, (_table, _columns) in QUERY_INDEXES.items():  # the Table objects say what v6 built
    Index(_name, *(metadata.tables[_table].c[column.strip()] for column in _columns.split(",")))

_SQLITE_FACET_TRIGGERS = [
    "CREATE TRIGGER claim_facets_ai AFTER INSERT ON claims BEGIN {insert} END",
    "CREATE TRIGGER claim_facets_ad AFTER DELETE ON claims BEGIN "
    "DELETE FROM claim_facets WHERE claim_id = old.id; END",
    "CREATE TRIGGER claim_facets_au AFTER UPDATE OF id, places, accused ON claims BEGIN "
    "DELETE FROM claim_facets WHERE claim_id = old.id; {insert} END",
]
_SQLITE_FACET_INSERT = (
    "INSERT OR IGNORE INTO claim_facets(facet, value, claim_id) "
    "SELECT 'place', json_extract(value, '$.id'), new.id FROM json_each(new.places) "
    "WHERE json_extract(value, '$.id') IS NOT NULL; "
    "INSERT OR IGNORE INTO claim_facets(facet, value, claim_id) "
    "SELECT 'accused', value, new.id FROM json_each(new.accused) WHERE value <> '';"
)
_POSTGRES_FACET_FUNCTION = """
CREATE OR REPLACE FUNCTION forewarn_claim_facets() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM claim_facets WHERE claim_id = OLD.id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO claim_facets(facet, value, claim_id)
      SELECT DISTINCT 'place', p->>'id', NEW.id FROM jsonb_array_elements(NEW.places::jsonb) AS p
      WHERE p->>'id' IS NOT NULL
      ON CONFLICT DO NOTHING;
    INSERT INTO claim_facets(facet, value, claim_id)
      SELECT DISTINCT 'accused', a, NEW.id FROM jsonb_array_elements_text(NEW.accused::jsonb) AS a
      WHERE a <> ''
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql
"""


def _v6_query_indexes(conn: Connection) -> None:
    """Indexes behind every filter and sort of the query layer, and the claim_facets table with the triggers
    that keep it in step with `claims` (filled here from the claims already stored)."""
    for name, (table_name, columns) in QUERY_INDEXES.items():
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {table_name} ({columns})"))
    conn.execute(text(  # frozen DDL (not metadata.create_all), so this migration never changes meaning
        "CREATE TABLE IF NOT EXISTS claim_facets (facet VARCHAR(16) NOT NULL, value TEXT NOT NULL, "
        "claim_id VARCHAR(40) NOT NULL, PRIMARY KEY (facet, value, claim_id))"
    ))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_claim_facets_claim_id ON claim_facets (claim_id)"))
    if conn.dialect.name == "sqlite":
        for statement in _SQLITE_FACET_TRIGGERS:
            conn.execute(text(statement.format(insert=_SQLITE_FACET_INSERT)))
    else:
        conn.execute(text(_POSTGRES_FACET_FUNCTION))
        conn.execute(text(
            "CREATE TRIGGER claim_facets_sync AFTER INSERT OR DELETE OR UPDATE OF id, places, accused "
            "ON claims FOR EACH ROW EXECUTE FUNCTION forewarn_claim_facets()"
        ))
    conn.execute(text("UPDATE claims SET places = places"))  # fires the update trigger on stored claims


# -- v15: the kind filter in the order of each sort (forewarn.queries) -------------------------------------

# "pre-emptive claims, newest first" walks this index and stops at the page's end instead of sorting every
# pre-emptive claim (bench/api.py: the PREEMPTIVE-at-a-place listing on 100,000 documents).
KIND_INDEXES = {  # part of migration v15: never edit
    "ix_claims_kind_published_id": ("claims", "kind, published_at, id"),
    "ix_claims_kind_score_id": ("claims", "kind, score, id"),
}
for _name, (_table, _columns) in KIND_INDEXES.items():
    Index(_name, *(metadata.tables[_table].c[column.strip()] for column in _columns.split(",")))


def _v15_kind_sort_indexes(conn: Connection) -> None:
    """Frozen DDL."""
    for name, (table_name, columns) in KIND_INDEXES.items():
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {table_name} ({columns})"))


# -- v7: analyst feedback (forewarn.feedback) --------------------------------------------------------------

# (defaults and TIMESTAMP as v7's DDL wrote them: tests/test_migrations.py compares the two)
feedback = Table(
    # Every verdict an analyst gave, in order: who, when, what. Never rewritten.
    "feedback",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("claim_id", String(40), nullable=False, index=True),
    Column("verdict", String(16), nullable=False),  # right, wrong, corrected
    Column("corrections", Text, nullable=False, default="{}", server_default=text("'{}'")),  # JSON
    Column("analyst", Text, nullable=False, default="", server_default=text("''")),
    Column("note", Text, nullable=False, default="", server_default=text("''")),
    Column("created_at", TIMESTAMP, nullable=False),  # naive UTC
    Column("sentence", Text, nullable=False, default="", server_default=text("''")),  # as judged
    Column("language", String(8), nullable=False, default="", server_default=text("''")),
    Column("original", Text, nullable=False, default="{}", server_default=text("'{}'")),  # detector's
)

claim_reviews = Table(
    # The current verdict per claim (the latest feedback row): what the store applies when it reads claims.
    "claim_reviews",
    metadata,
    Column("claim_id", String(40), primary_key=True),
    Column("verdict", String(16), nullable=False, index=True),
    Column("corrections", Text, nullable=False, default="{}", server_default=text("'{}'")),
    Column("analyst", Text, nullable=False, default="", server_default=text("''")),
    Column("note", Text, nullable=False, default="", server_default=text("''")),
    Column("updated_at", TIMESTAMP, nullable=False),
)


def _v7_feedback(conn: Connection) -> None:
    """The feedback log and the current review of each claim. Frozen DDL."""
    statements = [
        "CREATE TABLE IF NOT EXISTS feedback (id VARCHAR(40) NOT NULL PRIMARY KEY, claim_id VARCHAR(40) NOT NULL, "
        "verdict VARCHAR(16) NOT NULL, corrections TEXT NOT NULL DEFAULT '{}', analyst TEXT NOT NULL DEFAULT '', "
        "note TEXT NOT NULL DEFAULT '', created_at TIMESTAMP NOT NULL, sentence TEXT NOT NULL DEFAULT '', "
        "language VARCHAR(8) NOT NULL DEFAULT '', original TEXT NOT NULL DEFAULT '{}')",
        "CREATE INDEX IF NOT EXISTS ix_feedback_claim_id ON feedback (claim_id)",
        "CREATE TABLE IF NOT EXISTS claim_reviews (claim_id VARCHAR(40) NOT NULL PRIMARY KEY, "
        "verdict VARCHAR(16) NOT NULL, corrections TEXT NOT NULL DEFAULT '{}', analyst TEXT NOT NULL DEFAULT '', "
        "note TEXT NOT NULL DEFAULT '', updated_at TIMESTAMP NOT NULL)",
        "CREATE INDEX IF NOT EXISTS ix_claim_reviews_verdict ON claim_reviews (verdict)",
    ]
    for statement in statements:
        conn.execute(text(statement))
def _v8_document_url_keys(conn: Connection) -> None:
    """documents.url_key: the article's normalised URL (canonical.url_key), a second de-duplication key so one
    article read from a feed and from its page is one document. Filled in for the documents already stored."""
    from .canonical import url_key

    if "url_key" not in {column["name"] for column in inspect(conn).get_columns("documents")}:
        conn.execute(text("ALTER TABLE documents ADD COLUMN url_key TEXT NOT NULL DEFAULT ''"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_documents_url_key ON documents (url_key)"))
    page = text("SELECT id, url FROM documents WHERE id > :last AND url <> '' ORDER BY id LIMIT 5000")
    last = ""
    while rows := conn.execute(page, {"last": last}).all():  # keyset pages: flat memory on any store
        keyed = [{"i": row[0], "k": url_key(row[1])} for row in rows]
        if part := [row for row in keyed if row["k"]]:
            conn.execute(text("UPDATE documents SET url_key = :k WHERE id = :i"), part)
        last = rows[-1][0]


sources = Table(
    "sources",  # what `forewarn watch` polls, with its health and what conditional requests need
    metadata,
    Column("name", Text, primary_key=True),
    Column("kind", String(16), nullable=False),  # feed | page | folder
    Column("location", Text, nullable=False),  # URL, or folder path
    Column("interval", Float, nullable=False),  # seconds between polls
    Column("language", String(8), nullable=False, default=""),  # hint for items that do not say
    Column("outlet", Text, nullable=False, default=""),
    Column("tier", String(16), nullable=False, default=""),  # official | state media | relay | independent
    Column("follow", Text, nullable=False, default=""),  # page: pattern of the article links to read
    Column("allow_private", Boolean, nullable=False, default=False),
    Column("added_at", DateTime, nullable=False),
    Column("etag", Text, nullable=False, default=""),
    Column("last_modified", Text, nullable=False, default=""),
    Column("body_hash", String(64), nullable=False, default=""),  # an unchanged body is not parsed again
    Column("state", Text, nullable=False, default="{}"),  # folder: files seen (size, mtime)
    Column("next_poll_at", DateTime),  # naive UTC, as every DateTime here
    Column("last_poll_at", DateTime),
    Column("last_success_at", DateTime),
    Column("last_error_at", DateTime),
    Column("last_error", Text, nullable=False, default=""),
    Column("consecutive_failures", Integer, nullable=False, default=0),
    Column("last_new_at", DateTime),  # the last poll that found something new
    Column("stale_since", DateTime),
    Column("arrivals", Text, nullable=False, default="[]"),  # recent [time, new items] of polls with news
    Column("polls", Integer, nullable=False, default=0),
    Column("not_modified", Integer, nullable=False, default=0),
    Column("failures", Integer, nullable=False, default=0),
    Column("items", Integer, nullable=False, default=0),
)

alerts = Table(
    "alerts",  # every alert raised, once: an outbox, so a crash between raising and delivering loses nothing
    metadata,
    Column("id", String(40), primary_key=True),
    Column("kind", String(24), nullable=False, index=True),  # warning-opened | warning-grew | source-stale
    Column("subject", Text, nullable=False),  # the warning id or the source name
    Column("created_at", DateTime, nullable=False),
    Column("payload", Text, nullable=False),  # the alert as JSON
    Column("logged_at", DateTime),  # written to the alert log and stdout
    Column("webhook_at", DateTime),  # POSTed (or no webhook was configured when it was logged)
    Column("command_at", DateTime),  # given to the command (or none was configured)
    Column("attempts", Integer, nullable=False, default=0),  # failed webhook/command deliveries
    Column("last_error", Text, nullable=False, default=""),
)

alerted_warnings = Table(
    "alerted_warnings",  # the state of each warning when it was last alerted (or found at the first watch)
    metadata,
    Column("warning_id", String(40), primary_key=True),
    Column("claims", Text, nullable=False),  # JSON list of its claim ids
    Column("alerted_at", DateTime, nullable=False),
)


def _v9_watch(conn: Connection) -> None:
    """The watched sources, the alert outbox, and each warning's state when last alerted (frozen DDL: the same
    tables as defined above when this migration was written; a later column goes in a migration of its own)."""
    frozen = MetaData()
    _create(
        conn,
        Table(
            "sources",
            frozen,
            Column("name", Text, primary_key=True),
            Column("kind", String(16), nullable=False),
            Column("location", Text, nullable=False),
            Column("interval", Float, nullable=False),
            Column("language", String(8), nullable=False),
            Column("outlet", Text, nullable=False),
            Column("tier", String(16), nullable=False),
            Column("follow", Text, nullable=False),
            Column("allow_private", Boolean, nullable=False),
            Column("added_at", DateTime, nullable=False),
            Column("etag", Text, nullable=False),
            Column("last_modified", Text, nullable=False),
            Column("body_hash", String(64), nullable=False),
            Column("state", Text, nullable=False),
            Column("next_poll_at", DateTime),
            Column("last_poll_at", DateTime),
            Column("last_success_at", DateTime),
            Column("last_error_at", DateTime),
            Column("last_error", Text, nullable=False),
            Column("consecutive_failures", Integer, nullable=False),
            Column("last_new_at", DateTime),
            Column("stale_since", DateTime),
            Column("arrivals", Text, nullable=False),
            Column("polls", Integer, nullable=False),
            Column("not_modified", Integer, nullable=False),
            Column("failures", Integer, nullable=False),
            Column("items", Integer, nullable=False),
        ),
        Table(
            "alerts",
            frozen,
            Column("id", String(40), primary_key=True),
            Column("kind", String(24), nullable=False, index=True),
            Column("subject", Text, nullable=False),
            Column("created_at", DateTime, nullable=False),
            Column("payload", Text, nullable=False),
            Column("logged_at", DateTime),
            Column("webhook_at", DateTime),
            Column("command_at", DateTime),
            Column("attempts", Integer, nullable=False),
            Column("last_error", Text, nullable=False),
        ),
        Table(
            "alerted_warnings",
            frozen,
            Column("warning_id", String(40), primary_key=True),
            Column("claims", Text, nullable=False),
            Column("alerted_at", DateTime, nullable=False),
        ),
    )


sentence_vectors = Table(
    "sentence_vectors",  # v12: linking's sentence embeddings (float32 bytes), keyed by model and sentence
    metadata,
    Column("key", String(40), primary_key=True),
    Column("vector", LargeBinary, nullable=False),
)


MIGRATIONS: list[Callable[[Connection], None]] = [
    _v1_base_tables,
    _v2_full_text_index,
    _v3_signals,
    _v4_claim_dates,
    _v5_incident_status,
    _v6_query_indexes,
    _v7_feedback,
    _v8_document_url_keys,
    _v9_watch,
    _v10_claim_narrative,
    _v11_postgres_search_and_unique_content,
    _v12_sentence_vectors_governorates_detector_index,
    _v13_narratives_in_signals_and_warnings,
    _v14_documents_by_detector_version,
    _v15_kind_sort_indexes,
    _v16_signal_changes_and_row_counts,
]
LATEST_VERSION = len(MIGRATIONS)
