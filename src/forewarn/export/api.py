"""`GET /api/v1/export/{format}` in `forewarn serve`: the exports of `forewarn export`, with the claims filters of
`/api/v1/claims`, as a download. The work is forewarn.export's; this is the HTTP face of it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response

from .. import queries
from ..api.read import PlaceParam, Since, Until, Values, one_of
from ..api.state import ServerState, server
from ..queries import ClaimFilter
from . import FORMATS, MEDIA_TYPES, SUFFIXES, export_text

router = APIRouter(prefix="/api/v1", tags=["export"])
State = Annotated[ServerState, Depends(server)]


def _tuple(values: list[str] | None) -> tuple[str, ...] | None:
    return tuple(values) if values is not None else None


@router.get("/export/{fmt}", response_class=Response,
            responses={200: {"content": {m.split(";")[0]: {} for m in MEDIA_TYPES.values()}}})
def export(state: State, fmt: Annotated[str, Path(json_schema_extra={"enum": list(FORMATS)})],
           kind: Annotated[str | None, one_of(queries.KINDS)] = None, place: PlaceParam = None,
           claimant: Values = None, accused: Values = None, agent: Values = None, outlet: Values = None,
           stance: Annotated[str | None, one_of(queries.STANCES)] = None, language: Values = None,
           since: Since = None, until: Until = None,
           q: Annotated[str | None, Query(max_length=500, description="Full-text query on the documents.")] = None,
           ) -> Response:
    """The selected claims, their statements, places and warnings as csv, jsonl, geojson, stix or misp."""
    flt = ClaimFilter(
        kind=kind, place_ids=queries.place_scope(state.gazetteer, place) if place else None,
        claimant=_tuple(claimant), accused=_tuple(accused), agent=_tuple(agent), outlet=_tuple(outlet),
        stance=stance, language=_tuple(language), since=since, until=until, text=q or None,
    )
    given = {"kind": kind, "place": place, "claimant": claimant, "accused": accused, "agent": agent,
             "outlet": outlet, "stance": stance, "language": language, "since": since, "until": until, "q": q}
    title = ", ".join(f"{k} {v}" for k, v in given.items() if v) or "all claims"
    text, result = export_text(state.store, fmt, gazetteer=state.gazetteer, settings=state.settings, flt=flt,
                               title=title)
    return Response(text.encode("utf-8"), media_type=MEDIA_TYPES[fmt], headers={
        "Content-Disposition": f'attachment; filename="forewarn.{SUFFIXES[fmt]}"',
        "X-Forewarn-Export": result.describe(),
    })
