"""The store: SQLAlchemy Core over a SQLite file (default) or PostgreSQL (by URL).

Every write of a batch is one transaction, so a crash never leaves half a batch, and every insert is keyed by
a stable id, so a re-run writes exactly what is missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import bindparam, delete, func, insert, select, text, tuple_, update
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.exc import SQLAlchemyError

from . import schema
from .canonical import same_article, url_key
from .database import exclusive, insert_ignoring, make_engine, mask, store_error, upsert
from .errors import StoreError
from .model import Claim, Document, Evidence, Incident, IngestSummary, Place, PlaceRef, Quarantined, Warning, stable_id

MAX_RAW_CHARS = 2000


def _naive_utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _aware_utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=UTC)


def database_url(path_or_url: str | Path) -> str:
    """A SQLAlchemy URL for a plain file path ("forewarn.db", "~/x.db") or a URL given as is."""
    text = str(path_or_url)
    return text if "://" in text else f"sqlite:///{Path(text).expanduser()}"


class Store:
    """All reads and writes of forewarn's tables. Open with a SQLAlchemy URL or a SQLite file path; migrates on
    open."""

    def __init__(self, url: str | Path, *, migrate: bool = True) -> None:
        url = database_url(url)
        self.url = url  # may hold a password: messages use display_url
        self.engine = make_engine(url)
        # State derived from this database and kept between calls on this handle (the warnings replay's
        # checkpoint, forewarn.warning); each entry checks a revision stored in the database before it is used.
        self.derived: dict[str, Any] = {}
        if migrate:
            self.migrate()

    # -- schema ---------------------------------------------------------------------------------------
    @property
    def display_url(self) -> str:
        """The URL with any password masked: the only form that goes into messages."""
        return mask(self.url)

    def version(self) -> int:
        try:
            with self.engine.connect() as conn:
                return _version(conn)
        except SQLAlchemyError as exc:
            raise store_error("cannot read database", exc, self.url) from exc

    def migrate(self, target: int = schema.LATEST_VERSION) -> int:
        """Apply the missing forward migrations up to `target`, each in order, all in one transaction;
        returns the version reached. Concurrent openers wait for each other (see database.exclusive)."""
        current = self._check_version(self.version())
        if current >= target:
            return current
        try:
            with self.engine.begin() as conn:
                exclusive(conn)
                schema.metadata.create_all(conn, tables=[schema.schema_version])
                current = self._check_version(_version(conn))  # another process may have migrated meanwhile
                for version in range(current + 1, target + 1):
                    schema.MIGRATIONS[version - 1](conn)
                    conn.execute(delete(schema.schema_version))
                    conn.execute(insert(schema.schema_version).values(version=version))
        except SQLAlchemyError as exc:
            raise store_error("cannot migrate database", exc, self.url) from exc
        return max(current, target)

    def _check_version(self, current: int) -> int:
        if current > schema.LATEST_VERSION:
            raise StoreError(
                f"database {self.display_url} has schema version {current}, newer than this forewarn "
                f"({schema.LATEST_VERSION}); upgrade forewarn"
            )
        return current

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- documents ------------------------------------------------------------------------------------
    def add_documents(self, batch: Sequence[Document]) -> IngestSummary:
        """Insert a batch in one transaction. A document is a duplicate when its id (source + source_ref)
        is stored, or, for a record without an id of its own, when its content hash is, or when a document
        with the same canonical URL holds the same article (canonical.py; the fuller text is kept). The insert
        is ON CONFLICT DO NOTHING, so a concurrent writer of the same records cannot make it fail, and the
        counts are exact: `new` is what this call inserted."""
        new = len(self.insert_documents(batch))
        return IngestSummary(read=len(batch), new=new, duplicate=len(batch) - new)

    def insert_documents(self, batch: Sequence[Document]) -> list[Document]:
        """As add_documents; returns the documents this call inserted, in batch order."""
        try:
            with self.engine.begin() as conn:
                return [d for d, _ in self._insert_documents(conn, batch, None)]
        except SQLAlchemyError as exc:
            raise store_error("cannot store documents in", exc, self.url) from exc

    def unseen_documents(self, batch: Sequence[Document]) -> list[Document]:
        """The documents of `batch` not stored yet by id or content hash, each once (what is worth detecting
        before `insert_detected`, which checks again in its own transaction)."""
        try:
            with self.engine.connect() as conn:
                return self._unseen(conn, batch)
        except SQLAlchemyError as exc:
            raise store_error("cannot read documents from", exc, self.url) from exc

    def insert_detected(self, batch: Sequence[Document], claims: Mapping[str, Sequence[Claim]], version: str
                        ) -> tuple[list[Document], int]:
        """As insert_documents, for documents already read by detector `version` (`claims` by document id): in
        the same transaction the inserted documents are stored as read and their claims written. A document
        the store merged with a copy (a fuller text under a stored id) is stored unread: the claims in hand
        are of the other text. Returns the inserted documents and the number of claims written."""
        try:
            with self.engine.begin() as conn:
                inserted = self._insert_documents(conn, batch, version)
                found = [c for d, read in inserted if read for c in claims.get(d.id, ())]
                _write_claims(conn, found)
        except SQLAlchemyError as exc:
            raise store_error("cannot store documents in", exc, self.url) from exc
        return [d for d, _ in inserted], len({c.id for c in found})

    def _insert_documents(self, conn: Connection, batch: Sequence[Document], version: str | None
                          ) -> list[tuple[Document, bool]]:
        """The documents inserted, each with whether it was stored as read by `version`."""
        now = datetime.now(UTC).replace(tzinfo=None)
        table = schema.documents
        fresh = self._same_url_merged(conn, self._unseen(conn, batch), now)
        if not fresh:
            return []
        given = {id(d) for d in batch} if version else set()  # a merged copy is a new object: stored unread
        rows = [_document_row(d, now, version if id(d) in given else None) for d in fresh]
        inserted = set(conn.execute(insert_ignoring(conn, table).returning(table.c.id), rows).scalars())
        return [(d, id(d) in given) for d in fresh if d.id in inserted]

    def _unseen(self, conn: Connection, batch: Sequence[Document]) -> list[Document]:
        table = schema.documents
        ids = {d.id for d in batch}
        hashes = {d.content_hash for d in batch if not d.native_id}
        known_ids = set(conn.execute(select(table.c.id).where(table.c.id.in_(ids))).scalars())
        known_hashes: set[str] = set()
        if hashes:
            query = select(table.c.content_hash).where(table.c.content_hash.in_(hashes))
            known_hashes = set(conn.execute(query).scalars())
        fresh: list[Document] = []
        for doc in batch:
            key_hash = doc.content_hash if not doc.native_id else None
            if doc.id in known_ids or (key_hash and key_hash in known_hashes):
                continue
            known_ids.add(doc.id)
            if key_hash:
                known_hashes.add(key_hash)
            fresh.append(doc)
        return fresh

    def _same_url_merged(self, conn: Connection, fresh: list[Document], now: datetime) -> list[Document]:
        """`fresh` without the documents that are another road to an article stored (or earlier in the batch)
        under the same url_key. When the newcomer's text is fuller, the stored row takes it under its own id
        (deleted and re-inserted, so the full-text index follows; detection runs on it again)."""
        keys = {url_key(d.url) for d in fresh} - {""}
        if not keys:
            return fresh
        table = schema.documents
        known: dict[str, list[Document]] = {}
        for part in _chunks(sorted(keys), 500):
            for row in conn.execute(select(table).where(table.c.url_key.in_(part))).mappings():
                known.setdefault(row["url_key"], []).append(_row_document(row))
        kept: dict[str, Document] = {}  # id -> document still to insert
        for doc in fresh:
            key = url_key(doc.url)
            same = (d for d in known.get(key, []) if same_article(d.title, d.text, doc.title, doc.text))
            earlier = next(same, None) if key else None
            if earlier is None:
                kept[doc.id] = doc
                if key:
                    known.setdefault(key, []).append(doc)
                continue
            if len(doc.text) <= len(earlier.text):
                continue  # a duplicate: the stored text is at least as full
            fuller = _fuller(earlier, doc)
            known[key] = [fuller if d is earlier else d for d in known[key]]
            if earlier.id in kept:
                kept[earlier.id] = fuller
            else:
                conn.execute(delete(table).where(table.c.id == earlier.id))
                conn.execute(insert(table), [_document_row(fuller, now)])
        return list(kept.values())

    def add_quarantined(self, items: Iterable[Quarantined]) -> int:
        now = datetime.now(UTC).replace(tzinfo=None)
        rows = {stable_id(q.origin, q.position, q.reason): q for q in items}
        if not rows:
            return 0
        table = schema.quarantine
        try:
            with self.engine.begin() as conn:
                known = set(conn.execute(select(table.c.id).where(table.c.id.in_(rows))).scalars())
                new = [
                    {**asdict(q), "raw": q.raw[:MAX_RAW_CHARS], "id": key, "created_at": now}
                    for key, q in rows.items()
                    if key not in known
                ]
                if not new:
                    return 0
                return len(list(conn.execute(insert_ignoring(conn, table).returning(table.c.id), new)))
        except SQLAlchemyError as exc:
            raise store_error("cannot store quarantined records in", exc, self.url) from exc

    def iter_quarantined(self, limit: int | None = None) -> Iterator[Quarantined]:
        table = schema.quarantine
        query = select(table).order_by(table.c.created_at, table.c.origin).limit(limit)
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                yield Quarantined(row["origin"], row["position"], row["reason"], row["raw"])

    def get_document(self, document_id: str) -> Document | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(schema.documents).where(schema.documents.c.id == document_id)
            ).mappings().first()
        return _row_document(row) if row else None

    def iter_documents(self, *, undetected_by: str | None = None, chunk: int = 1000) -> Iterator[Document]:
        """All documents in id order; with `undetected_by`, only those that detector version has not read (not
        read at all, then read by other versions). Read in chunks by keyset paging, so memory stays flat on any
        archive size; each page is one range of an index, whatever the share of documents already read."""
        table = schema.documents
        if undetected_by is None:
            yield from self._document_pages(table.c.id, (), chunk)
            return
        version = table.c.detector_version
        yield from self._document_pages(table.c.id, (version.is_(None),), chunk)
        for other in (version < undetected_by, version > undetected_by):
            yield from self._document_pages(tuple_(version, table.c.id), (other,), chunk)

    def _document_pages(self, key: Any, where: tuple[Any, ...], chunk: int) -> Iterator[Document]:
        """Documents matching `where` in the order of `key` (the id, or a tuple of columns ending with it)."""
        columns = key.clauses if hasattr(key, "clauses") else (key,)
        query = select(schema.documents).where(*where).order_by(*columns).limit(chunk)
        after: Any = None
        while True:
            page = query if after is None else query.where(key > after)
            with self.engine.connect() as conn:
                rows = list(conn.execute(page).mappings())
            if not rows:
                return
            yield from (_row_document(row) for row in rows)
            last = rows[-1]
            after = tuple(last[c.key] for c in columns) if len(columns) > 1 else last[columns[0].key]

    def get_documents(self, ids: Iterable[str]) -> list[Document]:
        table = schema.documents
        wanted = list(dict.fromkeys(ids))
        found: dict[str, Document] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), 500):
                query = select(table).where(table.c.id.in_(wanted[start : start + 500]))
                found.update((row["id"], _row_document(row)) for row in conn.execute(query).mappings())
        return [found[i] for i in wanted if i in found]

    def search_documents(self, query: str = "", limit: int = 20, offset: int = 0) -> list[Document]:
        """Newest first. `query` is words, all of which must occur (stemmed per document language on
        PostgreSQL; SQLite's FTS5 folds case and diacritics); it is never parsed as query syntax."""
        table = schema.documents
        stmt = select(table).order_by(table.c.published_at.desc(), table.c.id).limit(limit).offset(offset)
        dialect = self.engine.dialect.name
        if query and dialect == "sqlite":
            matches = text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q")
            stmt = stmt.where(text("documents.rowid IN (" + matches.text + ")")).params(q=_fts_query(query))
        elif query and dialect == "postgresql":
            stmt = stmt.where(text(f"{schema.search_vector_sql()} @@ ({_tsquery_sql()})")).params(q=query)
        elif query:
            pattern = f"%{query}%"
            stmt = stmt.where(table.c.title.ilike(pattern) | table.c.text.ilike(pattern))
        try:
            with self.engine.connect() as conn:
                return [_row_document(row) for row in conn.execute(stmt).mappings()]
        except SQLAlchemyError as exc:
            raise store_error("search failed in", exc, self.url) from exc

    # -- claims ---------------------------------------------------------------------------------------
    def replace_claims(self, document_ids: Iterable[str], found: Iterable[Claim], version: str) -> int:
        """Replace the claims of these documents with `found`, and mark them read by `version`."""
        ids = sorted(set(document_ids))  # one lock order for every writer: concurrent detectors cannot deadlock
        found = list(found)
        table = schema.claims
        try:
            with self.engine.begin() as conn:
                for start in range(0, len(ids), 500):
                    part = ids[start : start + 500]
                    conn.execute(delete(table).where(table.c.document_id.in_(part)))
                    conn.execute(
                        update(schema.documents)
                        .where(schema.documents.c.id.in_(part))
                        .values(detector_version=version)
                    )
                _write_claims(conn, found)
        except SQLAlchemyError as exc:
            raise store_error("cannot store claims in", exc, self.url) from exc
        return len({c.id for c in found})

    def iter_claims(
        self,
        *,
        kind: str | None = None,
        place_ids: Iterable[str] | None = None,
        since: date | None = None,
        until: date | None = None,
        claimant: str | None = None,
        document_id: str | None = None,
        narrative: str | None = None,
        ids: Iterable[str] | None = None,
        statement_ids: Iterable[str] | None = None,
        unlinked: bool = False,
    ) -> Iterator[Claim]:
        """Claims in publication order. `place_ids` matches any place a claim cites (callers pass a place
        with its descendants); `claimant` is a case-insensitive substring; `narrative` one narrative family;
        `ids` and `statement_ids` these claims or statements only; `unlinked` claims not linked yet."""
        table = schema.claims
        query = select(table).order_by(table.c.published_at, table.c.id)
        if place_ids is not None:  # by index (claim_facets), not by reading every claim's places
            facets = schema.claim_facets.c
            cited = select(facets.claim_id).where(facets.facet == "place", facets.value.in_(sorted(set(place_ids))))
            query = query.where(table.c.id.in_(cited))
        if ids is not None:
            query = query.where(table.c.id.in_(sorted(set(ids))))
        if statement_ids is not None:
            query = query.where(table.c.statement_id.in_(sorted(set(statement_ids))))
        if unlinked:
            query = query.where(table.c.statement_id == "")
        if narrative:
            query = query.where(table.c.narrative == narrative)
        if kind:
            query = query.where(table.c.kind == kind.upper())
        if since:
            query = query.where(table.c.published_at >= datetime.combine(since, datetime.min.time()))
        if until:
            query = query.where(table.c.published_at < datetime.combine(until, datetime.max.time()))
        if claimant:
            query = query.where(table.c.claimant.ilike(f"%{claimant}%"))
        if document_id:
            query = query.where(table.c.document_id == document_id)
        from .feedback import current_reviews, judged

        with self.engine.connect() as conn:
            reviews = current_reviews(conn)  # analysts' verdicts: a claim marked wrong is left out, corrections apply
            for row in conn.execute(query).mappings():
                claim = judged(_row_claim(row), reviews)
                if claim is not None:
                    yield claim

    def judged_claims(
        self, *, ids: Iterable[str] = (), statement_ids: Iterable[str] = (), everything: bool = False
    ) -> dict[str, Claim]:
        """Claims as the analysts judged them (those marked wrong left out), keyed by their *stored* id — a
        corrected kind gives a claim another computed `Claim.id`, its row keeps the first — whose id is in `ids` or
        statement id in `statement_ids` (or `everything`), read by index in chunks."""
        from .feedback import current_reviews, judged

        table = schema.claims
        wanted = [(table.c.id, sorted(set(ids))), (table.c.statement_id, sorted(set(statement_ids)))]
        queries = [select(table)] if everything else [
            select(table).where(column.in_(part)) for column, keys in wanted for part in _chunks(keys, 500)
        ]
        found: dict[str, Claim] = {}
        with self.engine.connect() as conn:
            reviews = current_reviews(conn)
            for query in queries:
                for row in conn.execute(query).mappings():
                    claim = judged(_row_claim(row), reviews)
                    if claim is not None:
                        found[row["id"]] = claim
        return found

    def set_statement_ids(self, mapping: dict[str, str]) -> None:
        """Store cross-outlet statement ids: {claim_id: statement_id}, in one executemany (pass only the
        ones that changed)."""
        if not mapping:
            return
        table = schema.claims
        statement = (
            update(table).where(table.c.id == bindparam("claim_id")).values(statement_id=bindparam("statement"))
        )
        rows = [{"claim_id": key, "statement": value} for key, value in sorted(mapping.items())]
        try:
            with self.engine.begin() as conn:
                conn.execute(statement, rows)
        except SQLAlchemyError as exc:
            raise store_error("cannot store statement ids in", exc, self.url) from exc

    def claims_sharing_a_statement(self) -> int:
        """How many claims share their statement id with at least one other claim."""
        table = schema.claims
        shared = select(table.c.statement_id).where(table.c.statement_id != "").group_by(table.c.statement_id)
        shared = shared.having(func.count() > 1)
        with self.engine.connect() as conn:
            query = select(func.count()).select_from(table).where(table.c.statement_id.in_(shared))
            return int(conn.execute(query).scalar() or 0)

    # -- places, incidents, warnings ------------------------------------------------------------------
    def replace_places(self, entries: Iterable[Place]) -> int:
        rows = [{**asdict(p), "aliases": json.dumps(list(p.aliases), ensure_ascii=False)} for p in entries]
        with self.engine.begin() as conn:
            conn.execute(delete(schema.places))
            if rows:
                conn.execute(insert(schema.places), rows)
        return len(rows)

    def replace_incidents(self, entries: Iterable[Incident]) -> int:
        """Make `entries` the whole stored set of incidents, confirmed and alleged alike."""
        return self.add_incidents(entries, replace=True)["stored"]

    def add_incidents(self, entries: Iterable[Incident], *, replace: bool = False) -> dict[str, int]:
        """Add incidents to the stored set in one transaction; one already stored (same date and place) is
        updated, so a re-load never duplicates. With `replace`, the stored set is emptied first.
        Returns counts: added, updated, stored (the whole set afterwards)."""
        rows = {i.id: {**asdict(i), "id": i.id} for i in entries}
        table = schema.incidents
        with self.engine.begin() as conn:
            if replace:
                conn.execute(delete(table))
                known: set[str] = set()
            else:
                known = set(conn.execute(select(table.c.id).where(table.c.id.in_(list(rows)))).scalars())
                if known:
                    conn.execute(delete(table).where(table.c.id.in_(list(known))))
            if rows:
                conn.execute(insert(table), list(rows.values()))
            stored = int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
        return {"added": len(rows) - len(known), "updated": len(known), "stored": stored}

    def iter_incidents(self, *, status: str | None = None) -> Iterator[Incident]:
        """Stored incidents by date; `status` ("confirmed" or "alleged") keeps only that set."""
        table = schema.incidents
        query = select(table).order_by(table.c.date, table.c.place)
        if status is not None:
            query = query.where(table.c.status == status)
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                values = {k: v for k, v in row.items() if k != "id"}
                yield Incident(**values)

    def replace_warnings(self, entries: Iterable[Warning]) -> int:
        rows = [_warning_row(w) for w in entries]
        with self.engine.begin() as conn:
            conn.execute(delete(schema.warnings))
            if rows:
                conn.execute(insert(schema.warnings), rows)
        return len(rows)

    def iter_warnings(self, *, open_only: bool = False, place_ids: Iterable[str] | None = None) -> Iterator[Warning]:
        table = schema.warnings
        query = select(table).order_by(table.c.opened_at, table.c.place_id)
        if open_only:
            query = query.where(table.c.closed_at.is_(None))
        if place_ids is not None:
            query = query.where(table.c.place_id.in_(list(place_ids)))
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                yield _row_warning(row)

    # -- overview -------------------------------------------------------------------------------------
    def count(self, table_name: str) -> int:
        table = schema.metadata.tables[table_name]
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)

    def stats(self) -> dict[str, Any]:
        """Counts from the row_counts table (kept by triggers, schema v16: a million documents are not counted
        again), the small tables counted, and the first and last publication day (one index seek each)."""
        counts: dict[str, Any] = {}
        with self.engine.connect() as conn:
            kept = {row.name: int(row.n) for row in conn.execute(select(schema.row_counts))}
            for name in ("documents", "claims", "quarantine"):
                counts[name] = kept.get(name, 0)
            for name in ("warnings", "incidents", "places"):
                table = schema.metadata.tables[name]
                counts[name] = int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
            docs = schema.documents
            # two statements: min and max together make SQLite scan the index, each alone is one index seek
            span = [conn.execute(select(bound(docs.c.published_at))).scalar() for bound in (func.min, func.max)]
        by_kind = {k.removeprefix("claims.kind:"): n for k, n in kept.items() if k.startswith("claims.kind:") and n}
        languages = {(k.removeprefix("documents.language:") or "unknown"): n for k, n in kept.items()
                     if k.startswith("documents.language:") and n}  # fmt: skip
        counts["quarantined"] = counts.pop("quarantine")
        counts["claims_by_kind"] = dict(sorted(by_kind.items()))
        counts["languages"] = dict(sorted(languages.items(), key=lambda item: (-item[1], item[0])))
        counts["first_published"] = span[0].date().isoformat() if span[0] else None
        counts["last_published"] = span[1].date().isoformat() if span[1] else None
        counts["schema_version"] = self.version()
        return counts


