"""`forewarn warnings`, `forewarn incidents` and `forewarn backtest`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from .. import queries
from ..places import Gazetteer
from ..queries import IncidentFilter, WarningFilter
from ..serialise import warning_json
from ..warning import refresh_warnings
from . import DB_OPTION, app, out, print_json, with_db
from .filters import parse_day, place_ids
from .output import safe
from .tables import emit, emit_one, incidents_table, warning_detail, warnings_table

warnings_app = typer.Typer(help="Warnings per place: list, show, update.", no_args_is_help=False)
incidents_app = typer.Typer(help="Confirmed and alleged attacks for the backtest: list, load.", no_args_is_help=False)
app.add_typer(warnings_app, name="warnings")
app.add_typer(incidents_app, name="incidents")


@warnings_app.callback(invoke_without_command=True)
def warnings_list(
    ctx: typer.Context,
    open_only: bool = typer.Option(False, "--open", help="Only warnings still open."),
    place: str = typer.Option(None, "--place", help="Only warnings for this place, inside it or containing it."),
    since: str = typer.Option(None, "--since", help="Opened on or after this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Opened on or before this date (YYYY-MM-DD)."),
    sort: str = typer.Option("opened", "--sort", help=f"One of: {', '.join(queries.WARNING_SORTS)}."),
    narrative: str = typer.Option(None, "--narrative", help="Only warnings of this narrative (chemical, …)."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
    as_csv: bool = typer.Option(False, "--csv", help="Print CSV."),
    db: str = DB_OPTION,
) -> None:
    """List stored warnings (run `forewarn warnings update` to compute them from the claims)."""
    if ctx.invoked_subcommand is not None:
        return
    flt = WarningFilter(open_only=open_only, place_ids=place_ids(place, containing=True),
                        since=parse_day(since, "--since"), until=parse_day(until, "--until"), narrative=narrative)
    found = list(queries.iter_warnings(with_db(ctx, db).store, flt, sort=sort))
    emit(found, as_json=as_json, as_csv=as_csv, render=warnings_table, empty="no warnings")


@warnings_app.command("show")
def warnings_show(
    ctx: typer.Context,
    warning_id: str = typer.Argument(..., help="The warning id, or a unique prefix of it (from `forewarn warnings`)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    as_csv: bool = typer.Option(False, "--csv", help="Print its claims as CSV."),
    limit: int = typer.Option(None, "--limit", min=1, max=queries.MAX_STATEMENT_LIMIT,
                              help="Show only the first N statements (default: every one)."),
    db: str = DB_OPTION,
) -> None:
    """One warning with its evidence: each statement behind it, the outlets and languages that relayed it,
    its claimants, context and the link to every source."""
    view = queries.get_warning(with_db(ctx, db).store, warning_id, Gazetteer.default(), limit=limit)
    emit_one(view, as_json=as_json, as_csv=as_csv, render=warning_detail, csv_records=view.claims)


@warnings_app.command("update")
def warnings_update(
    ctx: typer.Context,
    today: str = typer.Option(None, "--today", help="Replay up to this day (default: the last day with claims)."),
    as_json: bool = typer.Option(False, "--json", help="Print the warnings as JSON."),
    db: str = DB_OPTION,
) -> None:
    """Update the signals from new claims and recompute the warnings (history kept)."""
    state = with_db(ctx, db)
    records = refresh_warnings(state.store, Gazetteer.default(), state.settings, today=parse_day(today, "--today"))
    if as_json:
        print_json([warning_json(r.warning) for r in records])
        return
    still_open = sum(1 for r in records if r.warning.is_open)
    out.print(f"{len(records)} warnings ({still_open} open)")


@warnings_app.command("calibrate")
def warnings_calibrate(
    ctx: typer.Context,
    permutations: int = typer.Option(200, "--permutations", help="How many placebo streams to replay."),
    seed: int = typer.Option(1, "--seed", help="Seed of the permutations (the result is repeatable)."),
    shuffle: str = typer.Option("dates", "--shuffle", help="Deal out the statements' dates, or their places."),
    narrative: str = typer.Option("chemical", "--narrative", help="The narrative whose claims are shuffled."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    db: str = DB_OPTION,
) -> None:
    """Placebo test of the warning rule on the stored claims: the false alarms per place-year it really gives
    when the statements' dates (or places) are shuffled, with a 95% interval, beside the budget."""
    from ..calibration import placebo
    from ..warning import SurgeRule

    state = with_db(ctx, db)
    result = placebo(state.store.iter_claims(), Gazetteer.default(), SurgeRule.from_settings(state.settings),
                     permutations=permutations, seed=seed, shuffle=shuffle, narrative=narrative)  # fmt: skip
    if as_json:
        print_json(result.to_json())
        return
    for line in result.describe():
        out.print(line)


