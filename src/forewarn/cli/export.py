"""`forewarn export FORMAT`: the claims filters of `forewarn claims`, written as CSV, JSONL, GeoJSON, STIX 2.1 or
MISP (forewarn.export does the work)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import ConfigError
from ..export import FORMATS, write_export
from ..places import Gazetteer
from . import DB_OPTION, app, err, filters, with_db
from .filters import claim_filter
from .output import safe


@app.command()
def export(
    ctx: typer.Context,
    fmt: str = typer.Argument(..., metavar="FORMAT", help=f"One of: {', '.join(FORMATS)}."),
    output: Path = typer.Option(None, "--output", "-o", help="Write to this file (default: standard output)."),
    kind: str = filters.KIND_OPTION,
    place: str = filters.PLACE_OPTION,
    claimant: str = filters.CLAIMANT_OPTION,
    accused: str = filters.ACCUSED_OPTION,
    agent: str = filters.AGENT_OPTION,
    outlet: str = filters.OUTLET_OPTION,
    stance: str = filters.STANCE_OPTION,
    language: str = filters.LANGUAGE_OPTION,
    since: str = filters.SINCE_OPTION,
    until: str = filters.UNTIL_OPTION,
    search: str = filters.SEARCH_OPTION,
    db: str = DB_OPTION,
) -> None:
    """Export the claims (with their statements, places and warnings) as csv, jsonl, geojson, stix or misp."""
    if fmt not in FORMATS:
        raise ConfigError(f"export format is one of {', '.join(FORMATS)}, not {fmt!r}")
    state = with_db(ctx, db)
    given = {"kind": kind, "place": place, "claimant": claimant, "accused": accused, "agent": agent,
             "outlet": outlet, "stance": stance, "language": language, "since": since, "until": until,
             "search": search}
    flt = claim_filter(state.store, **given)
    title = ", ".join(f"{k} {v}" for k, v in given.items() if v) or "all claims"
    gazetteer = Gazetteer.default()
    if output is None:
        result = write_export(state.store, fmt, sys.stdout, gazetteer=gazetteer, settings=state.settings, flt=flt,
                              title=title)
    else:
        try:
            with output.open("w", encoding="utf-8", newline="") as handle:
                result = write_export(state.store, fmt, handle, gazetteer=gazetteer, settings=state.settings,
                                      flt=flt, title=title)
        except OSError as exc:
            raise ConfigError(f"cannot write {output}: {exc.strerror or exc}") from exc
    err.print(safe(f"{fmt}: {result.describe()}{f' -> {output}' if output else ''}", newlines=False))
