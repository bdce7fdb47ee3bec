"""The read endpoints: documents, claims, statements, warnings, places, signal series, incidents, the backtest.

Each is a few lines: query parameters to a forewarn.queries filter, one query, forewarn.serialise to JSON."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BeforeValidator

from .. import queries
from ..backtest import INCIDENT_SETS
from ..errors import ConfigError
from ..queries import ClaimFilter, DocumentFilter, IncidentFilter, WarningFilter
from ..serialise import claim_rows_json, places_geojson, statements_page_json, summary_json, to_json
from . import models
from .responses import ERRORS, Json
from .state import ServerState, server

LIST_PARAMETERS = frozenset({"claimant", "accused", "agent", "outlet", "language"})


async def single_values(request: Request) -> None:
    """A parameter that takes one value, given twice, is an error (not silently its last value). Async, as
    state.server is: it waits for nothing, and a plain `def` would cost a thread-pool hop per request."""
    seen: set[str] = set()
    for name, _ in request.query_params.multi_items():
        if name in seen and name not in LIST_PARAMETERS:
            raise ConfigError(f"parameter {name!r} takes one value; it was given more than once")
        seen.add(name)


router = APIRouter(prefix="/api/v1", responses=ERRORS, dependencies=[Depends(single_values)])
State = Annotated[ServerState, Depends(server)]
Limit = Annotated[int, Query(ge=1, le=queries.MAX_LIMIT, description="Items per page.")]
Cursor = Annotated[str | None, Query(max_length=400, description="The `next_cursor` of the previous page.")]
Values = Annotated[list[str] | None, Query(max_length=50)]
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_day(value: Any) -> Any:
    """Only YYYY-MM-DD is a day here (pydantic alone would also take "5" as a Unix time)."""
    if isinstance(value, str) and not DAY.match(value):
        raise ValueError("a day is written YYYY-MM-DD")
    return value


Day = BeforeValidator(iso_day)
Since = Annotated[date | None, Query(description="On or after this day (YYYY-MM-DD)."), Day]
Until = Annotated[date | None, Query(description="On or before this day (YYYY-MM-DD)."), Day]
PlaceParam = Annotated[str | None, Query(max_length=200, description="A place id or name; includes what is inside.")]
def one_of(values: Iterable[str]) -> Any:
    """A string parameter documented as one of `values` (the query layer checks it: a 400 otherwise)."""
    return Query(json_schema_extra={"enum": list(values)})


Id = Annotated[str, Path(max_length=64, description="The id, or a unique prefix of it.")]


def _tuple(values: list[str] | None) -> tuple[str, ...] | None:
    return tuple(values) if values is not None else None


@router.get("/documents", response_model=models.DocumentPage, tags=["documents"])
def documents(state: State, q: Annotated[str | None, Query(max_length=500, description="Full-text query.")] = None,
              outlet: Values = None, language: Values = None, since: Since = None, until: Until = None,
              sort: Annotated[str, one_of(queries.DOCUMENT_SORTS)] = "-published",
              limit: Limit = queries.DEFAULT_LIMIT, cursor: Cursor = None) -> Json:
    """Documents, newest first, or those matching a full-text query."""
    flt = DocumentFilter(text=q or None, outlet=_tuple(outlet), language=_tuple(language), since=since, until=until)
    return Json(to_json(queries.find_documents(state.store, flt, sort=sort, limit=limit, cursor=cursor)))


@router.get("/documents/{document_id}", response_model=models.DocumentOut, tags=["documents"])
def document(state: State, document_id: Id) -> Json:
    """One document with the claims found in it."""
    return Json(to_json(queries.get_document(state.store, document_id)))


@router.get("/claims", response_model=models.ClaimPage, tags=["claims"])
def claims(state: State, kind: Annotated[str | None, one_of(queries.KINDS)] = None,
           narrative: Annotated[str | None, Query(max_length=64)] = None, place: PlaceParam = None,
           claimant: Values = None, accused: Values = None, agent: Values = None, outlet: Values = None,
           stance: Annotated[str | None, one_of(queries.STANCES)] = None, language: Values = None,
           since: Since = None, until: Until = None,
           q: Annotated[str | None, Query(max_length=500, description="Full-text query on the documents.")] = None,
           review: Annotated[str | None, one_of(queries.REVIEWS)] = None,
           sort: Annotated[str, one_of(queries.CLAIM_SORTS)] = "-published",
           limit: Limit = queries.DEFAULT_LIMIT, cursor: Cursor = None) -> Json:
    """Claims with their source documents. List filters (claimant, accused, agent, outlet, language) match any
    of their exact values (see /claims/facets/{name}); `place` includes every place inside it."""
    flt = ClaimFilter(
        kind=kind, narrative=narrative, place_ids=queries.place_scope(state.gazetteer, place) if place else None,
        claimant=_tuple(claimant), accused=_tuple(accused), agent=_tuple(agent), outlet=_tuple(outlet),
        stance=stance, language=_tuple(language), since=since, until=until, text=q or None, review=review,
    )
    return Json(claim_rows_json(queries.find_claim_rows(state.store, flt, sort=sort, limit=limit, cursor=cursor)))


@router.get("/claims/facets/{name}", response_model=list[models.FacetOut], tags=["claims"])
def claim_facets(state: State, name: Annotated[str, Path(json_schema_extra={"enum": list(queries.FACETS)})]) -> Json:
    """The values of one claim field, most frequent first, with their counts."""
    return Json([{"value": v, "count": n} for v, n in queries.facets(state.store, name)])


@router.get("/claims/{claim_id}", response_model=models.ClaimOut, tags=["claims"])
def claim(state: State, claim_id: Id) -> Json:
    return Json(to_json(queries.get_claim(state.store, claim_id)))


@router.get("/claims/{claim_id}/statement", response_model=models.StatementOut, tags=["claims"])
def claim_statement(state: State, claim_id: Id) -> Json:
    """The claim with every linked copy of its statement, across outlets and languages."""
    return Json(to_json(queries.statement(state.store, claim_id)))


@router.get("/warnings", response_model=models.WarningPage, tags=["warnings"])
def warnings(state: State, open: bool = False, place: PlaceParam = None, since: Since = None, until: Until = None,
             narrative: Annotated[str | None, Query(max_length=64)] = None,
             sort: Annotated[str, one_of(queries.WARNING_SORTS)] = "-score",
             limit: Limit = queries.DEFAULT_LIMIT, cursor: Cursor = None) -> Json:
    """Warnings (without their claims: ask for one warning to get its evidence). `place` includes the places
    inside it and those containing it."""
    scope = queries.place_scope(state.gazetteer, place, containing=True) if place else None
    flt = WarningFilter(open_only=open, place_ids=scope, since=since, until=until, narrative=narrative)
    return Json(to_json(queries.find_warnings(state.store, flt, sort=sort, limit=limit, cursor=cursor)))


StatementLimit = Annotated[int, Query(ge=1, le=queries.MAX_STATEMENT_LIMIT, description="Statements per page.")]


@router.get("/warnings/{warning_id}", response_model=models.WarningDetail, tags=["warnings"])
def warning(state: State, warning_id: Id, limit: StatementLimit = queries.STATEMENT_LIMIT) -> Json:
    """One warning with the summary of its evidence and the first page of it: `limit` distinct statements,
    oldest first, each with the claims that are its copies (`evidence`). `statements_next` is the next page."""
    view = queries.get_warning(state.store, warning_id, state.gazetteer, limit=limit)
    record = to_json(view)
    record["statements_next"] = _next_statements(view.id, view.statements_cursor, limit)
    return Json(record)


@router.get("/warnings/{warning_id}/statements", response_model=models.WarningStatementsPage, tags=["warnings"])
def warning_statements(state: State, warning_id: Id, limit: StatementLimit = queries.STATEMENT_LIMIT,
                       cursor: Cursor = None) -> Json:
    """A page of a warning's distinct statements, after `cursor` (the `statements_cursor` of the warning, or
    the `next_cursor` of the previous page)."""
    view = queries.get_warning(state.store, warning_id, limit=limit, statements_cursor=cursor)
    page = statements_page_json(view)
    return Json({"warning_id": view.id, "summary": summary_json(view.summary) if view.summary else None, **page,
                 "next": _next_statements(view.id, view.statements_cursor, limit)})


def _next_statements(warning_id: str, cursor: str | None, limit: int) -> str | None:
    """The link to the page of statements after `cursor` (a cursor is URL-safe base64)."""
    return f"/api/v1/warnings/{warning_id}/statements?cursor={cursor}&limit={limit}" if cursor else None


@router.get("/places", response_model=list[models.PlaceOut], tags=["places"])
def places(state: State, level: Annotated[str | None, Query(max_length=16)] = None, within: PlaceParam = None,
           q: Annotated[str | None, Query(max_length=200, description="Name contains (any spelling).")] = None,
           limit: Limit = 200) -> Json:
    """Gazetteer places by level, inside a place, or by name."""
    return Json(to_json(queries.list_places(state.gazetteer, level=level, within=within, query=q, limit=limit)))


@router.get("/places.geojson", response_model=models.FeatureCollectionOut, tags=["places"])
def places_map(state: State, since: Since = None) -> Json:
    """Every place a claim cites or an open warning names, as GeoJSON points with claim counts."""
    return Json(places_geojson(queries.place_counts(state.store, state.gazetteer, since=since)))


@router.get("/places/{place_id}", response_model=models.PlaceDetail, tags=["places"])
def place(state: State, place_id: Annotated[str, Path(max_length=200)]) -> Json:
    """A place with its hierarchy, its claim counts and its open warnings."""
    return Json(to_json(queries.place_view(state.store, state.gazetteer, place_id)))


@router.get("/places/{place_id}/series", response_model=list[models.SeriesPointOut], tags=["places"])
def place_series(state: State, place_id: Annotated[str, Path(max_length=200)], since: Since = None,
                 until: Until = None) -> Json:
    """The place's daily signal: new statements naming it or a place inside it."""
    found = queries.resolve_place(state.gazetteer, place_id)
    return Json(to_json(queries.series(state.store, found.id, since=since, until=until)))


