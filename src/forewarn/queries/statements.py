"""A warning's evidence, paged by distinct statement.

A warning can stand on a thousand claims or more. Its evidence is read as distinct statements
(forewarn.evidence: copies folded, and one claimant's sentences in one document folded), oldest first.
Folding needs every claim's statement, document, kind and claimant, but nothing else. So a page is built in
two steps:

1. one narrow query reads those few columns (and the day, outlet and language) of every claim behind the
   warning; the statements are folded and ordered from them, and the summary counted;
2. only the claims of this page's statements are read in full (`claims_by_id`), and each statement is built
   by `forewarn.evidence.read_statement`, exactly as when every claim is read (tests/test_warning_pages.py).

The cursor is a keyset position (the day the last statement was made, its id), so statements added while a
reader pages do not shift what it sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import NamedTuple

from sqlalchemy import String, select, type_coerce

from .. import schema
from ..errors import ConfigError
from ..evidence import WarningEvidence, read_statement
from ..model import Warning
from ..signals import fold_documents, statement_of
from ..store import Store
from .claims import CHUNK, claims_by_id
from .paging import SortKey, decode_cursor, encode_cursor, parse_date
from .records import ClaimView, EvidenceSummary

STATEMENT_LIMIT = 20  # statements on a warning's first page
MAX_STATEMENT_LIMIT = 100
ORDER = "made"  # the only order: the day each statement was made, undated last, then its id
_ORDER_KEY = SortKey(schema.claims.c.made_on, False, parse_date)
_c = schema.claims
# The two days as the driver gives them (SQLite: ISO text; PostgreSQL: date and datetime): a thousand rows'
# dates parsed into objects cost more than the query, and only their day is needed (`_day`).
_NARROW = (_c.c.id, _c.c.statement_id, _c.c.document_id, _c.c.kind, _c.c.claimant,
           type_coerce(_c.c.published_at, String), type_coerce(_c.c.made_on, String), _c.c.outlet, _c.c.language)


class _Narrow(NamedTuple):
    """The columns of a claim that fold and order a warning's statements."""

    id: str
    statement_id: str
    document_id: str
    kind: str
    claimant: str
    published_at: str | datetime | None  # naive UTC
    made_on: str | date | None
    outlet: str
    language: str


@dataclass(frozen=True)
class _Folded:
    statement_id: str
    made_on: date | None
    claim_ids: tuple[str, ...]
    members: tuple[str, ...]


@dataclass(frozen=True)
class EvidencePage:
    """One page of a warning's statements: the evidence, the claims behind it, and where the next page starts."""

    evidence: WarningEvidence
    claims: tuple[ClaimView, ...]  # the claims of this page's statements
    summary: EvidenceSummary
    next_cursor: str | None


def checked_statement_limit(limit: int | None) -> int | None:
    """None means every statement (the CLI, the exports); otherwise 1 … MAX_STATEMENT_LIMIT."""
    if limit is not None and not 1 <= limit <= MAX_STATEMENT_LIMIT:
        raise ConfigError(f"limit must be between 1 and {MAX_STATEMENT_LIMIT}, not {limit}")
    return limit


def _day(value: str | date | None) -> str | None:
    """A stored day or time as its ISO day (YYYY-MM-DD), which sorts as the day does."""
    if value is None or isinstance(value, str):
        return value[:10] if value else None
    if isinstance(value, datetime):
        value = (value.astimezone(UTC) if value.tzinfo else value).date()
    return value.isoformat()


def _made_day(row: _Narrow) -> str | None:
    """signals.made_day of a narrow row, as an ISO day: the day made (never after it became public), else the
    day it became public."""
    public = _day(row.published_at)
    if public is None or row.made_on is None:
        return public
    return min(_day(row.made_on) or public, public)


def _narrow_rows(store: Store, claim_ids: Sequence[str]) -> list[_Narrow]:
    wanted = list(dict.fromkeys(claim_ids))
    found: dict[str, _Narrow] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(wanted), CHUNK):
            query = select(*_NARROW).where(_c.c.id.in_(wanted[start : start + CHUNK]))
            found.update((row[0], _Narrow._make(row)) for row in conn.execute(query).all())
    return [found[i] for i in wanted if i in found]  # the warning's order, as claims_by_id keeps it


def _fold(rows: Sequence[_Narrow]) -> list[_Folded]:
    """The warning's distinct statements, as forewarn.evidence.statements_of folds and orders them."""
    keys = {row.id: statement_of(row) for row in rows}
    folded = fold_documents(rows, keys)
    claims: dict[str, list[str]] = {}
    members: dict[str, set[str]] = {}
    made: dict[str, str] = {}
    for row in rows:
        key = folded[row.id]
        claims.setdefault(key, []).append(row.id)
        members.setdefault(key, set()).add(keys[row.id])
        if (day := _made_day(row)) is not None and (key not in made or day < made[key]):
            made[key] = day
    found = [_Folded(key, date.fromisoformat(made[key]) if key in made else None, tuple(ids),
                     tuple(sorted(members[key]))) for key, ids in claims.items()]
    return sorted(found, key=lambda s: (s.made_on or date.max, s.statement_id))


def _summary(rows: Sequence[_Narrow], statements: Sequence[_Folded]) -> EvidenceSummary:
    documents = {key: set[str]() for key in (s.statement_id for s in statements)}
    by_id = {row.id: row for row in rows}
    for statement in statements:
        documents[statement.statement_id].update(by_id[i].document_id for i in statement.claim_ids)
    return EvidenceSummary(
        statements=len(statements), claims=len(rows), copies=sum(len(d) for d in documents.values()),
        outlets=tuple(sorted({row.outlet for row in rows} - {""})),
        languages=tuple(sorted({row.language for row in rows} - {""})),
    )


def _start(statements: Sequence[_Folded], cursor: str | None) -> int:
    """The index of the first statement after the cursor's position."""
    if not cursor:
        return 0
    made, statement_id = decode_cursor(cursor, ORDER, _ORDER_KEY)
    after = (made or date.max, statement_id)
    return next((i for i, s in enumerate(statements) if (s.made_on or date.max, s.statement_id) > after),
                len(statements))


def evidence_page(store: Store, warning: Warning, *, limit: int | None = STATEMENT_LIMIT,
                  cursor: str | None = None) -> EvidencePage:
    """One page of `limit` distinct statements behind `warning` (every statement when None), after `cursor`."""
    size = checked_statement_limit(limit)
    rows = _narrow_rows(store, warning.claim_ids)
    statements = _fold(rows)
    start = _start(statements, cursor)
    end = len(statements) if size is None else start + size
    shown = statements[start:end]
    following = None
    if end < len(statements) and shown:
        last = shown[-1]
        following = encode_cursor(ORDER, last.made_on, last.statement_id)
    views = claims_by_id(store, [i for s in shown for i in s.claim_ids])
    by_id = {v.id: v for v in views}
    links = {v.claim.document_id: v.source.url for v in views if v.source.url}
    read = tuple(read_statement(s.statement_id, [by_id[i].claim for i in s.claim_ids if i in by_id], links,
                                s.members)
                 for s in shown if any(i in by_id for i in s.claim_ids))
    return EvidencePage(WarningEvidence(warning, read), tuple(views), _summary(rows, statements), following)


__all__ = ["MAX_STATEMENT_LIMIT", "ORDER", "STATEMENT_LIMIT", "EvidencePage", "evidence_page"]
