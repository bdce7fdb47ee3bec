"""`forewarn backfill`: a large collection read and detected over partitions, locally or on a Dask cluster."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import typer

from ..backfill import ENGINES, PARTITION_BYTES
from ..backfill import backfill as run_backfill
from ..errors import SourceError
from ..sources import FORMATS, ReadOptions
from . import DB_OPTION, app, err, out, print_json, with_db
from .ingest import _line, _progress_bar


@app.command()
def backfill(
    ctx: typer.Context,
    sources: list[str] = typer.Argument(..., help="Files, directories or globs (as for ingest)."),
    engine: str = typer.Option("local", "--engine", help=f"Where read + detect run: {', '.join(ENGINES)}."),
    scheduler: str = typer.Option(None, "--scheduler", help="Address of a running Dask scheduler (dask engine)."),
    workers: int = typer.Option(None, "--workers", min=1, help="Worker processes of the local Dask cluster."),
    partition_mb: float = typer.Option(PARTITION_BYTES / 1e6, "--partition-mb", min=0.01,
                                       help="JSON Lines files are cut into byte ranges of about this size."),
    fmt: str = typer.Option(None, "--format", "-f", help=f"Force a format: {', '.join(FORMATS)}."),
    source: str = typer.Option(None, "--source", help="Name of the collection (default: from the format)."),
    encoding: str = typer.Option(None, "--encoding", help="Force a text encoding (default: UTF-8/cp1252)."),
    no_stages: bool = typer.Option(False, "--no-stages", help="Skip linking, signals and warnings afterwards."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as one JSON object."),
    db: str = DB_OPTION,
) -> None:
    """Read and detect SOURCES over partitions (a local Dask cluster with --engine dask), then link and warn."""
    if engine not in ENGINES:
        raise typer.BadParameter(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}", param_hint="--engine")
    if (scheduler or workers) and engine != "dask":
        raise typer.BadParameter("--scheduler and --workers need --engine dask", param_hint="--engine")
    if scheduler and workers:
        raise typer.BadParameter("give --scheduler or --workers, not both", param_hint="--workers")
    if fmt and fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}", param_hint="--format")
    state = with_db(ctx, db)
    with _progress_bar(err.is_terminal and not as_json) as progress:
        summary = run_backfill(sources, state.store, state.settings, engine=engine, fmt=fmt,  # type: ignore[arg-type]
                               options=ReadOptions(source=source, encoding=encoding), scheduler=scheduler,
                               workers=workers, partition_bytes=int(partition_mb * 1e6), stages=not no_stages,
                               progress=progress)
    result: dict[str, Any] = {**asdict(summary.ingest), "partitions": summary.partitions,
                              "claims_written": summary.claims_written, "stages": dict(summary.stages)}
    if as_json:
        print_json(result)
    else:
        out.print(f"{_line(summary.ingest)} · partitions {summary.partitions:,} · claims {summary.claims_written:,}")
        for stage, figures in summary.stages.items():
            out.print(f"{stage}: {figures}")
    if summary.ingest.read == 0:
        raise typer.Exit(SourceError.exit_code)
