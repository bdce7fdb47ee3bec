"""`forewarn detect`, `forewarn claims`, `forewarn eval`."""

from __future__ import annotations

from datetime import date
from itertools import islice
from pathlib import Path

import typer
from rich.table import Table

from ..detect import DETECTOR_VERSION, Detector
from ..errors import ConfigError, NotFoundError
from ..evaluate import FIELDS, LABELS, Evaluation, claim_record, evaluate, read_labelled, write_predictions
from ..model import Claim
from ..pipeline import process
from . import DB_OPTION, app, out, print_json, with_db
from .output import plain


@app.command()
def detect(
    ctx: typer.Context,
    everything: bool = typer.Option(False, "--all", help="Re-read every document, not only unread ones."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    db: str = DB_OPTION,
) -> None:
    """Find staging claims in the stored documents this detector version has not read yet, then re-link
    statements and update the warnings so they follow the new claims."""
    state = with_db(ctx, db)
    figures = process(state.store, state.settings, everything=everything)
    if as_json:
        print_json({"claims": figures["claims_written"], "detector_version": DETECTOR_VERSION, **figures})
    else:
        out.print(f"{figures['claims_written']:,} claims written (detector {DETECTOR_VERSION}); "
                  f"{figures['warnings']} warnings, {figures['open_warnings']} open")


def _day(value: str | None, flag: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(f"{flag} wants a date like 2018-09-01, not {value!r}") from exc


def _place_ids(name: str | None) -> set[str] | None:
    """The place a user named, with everything inside it (a governorate includes its towns)."""
    if not name:
        return None
    from ..places import Gazetteer

    gazetteer = Gazetteer.default()
    place = gazetteer.resolve(name) or gazetteer.resolve(name, country="")
    if place is None:
        raise NotFoundError(f"no place called {name!r} in the gazetteer")
    return gazetteer.descendants(place.id)


@app.command()
def claims(
    ctx: typer.Context,
    kind: str = typer.Option(None, "--kind", help="PREEMPTIVE or RETROSPECTIVE."),
    place: str = typer.Option(None, "--place", help="A place name; includes the places inside it."),
    since: str = typer.Option(None, "--since", help="Published on or after this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Published on or before this date (YYYY-MM-DD)."),
    claimant: str = typer.Option(None, "--claimant", help="Claimant contains this text."),
    limit: int = typer.Option(None, "--limit", min=1, help="Show at most this many."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list of claim objects."),
    db: str = DB_OPTION,
) -> None:
    """List detected claims, oldest first."""
    if kind and kind.upper() not in ("PREEMPTIVE", "RETROSPECTIVE"):
        raise ConfigError(f"--kind is PREEMPTIVE or RETROSPECTIVE, not {kind!r}")
    found = with_db(ctx, db).store.iter_claims(
        kind=kind, place_ids=_place_ids(place), since=_day(since, "--since"), until=_day(until, "--until"),
        claimant=claimant,
    )
    selected = list(islice(found, limit))
    if as_json:
        print_json([claim_record(c) for c in selected])
    else:
        out.print(_claims_table(selected))


def _claims_table(selected: list[Claim]) -> Table:
    """Claims as a table; every cell is sanitised plain Text (cli/output.py): no markup, no control codes."""
    table = Table("published", "kind", "stance", "claimant", "agent", "place", "sentence")
    for claim in selected:
        published = claim.published_at.date().isoformat() if claim.published_at else ""
        place = claim.places[0].name if claim.places else ""
        cells = (published, claim.kind, claim.stance, claim.claimant, claim.agent, place,
                 claim.evidence.sentence[:160])
        table.add_row(*(plain(cell) for cell in cells))
    table.caption = f"claims shown: {len(selected)}"
    return table


@app.command(name="eval")
def eval_command(
    path: Path = typer.Argument(..., help="Labelled JSONL: id, text, label, optional title/date/hints."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    predictions: Path = typer.Option(None, "--predictions", help="Write per-text predictions here (JSONL)."),
) -> None:
    """Score the detector on labelled texts: per-class P/R/F1, confusion matrix, field accuracies."""
    report = evaluate(read_labelled(path), Detector())
    if predictions is not None:
        write_predictions(predictions, report.predictions)
    if as_json:
        print_json(report.to_json())
        return
    _print_report(report)


def _print_report(report: Evaluation) -> None:
    scores = Table("label", "precision", "recall", "F1", "support", title="per class")
    for label in LABELS:
        row = report.per_class[label]
        scores.add_row(label, f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}",
                       str(row["support"]))
    matrix = Table("gold \\ predicted", *LABELS, title="confusion")
    for gold in LABELS:
        matrix.add_row(gold, *(str(report.confusion[gold][p]) for p in LABELS))
    fields = Table("field", "accuracy", "scored", title="fields on correctly found positives")
    for name in FIELDS:
        value = report.fields[name]
        fields.add_row(name, "–" if value is None else f"{value:.3f}", str(report.field_counts[name]))
    for table in (scores, matrix, fields):
        out.print(table)
