"""`forewarn feedback`: analysts' verdicts on claims — list them, give one, export them for training."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .. import feedback as library
from .. import queries
from ..places import Gazetteer
from . import DB_OPTION, app, out, print_json, with_db
from .output import safe

feedback_app = typer.Typer(help="Analysts' verdicts on claims: list, mark, export.", no_args_is_help=False)
app.add_typer(feedback_app, name="feedback")


@feedback_app.callback(invoke_without_command=True)
def feedback_list(
    ctx: typer.Context,
    claim: str = typer.Option(None, "--claim", help="Only the verdicts on this claim."),
    db: str = DB_OPTION,
) -> None:
    """List every verdict given, oldest first, as JSON lines (who, when, what)."""
    if ctx.invoked_subcommand is not None:
        return
    print_json(library.history(with_db(ctx, db).store, claim))


@feedback_app.command("mark")
def feedback_mark(
    ctx: typer.Context,
    claim_id: str = typer.Argument(..., help="The claim id, or a unique prefix of it."),
    verdict: str = typer.Argument(..., help="right, wrong or corrected."),
    set_fields: list[str] = typer.Option(None, "--set", help="A corrected field: --set place=Saraqib (repeatable)."),
    analyst: str = typer.Option("", "--analyst", help="Who judges."),
    note: str = typer.Option("", "--note", help="Why."),
    db: str = DB_OPTION,
) -> None:
    """Mark a claim right or wrong, or correct its fields; signals and warnings follow at once."""
    state = with_db(ctx, db)
    full = queries.get_claim(state.store, claim_id).id
    corrections = dict(item.partition("=")[::2] for item in set_fields or [])
    review = library.record(state.store, Gazetteer.default(), state.settings,
                            library.Verdict(full, verdict, corrections, analyst, note))
    out.print(safe(f"{full}: {review.verdict}", newlines=False))


@feedback_app.command("export")
def feedback_export(
    ctx: typer.Context,
    path: Path = typer.Argument(None, help="Write here (default: standard output)."),
    db: str = DB_OPTION,
) -> None:
    """Write the reviewed claims as labelled JSONL for training (id, text, language, label, narrative,
    stance, claimant, accused, agent, place; a claim marked wrong is labelled OTHER)."""
    store = with_db(ctx, db).store
    if path is None:
        library.export_labelled(store, sys.stdout)
        return
    with path.open("w", encoding="utf-8") as handle:
        count = library.export_labelled(store, handle)
    out.print(safe(f"{count} labelled examples written to {path}", newlines=False))
