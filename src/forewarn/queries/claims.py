"""Claims as read models: filtered, sorted and keyset-paged in SQL, each with the document it came from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Select, and_, bindparam, func, select, text
from sqlalchemy.engine import Connection, Row, RowMapping

from .. import schema
from ..errors import ConfigError, NotFoundError
from ..store import Store, _row_claim
from .paging import (
    SortKey,
    bound_keyset,
    checked_limit,
    cursor_form,
    decode_cursor,
    ordered,
    page_of,
    parse_datetime,
    sort_key,
)
from .records import ClaimView, Page, SourceRef, Statement, grouped

KINDS = ("PREEMPTIVE", "RETROSPECTIVE")
STANCES = ("asserted", "reported")
REVIEWS = ("right", "wrong", "corrected", "unreviewed")
FACETS = ("claimant", "accused", "agent", "outlet", "stance", "language", "kind", "narrative")
CHUNK = 500  # ids per IN (...) list
WALK_FACTOR = 2  # a step of the walk costs about twice a step of the gathering (measured: bench/api.py)

_c, _d, _r = schema.claims, schema.documents, schema.claim_reviews
REVIEW_PREFIX = "review_"  # the analyst review's columns in a claim row (_select)
CLAIM_SORTS: Mapping[str, SortKey] = {
    "published": SortKey(_c.c.published_at, False, parse_datetime),
    "-published": SortKey(_c.c.published_at, True, parse_datetime),
    "score": SortKey(_c.c.score, False, float),
    "-score": SortKey(_c.c.score, True, float),
}


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims to list. Tuple fields match any of their values exactly (the values `facets` lists; an
    empty tuple matches nothing, None does not filter); `place_ids` is a place with everything inside it (see
    queries.places.place_scope)."""

    kind: str | None = None
    narrative: str | None = None
    place_ids: frozenset[str] | None = None
    claimant: tuple[str, ...] | None = None
    accused: tuple[str, ...] | None = None
    agent: tuple[str, ...] | None = None
    outlet: tuple[str, ...] | None = None
    stance: str | None = None
    language: tuple[str, ...] | None = None
    since: date | None = None  # published on or after this day (UTC)
    until: date | None = None  # published on or before this day
    document_id: str | None = None
    statement_id: str | None = None
    text: str | None = None  # full-text query over the claims' documents
    review: str | None = None  # an analyst verdict (right, wrong, corrected) or "unreviewed"

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind.upper() not in KINDS:
            raise ConfigError(f"kind is one of {', '.join(KINDS)}, not {self.kind!r}")
        if self.review is not None and self.review not in REVIEWS:
            raise ConfigError(f"review is one of {', '.join(REVIEWS)}, not {self.review!r}")
        if self.stance is not None and self.stance not in STANCES:
            raise ConfigError(f"stance is one of {', '.join(STANCES)}, not {self.stance!r}")
        if self.since and self.until and self.since > self.until:
            raise ConfigError(f"since ({self.since}) is after until ({self.until})")


def day_start(day: date) -> datetime:
    """Midnight UTC as stored (naive UTC)."""
    return datetime.combine(day, time.min)


# The filter fields a claims query binds as parameters, in the order of their conditions. A query is built (and
# its cache key hashed) once per shape: which fields are set, the sort, the cursor's form, the place filter's
# form, the backend. Building the SQL and hashing it for SQLAlchemy's cache cost more than running it.
SHAPE_FIELDS = ("kind", "narrative", "place_ids", "accused", "claimant", "agent", "outlet", "language", "stance",
                "since", "until", "document_id", "statement_id", "text", "review")


def _shape(flt: ClaimFilter) -> tuple[str, ...]:
    return tuple(name for name in SHAPE_FIELDS if getattr(flt, name) not in (None, ""))


def _params(store: Store, flt: ClaimFilter) -> dict[str, Any]:
    """The values the conditions of `_conditions` bind, by parameter name."""
    params: dict[str, Any] = {}
    for name in _shape(flt):
        value = getattr(flt, name)
        if name == "kind":
            value = value.upper()
        elif name in ("place_ids", "accused", "claimant", "agent", "outlet", "language"):
            value = sorted(set(value))
        elif name == "since":
            value = day_start(value)
        elif name == "until":
            value = day_start(value + timedelta(days=1))
        elif name == "text":
            value = text_query(store, value)
        elif name == "review" and value == "unreviewed":
            continue
        params[name] = value
    return params


def _bound(name: str, expanding: bool = False) -> BindParameter[Any]:
    return bindparam(name, expanding=expanding)


