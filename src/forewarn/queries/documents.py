"""Documents as read models: full-text search, filters and keyset paging in SQL; one document with its claims."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, select

from .. import schema
from ..errors import NotFoundError
from ..store import Store, _row_document
from .claims import CHUNK, ClaimFilter, day_start, iter_claims, resolve_id, text_match, text_query
from .paging import SortKey, checked_limit, decode_cursor, keyset, page_of, parse_datetime, sort_key
from .records import DocumentView, Page

_d = schema.documents
DOCUMENT_SORTS: Mapping[str, SortKey] = {
    "-published": SortKey(_d.c.published_at, True, parse_datetime),
    "published": SortKey(_d.c.published_at, False, parse_datetime),
}


@dataclass(frozen=True)
class DocumentFilter:
    text: str | None = None  # full-text query (words, all required)
    outlet: tuple[str, ...] | None = None
    language: tuple[str, ...] | None = None
    source: str | None = None
    since: date | None = None
    until: date | None = None


def _conditions(store: Store, flt: DocumentFilter) -> list[ColumnElement[bool]]:
    c = _d.c
    found: list[ColumnElement[bool]] = []
    if flt.text:
        found.append(text_match(store.engine.dialect.name, text_query(store, flt.text)))
    if flt.outlet is not None:
        found.append(c.outlet.in_(sorted(set(flt.outlet))))
    if flt.language is not None:
        found.append(c.language.in_(sorted(set(flt.language))))
    if flt.source:
        found.append(c.source == flt.source)
    if flt.since:
        found.append(c.published_at >= day_start(flt.since))
    if flt.until:
        found.append(c.published_at < day_start(flt.until + timedelta(days=1)))
    return found


def find_documents(store: Store, flt: DocumentFilter | None = None, *, sort: str = "-published",
                   limit: int | None = None, cursor: str | None = None) -> Page[DocumentView]:
    key = sort_key(DOCUMENT_SORTS, sort)
    size = checked_limit(limit)
    after = decode_cursor(cursor, sort, key) if cursor else None
    query = keyset(select(_d).where(*_conditions(store, flt or DocumentFilter())), key, _d.c.id, after, size)
    with store.engine.connect() as conn:
        rows = list(conn.execute(query).mappings())
    kept, following = page_of(rows, size, sort, lambda r: r["published_at"], lambda r: r["id"])
    return Page(tuple(DocumentView(_row_document(r)) for r in kept), following, sort)


def documents_by_id(store: Store, document_ids: Iterable[str]) -> dict[str, DocumentView]:
    """These documents (those that exist) by id, without their claims."""
    wanted = sorted(set(document_ids))
    found: dict[str, DocumentView] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(wanted), CHUNK):
            for row in conn.execute(select(_d).where(_d.c.id.in_(wanted[start : start + CHUNK]))).mappings():
                found[row["id"]] = DocumentView(_row_document(row))
    return found


def get_document(store: Store, document_id: str) -> DocumentView:
    """One document by id or unique id prefix, with the claims found in it."""
    with store.engine.connect() as conn:
        full = resolve_id(conn, _d.c.id, document_id, "document")
        row = conn.execute(select(_d).where(_d.c.id == full)).mappings().first()
    if row is None:
        raise NotFoundError(f"no document with id {document_id!r}")
    claims = tuple(iter_claims(store, ClaimFilter(document_id=full)))
    return DocumentView(_row_document(row), claims)