def _write_claims(conn: Connection, found: Sequence[Claim]) -> None:
    """Upsert claims in id order (one lock order for every writer), then their governorate facets."""
    rows = {c.id: _claim_row(c) for c in found}
    if not rows:
        return
    conn.execute(upsert(conn, schema.claims, ["id"]), [rows[k] for k in sorted(rows)])
    governorates = [g for claim in found for g in _governorate_facets(claim)]
    if governorates:  # after the upsert: the v6 update trigger rewrites a claim's facets
        conn.execute(insert_ignoring(conn, schema.claim_facets), governorates)


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _fuller(stored: Document, newcomer: Document) -> Document:
    """The stored document (its id, source and first sighting) with the newcomer's fuller text."""
    extra = {**stored.extra, "fuller_text_from": newcomer.origin or newcomer.url}
    return replace(
        stored,
        text=newcomer.text,
        title=stored.title or newcomer.title,
        published_at=stored.published_at or newcomer.published_at,
        language=stored.language or newcomer.language,
        extra=extra,
    )


def _version(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "schema_version"):
        return 0
    return int(conn.execute(select(func.max(schema.schema_version.c.version))).scalar() or 0)


def _tsquery_sql() -> str:
    """The words of :q as a PostgreSQL tsquery under every configuration documents are indexed with, OR-ed:
    a document matches when all words match under its own language's stemming."""
    configs = sorted({*schema.SEARCH_CONFIGS.values(), "simple"})
    return " || ".join(f"plainto_tsquery('{name}', :q)" for name in configs)


