"""`forewarn export FORMAT`: the claims filters of `forewarn claims`, written as CSV, JSONL, GeoJSON, STIX 2.1 or
MISP (forewarn.export does the work)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import ConfigError
from ..export import FORMATS, write_export
from ..places import Gazetteer
from . import DB_OPTION, app, err, with_db
from .filters import claim_filter
from .output import safe


@app.command()
def export(
    ctx: typer.Context,
    fmt: str = typer.Argument(..., metavar="FORMAT", help=f"One of: {', '.join(FORMATS)}."),
    output: Path = typer.Option(None, "--output", "-o", help="Write to this file (default: standard output)."),
    kind: str = typer.Option(None, "--kind", help="PREEMPTIVE or RETROSPECTIVE."),
    place: str = typer.Option(None, "--place", help="A place name or id; includes the places inside it."),
    claimant: str = typer.Option(None, "--claimant", help="Claimant contains this text."),
    accused: str = typer.Option(None, "--accused", help="An accused party contains this text."),
    agent: str = typer.Option(None, "--agent", help="Agent contains this text (chlorine, sarin, …)."),
    outlet: str = typer.Option(None, "--outlet", help="Outlet contains this text."),
    stance: str = typer.Option(None, "--stance", help="asserted or reported."),
    language: str = typer.Option(None, "--language", help="Only these languages (ISO codes, comma-separated)."),
    since: str = typer.Option(None, "--since", help="Published on or after this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Published on or before this date (YYYY-MM-DD)."),
    search: str = typer.Option(None, "--search", help="Only claims in documents matching this full-text query."),
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