@router.get("/narrative/weekly", response_model=list[models.WeekOut], tags=["places"])
def narrative_weekly(state: State) -> Json:
    """New statements per week, any place."""
    return Json(to_json(queries.weekly_volume(state.store)))


@router.get("/incidents", response_model=list[models.IncidentOut], tags=["incidents"])
def incidents(state: State, place: PlaceParam = None, since: Since = None, until: Until = None) -> Json:
    scope = queries.place_scope(state.gazetteer, place) if place else None
    return Json(to_json(queries.find_incidents(state.store, IncidentFilter(scope, since, until))))


@router.get("/backtest", response_model=dict[str, Any], tags=["backtest"])
def backtest(state: State, horizon: Annotated[int | None, Query(ge=1, le=3650)] = None,
             start: Annotated[date | None, Query(alias="from"), Day] = None,
             end: Annotated[date | None, Query(alias="to"), Day] = None,
             narrative: Annotated[str, Query(max_length=64)] = "chemical",
             incidents: Annotated[str, one_of(INCIDENT_SETS)] = "confirmed") -> Json:
    """Replay the stored claims of one `narrative` day by day (no look-ahead) and score the warnings against the
    `incidents` (confirmed, alleged or all), episode by episode too (the document `forewarn backtest --json`
    prints)."""
    return Json(backtest_json(state, horizon_days=horizon, start=start, end=end, narrative=narrative,
                              incident_set=incidents))