def _fts_query(query: str) -> str:
    """Quote each word so user input is never FTS syntax (a stray quote or AND cannot break the query)."""
    words = [w.replace('"', "") for w in query.split()]
    return " ".join(f'"{w}"' for w in words if w)


def _document_row(doc: Document, now: datetime, detector_version: str | None = None) -> dict[str, Any]:
    return {
        "id": doc.id,
        "source": doc.source,
        "source_ref": doc.source_ref,
        "outlet": doc.outlet,
        "url": doc.url,
        "published_at": _naive_utc(doc.published_at),
        "date_kind": doc.date_kind,
        "language": doc.language,
        "title": doc.title,
        "text": doc.text,
        "content_hash": doc.content_hash,
        "native_id": doc.native_id,
        "origin": doc.origin,
        "position": doc.position,
        "extra": json.dumps(dict(doc.extra), ensure_ascii=False),
        "ingested_at": _naive_utc(doc.ingested_at) or now,
        "detector_version": detector_version,
        "url_key": url_key(doc.url),
    }


def _row_document(row: RowMapping) -> Document:
    return Document(
        source=row["source"],
        source_ref=row["source_ref"],
        text=row["text"],
        title=row["title"],
        outlet=row["outlet"],
        url=row["url"],
        published_at=_aware_utc(row["published_at"]),
        date_kind=row["date_kind"],
        language=row["language"],
        origin=row["origin"],
        position=row["position"],
        native_id=bool(row["native_id"]),
        extra=json.loads(row["extra"] or "{}"),
        ingested_at=_aware_utc(row["ingested_at"]),
    )


