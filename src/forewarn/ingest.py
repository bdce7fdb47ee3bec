"""Ingest: read sources (files, directories, globs, URLs) into the store, in batches, never stopping on bad
input.

Every batch of documents is one transaction, keyed by stable ids, so an interrupted ingest leaves whole
batches only and a re-run stores exactly what is missing. Bad records, files and feeds go to the quarantine
with their origin, position and reason.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from .errors import SourceError
from .model import Document, IngestSummary, Quarantined
from .settings import Settings
from .sources import EXTENSIONS, ReadOptions, is_url, read
from .sources.common import to_utc
from .store import Store
from .text import detect_language

GLOB_CHARS = set("*?[")
LANGUAGE_SAMPLE = 400  # characters used to identify a document's language (enough, and cheap)


def expand(sources: Iterable[str]) -> Iterator[str | Quarantined]:
    """Each source as files and URLs: directories walked (known extensions, hidden entries skipped), globs
    expanded; a source that matches nothing is reported as a Quarantined."""
    for source in sources:
        if is_url(source):
            yield source
            continue
        path = Path(source).expanduser()
        if not path.exists() and GLOB_CHARS & set(source):
            matches = sorted(glob.glob(str(path), recursive=True))
            if not matches:
                yield Quarantined(source, "", "no file matches this pattern")
            for match in matches:
                yield from _expand_path(Path(match))
            continue
        yield from _expand_path(path)


def _expand_path(path: Path) -> Iterator[str | Quarantined]:
    if not path.exists():
        yield Quarantined(str(path), "", "no such file or directory")
    elif path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in EXTENSIONS
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not files:
            yield Quarantined(str(path), "", f"no readable files in the directory ({', '.join(EXTENSIONS)})")
        yield from (str(p) for p in files)
    else:
        yield str(path)


class _Writer:
    """Collects documents and quarantined items; writes each full batch in one transaction."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        progress: Callable[[IngestSummary], None] | None,
        on_problem: Callable[[Quarantined], None] | None,
    ) -> None:
        self.store, self.settings, self.progress, self.on_problem = store, settings, progress, on_problem
        self.documents: list[Document] = []
        self.quarantine: list[Quarantined] = []
        self.summary = IngestSummary()
        self.problems = 0

    def add(self, record: Document | Quarantined) -> None:
        if isinstance(record, Quarantined):
            self.quarantine.append(record)
            self.problems += 1
            if self.on_problem:
                self.on_problem(record)
        else:
            self.documents.append(record)
        if len(self.documents) >= self.settings.batch_size or len(self.quarantine) >= self.settings.batch_size:
            self.flush()

    def flush(self) -> None:
        if self.quarantine:
            self.store.add_quarantined(self.quarantine)
            self.quarantine = []
        if self.documents:
            self.summary = self.summary + self.store.add_documents(self.documents)
            self.documents = []
        if self.progress:
            self.progress(self.totals)

    @property
    def totals(self) -> IngestSummary:
        return replace(self.summary, quarantined=self.problems)


def ingest(
    sources: Iterable[str],
    store: Store,
    settings: Settings,
    *,
    fmt: str | None = None,
    options: ReadOptions | None = None,
    progress: Callable[[IngestSummary], None] | None = None,
    on_problem: Callable[[Quarantined], None] | None = None,
) -> IngestSummary:
    """Read every source into the store; returns totals (read, new, duplicate, quarantined).
    `progress` is called after each batch with the running totals, `on_problem` with each Quarantined."""
    options = replace(options or ReadOptions(), settings=settings)
    writer = _Writer(store, settings, progress, on_problem)
    for item in expand(sources):
        if isinstance(item, Quarantined):
            writer.add(item)
            continue
        try:
            for record in read(item, fmt, options):
                writer.add(finish(record, settings.max_record_chars))
        except SourceError as exc:  # the whole source is unreadable: report it and go on with the next
            writer.add(Quarantined(item, "", str(exc).removeprefix(f"{item}: ")))
        except OSError as exc:
            writer.add(Quarantined(item, "", f"cannot read: {exc}"))
    writer.flush()
    return writer.totals


def finish(record: Document | Quarantined, max_chars: int) -> Document | Quarantined:
    """Last checks common to all readers: size cap, UTC dates, language when the source did not say."""
    if isinstance(record, Quarantined):
        return record
    if len(record.text) + len(record.title) > max_chars:
        reason = f"record over max_record_chars ({max_chars:,})"
        return Quarantined(record.origin, record.position, reason, record.title[:300])
    changes: dict[str, object] = {}
    if record.published_at is not None:
        changes["published_at"] = to_utc(record.published_at)
    if not record.language:
        changes["language"] = detect_language(f"{record.title}\n{record.text[:LANGUAGE_SAMPLE]}")
    return replace(record, **changes) if changes else record  # type: ignore[arg-type]
