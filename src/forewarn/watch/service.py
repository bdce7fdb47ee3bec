"""The library functions under `forewarn sources …` and `forewarn watch` (the CLI is a few lines over these)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..settings import Settings
from ..store import Store
from .alerts import AlertBook, Printer
from .book import SourceBook
from .config import SourceSpec, specs_from_toml
from .engine import PollEvent, Watcher, WatchSummary
from .schedule import utcnow


@dataclass(frozen=True)
class ImportResult:
    added: list[str]
    updated: list[str]
    removed: list[str]


def add_source(store: Store, spec: SourceSpec, *, replace: bool = False) -> bool:
    """Add a source (or, with `replace`, update the one of that name); True when it was new."""
    return SourceBook(store).add(spec, utcnow(), replace=replace)


def import_sources(store: Store, path: Path, settings: Settings, *, prune: bool = False) -> ImportResult:
    """Make the sources table say what sources.toml says: add new sources, update changed ones (their health is
    kept unless their location changed) and, with `prune`, remove those the file no longer lists."""
    specs = specs_from_toml(path, settings.watch_interval)
    book = SourceBook(store)
    before = {s.name: s.spec for s in book.all()}
    now = utcnow()
    added = [s.name for s in specs if book.add(s, now, replace=True)]
    updated = [s.name for s in specs if s.name in before and before[s.name] != s]
    removed: list[str] = []
    if prune:
        listed = {s.name for s in specs}
        for name in sorted(set(before) - listed):
            book.remove(name)
            removed.append(name)
    return ImportResult(added, updated, removed)


def remove_source(store: Store, name: str) -> None:
    SourceBook(store).remove(name)


def list_sources(store: Store) -> list[SourceSpec]:
    return [s.spec for s in SourceBook(store).all()]


def source_health(store: Store, settings: Settings) -> list[dict[str, Any]]:
    now = utcnow()
    return [s.health(now, settings.watch_stale_factor, settings.watch_stale_default) for s in SourceBook(store).all()]


def recent_alerts(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    return AlertBook(store).recent(limit)


def watch(
    store: Store,
    settings: Settings,
    *,
    once: bool = False,
    printer: Printer | None = None,
    on_poll: Any = None,
    install_signals: bool = True,
) -> WatchSummary:
    """Run the watcher in this thread until SIGTERM/SIGINT (or one round with `once`)."""
    watcher = Watcher(store, settings, printer=printer, on_poll=on_poll)
    return asyncio.run(watcher.run(once=once, install_signals=install_signals))


__all__ = ["ImportResult", "PollEvent", "add_source", "import_sources", "list_sources", "recent_alerts",
           "remove_source", "source_health", "watch"]
