"""The few functions behind forewarn's curated Python API (see forewarn/__init__.py and docs/python.md):
open a store by path or URL, ingest sources into it, and run the stages after ingest — each with the default
settings unless you pass your own."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .model import IngestSummary
from .settings import Settings
from .store import Store


def open_store(path_or_url: str | Path = "forewarn.db", *, migrate: bool = True) -> Store:
    """Open (and create or migrate) a store: a SQLite file path ("forewarn.db") or a SQLAlchemy URL
    ("postgresql+psycopg://user@host/db"). Use it as a context manager to close it."""
    return Store(path_or_url, migrate=migrate)


def ingest(sources: str | Path | Iterable[str | Path], store: Store, settings: Settings | None = None,
           **options: Any) -> IngestSummary:
    """Read files, directories, globs or URLs into the store (bad records are quarantined, never fatal).
    Keyword options are those of forewarn.ingest.ingest (fmt, options, progress, on_problem)."""
    from .ingest import ingest as run_ingest

    names = [str(sources)] if isinstance(sources, str | Path) else [str(s) for s in sources]
    return run_ingest(names, store, settings or Settings(db=store.url), **options)


def process(store: Store, settings: Settings | None = None, *, everything: bool = False) -> dict[str, Any]:
    """Detect claims in what was ingested, link statements, update signals and warnings; per-stage figures."""
    from .pipeline import process as run_process

    return run_process(store, settings or Settings(db=store.url), everything=everything)