def _claim_row(claim: Claim) -> dict[str, Any]:
    first = claim.places[0] if claim.places else None
    return {
        "id": claim.id,
        "document_id": claim.document_id,
        "kind": claim.kind,
        "stance": claim.stance,
        "claimant": claim.claimant,
        "accused": json.dumps(list(claim.accused), ensure_ascii=False),
        "agent": claim.agent,
        "place_id": first.id if first else None,
        "governorate_id": first.governorate_id if first else None,
        "places": json.dumps([asdict(p) for p in claim.places], ensure_ascii=False),
        "predicted_date": claim.predicted_date,
        "span_start": claim.evidence.start,
        "span_end": claim.evidence.end,
        "sentence": claim.evidence.sentence,
        "cues": json.dumps(list(claim.evidence.cues), ensure_ascii=False),
        "score": claim.score,
        "detector_version": claim.detector_version,
        "language": claim.language,
        "published_at": _naive_utc(claim.published_at),
        "date_kind": claim.date_kind,
        "outlet": claim.outlet,
        "source_ref": claim.source_ref,
        "statement_id": claim.statement_id,
        "made_on": claim.made_on,
        "quoted": claim.quoted,
        "made_expression": claim.made_expression,
        "narrative": claim.narrative,
    }


def _governorate_facets(claim: Claim) -> list[dict[str, str]]:
    """claim_facets rows for the governorates of the places a claim cites (linking's blocks)."""
    governorates = sorted({p.governorate_id for p in claim.places if p.governorate_id})
    return [{"facet": "governorate", "value": g, "claim_id": claim.id} for g in governorates]


