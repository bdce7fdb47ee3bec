"""`forewarn sources add|import|list|remove|health`: the sources `forewarn watch` polls."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import typer

from ..serialise import to_json
from ..watch.config import TIERS, format_interval, make_spec, to_toml
from . import DB_OPTION, app, out, print_json, with_db
from .watch import plain  # one line, control characters visible


def _service() -> ModuleType:
    """forewarn.watch.service, imported when a command runs (it brings the HTTP, feed and HTML stack)."""
    from ..watch import service

    return service


sources_app = typer.Typer(help="Sources to watch: add, import, list, remove, health.", no_args_is_help=True)
app.add_typer(sources_app, name="sources")


@sources_app.command("add")
def sources_add(
    ctx: typer.Context,
    location: str = typer.Argument(..., help="Feed or page URL, or a folder where files are dropped."),
    name: str = typer.Option("", "--name", help="Its name (default: from the location)."),
    kind: str = typer.Option("", "--kind", help="feed, page or folder (default: feed for a URL, else folder)."),
    interval: str = typer.Option(None, "--interval", help="Time between polls: 90s, 5m, 2h, 1d (default 10m)."),
    language: str = typer.Option("", "--language", help="Language hint for items that do not say (en, ru, ar)."),
    outlet: str = typer.Option("", "--outlet", help="Outlet name stored with each item."),
    tier: str = typer.Option("", "--tier", help=f"One of: {', '.join(TIERS)}."),
    follow: str = typer.Option("", "--follow", help="page: regex for the article links to read."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Allow a private/loopback address."),
    replace: bool = typer.Option(False, "--replace", help="Update the source of that name if it exists."),
    db: str = DB_OPTION,
) -> None:
    """Add a source to watch (or update one, with --replace)."""
    state = with_db(ctx, db)
    spec = make_spec(location, interval=interval or state.settings.watch_interval, name=name, kind=kind,
                     language=language, outlet=outlet, tier=tier, follow=follow, allow_private=allow_private)
    new = _service().add_source(state.store, spec, replace=replace)
    out.print(plain(f"{'added' if new else 'updated'} {spec.describe()}"), markup=False, highlight=False)


@sources_app.command("import")
def sources_import(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="A sources.toml file (format: docs/watch.md)."),
    prune: bool = typer.Option(False, "--prune", help="Also remove sources the file does not list."),
    as_json: bool = typer.Option(False, "--json", help="Print what changed as JSON."),
    db: str = DB_OPTION,
) -> None:
    """Add and update the sources a sources.toml file lists."""
    state = with_db(ctx, db)
    result = _service().import_sources(state.store, file, state.settings, prune=prune)
    if as_json:
        print_json(to_json(result))
        return
    out.print(f"{len(result.added)} added, {len(result.updated)} updated, {len(result.removed)} removed")


@sources_app.command("list")
def sources_list(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
    as_toml: bool = typer.Option(False, "--toml", help="Print them as a sources.toml file."),
    db: str = DB_OPTION,
) -> None:
    """List the watched sources."""
    specs = _service().list_sources(with_db(ctx, db).store)
    if as_json:
        print_json(to_json(specs))
    elif as_toml:
        out.print(to_toml(specs), end="", markup=False, highlight=False)
    elif not specs:
        out.print("no sources (add one: forewarn sources add URL)")
    for spec in [] if as_json or as_toml else specs:
        extra = ", ".join(v for v in (spec.tier, spec.language, spec.outlet) if v)
        line = f"{spec.name}  {spec.kind:<6} every {format_interval(spec.interval):<5} {spec.location}"
        out.print(plain(line + (f"  ({extra})" if extra else "")), markup=False, highlight=False)


@sources_app.command("remove")
def sources_remove(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The source's name (see `forewarn sources list`)."),
    db: str = DB_OPTION,
) -> None:
    """Stop watching a source (its documents stay)."""
    _service().remove_source(with_db(ctx, db).store, name)
    out.print(plain(f"removed {name}"), markup=False, highlight=False)


@sources_app.command("health")
def sources_health(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
    db: str = DB_OPTION,
) -> None:
    """Each source's health: last success and error, failures in a row, items a day, next poll, stale since."""
    state = with_db(ctx, db)
    rows = _service().source_health(state.store, state.settings)
    if as_json:
        print_json(rows)
        return
    if not rows:
        out.print("no sources")
    for row in rows:
        line = (f"{row['name']}  {row['status'].upper():<8} last ok {row['last_success'] or 'never'}, "
                f"{row['items_per_day']:g} items/day, next poll {row['next_poll'] or 'now'}")
        if row["consecutive_failures"]:
            line += f"; {row['consecutive_failures']} failures in a row, last: {row['last_error']}"
        if row["stale_since"]:
            line += f"; stale since {row['stale_since']} (usual gap {row['usual_gap_s'] or '?'} s)"
        out.print(plain(line), markup=False, highlight=False)
