"""The dashboard's pages, each a few lines over forewarn.queries and forewarn.serialise: the overview, the
region map, a place, a warning, a claim, a document, search and the backtest."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from .. import queries
from ..errors import ForewarnError, NotFoundError
from ..model import Incident, Place
from ..queries import ClaimFilter, IncidentFilter, WarningFilter
from ..serialise import claim_rows_json, to_json
from . import charts, maps, text
from .render import Renderer
from .search import SearchForm, search_results

router = APIRouter(include_in_schema=False)
MAP_DAYS = (30, 90, 180, 365, 3650)
DEFAULT_MAP_DAYS = 90
PLACE_CLAIMS = 30  # claims listed on a place page (the rest through search)
CHILD_ROWS = 8  # timeline rows for the places inside one
WARNING_DAYS_BEFORE, WARNING_DAYS_AFTER = 60, 30  # the warning page's timeline, around the warning


def web(request: Request) -> Renderer:
    renderer: Renderer = request.app.state.web
    return renderer


@router.get("/")
def overview(request: Request) -> HTMLResponse:
    page = web(request)
    store = page.state.store
    open_warnings = queries.find_warnings(store, WarningFilter(open_only=True), sort="-score", limit=50)
    latest = queries.find_warnings(store, sort="-opened", limit=10)
    return page.page(request, "overview.html", section="overview",
                     open_warnings=to_json(open_warnings)["items"], latest=to_json(latest)["items"],
                     volume=volume_charts(queries.narrative_weeks(store)), stats=to_json(queries.stats(store)),
                     claims=claim_rows_json(queries.find_claim_rows(store, limit=8))["items"])


def volume_charts(weeks: Sequence[queries.NarrativeWeek]) -> list[charts.Chart]:
    """One weekly chart per narrative, on one time axis."""
    if not weeks:
        return []
    start, end = min(w.week for w in weeks), max(w.week for w in weeks)
    by_narrative: dict[str, list[charts.Week]] = defaultdict(list)
    for week in weeks:
        by_narrative[week.narrative].append(charts.Week(week.week, week.preemptive, week.retrospective))
    return [charts.weekly_bars(items, start, end, title=name.capitalize())
            for name, items in sorted(by_narrative.items(), key=lambda kv: -sum(w.preemptive for w in kv[1]))]


@router.get("/map")
def region_map(request: Request, region: str = "", days: int = DEFAULT_MAP_DAYS) -> HTMLResponse:
    page = web(request)
    state = page.state
    regions = maps.map_regions(state.settings.region_dirs, state.gazetteer)
    if not regions:
        raise NotFoundError("no region with countries to map")
    chosen = regions.get(region) or next(iter(regions.values()))
    days = days if days in MAP_DAYS else DEFAULT_MAP_DAYS
    last = queries.last_claim_day(state.store)
    since = last - timedelta(days=days - 1) if last else None
    counts = [c for c in queries.place_counts(state.store, state.gazetteer, since=since)
              if c.place.country in chosen.countries]
    drawn = maps.region_map(chosen.outline_names, counts)
    listed = sorted(drawn.spots, key=lambda s: (-(s.preemptive + s.retrospective), s.name))
    return page.page(request, "map.html", section="map", regions=list(regions.values()), region=chosen, map=drawn,
                     spots=listed, days=days, day_choices=MAP_DAYS, since=since, last=last)


@router.get("/places/{place_id}")
def place(request: Request, place_id: str, cursor: str | None = None) -> HTMLResponse:
    page = web(request)
    state = page.state
    view = queries.place_view(state.store, state.gazetteer, place_id)
    inside = frozenset(state.gazetteer.descendants(view.place.id))
    covering = queries.place_scope(state.gazetteer, view.place.id, containing=True)
    warnings = list(queries.iter_warnings(state.store, WarningFilter(place_ids=covering)))
    incidents = queries.find_incidents(state.store, IncidentFilter(place_ids=inside))
    claims = queries.find_claims(state.store, ClaimFilter(place_ids=inside), limit=PLACE_CLAIMS, cursor=cursor)
    rows = [timeline_row(state, view.place, warnings, incidents, href="")]
    for child in view.children:
        if len(rows) > CHILD_ROWS:
            break
        row = timeline_row(state, child, warnings, incidents, href=f"/places/{child.id}", own_only=True)
        if row.days or row.attacks:
            rows.append(row)
    return page.page(request, "place.html", section="map", place=to_json(view), timeline=timeline_chart(rows),
                     warnings=[to_json(w) for w in warnings], incidents=to_json(incidents),
                     claims=to_json(claims), cursor=cursor)


def timeline_row(state: Any, place: Place, warnings: Sequence[queries.WarningView], incidents: Sequence[Incident],
                 *, href: str, own_only: bool = False) -> charts.Row:
    """A place's row: its daily statements (those naming it or a place inside it), the warnings at it (or,
    for the page's own place, any covering it) and the attacks inside it."""
    inside = state.gazetteer.descendants(place.id)
    days = tuple(charts.Day(p.day, p.preemptive, p.retrospective) for p in queries.series(state.store, place.id))
    shown = [w for w in warnings if (w.warning.place_id == place.id if own_only else True)]
    bands = tuple(charts.Band(w.warning.opened_at, w.warning.closed_at,
                              f"warning at {w.warning.place_name} opened {w.warning.opened_at}",
                              f"/warnings/{w.id}") for w in shown)
    attacks = tuple(charts.Attack(i.date, f"attack {i.date} at {i.place} ({i.status})")
                    for i in incidents if i.place_id in inside)
    return charts.Row(place.name, href, days, bands, attacks)