def _row_claim(row: RowMapping) -> Claim:
    # orjson: a third of the time json.loads takes for these small lists; claim pages read 3 per claim
    return Claim(
        document_id=row["document_id"],
        kind=row["kind"],
        stance=row["stance"],
        evidence=Evidence(row["span_start"], row["span_end"], row["sentence"], tuple(orjson.loads(row["cues"]))),
        score=row["score"],
        detector_version=row["detector_version"],
        claimant=row["claimant"],
        accused=tuple(orjson.loads(row["accused"])),
        agent=row["agent"],
        places=tuple(PlaceRef(**p) for p in orjson.loads(row["places"])),
        predicted_date=row["predicted_date"],
        language=row["language"],
        published_at=_aware_utc(row["published_at"]),
        date_kind=row["date_kind"],
        outlet=row["outlet"],
        source_ref=row["source_ref"],
        statement_id=row["statement_id"],
        made_on=row["made_on"],
        quoted=bool(row["quoted"]),
        made_expression=row["made_expression"],
        narrative=row["narrative"],
    )


def _warning_row(warning: Warning) -> dict[str, Any]:
    row = asdict(warning)
    for key in ("claim_ids", "outlets", "claimants", "context"):
        row[key] = json.dumps(list(row[key]), ensure_ascii=False)
    row["id"] = warning.id
    return row


def _row_warning(row: RowMapping) -> Warning:
    values = {k: v for k, v in row.items() if k != "id"}
    for key in ("claim_ids", "outlets", "claimants", "context"):
        values[key] = tuple(json.loads(values[key]))
    return Warning(**values)
