"""`forewarn watch` and `forewarn alerts`."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import typer

from ..errors import SourceError
from . import DB_OPTION, app, err, out, print_json, with_db
from .output import JSON_UNSAFE, safe

if TYPE_CHECKING:
    from ..watch.alerts import Alert
    from ..watch.engine import PollEvent


def _service() -> ModuleType:
    """forewarn.watch.service, imported when a command runs (it brings the HTTP, feed and HTML stack)."""
    from ..watch import service

    return service


def json_line(value: Any) -> str:
    """One JSON object on one line (JSON Lines), with what a terminal would act on escaped (cli/output.py)."""
    return JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False, default=str))


def plain(text: str) -> str:
    """Untrusted text (outlets, titles, servers' error messages) on one line, control characters visible."""
    return safe(text, newlines=False)


@app.command()
def watch(
    ctx: typer.Context,
    sources: Path = typer.Option(None, "--sources", help="Import this sources.toml before watching."),
    once: bool = typer.Option(False, "--once", help="Poll every due source once, then exit (for cron, tests)."),
    alert_log: str = typer.Option(None, "--alert-log", help="JSONL file alerts are appended to."),
    webhook: str = typer.Option(None, "--webhook", help="POST each alert as JSON to this URL."),
    command: str = typer.Option(None, "--command", help="Run this command per alert, the alert JSON on stdin."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Allow private/loopback addresses."),
    as_json: bool = typer.Option(False, "--json", help="Print alerts (and the final summary) as JSON lines."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Print every poll's outcome on stderr."),
    db: str = DB_OPTION,
) -> None:
    """Poll the sources as they publish; store, detect, link and warn; alert on new or grown warnings."""
    state = with_db(ctx, db)
    overrides: dict[str, Any] = {"alert_log": alert_log, "alert_webhook": webhook, "alert_command": command}
    settings = replace(state.settings, **{k: v for k, v in overrides.items() if v is not None})
    if allow_private:
        settings = replace(settings, allow_private=True)
    if sources is not None:
        _service().import_sources(state.store, sources, settings)

    def show(alert: Alert) -> None:
        if as_json:
            sys.stdout.write(json_line({"id": alert.id, **alert.payload}) + "\n")
            sys.stdout.flush()
        else:
            out.print(plain(f"ALERT {alert.kind}: {alert.message}"), markup=False, highlight=False)

    def progress(event: PollEvent) -> None:
        detail = f" {event.new_items} new" if event.new_items else ""
        problem = f": {event.error}" if event.error else ""
        err.print(plain(f"{event.at:%H:%M:%S} {event.source} {event.outcome}{detail}{problem}"),
                  markup=False, highlight=False)

    if not _service().list_sources(state.store):
        err.print("no sources to watch yet: add some with `forewarn sources add URL` or --sources FILE",
                  markup=False, highlight=False)
    summary = _service().watch(state.store, settings, once=once, printer=show, on_poll=progress if verbose else None)
    figures = summary.figures()
    if as_json:
        sys.stdout.write(json_line({"summary": figures}) + "\n")
    else:
        err.print(", ".join(f"{k.replace('_', ' ')} {v}" for k, v in figures.items() if v is not None),
                  markup=False, highlight=False)
    if summary.polls and summary.failures == summary.polls:
        raise typer.Exit(SourceError.exit_code)


@app.command()
def alerts(
    ctx: typer.Context,
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="How many, newest first."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
    db: str = DB_OPTION,
) -> None:
    """List the alerts `forewarn watch` raised, newest first."""
    found = _service().recent_alerts(with_db(ctx, db).store, limit)
    if as_json:
        print_json(found)
        return
    if not found:
        out.print("no alerts")
    for alert in found:
        out.print(plain(f"{alert.get('created_at')} {alert.get('kind')}: {alert.get('message')}"),
                  markup=False, highlight=False)
