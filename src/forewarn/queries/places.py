"""Places as read models: hierarchy, claim counts, signal series, and the counts behind the map."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from .. import schema
from ..errors import NotFoundError
from ..model import Place
from ..store import Store
from .claims import day_start
from .records import PlaceCount, PlaceView, SeriesPoint, WeekVolume

if TYPE_CHECKING:
    from ..places import Gazetteer

ALL_PLACES = "*"  # the signals row of the whole narrative (signals.ALL_PLACES)


def resolve_place(gazetteer: Gazetteer, name_or_id: str) -> Place:
    """A place by gazetteer id ("SY-ID", "geonames:170592") or by name in any of its spellings."""
    given = name_or_id.strip()
    try:
        return gazetteer.get(given)
    except NotFoundError:
        pass
    place = gazetteer.resolve(given) or gazetteer.resolve(given, country="")
    if place is None:
        raise NotFoundError(f"no place called {name_or_id!r} in the gazetteer")
    return place


def place_scope(gazetteer: Gazetteer, name_or_id: str, *, containing: bool = False) -> frozenset[str]:
    """The ids of a place and everything inside it; with `containing`, also the places that contain it (an
    analyst asking about Douma wants the Eastern Ghouta warning too)."""
    place = resolve_place(gazetteer, name_or_id)
    found = set(gazetteer.descendants(place.id))
    if containing:
        found |= {p.id for p in gazetteer.ancestors(place.id)}
    return frozenset(found)


def children(gazetteer: Gazetteer, place_id: str) -> list[Place]:
    """The places directly inside one: those inside it whose parent is not itself inside it (a governorate's
    districts; a region's member towns)."""
    inside = gazetteer.descendants(place_id) - {place_id}
    found = [gazetteer.get(p) for p in inside]
    return sorted((p for p in found if p.parent_id not in inside), key=lambda p: (p.level, p.name))


def local_names(place: Place) -> tuple[str, ...]:
    """Its shortest Russian and shortest Arabic name (the bare name, not "مدينة دوما", "city of Douma"), to
    show beside the English one."""
    russian = [a for a in place.aliases if any("\u0400" <= ch <= "\u04ff" for ch in a)]
    arabic = [a for a in place.aliases if any("\u0600" <= ch <= "\u06ff" for ch in a)]
    return tuple(min(names, key=len) for names in (russian, arabic) if names)


def _kind_counts(store: Store, place_ids: Iterable[str], since: date | None = None) -> dict[str, int]:
    facets, claims = schema.claim_facets.c, schema.claims.c
    ids = sorted(set(place_ids))
    inner = select(facets.claim_id).where(facets.facet == "place", facets.value.in_(ids))
    query = select(claims.kind, func.count()).where(claims.id.in_(inner)).group_by(claims.kind)
    if since:
        query = query.where(claims.published_at >= day_start(since))
    with store.engine.connect() as conn:
        return {kind: int(n) for kind, n in conn.execute(query)}


def open_warning_ids(store: Store, place_ids: Iterable[str]) -> tuple[str, ...]:
    table = schema.warnings.c
    query = select(table.id).where(table.closed_at.is_(None), table.place_id.in_(sorted(set(place_ids))))
    with store.engine.connect() as conn:
        return tuple(conn.execute(query.order_by(table.score.desc(), table.id)).scalars())


def place_view(store: Store, gazetteer: Gazetteer, name_or_id: str) -> PlaceView:
    place = resolve_place(gazetteer, name_or_id)
    inside = gazetteer.descendants(place.id)
    counts = _kind_counts(store, inside)
    return PlaceView(
        place=place,
        ancestors=tuple(gazetteer.ancestors(place.id)),
        children=tuple(children(gazetteer, place.id)),
        preemptive=counts.get("PREEMPTIVE", 0),
        retrospective=counts.get("RETROSPECTIVE", 0),
        open_warnings=open_warning_ids(store, inside),
        names=local_names(place),
    )


def series(store: Store, place_id: str, *, since: date | None = None, until: date | None = None) -> list[SeriesPoint]:
    """A place's daily signal (the statements naming it or a place inside it), days without any left out."""
    table = schema.signals.c
    query = select(table.day, table.preemptive, table.retrospective, table.preemptive_weight, table.documents,
                   table.outlets).where(table.place_id == place_id).order_by(table.day)
    if since:
        query = query.where(table.day >= since)
    if until:
        query = query.where(table.day <= until)
    with store.engine.connect() as conn:
        return [
            SeriesPoint(row.day, int(row.preemptive), int(row.retrospective), float(row.preemptive_weight),
                        int(row.documents), tuple(json.loads(row.outlets or "[]")))
            for row in conn.execute(query)
        ]


def weekly_volume(store: Store, place_id: str = ALL_PLACES) -> list[WeekVolume]:
    """New statements per week (weeks start on Monday), from a place's signal; default the whole narrative."""
    weeks: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for point in series(store, place_id):
        week = point.day - timedelta(days=point.day.weekday())
        weeks[week][0] += point.preemptive
        weeks[week][1] += point.retrospective
    return [WeekVolume(w, pre, retro) for w, (pre, retro) in sorted(weeks.items())]


def place_counts(store: Store, gazetteer: Gazetteer, *, since: date | None = None) -> list[PlaceCount]:
    """Every place a claim cites (since `since`) or an open warning names, with its claim counts: the map.
    Counts are of claims citing the place itself; places without coordinates are left out."""
    facets, claims = schema.claim_facets.c, schema.claims.c
    query = (
        select(facets.value, claims.kind, func.count())
        .select_from(schema.claim_facets.join(schema.claims, claims.id == facets.claim_id))
        .where(facets.facet == "place")
        .group_by(facets.value, claims.kind)
    )
    if since:
        query = query.where(claims.published_at >= day_start(since))
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    with store.engine.connect() as conn:
        for place_id, kind, n in conn.execute(query):
            counts[place_id][kind] = int(n)
        warned = set(conn.execute(select(schema.warnings.c.place_id).where(schema.warnings.c.closed_at.is_(None)))
                     .scalars())
    found: list[PlaceCount] = []
    for place_id in sorted(set(counts) | warned):
        try:
            place = gazetteer.get(place_id)
        except NotFoundError:
            continue
        if place.lat is None or place.lon is None:
            continue
        kinds = counts.get(place_id, {})
        found.append(PlaceCount(place, kinds.get("PREEMPTIVE", 0), kinds.get("RETROSPECTIVE", 0), place_id in warned))
    return found


def list_places(gazetteer: Gazetteer, *, level: str | None = None, within: str | None = None,
                query: str | None = None, limit: int = 500) -> list[Place]:
    """Gazetteer places by level, inside a place, or whose name contains `query` (any spelling)."""
    scope = gazetteer.descendants(resolve_place(gazetteer, within).id) if within else None
    wanted = query.casefold() if query else None
    found: list[Place] = []
    for place in gazetteer.places():
        if level and place.level != level:
            continue
        if scope is not None and place.id not in scope:
            continue
        if wanted and not any(wanted in n.casefold() for n in (place.name, *place.aliases)):
            continue
        found.append(place)
    found.sort(key=lambda p: (p.level != "country", p.level != "governorate", p.name, p.id))
    return found[:limit]


