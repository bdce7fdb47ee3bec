"""`forewarn ingest` (the read commands `documents` and `quarantine` are in cli/read.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..errors import SourceError
from ..ingest import ingest as ingest_sources
from ..model import IngestSummary, Quarantined
from ..sources import FORMATS, ReadOptions
from . import DB_OPTION, app, err, out, print_json, with_db
from .output import safe

SHOWN_PROBLEMS = 5


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Callable[[IngestSummary], None] | None]:
    if not enabled:
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("reading…")

        def update(summary: IngestSummary) -> None:
            bar.update(task, description=_line(summary))  # figures only: never untrusted text

        yield update


def _line(summary: IngestSummary) -> str:
    return (
        f"read {summary.read:,} · new {summary.new:,} · duplicate {summary.duplicate:,} · "
        f"quarantined {summary.quarantined:,}"
    )


@app.command()
def ingest(
    ctx: typer.Context,
    sources: list[str] = typer.Argument(..., help="Files, directories, globs or http(s) URLs."),
    fmt: str = typer.Option(None, "--format", "-f", help=f"Force a format: {', '.join(FORMATS)}."),
    text_col: str = typer.Option(None, "--text-col", help="Column/field holding the text."),
    title_col: str = typer.Option(None, "--title-col", help="Column/field holding the title."),
    date_col: str = typer.Option(None, "--date-col", help="Column/field holding the publication date."),
    id_col: str = typer.Option(None, "--id-col", help="Column/field holding the record's own id."),
    outlet_col: str = typer.Option(None, "--outlet-col", help="Column/field holding the outlet/channel."),
    url_col: str = typer.Option(None, "--url-col", help="Column/field holding the article URL."),
    language_col: str = typer.Option(None, "--language-col", help="Column/field holding the language code."),
    source: str = typer.Option(None, "--source", help="Name of the collection (default: from the format)."),
    encoding: str = typer.Option(None, "--encoding", help="Force a text encoding (default: UTF-8/cp1252)."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Allow URLs on private addresses."),
    no_detect: bool = typer.Option(False, "--no-detect", help="Only ingest; skip detection and later stages."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as one JSON object."),
    db: str = DB_OPTION,
) -> None:
    """Read documents from files, directories, globs and URLs into the store."""
    if fmt and fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}", param_hint="--format")
    state = with_db(ctx, db)
    options = ReadOptions(
        text_col=text_col, title_col=title_col, date_col=date_col, id_col=id_col, outlet_col=outlet_col,
        url_col=url_col, language_col=language_col, source=source, allow_private=allow_private,
        encoding=encoding,
    )
    from .. import pipeline

    store = state.store
    problems = _ProblemSample()
    detector = None if no_detect else pipeline.detector_for(state.settings)  # detection inside each batch
    with _progress_bar(err.is_terminal and not as_json) as progress:
        summary = ingest_sources(
            sources, store, state.settings, fmt=fmt, options=options, progress=progress, on_problem=problems.add,
            detector=detector,
        )
    _show_problems(problems.shown(), summary)
    result: dict[str, Any] = asdict(summary)
    if detector is not None and summary.read:
        stages = pipeline.process(store, state.settings, detector=detector)
        result["stages"] = {**stages, "claims_written": stages["claims_written"] + summary.claims}
    if as_json:
        print_json(result)
    else:
        out.print(_line(summary))
        for stage, figures in result.get("stages", {}).items():
            out.print(f"{stage}: {figures}")
    if summary.read == 0:
        raise typer.Exit(SourceError.exit_code)


class _ProblemSample:
    """Keeps what is worth printing: whole-source failures first, then the first few bad records."""

    def __init__(self) -> None:
        self.sources: list[Quarantined] = []
        self.records: list[Quarantined] = []

    def add(self, item: Quarantined) -> None:
        kept = self.sources if not item.position else self.records
        if len(kept) < SHOWN_PROBLEMS:
            kept.append(item)

    def shown(self) -> list[Quarantined]:
        return (self.sources + self.records)[:SHOWN_PROBLEMS]


def _show_problems(problems: list[Quarantined], summary: IngestSummary) -> None:
    """The first few quarantine reasons go to stderr (all of them: `forewarn quarantine`)."""
    if not summary.quarantined:
        return
    err.print(f"{summary.quarantined:,} item(s) quarantined:")
    for item in problems[:SHOWN_PROBLEMS]:
        err.print(f"  {_where(item)}: {safe(item.reason, newlines=False)}")
    if summary.quarantined > SHOWN_PROBLEMS:
        err.print("  … see `forewarn quarantine` for all of them")


def _where(item: Quarantined) -> str:
    return safe(f"{item.origin}{' @ ' + item.position if item.position else ''}", newlines=False)