@incidents_app.callback(invoke_without_command=True)
def incidents_list(
    ctx: typer.Context,
    status: str = typer.Option(None, "--status", help="Only confirmed or only alleged incidents."),
    place: str = typer.Option(None, "--place", help="Only incidents at this place or inside it."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
    as_csv: bool = typer.Option(False, "--csv", help="Print CSV."),
    db: str = DB_OPTION,
) -> None:
    """List the loaded incidents, confirmed and alleged, with the list each came from."""
    if ctx.invoked_subcommand is not None:
        return
    from ..incidents import checked_status

    wanted = checked_status(status, "--status") if status else None
    flt = IncidentFilter(place_ids=place_ids(place), status=wanted)
    found = queries.find_incidents(with_db(ctx, db).store, flt)
    emit(found, as_json=as_json, as_csv=as_csv, render=incidents_table,
         empty="no incidents loaded (forewarn incidents load FILE.csv)")


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
    episodes: bool = typer.Option(False, "--episodes", help="Tell the backtest episode by episode."),
    episodes_file: Path = typer.Option(None, "--episodes-file", help="Episodes to tell (TOML; default: shipped)."),
    narrative: str = typer.Option("chemical", "--narrative", help="Replay this narrative's claims (chemical, …)."),
    db: str = DB_OPTION,
) -> None:
    """Replay the stored claims day by day (no look-ahead) and score the warnings against the incidents."""
    from ..backtest import backtest_store
    from ..episodes import load_episodes

    state = with_db(ctx, db)
    result = backtest_store(
        state.store,
        state.settings,
        Gazetteer.default(),
        horizon_days=horizon,
        start=parse_day(start, "--from"),
        end=parse_day(end, "--to"),
        incident_set=incident_set,
        episodes=load_episodes(episodes_file),
        narrative=narrative,
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
    if episodes:
        _print_episodes(result.episodes)


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


def _print_episodes(episodes: list[dict[str, Any]]) -> None:
    for e in episodes:
        claims = e["claims"]
        span = f"{claims['first']} to {claims['last']}" if claims["first"] else "none"
        places = ", ".join(f"{p['place']} ({p['statements']})" for p in claims["places"][:6]) or "-"
        lines = [
            f"episode {e['name']} ({e['from']} to {e['to']}): {e['verdict']}",
            f"  claimed: {claims['statements']} statements ({claims['copies']} copies, {claims['outlets']} outlets, "
            f"{', '.join(claims['languages']) or '-'}), {span}; places: {places}",
            f"  claimants: {', '.join(claims['claimants']) or '-'}",
        ]
        for w in e["warnings"]:
            followed = "; ".join(f"{i['status']} {i['place']} {i['date']} (+{i['lead_days']} d)"
                                 for i in w["followed_by"])
            lines.append(f"  warning {w['place_name']} ({w['level']}) opened {w['opened_at']}, {w['statements']} "
                         f"statements: {w['outcome']}{': ' + followed if followed else ''}")  # fmt: skip
        for i in e["incidents"]:
            warned = f"warned by {i['warning_place']}, {i['lead_days']} days ahead" if i["warned"] else "no warning"
            lines.append(f"  {i['status']} attack {i['place']} {i['date']}: {warned}"
                         f"{'; baseline warned' if i['baseline_warned'] else ''}")  # fmt: skip
        lines.append(f"  baseline: {e['baseline']['warnings']} warnings, {e['baseline']['followed_by_confirmed']} "
                     f"followed by a confirmed attack")  # fmt: skip
        for line in lines:
            out.print(safe(line, newlines=False))
