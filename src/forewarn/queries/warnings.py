"""Warnings as read models: listed and paged in SQL; one warning with the claims behind it by statement."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, select

from .. import schema
from ..errors import NotFoundError
from ..store import Store, _row_warning
from .claims import resolve_id
from .paging import MAX_LIMIT, SortKey, checked_limit, decode_cursor, keyset, page_of, parse_date, sort_key
from .records import Page, WarningView, grouped
from .statements import STATEMENT_LIMIT, evidence_page

if TYPE_CHECKING:
    from ..places import Gazetteer

_w = schema.warnings
WARNING_SORTS: Mapping[str, SortKey] = {
    "-score": SortKey(_w.c.score, True, float),
    "score": SortKey(_w.c.score, False, float),
    "-opened": SortKey(_w.c.opened_at, True, parse_date),
    "opened": SortKey(_w.c.opened_at, False, parse_date),
    "-last_evidence": SortKey(_w.c.last_evidence_at, True, parse_date),
}


@dataclass(frozen=True)
class WarningFilter:
    open_only: bool = False
    place_ids: frozenset[str] | None = None  # see queries.places.place_scope
    since: date | None = None  # opened on or after
    until: date | None = None  # opened on or before
    narrative: str | None = None  # only this narrative's warnings
    claim_id: str | None = None  # warnings this claim is evidence for


def _conditions(flt: WarningFilter) -> list[ColumnElement[bool]]:
    c = _w.c
    found: list[ColumnElement[bool]] = []
    if flt.open_only:
        found.append(c.closed_at.is_(None))
    if flt.place_ids is not None:
        found.append(c.place_id.in_(sorted(flt.place_ids)))
    if flt.since:
        found.append(c.opened_at >= flt.since)
    if flt.until:
        found.append(c.opened_at <= flt.until)
    if flt.narrative:
        found.append(c.narrative == flt.narrative)
    if flt.claim_id:  # claim_ids is a JSON list of hex ids: the quoted id is found only as a whole element
        found.append(c.claim_ids.contains(f'"{flt.claim_id}"', autoescape=True))
    return found


def find_warnings(store: Store, flt: WarningFilter | None = None, *, sort: str = "-score", limit: int | None = None,
                  cursor: str | None = None) -> Page[WarningView]:
    """One page of warnings (without their claims: see `get_warning`)."""
    key = sort_key(WARNING_SORTS, sort)
    size = checked_limit(limit)
    after = decode_cursor(cursor, sort, key) if cursor else None
    query = keyset(select(_w).where(*_conditions(flt or WarningFilter())), key, _w.c.id, after, size)
    with store.engine.connect() as conn:
        rows = list(conn.execute(query).mappings())
    kept, following = page_of(rows, size, sort, lambda r: r[key.column.key], lambda r: r["id"])
    return Page(tuple(WarningView(_row_warning(r)) for r in kept), following, sort)


def iter_warnings(store: Store, flt: WarningFilter | None = None, *, sort: str = "opened") -> Iterator[WarningView]:
    """Every matching warning, page by page."""
    cursor: str | None = None
    while True:
        page = find_warnings(store, flt, sort=sort, limit=MAX_LIMIT, cursor=cursor)
        yield from page.items
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def get_warning(store: Store, warning_id: str, gazetteer: Gazetteer | None = None, *,
                limit: int | None = STATEMENT_LIMIT, statements_cursor: str | None = None) -> WarningView:
    """One warning by id or unique id prefix, with one page of its evidence: `limit` distinct statements (every
    one when None), oldest first, after `statements_cursor` (the `statements_cursor` of the previous page), the
    claims behind them grouped by statement, and the summary of all of it (queries.statements)."""
    with store.engine.connect() as conn:
        full = resolve_id(conn, _w.c.id, warning_id, "warning")
        row = conn.execute(select(_w).where(_w.c.id == full)).mappings().first()
    if row is None:  # deleted between the two reads
        raise NotFoundError(f"no warning with id {warning_id!r}")
    warning = _row_warning(row)
    place = None
    if gazetteer is not None:
        try:
            place = gazetteer.get(warning.place_id)
        except NotFoundError:
            place = None
    page = evidence_page(store, warning, limit=limit, cursor=statements_cursor)
    return WarningView(warning, grouped(page.claims), place, page.evidence, page.summary, page.next_cursor)
