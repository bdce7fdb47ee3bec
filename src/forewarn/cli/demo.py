"""`forewarn demo`: the main job on the bundled illustrative sample."""

from __future__ import annotations

import shlex
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from . import DB_OPTION, app, out, print_json, with_db
from .output import plain, safe

if TYPE_CHECKING:
    from ..demo import DemoResult


@app.command()
def demo(
    ctx: typer.Context,
    report: str = typer.Option(None, "--report", help="Directory for the report (default: forewarn-report)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    db: str = DB_OPTION,
) -> None:
    """Ingest the bundled illustrative sample, detect, warn, backtest, and write a report."""
    from ..demo import run_demo

    state = with_db(ctx, db)
    result = run_demo(state.store, state.settings, report or state.settings.report_dir)
    figures = result.backtest.to_json()
    if as_json:
        print_json({
            "ingested": asdict(result.ingested), "stages": result.stages, "evaluation": result.evaluation.to_json(),
            "summary": figures["summary"], "baseline": figures["baseline"], "report": str(result.report),
        })
        return
    _print_summary(result, figures)
    _print_dashboard_hint(state.settings.db, state.settings.serve_port)


def _print_dashboard_hint(db: str, port: int) -> None:
    """How to open the dashboard on this store, with the command as it was started (.venv/bin/forewarn
    under `make demo`)."""
    program = sys.argv[0] if Path(sys.argv[0]).name == "forewarn" else "forewarn"
    out.print(safe(f"dashboard  {shlex.quote(program)} --db {shlex.quote(db)} serve   then open "
                   f"http://localhost:{port}/"))


def _print_summary(result: DemoResult, figures: dict[str, Any]) -> None:
    i, s = result.ingested, result.stages
    out.print(plain("forewarn demo", "bold") + " — bundled ILLUSTRATIVE sample (fiction modelled on the 2018 pattern)")
    out.print(f"ingested   {i.read} records: {i.new} new, {i.duplicate} already stored, {i.quarantined} quarantined")
    kinds = result.store_figures["claims_by_kind"]
    out.print(f"detected   {sum(kinds.values())} claims ({kinds.get('PREEMPTIVE', 0)} pre-emptive, "
              f"{kinds.get('RETROSPECTIVE', 0)} retrospective); {s['claims_sharing_a_statement']} share a "
              f"statement with a copy in another outlet or language")  # fmt: skip
    pre = result.evaluation.per_class.get("PREEMPTIVE", {})
    out.print(f"evaluated  against the sample's labels: PREEMPTIVE precision {pre.get('precision', 0):.2f}, "
              f"recall {pre.get('recall', 0):.2f}")  # fmt: skip
    out.print(f"warnings   {s['warnings']} ({s['open_warnings']} still open)")
    for w in figures["warnings"]:
        verdict = "HIT" if w["hit"] else "false alarm"
        out.print(safe(f"           {w['place_name']} opened {w['opened_at']} -> {verdict}"))
    for incident in figures["incidents"]:
        outcome = (f"caught {incident['lead_days']} days ahead ({incident['match_level']})"
                   if incident["caught"] else "missed")  # fmt: skip
        out.print(safe(f"attack     {incident['date']} {incident['place']}: {outcome}"))
    summary = figures["summary"]
    out.print(f"backtest   precision {summary['precision']}, recall {summary['recall']}, "
              f"median lead {summary['median_lead_days']} days")  # fmt: skip
    out.print(safe(f"report     {result.report}"))
