"""Backfill: read + detect over partitions of a large collection, locally or on a Dask cluster, then the
global stages.

A partition is a file, or a byte range of a large JSON Lines file cut at line ends (`plan`). `detect_part` is
the pure stage core a worker runs: the partition's records read and finished exactly as `forewarn ingest`
reads them (`ingest.read_records`), and the claims of its documents (`detect.detect_documents`). The single
writer — this process — stores each partition's documents in order, with the claims of those it inserted
(`write_part`), so a document that is a duplicate is never detected twice and the store ends as a serial
`forewarn ingest` + `detect` leaves it: the same documents, quarantine and claims. The global stages (linking,
signals, warnings; detection of the few documents the store merged with a fuller copy) run after the last
partition (`pipeline.process`).

Engines: "local" runs `detect_part` in this process (detection inside the ingest batch: no document is read
back from the store); "dask" maps it over a `dask.distributed` cluster — a LocalCluster of `workers` processes
by default, or the scheduler at `scheduler` — with a bounded number of partitions in flight, so memory stays
flat whatever the collection's size. Workers need the files at the same paths (a shared file system).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import BackfillError, SourceError
from .ingest import ends_source, expand, read_records
from .model import Claim, Document, IngestSummary, Quarantined
from .settings import Settings
from .sources import ReadOptions, detect_format, is_url, read
from .sources.common import is_utf16
from .sources.jsonl import read_jsonl

if TYPE_CHECKING:
    from . import detect
    from .store import Store

Engine = Literal["local", "dask"]
ENGINES: tuple[str, ...] = ("local", "dask")
PARTITION_BYTES = 16_000_000  # big enough that a task's overhead is noise, small enough to spread 2+ workers
IN_FLIGHT_PER_WORKER = 2  # partitions submitted ahead of the writer: the cluster never waits, memory stays flat
_BLOCK = 1 << 20


@dataclass(frozen=True)
class Partition:
    """One unit of work: a whole source, or the lines of a JSON Lines file starting in [start, end)."""

    origin: str
    fmt: str | None = None  # forced format; None: detected as `forewarn ingest` detects it
    start: int = 0
    end: int | None = None  # None: the whole source
    first_line: int = 1  # number of the line at `start`

    @property
    def span(self) -> tuple[int, int, int] | None:
        return None if self.end is None else (self.start, self.end, self.first_line)


@dataclass(frozen=True)
class DetectedPart:
    """What a worker sends back: the partition's records in reading order, and claims by document id."""

    partition: Partition
    records: tuple[Document | Quarantined, ...]
    claims: Mapping[str, tuple[Claim, ...]] = field(default_factory=dict)
    version: str = ""

    @property
    def ends_source(self) -> bool:
        """The source stopped being readable inside this partition: the later partitions of it are dropped,
        as a serial read stops there."""
        return bool(self.records) and ends_source(self.records[-1], self.partition.origin)


@dataclass(frozen=True)
class BackfillSummary:
    ingest: IngestSummary
    partitions: int
    claims_written: int  # by the partitions (detected inside the batch)
    stages: Mapping[str, Any]


# -- planning -----------------------------------------------------------------------------------------------
def plan(sources: Iterable[str], fmt: str | None = None, *, settings: Settings | None = None,
         partition_bytes: int = PARTITION_BYTES) -> Iterator[Partition | Quarantined]:
    """The partitions of every source (as `forewarn ingest` expands them): a JSON Lines file over
    `partition_bytes` is cut at line ends, every other source is one partition. A source that matches nothing
    is a Quarantined, as in ingest."""
    settings = settings or Settings()
    for item in expand(sources):
        if isinstance(item, Quarantined):
            yield item
        else:
            yield from _split(item, fmt, settings, partition_bytes)


def _split(source: str, fmt: str | None, settings: Settings, partition_bytes: int) -> Iterator[Partition]:
    whole = Partition(source, fmt)
    path = Path(source)
    try:
        if is_url(source) or not path.is_file():
            yield whole
            return
        size = path.stat().st_size
        kind = fmt or detect_format(path)
        with path.open("rb") as handle:
            utf16 = is_utf16(handle.read(2))
    except (SourceError, OSError):  # the reader reports it, in its own words
        yield whole
        return
    if kind != "jsonl" or utf16 or size <= partition_bytes or size > settings.max_file_bytes:
        yield whole
        return
    for start, end, first_line in line_spans(path, size, partition_bytes):
        yield Partition(source, fmt, start, end, first_line)


def line_spans(path: Path, size: int, partition_bytes: int) -> list[tuple[int, int, int]]:
    """(start, end, number of the first line) of byte ranges of about `partition_bytes`, each ending just
    after a newline (the last at the end of the file). One pass over the file, counting newlines."""
    spans: list[tuple[int, int, int]] = []
    start, line = 0, 1
    with path.open("rb") as handle:
        while start < size:
            end = _line_end_after(handle, start + partition_bytes, size)
            spans.append((start, end, line))
            line += _newlines(handle, start, end)
            start = end
    return spans


def _line_end_after(handle: Any, offset: int, size: int) -> int:
    if offset >= size:
        return size
    handle.seek(offset - 1)  # a line that ends exactly at `offset` ends the range there
    while block := handle.read(_BLOCK):
        newline = block.find(b"\n")
        if newline >= 0:
            return int(handle.tell()) - len(block) + newline + 1
    return size


def _newlines(handle: Any, start: int, end: int) -> int:
    handle.seek(start)
    count, left = 0, end - start
    while left > 0 and (block := handle.read(min(_BLOCK, left))):
        count += block.count(b"\n")
        left -= len(block)
    return count


