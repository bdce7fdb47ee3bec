"""Ingest: read sources (files, directories, globs, URLs) into the store, in batches, never stopping on bad
input.

Every batch of documents is one transaction, keyed by stable ids, so an interrupted ingest leaves whole
batches only and a re-run stores exactly what is missing. Bad records, files and feeds go to the quarantine
with their origin, position and reason.

Isolation: readers quarantine a record whose reading raises and go on (see sources.common.failed_record).
An exception a reader cannot pin to a record ends that source only: it is quarantined with the number of
records read before it, the documents already read are kept (and written), and the next source is read. An
exception that is not a SourceError or OSError is a defect, reported as "unexpected" and logged with its
traceback on the "forewarn" logger (the CLI's --debug shows it).
"""

from __future__ import annotations

import glob
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import SourceError
from .model import Document, IngestSummary, Quarantined
from .settings import Settings
from .sources import EXTENSIONS, ReadOptions, is_url, read
from .sources.common import clean_text, failed_record, needs_cleaning, to_utc
from .text import detect_language

if TYPE_CHECKING:
    from .detect import Detector
    from .store import Store

log = logging.getLogger("forewarn.ingest")

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
        detector: Detector | None = None,
    ) -> None:
        self.store, self.settings, self.progress, self.on_problem = store, settings, progress, on_problem
        self.detector = detector
        self.claims = 0  # written with their documents (detection inside the batch)
        self.documents: list[Document] = []
        self.quarantine: list[Quarantined] = []
        self.summary = IngestSummary()
        self.problems = 0
        self.overflow = _Overflow(settings.max_quarantined_per_source)

    def add(self, record: Document | Quarantined) -> None:
        if isinstance(record, Quarantined):
            self.problems += 1
            if not self.overflow.takes(record):  # past the source's quota it is counted, not stored one by one
                self._keep(record)
        else:
            self.documents.append(record)
        self._flush_if_full()

    def _flush_if_full(self) -> None:
        if len(self.documents) >= self.settings.batch_size or len(self.quarantine) >= self.settings.batch_size:
            self.flush()

    def _keep(self, record: Quarantined) -> None:
        record = Quarantined(*(clean_text(str(getattr(record, f.name))) for f in fields(record)))
        self.quarantine.append(record)
        if self.on_problem:
            self.on_problem(record)

    def end_source(self) -> None:
        """The source is read: its bad records past the quota become one summary row (already counted)."""
        summary = self.overflow.summary()
        self.overflow = _Overflow(self.settings.max_quarantined_per_source)
        if summary:
            self._keep(summary)
            self._flush_if_full()

    def flush(self) -> None:
        if self.quarantine:
            self.store.add_quarantined(self.quarantine)
            self.quarantine = []
        if self.documents:
            if self.detector is None:
                stored = self.store.add_documents(self.documents)
            else:
                stored, claims = store_detected(self.store, self.documents, self.detector)
                self.claims += claims
            self.summary = self.summary + stored
            self.documents = []
        if self.progress:
            self.progress(self.totals)

    @property
    def totals(self) -> IngestSummary:
        return replace(self.summary, quarantined=self.problems, claims=self.claims)


def store_detected(store: Store, batch: list[Document], detector: Detector) -> tuple[IngestSummary, int]:
    """Store a batch with detection inside it: the documents not stored yet (by id or content hash, one read)
    are detected in memory (`detect.detect_documents`, pure) and written with their claims in one transaction
    (`Store.insert_detected`, which de-duplicates again inside it). Returns the batch's summary and the number
    of claims written. A document the store merges with a fuller copy is stored unread; `pipeline.process`
    detects it."""
    from .backfill import detector_version
    from .detect import detect_documents

    fresh = store.unseen_documents(batch)
    claims = {doc.id: tuple(found) for doc, found in detect_documents(fresh, detector) if found}
    inserted, written = store.insert_detected(fresh, claims, detector_version(detector))
    new = len(inserted)
    return IngestSummary(read=len(batch), new=new, duplicate=len(batch) - new), written


def ingest(
    sources: Iterable[str],
    store: Store,
    settings: Settings,
    *,
    fmt: str | None = None,
    options: ReadOptions | None = None,
    progress: Callable[[IngestSummary], None] | None = None,
    on_problem: Callable[[Quarantined], None] | None = None,
    detector: Detector | None = None,
) -> IngestSummary:
    """Read every source into the store; returns totals (read, new, duplicate, quarantined, and the claims
    written with the documents). `progress` is called after each batch with the running totals, `on_problem`
    with each Quarantined. With a `detector`, each batch is detected before it is written (`store_detected`):
    the documents are stored as read by it, with their claims, and `pipeline.process` does not read them again."""
    options = replace(options or ReadOptions(), settings=settings)
    writer = _Writer(store, settings, progress, on_problem, detector)
    for item in expand(sources):
        if isinstance(item, Quarantined):
            writer.add(item)
        else:
            _read_source(item, partial(read, item, fmt, options), writer)
    writer.flush()
    return writer.totals


def ingest_records(
    origin: str,
    records: Callable[[], Iterable[Document | Quarantined]],
    store: Store,
    settings: Settings,
    *,
    on_problem: Callable[[Quarantined], None] | None = None,
) -> IngestSummary:
    """Store the records of one source read elsewhere (the watcher parses what it fetched itself), with the
    same checks, batching, isolation and quarantine as `ingest`. `records` opens the source."""
    writer = _Writer(store, settings, None, on_problem)
    _read_source(origin, records, writer)
    writer.flush()
    return writer.totals


