"""What the store holds (stats), the quarantine and the incidents, as read models."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from .. import schema
from ..model import Incident, Quarantined
from ..store import Store
from .paging import SortKey, checked_limit, decode_cursor, keyset, page_of, parse_datetime, sort_key
from .records import NarrativeWeek, Page


@dataclass(frozen=True)
class Stats:
    """Counts of what the store holds. `figures` keeps the store's own keys (documents, claims, …)."""

    figures: Mapping[str, Any]

    def rows(self) -> list[tuple[str, str]]:
        """(label, value) lines for a table: nested counts flattened as "claims: PREEMPTIVE"."""
        found: list[tuple[str, str]] = []
        for key, value in self.figures.items():
            if isinstance(value, Mapping):
                found.extend((f"{key.replace('_', ' ')}: {k}", f"{v:,}") for k, v in value.items())
            elif isinstance(value, int):
                found.append((key.replace("_", " "), f"{value:,}"))
            else:
                found.append((key.replace("_", " "), "" if value is None else str(value)))
        return found


def stats(store: Store) -> Stats:
    """The store's counts, plus the documents in languages forewarn has no language pack for, with how it reads
    them ("pt (encoder)": the model alone; "et (partial)": an encoder that only shares the script; "unknown
    (none)": no language identified) — never silently as English."""
    from ..detect import language_support

    figures = dict(store.stats())
    without: dict[str, int] = {}
    for language, count in figures.get("languages", {}).items():
        support = language_support("" if language == "unknown" else language)
        if support != "pack":
            without[f"{language} ({support})"] = count
    figures["languages_without_pack"] = without
    return Stats(figures)


_q = schema.quarantine
QUARANTINE_SORTS: Mapping[str, SortKey] = {
    "created": SortKey(_q.c.created_at, False, parse_datetime),
    "-created": SortKey(_q.c.created_at, True, parse_datetime),
}


def find_quarantined(store: Store, *, sort: str = "created", limit: int | None = None,
                     cursor: str | None = None) -> Page[Quarantined]:
    key = sort_key(QUARANTINE_SORTS, sort)
    size = checked_limit(limit)
    after = decode_cursor(cursor, sort, key) if cursor else None
    with store.engine.connect() as conn:
        rows = list(conn.execute(keyset(select(_q), key, _q.c.id, after, size)).mappings())
    kept, following = page_of(rows, size, sort, lambda r: r["created_at"], lambda r: r["id"])
    items = tuple(Quarantined(r["origin"], r["position"], r["reason"], r["raw"]) for r in kept)
    return Page(items, following, sort)


@dataclass(frozen=True)
class IncidentFilter:
    place_ids: frozenset[str] | None = None
    since: date | None = None
    until: date | None = None
    status: str | None = None  # "confirmed" or "alleged"


def find_incidents(store: Store, flt: IncidentFilter | None = None) -> list[Incident]:
    """Incidents in date order (a few hundred at most: no paging)."""
    flt = flt or IncidentFilter()
    c = schema.incidents.c
    query = select(schema.incidents).order_by(c.date, c.place)
    if flt.place_ids is not None:
        query = query.where(c.place_id.in_(sorted(flt.place_ids)))
    if flt.since:
        query = query.where(c.date >= flt.since)
    if flt.until:
        query = query.where(c.date <= flt.until)
    if flt.status:
        query = query.where(c.status == flt.status)
    with store.engine.connect() as conn:
        return [Incident(**{k: v for k, v in row.items() if k != "id"}) for row in conn.execute(query).mappings()]


def narrative_weeks(store: Store) -> list[NarrativeWeek]:
    """New statements per narrative and week (a statement counts once, in the week of its first copy; claims
    analysts marked wrong are left out), narratives by name, weeks in order."""
    c, reviews = schema.claims.c, schema.claim_reviews.c
    statement = func.coalesce(c.statement_id, c.id)
    query = (
        select(c.narrative, c.kind, func.min(c.published_at))
        .where(c.published_at.is_not(None), c.id.not_in(select(reviews.claim_id).where(reviews.verdict == "wrong")))
        .group_by(statement, c.kind, c.narrative)
    )
    weeks: dict[tuple[str, date], list[int]] = defaultdict(lambda: [0, 0])
    with store.engine.connect() as conn:
        for name, kind, first in conn.execute(query):
            day = first.date()
            counts = weeks[(str(name), day - timedelta(days=day.weekday()))]
            counts[0 if kind == "PREEMPTIVE" else 1] += 1
    return [NarrativeWeek(name, week, pre, retro) for (name, week), (pre, retro) in sorted(weeks.items())]


def last_claim_day(store: Store) -> date | None:
    """The day of the newest dated claim (the map's "recent" counts back from it, not from today: a store of
    archived media is as recent as its last document)."""
    with store.engine.connect() as conn:
        newest = conn.execute(select(func.max(schema.claims.c.published_at))).scalar()
    return newest.date() if newest is not None else None