def _conditions(dialect: str, shape: tuple[str, ...], review: str | None = None, *,
                walk_places: bool = False) -> list[ColumnElement[bool]]:
    """The conditions of a filter of this shape on claims, with its values as bound parameters (`_params`).
    `review`: "unreviewed" or a verdict (the two are different SQL). `walk_places`: test the place of each
    claim met in sort order (for a scope that most claims are in, see `_walks_places`) instead of gathering
    the scope's claims first."""
    c, facets = _c.c, schema.claim_facets.c
    found: list[ColumnElement[bool]] = []

    def facet(name: str, parameter: str) -> ColumnElement[bool]:
        inner = select(facets.claim_id).where(facets.facet == name, facets.value.in_(_bound(parameter, True)))
        return c.id.in_(inner)

    for name in shape:
        if name in ("kind", "narrative", "stance", "document_id", "statement_id"):
            found.append(c[name] == _bound(name))
        elif name == "place_ids" and walk_places:
            # Correlated on the claim id: `facet || ''` keeps the planner off the (facet, value, claim_id) key,
            # which would probe every place of the scope for every claim, and on the claim_id index (a few rows).
            cited = select(facets.claim_id).where(facets.claim_id == c.id, (facets.facet + "") == "place",
                                                  facets.value.in_(_bound(name, True)))
            found.append(cited.exists())
        elif name == "place_ids":
            found.append(facet("place", name))
        elif name == "accused":
            found.append(facet("accused", name))
        elif name in ("claimant", "agent", "outlet", "language"):
            found.append(c[name].in_(_bound(name, True)))
        elif name == "since":
            found.append(c.published_at >= _bound(name))
        elif name == "until":
            found.append(c.published_at < _bound(name))
        elif name == "text":
            found.append(c.document_id.in_(select(_d.c.id).where(text_match(dialect))))
        elif name == "review":
            reviews = schema.claim_reviews.c
            if review == "unreviewed":
                found.append(c.id.not_in(select(reviews.claim_id)))
            else:
                found.append(c.id.in_(select(reviews.claim_id).where(reviews.verdict == _bound(name))))
    return found


def where(store: Store, flt: ClaimFilter) -> tuple[list[ColumnElement[bool]], dict[str, Any]]:
    """The filter's conditions on claims and the parameters to execute them with (for counts and facets)."""
    return _conditions(store.engine.dialect.name, _shape(flt), flt.review), _params(store, flt)


def text_query(store: Store, query: str) -> str:
    """A user's full-text query as the value `text_match` binds: on SQLite an FTS5 query of each word quoted
    (user input is never FTS syntax), elsewhere a substring pattern."""
    words = [w.replace('"', "") for w in query.split()]
    words = [w for w in words if w]
    if not words:
        raise ConfigError("the search query has no words")
    if store.engine.dialect.name == "sqlite":
        return " ".join(f'"{w}"' for w in words)
    return f"%{' '.join(words)}%"


def text_match(dialect: str, value: str | None = None) -> ColumnElement[bool]:
    """Documents matching a full-text query (see `text_query`): SQLite FTS5, elsewhere a case-insensitive
    substring of the title or text. `value`: the query, bound here; None: bound at execution as "text"."""

    def bound() -> BindParameter[Any]:
        return _bound("text") if value is None else bindparam("text", value)

    if dialect == "sqlite":
        matches = "documents.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH :text)"
        return and_(text(matches).bindparams(bound()))
    return _d.c.title.ilike(bound()) | _d.c.text.ilike(bound())


@cache
def _columns() -> tuple[ColumnElement[Any], ...]:
    """A claim row: the claim, its analyst review and its document's fields (built once: 40 labelled columns
    cost more to build than to read)."""
    d = _d.c
    return (
        *_c.c,
        *(column.label(REVIEW_PREFIX + column.key) for column in _r.c if column.key != "claim_id"),
        d.title.label("doc_title"),
        d.url.label("doc_url"),
        d.outlet.label("doc_outlet"),
        d.source.label("doc_source"),
        d.source_ref.label("doc_source_ref"),
        d.published_at.label("doc_published_at"),
        d.date_kind.label("doc_date_kind"),
        d.language.label("doc_language"),
    )


@cache
def _select() -> Select[Any]:
    """Claim rows (`_columns`) in one query."""
    return select(*_columns()).select_from(
        _c.outerjoin(_d, _d.c.id == _c.c.document_id).outerjoin(_r, _r.c.claim_id == _c.c.id))