def _read_source(source: str, records: Callable[[], Iterable[Document | Quarantined]], writer: _Writer) -> None:
    for record in read_records(source, records, writer.settings.max_record_chars):
        writer.add(record)
    writer.end_source()


def read_records(source: str, records: Callable[[], Iterable[Document | Quarantined]], max_chars: int
                 ) -> Iterator[Document | Quarantined]:
    """Pure: every record of one source, finished (`finish`); whatever the source throws ends this source only,
    as a last Quarantined with an empty position (`ends_source`). What the consumer raises is not caught here."""
    count = 0
    try:
        for record in records():
            count += 1
            yield finish(record, max_chars)
    except SourceError as exc:  # the source (or the rest of it) is unreadable: report it, go on with the next
        yield _source_problem(source, count, str(exc).removeprefix(f"{source}: "))
    except OSError as exc:
        yield _source_problem(source, count, f"cannot read: {exc}")
    except (RecursionError, MemoryError) as exc:
        yield _source_problem(source, count, f"input too deeply nested or too large ({type(exc).__name__})")
    except Exception as exc:  # a defect in a reader or a library: never lose the batch or the next sources
        log.debug("unexpected error reading %s", source, exc_info=exc)
        yield _source_problem(source, count, f"unexpected error: {type(exc).__name__}: {exc}")


class _Overflow:
    """The bad records of one source past `max_quarantined_per_source`: a file of 375,000 one-byte bad lines
    would otherwise be 375,000 quarantine rows (0.1 ms each to write, and nothing an analyst reads one by one).
    The first `quota` are stored as usual; the rest are counted by reason and summarised in one row at the end
    of the source, with their first and last positions. The problem that ends a source is always stored."""

    REASONS = 100  # distinct reasons counted; further ones are "other reasons"

    def __init__(self, quota: int) -> None:
        self.quota, self.kept, self.count = quota, 0, 0
        self.reasons: Counter[str] = Counter()
        self.first: Quarantined | None = None
        self.last = ""

    def takes(self, record: Quarantined) -> bool:
        if self.kept < self.quota or not record.position:
            self.kept += 1
            return False
        self.count += 1
        self.first = self.first or record
        self.last = record.position
        reason = record.reason[:200]
        self.reasons[reason if reason in self.reasons or len(self.reasons) < self.REASONS else "other reasons"] += 1
        return True

    def summary(self) -> Quarantined | None:
        if self.first is None:
            return None
        span = self.first.position if self.last == self.first.position else f"{self.first.position} … {self.last}"
        common = "; ".join(f"{n:,} × {reason}" for reason, n in self.reasons.most_common(3))
        reason = (f"{self.count:,} more bad records, not stored one by one (max_quarantined_per_source = "
                  f"{self.quota:,} were): {common}")  # fmt: skip
        return Quarantined(self.first.origin, span, reason[:1000], self.first.raw)


def ends_source(record: Document | Quarantined, source: str) -> bool:
    """Whether `record` is the problem that ended reading `source` (see `read_records`)."""
    return isinstance(record, Quarantined) and record.origin == source and not record.position


def _source_problem(source: str, count: int, reason: str) -> Quarantined:
    after = f"stopped after {count:,} records: " if count else ""
    return Quarantined(source, "", (after + reason)[:1000])


def finish(record: Document | Quarantined, max_chars: int) -> Document | Quarantined:
    """Last checks common to all readers: size cap, storable text, UTC dates, language when the source did
    not say. A record these checks fail on is quarantined, never raised."""
    if isinstance(record, Quarantined):
        return record
    try:
        return _finish(record, max_chars)
    except Exception as exc:
        return failed_record(record.origin, record.position, exc, record.title[:300])


def _finish(record: Document, max_chars: int) -> Document | Quarantined:
    if len(record.text) + len(record.title) > max_chars:
        reason = f"record over max_record_chars ({max_chars:,})"
        return Quarantined(record.origin, record.position, reason, clean_text(record.title[:300]))
    changes: dict[str, object] = _storable(record)
    if record.published_at is not None:
        changes["published_at"] = to_utc(record.published_at)
    if not record.language:
        title, text = changes.get("title", record.title), changes.get("text", record.text)
        changes["language"] = detect_language(f"{title}\n{str(text)[:LANGUAGE_SAMPLE]}")
    return replace(record, **changes) if changes else record  # type: ignore[arg-type]


STRING_FIELDS = tuple(f.name for f in fields(Document) if f.type in ("str", str))


def _storable(record: Document) -> dict[str, object]:
    """The string fields (and extra) with lone surrogates and NULs mended, where they had any."""
    changes: dict[str, object] = {}
    for name in STRING_FIELDS:
        value = getattr(record, name)
        if not isinstance(value, str):  # a reader passed on a library's None or number: text it is
            changes[name] = clean_text("" if value is None else str(value))
        elif needs_cleaning(value):
            changes[name] = clean_text(value)
    if any(needs_cleaning(str(k)) or needs_cleaning(str(v)) for k, v in record.extra.items()):
        changes["extra"] = {clean_text(str(k)): clean_text(str(v)) for k, v in record.extra.items()}
    return changes
