"""`forewarn warnings`, `forewarn incidents` and `forewarn backtest`."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import typer

from ..errors import ConfigError, NotFoundError
from ..model import Incident, Warning
from ..places import Gazetteer
from ..warning import refresh_warnings
from . import DB_OPTION, app, out, print_json, with_db
from .output import safe

warnings_app = typer.Typer(help="Warnings per place: list, show, update.", no_args_is_help=False)
incidents_app = typer.Typer(help="Confirmed and alleged attacks for the backtest: list, load.", no_args_is_help=False)
app.add_typer(warnings_app, name="warnings")
app.add_typer(incidents_app, name="incidents")


def _day(value: str | None, flag: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{flag}: expected a date YYYY-MM-DD, got {value!r}") from None


def warning_json(warning: Warning) -> dict[str, Any]:
    return {"id": warning.id, **asdict(warning), "open": warning.is_open}


def _place_filter(name: str) -> set[str]:
    """The place named, what lies inside it and what contains it (an analyst asking about Douma wants the
    Eastern Ghouta warning too)."""
    gazetteer = Gazetteer.default()
    place = gazetteer.resolve(name)
    if place is None:
        raise NotFoundError(f"no place called {name!r} in the gazetteer")
    return gazetteer.descendants(place.id) | {a.id for a in gazetteer.ancestors(place.id)}


@warnings_app.callback(invoke_without_command=True)
def warnings_list(
    ctx: typer.Context,
    open_only: bool = typer.Option(False, "--open", help="Only warnings still open."),
    place: str = typer.Option(None, "--place", help="Only warnings for this place, inside it or containing it."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
    db: str = DB_OPTION,
) -> None:
    """List stored warnings (run `forewarn warnings update` to compute them from the claims)."""
    if ctx.invoked_subcommand is not None:
        return
    store = with_db(ctx, db).store
    place_ids = _place_filter(place) if place else None
    found = list(store.iter_warnings(open_only=open_only, place_ids=place_ids))
    if as_json:
        print_json([warning_json(w) for w in found])
        return
    if not found:
        out.print("no warnings")
    for w in found:
        state = "OPEN  " if w.is_open else f"closed {w.closed_at}"
        out.print(safe(
            f"{w.id}  {state:<17} {w.place_name} ({w.level})  opened {w.opened_at}, last evidence "
            f"{w.last_evidence_at}, score {w.score:.1f}, {len(w.claim_ids)} claims, {len(w.outlets)} outlets",
            newlines=False,
        ))


@warnings_app.command("show")
def warnings_show(
    ctx: typer.Context,
    warning_id: str = typer.Argument(..., help="The warning id (from `forewarn warnings`)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    db: str = DB_OPTION,
) -> None:
    """One warning with its evidence: the claims, their outlets and claimants, and context."""
    store = with_db(ctx, db).store
    warning = next((w for w in store.iter_warnings() if w.id == warning_id), None)
    if warning is None:
        raise NotFoundError(f"no warning with id {warning_id!r}")
    wanted = set(warning.claim_ids)
    claims = [c for c in store.iter_claims(kind="PREEMPTIVE") if c.id in wanted]
    if as_json:
        evidence = [
            {
                "claim_id": c.id,
                "published_at": c.published_at.isoformat() if c.published_at else None,
                "date_kind": c.date_kind,
                "outlet": c.outlet,
                "claimant": c.claimant,
                "stance": c.stance,
                "places": [p.name for p in c.places],
                "sentence": c.evidence.sentence,
            }
            for c in claims
        ]
        print_json({**warning_json(warning), "evidence": evidence})
        return
    state = "open" if warning.is_open else f"closed {warning.closed_at}"
    lines = [
        f"{warning.place_name} ({warning.level}), {state}; opened {warning.opened_at}, "
        f"last evidence {warning.last_evidence_at}, score {warning.score:.1f}",
        f"claimants: {', '.join(warning.claimants) or '-'}",
        f"outlets: {', '.join(warning.outlets) or '-'}",
        *(f"context: {line}" for line in warning.context),
    ]
    for c in claims:
        day = c.published_at.date().isoformat() if c.published_at else "undated"
        flag = " (event date)" if c.date_kind == "event" else ""
        lines.append(f"- {day}{flag} {c.outlet or '?'} [{c.claimant or 'no claimant'}, {c.stance}]: "
                     f"{c.evidence.sentence}")  # fmt: skip
    for line in lines:  # outlets, claimants and sentences are untrusted: printed verbatim, controls escaped
        out.print(safe(line, newlines=False))


@warnings_app.command("update")
def warnings_update(
    ctx: typer.Context,
    today: str = typer.Option(None, "--today", help="Replay up to this day (default: the last day with claims)."),
    as_json: bool = typer.Option(False, "--json", help="Print the warnings as JSON."),
    db: str = DB_OPTION,
) -> None:
    """Update the signals from new claims and recompute the warnings (history kept)."""
    state = with_db(ctx, db)
    records = refresh_warnings(state.store, Gazetteer.default(), state.settings, today=_day(today, "--today"))
    if as_json:
        print_json([warning_json(r.warning) for r in records])
        return
    still_open = sum(1 for r in records if r.warning.is_open)
    out.print(f"{len(records)} warnings ({still_open} open)")


def incident_json(incident: Incident) -> dict[str, Any]:
    return {"id": incident.id, **asdict(incident)}


@incidents_app.callback(invoke_without_command=True)
def incidents_list(
    ctx: typer.Context,
    status: str = typer.Option(None, "--status", help="Only confirmed or only alleged incidents."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
    db: str = DB_OPTION,
) -> None:
    """List the loaded incidents, confirmed and alleged, with the list each came from."""
    if ctx.invoked_subcommand is not None:
        return
    from ..incidents import checked_status

    wanted = checked_status(status, "--status") if status else None
    found = list(with_db(ctx, db).store.iter_incidents(status=wanted))
    if as_json:
        print_json([incident_json(i) for i in found])
        return
    if not found:
        out.print("no incidents loaded (forewarn incidents load FILE.csv)")
    for i in found:
        out.print(safe(f"{i.date}  {i.status:<9}  {i.place} ({i.governorate})  -> {i.place_id or 'unresolved'}  "
                       f"{i.agent[:40]}  [{i.source or '-'}]", newlines=False))  # fmt: skip


@incidents_app.command("load")
def incidents_load(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="A CSV shaped like confirmed.csv or alleged_unconfirmed.csv."),
    status: str = typer.Option(
        None, "--status", help="confirmed or alleged (default: the rows' status column, else the file name)."
    ),
    source: str = typer.Option(None, "--source", help="A label for this list (default: the file name)."),
    replace: bool = typer.Option(False, "--replace", help="Drop every stored incident first."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary."),
    db: str = DB_OPTION,
) -> None:
    """Add the incidents of FILE.csv to the stored set (one already stored is updated), each marked confirmed
    or alleged with its source; --replace drops the stored set first. Unreadable rows are quarantined."""
    from ..incidents import read_incidents

    store = with_db(ctx, db).store
    loaded = read_incidents(path, Gazetteer.default(), status=status, source=source)
    counts = store.add_incidents(loaded.incidents, replace=replace)
    store.add_quarantined(loaded.quarantined)
    by_status = {s: sum(1 for i in loaded.incidents if i.status == s) for s in ("confirmed", "alleged")}
    sources = sorted({i.source for i in loaded.incidents})
    summary = {
        "loaded": len(loaded.incidents),
        **counts,
        "by_status": by_status,
        "source": sources,
        "replaced": replace,
        "quarantined": len(loaded.quarantined),
        "unresolved": sorted(i.place for i in loaded.incidents if not i.place_id),
        "resolved_by": dict(sorted(loaded.resolved_by.items())),
    }
    if as_json:
        print_json(summary)
        return
    marked = ", ".join(f"{n} {s}" for s, n in by_status.items() if n)
    out.print(safe(f"{summary['loaded']} incidents loaded ({marked or 'none'}) from {', '.join(sources) or '-'}: "
                   f"{counts['added']} added, {counts['updated']} updated, {counts['stored']} stored"
                   f"{' (stored set replaced)' if replace else ''}; {summary['quarantined']} rows quarantined",
                   newlines=False))  # fmt: skip
    for q in loaded.quarantined:
        out.print(safe(f"  quarantined {q.position}: {q.reason}", newlines=False))
    for incident in loaded.incidents:
        if not incident.place_id or "name" not in loaded.resolved_by[incident.id]:
            out.print(safe(f"  {incident.place}: {loaded.resolved_by[incident.id]}", newlines=False))


@app.command()
def backtest(
    ctx: typer.Context,
    horizon: int = typer.Option(None, "--horizon", min=1, max=3650,
                                help="Days after a warning opens in which an attack counts."),
    start: str = typer.Option(None, "--from", help="First day scored (YYYY-MM-DD); earlier claims set baselines."),
    end: str = typer.Option(None, "--to", help="Replay up to this day (YYYY-MM-DD); later documents are ignored."),
    incident_set: str = typer.Option(
        "confirmed", "--incidents", help="Score against confirmed attacks (default), alleged ones, or all."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON (deterministic)."),
    report: str = typer.Option(None, "--report", help="Write an HTML report with PNG charts into this directory."),
    db: str = DB_OPTION,
) -> None:
    """Replay the stored claims day by day (no look-ahead) and score the warnings against the incidents."""
    from ..backtest import backtest_store

    state = with_db(ctx, db)
    result = backtest_store(
        state.store,
        state.settings,
        Gazetteer.default(),
        horizon_days=horizon,
        start=_day(start, "--from"),
        end=_day(end, "--to"),
        incident_set=incident_set,
    )
    if report:
        from ..report import write_report

        page = write_report(result, report)
        if not as_json:
            out.print(safe(f"report: {page}", newlines=False))
    if as_json:
        print_json(result.to_json())
        return
    _print_summary(result.to_json())


def _print_summary(data: dict[str, Any]) -> None:
    counts = ", ".join(f"{n} {s}" for s, n in data["data"]["incidents_by_status"].items())
    sources = ", ".join(s or "unnamed list" for s in data["data"]["incident_sources"])
    out.print(safe(f"incidents scored: {data['parameters']['incidents']} ({counts}; from {sources})", newlines=False))
    for name in ("summary", "baseline"):
        s = data[name]
        out.print(
            f"{name:>8}: {s['warnings']} warnings, {s['hits']} hits, {s['false_alarms']} false alarms, "
            f"precision {s['precision']}, recall {s['recall']} ({s['caught']}/{s['incidents']}), "
            f"median lead {s['median_lead_days']} days"
        )
    for i in data["incidents"]:
        if i["in_range"]:
            outcome = f"caught by {i['warning_place']} ({i['match_level']}), {i['lead_days']} days ahead" if i[
                "caught"] else "missed"  # fmt: skip
            out.print(safe(f"  {i['date']} {i['place']}: {outcome}", newlines=False))
    out.print(f"rule: {data['rule']}")
