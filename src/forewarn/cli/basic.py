"""`forewarn stats`: what the store holds."""

from __future__ import annotations

import typer

from . import DB_OPTION, app, out, print_json, with_db


@app.command()
def stats(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    db: str = DB_OPTION,
) -> None:
    """Counts of documents, claims, quarantined items, warnings and incidents in the store."""
    figures = with_db(ctx, db).store.stats()
    if as_json:
        print_json(figures)
        return
    for key, value in figures.items():
        out.print(f"{key:>16}: {value}")