def backtest_json(state: ServerState, *, horizon_days: int | None = None, start: date | None = None,
                  end: date | None = None, narrative: str = "chemical",
                  incident_set: str = "confirmed") -> dict[str, Any]:
    """The backtest (the options as backtest_store takes them), memoised until the claims, incidents or reviews
    change."""
    from ..backtest import backtest_store

    key = ("backtest", horizon_days, start, end, narrative, incident_set, _store_signature(state))
    if key not in state.cache:
        result = backtest_store(state.store, state.settings, state.gazetteer, horizon_days=horizon_days, start=start,
                                end=end, narrative=narrative, incident_set=incident_set)
        if len(state.cache) > 16:
            state.cache.clear()
        state.cache[key] = result.to_json()
    value: dict[str, Any] = state.cache[key]
    return value


def _store_signature(state: ServerState) -> tuple[Any, ...]:
    """What the memoised backtest is keyed on: the store's change counter where it has one (any commit by
    anyone), else its counts and this server's writes."""
    if (current := state.store_state()) is not None:
        return (current,)
    figures = queries.stats(state.store).figures
    # Writes through this server bump the generation; the counts catch an ingest run beside it.
    return (state.generation, *(figures.get(k) for k in ("documents", "claims", "incidents", "warnings")))


@router.get("/feedback", response_model=list[dict[str, Any]], tags=["writes"])
def feedback_log(state: State, claim: Annotated[str | None, Query(max_length=64)] = None) -> Json:
    """Every verdict analysts gave (who, when, what), oldest first; optionally for one claim."""
    from ..feedback import history

    return Json(history(state.store, claim))


@router.get("/stats", response_model=dict[str, Any], tags=["overview"])
def stats(state: State) -> Json:
    """Counts of what the store holds."""
    return Json(to_json(queries.stats(state.store)))