# -- the pure stage core ------------------------------------------------------------------------------------
@cache
def _default_detector() -> detect.Detector:
    """One per worker process: building a detector loads its lexicons and model."""
    from .detect import Detector

    return Detector()


def detector_version(detector: detect.Detector) -> str:
    version = getattr(detector, "version", None)  # the learned detector carries its own version
    if isinstance(version, str):
        return version
    from . import detect

    return str(detect.DETECTOR_VERSION)


def read_part(partition: Partition, options: ReadOptions) -> Iterator[Document | Quarantined]:
    """Pure: the partition's records, finished, exactly as `forewarn ingest` reads that part of the source."""
    def records() -> Iterable[Document | Quarantined]:
        if partition.span is None:
            return read(partition.origin, partition.fmt, options)
        return read_jsonl(partition.origin, options, partition.span)

    return read_records(partition.origin, records, options.settings.max_record_chars)


def detect_part(partition: Partition, options: ReadOptions, detector: detect.Detector | None = None
                ) -> DetectedPart:
    """Pure: read and detect one partition (what a Dask worker runs)."""
    detector = detector or _default_detector()
    records = tuple(read_part(partition, options))
    docs = [r for r in records if isinstance(r, Document)]
    from .detect import detect_documents

    claims = {doc.id: tuple(found) for doc, found in detect_documents(docs, detector) if found}
    return DetectedPart(partition, records, claims, detector_version(detector))


# -- the single writer --------------------------------------------------------------------------------------
def write_part(store: Store, part: DetectedPart, batch_size: int) -> tuple[IngestSummary, int]:
    """Store a detected partition: quarantine, then documents in batches (de-duplicated as ingest does), each
    batch in one transaction with the claims of the documents it inserted (`Store.insert_detected`)."""
    quarantined = [r for r in part.records if isinstance(r, Quarantined)]
    if quarantined:
        store.add_quarantined(quarantined)
    docs = [r for r in part.records if isinstance(r, Document)]
    summary, written = IngestSummary(quarantined=len(quarantined)), 0
    for start in range(0, len(docs), batch_size):
        batch = docs[start : start + batch_size]
        inserted, claims = store.insert_detected(batch, part.claims, part.version)
        written += claims
        summary = summary + IngestSummary(read=len(batch), new=len(inserted), duplicate=len(batch) - len(inserted))
    return summary, written


# -- engines ------------------------------------------------------------------------------------------------
def detected_parts(partitions: Sequence[Partition], options: ReadOptions, engine: Engine = "local", *,
                   scheduler: str | None = None, workers: int | None = None,
                   detector: detect.Detector | None = None) -> Iterator[DetectedPart]:
    """Each partition detected, in the order given (the writer's order decides which copy of a duplicate is
    kept, so it must not depend on which worker finished first). A partition after one that ended its source
    is skipped."""
    if engine == "local":
        parts: Iterator[DetectedPart] = (detect_part(p, options, detector) for p in partitions)
    elif engine == "dask":
        parts = _on_dask(partitions, partial(detect_part, options=options, detector=detector), scheduler, workers)
    else:
        raise BackfillError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
    ended: set[str] = set()
    for part in parts:
        if part.partition.origin in ended:
            continue
        if part.ends_source:
            ended.add(part.partition.origin)
        yield part


def _on_dask(partitions: Sequence[Partition], task: Callable[[Partition], DetectedPart], scheduler: str | None,
             workers: int | None) -> Iterator[DetectedPart]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise BackfillError("the dask engine needs Dask: pip install 'forewarn[dask]'") from exc
    with ExitStack() as stack:
        try:
            if scheduler:
                client = stack.enter_context(Client(scheduler, timeout="20s"))
            else:
                cluster = stack.enter_context(LocalCluster(n_workers=workers or 2, threads_per_worker=1,
                                                           processes=True, host="127.0.0.1",
                                                           dashboard_address=None))
                client = stack.enter_context(Client(cluster))
        except OSError as exc:
            raise BackfillError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}") from exc
        ahead = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {})) or workers or 1)
        pending: deque[Any] = deque()
        queue = iter(partitions)
        for partition in queue:
            pending.append(client.submit(task, partition, pure=False))
            if len(pending) >= ahead:
                break
        while pending:
            future = pending.popleft()
            part = future.result()
            future.release()
            following = next(queue, None)
            if following is not None:
                pending.append(client.submit(task, following, pure=False))
            yield part


def backfill(sources: Iterable[str], store: Store, settings: Settings, *, engine: Engine = "local",
             fmt: str | None = None, options: ReadOptions | None = None, scheduler: str | None = None,
             workers: int | None = None, partition_bytes: int = PARTITION_BYTES,
             detector: detect.Detector | None = None, stages: bool = True,
             progress: Callable[[IngestSummary], None] | None = None) -> BackfillSummary:
    """Read, detect and store every source over partitions, then run the global stages (unless `stages` is
    False). The store ends as `forewarn ingest SOURCES` leaves it, whichever the engine."""
    from . import pipeline

    options = replace(options or ReadOptions(), settings=settings)
    planned = list(plan(sources, fmt, settings=settings, partition_bytes=partition_bytes))
    problems = [p for p in planned if isinstance(p, Quarantined)]
    partitions = [p for p in planned if isinstance(p, Partition)]
    if problems:
        store.add_quarantined(problems)
    summary, written = IngestSummary(quarantined=len(problems)), 0
    for part in detected_parts(partitions, options, engine, scheduler=scheduler, workers=workers,
                               detector=detector):
        stored, claims = write_part(store, part, settings.batch_size)
        summary, written = summary + stored, written + claims
        if progress:
            progress(summary)
    figures = pipeline.process(store, settings) if stages and summary.read else {}
    return BackfillSummary(summary, len(partitions), written, figures)