@lru_cache(maxsize=1024)
def _page_query(dialect: str, shape: tuple[str, ...], review: str | None, walk: bool, sort: str,
                after: str | None) -> Select[Any]:
    """One page of claim rows as one query: the page's ids and sort values in a narrow subquery the indexes
    answer (filtered, keyset-ordered, limited), joined to the full rows, so the documents are read for the
    page alone and not for every matching claim before the sort. Built once per shape (see SHAPE_FIELDS); the
    values, the cursor and the limit are bound parameters."""
    key = CLAIM_SORTS[sort]
    narrow = select(_c.c.id.label("page_id"), key.column.label("page_key")).where(
        *_conditions(dialect, shape, review, walk_places=walk))
    page = bound_keyset(narrow, key, _c.c.id, after).subquery("page")
    joined = page.join(_c, _c.c.id == page.c.page_id).outerjoin(_d, _d.c.id == _c.c.document_id).outerjoin(
        _r, _r.c.claim_id == _c.c.id)
    return ordered(select(*_columns(), page.c.page_key).select_from(joined), page.c.page_key, page.c.page_id,
                   key.descending)


def _source(row: RowMapping) -> SourceRef:
    published = row["doc_published_at"]
    return SourceRef(
        document_id=row["document_id"],
        title=row["doc_title"] or "",
        url=row["doc_url"] or "",
        outlet=row["doc_outlet"] or "",
        source=row["doc_source"] or "",
        source_ref=row["doc_source_ref"] or "",
        published_at=published.replace(tzinfo=UTC) if published else None,
        date_kind=row["doc_date_kind"] or "published",
        language=row["doc_language"] or "",
    )


def _views(rows: Sequence[RowMapping]) -> list[ClaimView]:
    from ..feedback import review_from_row

    return [ClaimView(_row_claim(row), _source(row),
                      review_from_row(row, REVIEW_PREFIX) if row[REVIEW_PREFIX + "verdict"] else None)
            for row in rows]


def find_claim_rows(store: Store, flt: ClaimFilter | None = None, *, sort: str = "-published",
                    limit: int | None = None, cursor: str | None = None) -> Page[Row[Any]]:
    """One page of claims matching `flt`, in `sort` order (see CLAIM_SORTS), as rows of the claim, its review
    and its document (the columns of `_columns`): what forewarn.serialise.claim_row_json writes as JSON without
    building a record per claim. `find_claims` gives the same page as read models."""
    flt = flt or ClaimFilter()
    key = sort_key(CLAIM_SORTS, sort)
    size = checked_limit(limit)
    after = decode_cursor(cursor, sort, key) if cursor else None
    params = {**_params(store, flt), "limit": size + 1}
    if after is not None:
        params["after_id"] = after[1]
        if after[0] is not None:
            params["after_value"] = after[0]
    dialect = store.engine.dialect.name
    with store.engine.connect() as conn:
        walk = flt.place_ids is not None and _walks_places(conn, params["place_ids"], size)
        query = _page_query(dialect, _shape(flt), flt.review, walk, sort, cursor_form(after))
        rows = conn.execute(query, params).all()
    kept, following = page_of(rows, size, sort, lambda r: r[-1], lambda r: r[0])
    return Page(tuple(kept), following, sort)


def find_claims(store: Store, flt: ClaimFilter | None = None, *, sort: str = "-published", limit: int | None = None,
                cursor: str | None = None) -> Page[ClaimView]:
    """One page of claims matching `flt`, in `sort` order (see CLAIM_SORTS)."""
    page = find_claim_rows(store, flt, sort=sort, limit=limit, cursor=cursor)
    return Page(tuple(_views([row._mapping for row in page.items])), page.next_cursor, page.sort)


def _walks_places(conn: Connection, place_ids: list[str], limit: int) -> bool:
    """Whether a page of claims in this place scope is found faster by walking the claims in sort order and
    testing each one's places than by gathering the scope's claims and sorting them. Gathering costs about
    one step per claim of the scope (`cited`); walking about total / cited steps per claim of the page, a few
    times dearer each: for Idlib governorate (two in five claims) walking is ten times faster, for one town
    (one in forty) twenty times slower. An index-only count and the kept total decide."""
    cited = conn.execute(_cited_count(), {"place_ids": place_ids}).scalar() or 0
    if cited <= limit:
        return False
    total = conn.execute(_kept_total()).scalar()
    if total is None:  # no counter row (nothing written since the counters came): count
        total = conn.execute(_total_count()).scalar() or 0
    return cited * cited >= WALK_FACTOR * (limit + 1) * total


@cache
def _cited_count() -> Select[Any]:
    facets = schema.claim_facets.c
    return select(func.count()).where(facets.facet == "place", facets.value.in_(_bound("place_ids", True)))


