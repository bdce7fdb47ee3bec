"""The read commands over the query layer: `forewarn documents`, `claims`, `quarantine`, `stats`.

Each is a few lines: flags to a filter, one query, then a table (cli/tables.py), `--json` or `--csv`."""

from __future__ import annotations

from itertools import islice

import typer

from .. import queries
from ..queries import DocumentFilter
from . import DB_OPTION, app, filters, with_db
from .filters import claim_filter, parse_day
from .tables import claims_table, documents_table, emit, emit_one, quarantine_table, stats_table

JSON_OPTION = typer.Option(False, "--json", help="Print JSON.")
CSV_OPTION = typer.Option(False, "--csv", help="Print CSV (a header, then one row each).")


@app.command()
def documents(
    ctx: typer.Context,
    query: str = typer.Argument("", help="Full-text query (all words must occur); empty lists the newest."),
    outlet: str = typer.Option(None, "--outlet", help="Only this outlet (exact name)."),
    language: str = typer.Option(None, "--language", help="Only these languages (ISO codes, comma-separated)."),
    since: str = typer.Option(None, "--since", help="Published on or after this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Published on or before this date (YYYY-MM-DD)."),
    oldest: bool = typer.Option(False, "--oldest", help="Oldest first (default: newest first)."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=queries.MAX_LIMIT, help="How many documents."),
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
    db: str = DB_OPTION,
) -> None:
    """List the newest documents, or full-text search them."""
    flt = DocumentFilter(text=query or None, outlet=(outlet,) if outlet else None,
                         language=tuple(language.split(",")) if language else None,
                         since=parse_day(since, "--since"), until=parse_day(until, "--until"))
    page = queries.find_documents(with_db(ctx, db).store, flt, sort="published" if oldest else "-published",
                                  limit=limit)
    emit(page.items, as_json=as_json, as_csv=as_csv, render=documents_table, empty="no documents found")


@app.command()
def claims(
    ctx: typer.Context,
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
    sort: str = typer.Option("published", "--sort", help=f"One of: {', '.join(queries.CLAIM_SORTS)}."),
    limit: int = typer.Option(None, "--limit", min=1, help="Show at most this many (default: all)."),
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
    db: str = DB_OPTION,
) -> None:
    """List detected claims (oldest first unless --sort), each with its source document."""
    store = with_db(ctx, db).store
    flt = claim_filter(store, kind=kind, place=place, claimant=claimant, accused=accused, agent=agent,
                       outlet=outlet, stance=stance, language=language, since=since, until=until, search=search)
    found = list(islice(queries.iter_claims(store, flt, sort=sort), limit))
    emit(found, as_json=as_json, as_csv=as_csv, render=claims_table, empty="no claims found")


@app.command()
def quarantine(
    ctx: typer.Context,
    limit: int = typer.Option(50, "--limit", "-n", min=1, max=queries.MAX_LIMIT, help="How many items."),
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
    db: str = DB_OPTION,
) -> None:
    """List records, files and feeds that could not be read, with the reason."""
    page = queries.find_quarantined(with_db(ctx, db).store, limit=limit)
    emit(page.items, as_json=as_json, as_csv=as_csv, render=quarantine_table, empty="the quarantine is empty")


@app.command()
def stats(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    as_csv: bool = CSV_OPTION,
    db: str = DB_OPTION,
) -> None:
    """Counts of documents, claims, quarantined items, warnings and incidents in the store."""
    figures = queries.stats(with_db(ctx, db).store)
    emit_one(figures, as_json=as_json, as_csv=as_csv, render=stats_table, csv_records=figures.rows())