def timeline_chart(rows: Sequence[charts.Row], row_height: int = 64) -> charts.Chart | None:
    span = charts.span_of(rows)
    return charts.timeline(rows, *span, row_height=row_height) if span else None


@router.get("/warnings/{warning_id}")
def warning(request: Request, warning_id: str) -> HTMLResponse:
    page = web(request)
    state = page.state
    after = request.query_params.get("statements_cursor") or None  # a later page of its statements
    view = queries.get_warning(state.store, warning_id, state.gazetteer, statements_cursor=after)
    record = to_json(view)
    passages = claim_passages(state.store, view.claims)
    covering = queries.place_scope(state.gazetteer, view.warning.place_id)
    incidents = queries.find_incidents(state.store, IncidentFilter(place_ids=covering))
    place = view.place or state.gazetteer.get(view.warning.place_id)
    row = timeline_row(state, place, [view], incidents, href=f"/places/{place.id}")
    w = view.warning
    around = (w.opened_at - timedelta(days=WARNING_DAYS_BEFORE),
              max(w.closed_at or w.last_evidence_at, w.last_evidence_at) + timedelta(days=WARNING_DAYS_AFTER))
    return page.page(request, "warning.html", section="overview", warning=record, passages=passages,
                     timeline=charts.timeline([row], *around), claims=record.get("evidence", []),
                     by_id={c["id"]: c for c in record.get("evidence", [])}, later_page=after is not None)


def claim_passages(store: Any, claims: Iterable[queries.ClaimView]) -> dict[str, text.Passage]:
    """Each claim's sentence in its passage of the document (title, newline, body: the detector's offsets)."""
    from ..detect import document_text

    wanted = list(claims)
    documents = queries.documents_by_id(store, (c.claim.document_id for c in wanted))
    found = {}
    for view in wanted:
        evidence = view.claim.evidence
        document = documents.get(view.claim.document_id)
        full = document_text(document.document) if document else ""
        found[view.id] = text.passage(full, evidence.start, evidence.end, evidence.sentence)
    return found


@router.get("/claims/{claim_id}")
def claim(request: Request, claim_id: str) -> HTMLResponse:
    from ..feedback import history

    page = web(request)
    state = page.state
    view = queries.get_claim(state.store, claim_id)
    copies = queries.statement(state.store, view.id)
    warnings = queries.find_warnings(state.store, WarningFilter(claim_id=view.id), sort="-opened", limit=50)
    return page.page(request, "claim.html", section="search", claim=to_json(view),
                     passages=claim_passages(state.store, [view]), copies=to_json(copies),
                     warnings=to_json(warnings)["items"], history=history(state.store, view.id))