@cache
def _kept_total() -> Select[Any]:
    """The number of claims as the row_counts triggers keep it (schema v16): one row read, where counting
    the claims' index costs a step per claim (a millisecond or more per place-filtered page at 1M documents)."""
    counts = schema.row_counts.c
    return select(counts.n).where(counts.name == "claims")


@cache
def _total_count() -> Select[Any]:
    return select(func.count()).select_from(_c)


def iter_claims(store: Store, flt: ClaimFilter | None = None, *, sort: str = "published",
                chunk: int = 500) -> Iterable[ClaimView]:
    """Every matching claim, page by page (for exports and the CLI's unlimited listings)."""
    cursor: str | None = None
    while True:
        page = find_claims(store, flt, sort=sort, limit=chunk, cursor=cursor)
        yield from page.items
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def count_claims(store: Store, flt: ClaimFilter | None = None) -> int:
    conditions, params = where(store, flt or ClaimFilter())
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(_c).where(*conditions), params).scalar() or 0)


def claims_by_id(store: Store, claim_ids: Iterable[str]) -> list[ClaimView]:
    """These claims (those that exist), in the order asked."""
    wanted = list(dict.fromkeys(claim_ids))
    found: dict[str, ClaimView] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(wanted), CHUNK):
            rows = list(conn.execute(_select().where(_c.c.id.in_(wanted[start : start + CHUNK]))).mappings())
            found.update((v.id, v) for v in _views(rows))
    return [found[i] for i in wanted if i in found]


def resolve_id(conn: Connection, column: ColumnElement[Any], given: str, what: str) -> str:
    """The one stored id equal to `given` or starting with it (ids are lower-case hex)."""
    prefix = given.strip().lower()
    if not prefix or any(ch not in "0123456789abcdef" for ch in prefix):
        raise NotFoundError(f"no {what} with id {given!r} (ids are hexadecimal)")
    # A range on the primary key, so the lookup is an index seek on every backend ("g" sorts after "f").
    query = select(column).where(column >= prefix, column < prefix + "g").order_by(column).limit(2)
    found = list(conn.execute(query).scalars())
    if not found:
        raise NotFoundError(f"no {what} with id {given!r}")
    if len(found) > 1 and found[0] != prefix:
        raise ConfigError(f"{what} id {given!r} is ambiguous ({found[0]}, {found[1]}, …): give more characters")
    return str(found[0])


def get_claim(store: Store, claim_id: str) -> ClaimView:
    """One claim by id or unique id prefix."""
    with store.engine.connect() as conn:
        full = resolve_id(conn, _c.c.id, claim_id, "claim")
        rows = list(conn.execute(_select().where(_c.c.id == full)).mappings())
        return _views(rows)[0]


def statement(store: Store, claim_id: str) -> Statement:
    """A claim with every linked copy of its statement, across outlets and languages."""
    claim = get_claim(store, claim_id)
    if not claim.claim.statement_id:
        return Statement(claim.id, (claim,))
    copies = list(iter_claims(store, ClaimFilter(statement_id=claim.claim.statement_id)))
    return grouped(copies)[0] if copies else Statement(claim.claim.statement_id, (claim,))


def facets(store: Store, name: str, flt: ClaimFilter | None = None, *, limit: int = 200) -> list[tuple[str, int]]:
    """The values of one claim field with how many claims have each, most frequent first (for pickers and for
    turning a user's "ministry" into the exact claimants it names)."""
    if name not in FACETS:
        raise ConfigError(f"unknown facet {name!r}; known: {', '.join(FACETS)}")
    conditions, params = where(store, flt or ClaimFilter())
    if name == "accused":
        facet = schema.claim_facets.c
        column: ColumnElement[Any] = facet.value
        base = select(column, func.count()).select_from(
            schema.claim_facets.join(_c, _c.c.id == facet.claim_id)
        ).where(facet.facet == "accused")
    else:
        column = _c.c[name]
        base = select(column, func.count()).select_from(_c)
    query = base.where(*conditions).group_by(column).order_by(func.count().desc(), column).limit(limit)
    with store.engine.connect() as conn:
        return [(str(value), int(n)) for value, n in conn.execute(query, params) if value]


def matching_values(store: Store, name: str, text: str | None) -> tuple[str, ...] | None:
    """The stored values of a field that contain `text` (case-insensitive): a user's "ministry" becomes every
    claimant naming one. An exact value comes back alone; None (no filter) when `text` is empty, () when nothing
    matches."""
    if not text:
        return None
    wanted = text.casefold()
    values = [v for v, _ in facets(store, name, limit=100_000)]
    exact = [v for v in values if v.casefold() == wanted]
    return tuple(exact or [v for v in values if wanted in v.casefold()])
