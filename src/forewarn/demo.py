"""The main job on the bundled illustrative sample: ingest every format, detect, link, warn, backtest,
evaluate against the sample's own labels, and write a report. Used by `forewarn demo` and `make demo`."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from .backtest import Backtest, backtest_store
from .evaluate import Evaluation, evaluate, read_labelled
from .incidents import read_incidents
from .ingest import ingest
from .model import IngestSummary
from .pipeline import process
from .places import Gazetteer
from .report import write_report
from .settings import Settings
from .store import Store

SAMPLE_SOURCES = ("feeds", "wire.jsonl", "telegram/result.json", "pages", "notes")


@dataclass(frozen=True)
class DemoResult:
    ingested: IngestSummary
    stages: dict[str, Any]
    store_figures: dict[str, Any]
    incidents: int
    backtest: Backtest
    evaluation: Evaluation
    report: Path


def run_demo(store: Store, settings: Settings, report_dir: str | Path) -> DemoResult:
    """Run the whole pipeline on the sample into `store` and write the report into `report_dir`."""
    gazetteer = Gazetteer.default()
    with as_file(files("forewarn") / "data" / "sample") as sample:
        ingested = ingest([str(sample / name) for name in SAMPLE_SOURCES], store, settings)
        stages = process(store, settings)
        loaded = read_incidents(sample / "incidents.csv", gazetteer, status="confirmed")
        labelled = read_labelled(sample / "labels.jsonl")
    store.replace_incidents(loaded.incidents)
    result = backtest_store(store, settings, gazetteer)
    page = write_report(result, report_dir)
    return DemoResult(ingested, stages, store.stats(), len(loaded.incidents), result, evaluate(labelled), page)