@router.get("/documents/{document_id}")
def document(request: Request, document_id: str) -> HTMLResponse:
    page = web(request)
    view = queries.get_document(page.state.store, document_id)
    spans = [(c.claim.evidence.start, c.claim.evidence.end, c.id) for c in view.claims]
    title, body = text.document_parts(view.document.title, view.document.text, spans)
    return page.page(request, "document.html", section="search", document=to_json(view), title_parts=title,
                     paragraphs=text.paragraphs(body), claims=to_json(list(view.claims)))


@router.get("/search")
def search(request: Request) -> HTMLResponse:
    page = web(request)
    form = SearchForm.from_query(request.query_params)
    error = ""
    results: dict[str, Any] = {"items": [], "next_cursor": None}
    try:
        results = search_results(page.state, form)
    except ForewarnError as exc:
        error = str(exc)
    facets = {name: queries.facets(page.state.store, name, limit=60)
              for name in ("kind", "narrative", "language", "outlet", "claimant", "stance")}
    return page.page(request, "search.html", section="search", form=form, results=results, error=error,
                     facets=facets, status=400 if error else 200)


@router.get("/backtest")
def backtest(request: Request, narrative: str = "chemical", incidents: str = "confirmed") -> HTMLResponse:
    """The replay of one narrative's claims against one set of incidents (confirmed by default), episode by
    episode too."""
    from ..api.read import backtest_json
    from ..backtest import INCIDENT_SETS

    page = web(request)
    state = page.state
    narratives = [value for value, _ in queries.facets(state.store, "narrative", limit=60)] or ["chemical"]
    choice = {"narrative": narrative, "incidents": incidents, "narratives": narratives, "sets": INCIDENT_SETS}
    try:
        result = backtest_json(state, narrative=narrative[:64], incident_set=incidents)
    except ForewarnError as exc:  # e.g. no alleged incidents loaded: say so on the page, keep the form
        return page.page(request, "backtest.html", section="backtest", result=None, error=str(exc), choice=choice,
                         status=exc.http_status)
    return page.page(request, "backtest.html", section="backtest", result=result, choice=choice, error="",
                     timeline=timeline_chart(backtest_rows(state, result), row_height=44))


def backtest_rows(state: Any, result: dict[str, Any]) -> list[charts.Row]:
    """One row per place with a replayed warning or an attack: its statements, its warnings (hit or false
    alarm) and its attacks (caught or missed), in order of first appearance."""
    places: dict[str, dict[str, list[Any]]] = defaultdict(lambda: {"bands": [], "attacks": []})
    names: dict[str, str] = {}
    for w in result["warnings"]:
        outcome = "hit" if w["hit"] else "false alarm"
        places[w["place_id"]]["bands"].append(charts.Band(
            date.fromisoformat(w["opened_at"]), date.fromisoformat(w["closed_at"]) if w["closed_at"] else None,
            f"warning opened {w['opened_at']}: {outcome}", f"/warnings/{w['id']}", "warning" if w["hit"] else "false"))
        names[w["place_id"]] = w["place_name"]
    for i in result["incidents"]:
        if not i["place_id"]:
            continue
        outcome = f"caught {i['lead_days']} days ahead" if i["caught"] else "missed"
        places[i["place_id"]]["attacks"].append(charts.Attack(date.fromisoformat(i["date"]),
                                                              f"attack {i['date']}: {outcome}",
                                                              "attack" if i["caught"] else "missed"))
        names.setdefault(i["place_id"], i["place"])
    rows = []
    for place_id, parts in places.items():
        days = tuple(charts.Day(p.day, p.preemptive, p.retrospective) for p in queries.series(state.store, place_id))
        rows.append(charts.Row(names[place_id], f"/places/{place_id}", days, tuple(parts["bands"]),
                               tuple(parts["attacks"])))
    return sorted(rows, key=lambda r: min([*(b.opened for b in r.bands), *(a.day for a in r.attacks)]))


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg", status_code=308)
