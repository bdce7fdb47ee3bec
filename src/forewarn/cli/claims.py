"""`forewarn detect`, `forewarn eval` (`forewarn claims` is in cli/read.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table

from . import DB_OPTION, app, out, print_json, with_db
from .output import plain

if TYPE_CHECKING:
    from ..evaluate import Evaluation


@app.command()
def detect(
    ctx: typer.Context,
    everything: bool = typer.Option(False, "--all", help="Re-read every document, not only unread ones."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    db: str = DB_OPTION,
) -> None:
    """Find staging claims in the stored documents this detector version has not read yet, then re-link
    statements and update the warnings so they follow the new claims."""
    from ..detect import Detector
    from ..pipeline import process

    state = with_db(ctx, db)
    figures = process(state.store, state.settings, everything=everything)
    version = Detector.from_settings(state.settings).version
    if as_json:
        print_json({"claims": figures["claims_written"], "detector_version": version, **figures})
    else:
        out.print(f"{figures['claims_written']:,} claims written (detector {version}); "
                  f"{figures['warnings']} warnings, {figures['open_warnings']} open")


@app.command(name="eval")
def eval_command(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="Labelled JSONL: id, text, label, optional title/date/hints."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    predictions: Path = typer.Option(None, "--predictions", help="Write per-text predictions here (JSONL)."),
) -> None:
    """Score the detector on labelled texts: per-class P/R/F1, confusion matrix, field accuracies (claimant and
    stance included), and each language's figures with how forewarn reads it (pack, encoder, partial)."""
    from ..detect import Detector
    from ..evaluate import evaluate, read_labelled, write_predictions
    from . import context

    report = evaluate(read_labelled(path), Detector.from_settings(context(ctx).settings))
    if predictions is not None:
        write_predictions(predictions, report.predictions)
    if as_json:
        print_json(report.to_json())
        return
    _print_report(report)


def _print_report(report: Evaluation) -> None:
    from ..evaluate import FIELDS, LABELS

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
    languages = Table("language", "read with", "texts", "PREEMPTIVE F1", "RETROSPECTIVE F1", title="per language")
    for language, row in report.languages.items():
        languages.add_row(plain(language), str(row["support"]), str(row["documents"]), _f1(row["PREEMPTIVE"]),
                          _f1(row["RETROSPECTIVE"]))
    for table in (scores, matrix, fields, languages):
        out.print(table)


def _f1(row: Any) -> str:
    return f"{row['f1']:.3f} ({row['support']})" if row["support"] else "–"
