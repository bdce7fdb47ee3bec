"""The watcher: polls due sources concurrently, stores what is new, runs the pipeline, raises alerts.

Shape: one asyncio loop does the network (at most `watch_concurrency` fetches at once, each bounded by the
fetch deadline, so a slow or failing source only ever holds its own slot) and one store thread does
everything that touches the database or parses (a single writer, in order). Each source is scheduled on its
own: a poll starts when that source is due, never waiting for a round of the others; it is due one interval
after its previous poll began, early by the longest of the last few fetch-to-alert times (schedule.py), so
the interval bounds the time from an item's publication to its alert.

A poll's items are stored (ingest's batches and de-duplication), then the source's new state (validators,
health, next poll) is written; then, once no other poll is waiting for the store thread, the pipeline runs
(detect → link → warnings) and alerts are raised for new or grown warnings. Crash safety follows from that
order and from the outbox in alerts.py: SIGKILL at any moment leaves at worst items stored whose source state
was not updated (re-read and recognised on restart), undetected documents (processed on start), or raised but
undelivered alerts (delivered on start). SIGTERM or SIGINT lets the poll in the store thread finish, drops
fetches still on the wire (nothing of theirs was stored, so they are simply polled again next time), delivers
what was raised and exits.
"""

from __future__ import annotations

import asyncio
import random
import signal
import sys
import threading
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import httpx
from sqlalchemy import select

from .. import pipeline, schema
from ..errors import FetchError, NotFoundError, SourceError
from ..ingest import ingest_records
from ..model import Quarantined
from ..settings import Settings
from ..sources.fetch import Resolver, RetryLater, make_client
from ..store import Store
from .alerts import (
    MAX_ATTEMPTS,
    Alert,
    AlertBook,
    Printer,
    append_log,
    logged_ids,
    post_webhook,
    run_command,
    source_alert,
)
from .book import Outcome, SourceBook, SourceState
from .poll import (
    TRIED_KEPT,
    Fetch,
    body_hash,
    changed_files,
    fetch_source,
    fetched_records,
    file_records,
    file_signature,
    tagged,
)
from .schedule import Clock, RealClock, next_after_failure, next_after_success

LAGS_KEPT = 5  # recent fetch-to-alert times the schedule allows for (a slow first round ages out)
IDLE_CHECK = 30.0  # seconds: the sources table is re-read at least this often (sources added meanwhile)
RETRY_DELIVERY = 60.0  # seconds between attempts at alerts a webhook or command failed to take
T = TypeVar("T")


@dataclass(frozen=True)
class PollEvent:
    """One poll, as the watcher saw it (for -v output, tests and the benchmark)."""

    source: str
    at: datetime
    outcome: str  # new | nothing-new | not-modified | unchanged | failed
    new_items: int = 0
    error: str = ""
    next_poll_at: datetime | None = None


@dataclass
class WatchSummary:
    polls: int = 0
    new_items: int = 0
    not_modified: int = 0  # 304 answers
    unchanged: int = 0  # 200 answers with the body parsed last time
    parsed: int = 0  # bodies and folders actually read
    failures: int = 0
    alerts: int = 0  # delivered (logged) by this run
    baseline: int | None = None  # open warnings taken as known at the first watch of this store
    events: list[PollEvent] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "events"}


class Watcher:
    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        clock: Clock | None = None,
        rng: random.Random | None = None,
        resolver: Resolver | None = None,
        printer: Printer | None = None,
        on_poll: Callable[[PollEvent], None] | None = None,
        on_problem: Callable[[str], None] | None = None,
        process: Callable[[Store, Settings], Any] | None = None,
    ) -> None:
        self.store, self.settings = store, settings
        self.book = SourceBook(store)
        self.alert_book = AlertBook(store)
        self.clock: Clock = clock or RealClock()
        self.rng = rng or random.Random()
        self.resolver = resolver
        self.printer = printer or (lambda _alert: None)
        self.on_poll = on_poll
        self.on_problem = on_problem or (lambda message: print(message, file=sys.stderr))
        self.process = process or pipeline.process
        self.summary = WatchSummary()
        self.alert_log = Path(settings.alert_log)
        self._lock = threading.Lock()
        self._queued = 0  # polls waiting for or in the store thread
        self._dirty = False  # something was stored that the pipeline has not seen
        self._stopping = threading.Event()
        self._last_delivery = 0.0
        self._retry_pending = False  # a webhook or command failed: try again after RETRY_DELIVERY
        self._failed_now: set[tuple[str, str]] = set()  # (alert, channel) failed since the last retry
        self._storing: set[str] = set()  # sources whose poll is in the store thread (never cancelled)
        self._held: dict[str, datetime] = {}  # sources whose poll broke unexpectedly: not before this time
        self._lags: deque[float] = deque(maxlen=LAGS_KEPT)  # seconds from a poll's start to its items' alerts
        self._waiting_since: datetime | None = None  # start of the oldest poll whose items the pipeline awaits

    # -- running ------------------------------------------------------------------------------------------
    def stop(self) -> None:
        """Stop after the poll the store thread is on (safe from a signal handler or another thread)."""
        self._stopping.set()
        loop = getattr(self, "_loop", None)
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake.set)

    async def run(self, *, once: bool = False, install_signals: bool = False) -> WatchSummary:
        """Poll until stopped (or, with `once`, every due source once); returns what happened."""
        loop = asyncio.get_running_loop()
        self._loop = loop
        self._stopping.clear()
        self._wake = asyncio.Event()
        self._slots = asyncio.Semaphore(self.settings.watch_concurrency)
        self._deliver_lock = asyncio.Lock()
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="forewarn-store")
        self._reads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="forewarn-read")
        signals = (signal.SIGTERM, signal.SIGINT) if install_signals else ()
        for sig in signals:
            loop.add_signal_handler(sig, self.stop)
        try:
            # the repairs run first in the store thread while the first fetches already go out: their results
            # queue behind the repairs, so a restarted watcher polls at once and still stores in order
            starting = asyncio.create_task(self._startup())
            async with make_client(self.settings) as client:
                self._client = client
                await self._schedule(client, once)
                await starting
            await self._deliver()
        finally:
            for sig in signals:
                loop.remove_signal_handler(sig)
            self._db.shutdown(wait=True)
            self._reads.shutdown(wait=True)
        return self.summary

    async def _startup(self) -> None:
        await self._db_call(self._start)
        await self._deliver(retry=True)

    async def _db_call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run in the store thread (every write, and parsing), in order."""
        return await asyncio.get_running_loop().run_in_executor(self._db, partial(function, *args, **kwargs))

    async def _read_call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a read beside the store thread (SQLite WAL readers never wait for the writer)."""
        return await asyncio.get_running_loop().run_in_executor(self._reads, partial(function, *args, **kwargs))

    async def _schedule(self, client: httpx.AsyncClient, once: bool) -> None:
        in_flight: dict[str, asyncio.Task[None]] = {}
        polled: set[str] = set()
        while True:
            for name in [n for n, task in in_flight.items() if task.done()]:
                in_flight.pop(name).result()  # _poll never raises; re-raise a bug here rather than hide it
            if self._stopping.is_set():
                break
            now = self.clock.now()
            states = await self._read_call(self.book.all)
            for source in states:
                if source.name in in_flight or not source.due(now) or (once and source.name in polled) \
                        or self._held.get(source.name, now) > now:
                    continue
                polled.add(source.name)
                in_flight[source.name] = asyncio.create_task(self._poll(source, client))
            if once and not in_flight:
                break
            waiting = [max(filter(None, (s.next_poll_at, self._held.get(s.name)))) for s in states
                       if s.name not in in_flight and (s.next_poll_at or s.name in self._held)
                       and not (once and s.name in polled)]
            delay = min([(t - now).total_seconds() for t in waiting] + [IDLE_CHECK])
            if time_to_retry := self._delivery_due():
                delay = min(delay, time_to_retry)
            self._wake.clear()
            if any(task.done() for task in in_flight.values()):
                continue
            await self.clock.wait(delay, self._wake, busy=bool(in_flight))
            if self._delivery_due() == 0:
                await self._deliver(retry=True)
        await self._drain(in_flight)

    async def _drain(self, in_flight: dict[str, asyncio.Task[None]]) -> None:
        """On stop: fetches still on the wire are dropped; a poll being stored is let finish."""
        for name, task in in_flight.items():
            if name not in self._storing:
                task.cancel()
        await asyncio.gather(*in_flight.values(), return_exceptions=True)

    async def _poll(self, source: SourceState, client: httpx.AsyncClient) -> None:
        """Fetch (in the loop), then store (in the store thread), then deliver any alerts raised."""
        try:
            async with self._slots:
                if self._stopping.is_set():
                    return
                result: Fetch | Exception
                started = self.clock.now()
                try:
                    result = await fetch_source(source, self.settings, client, self.resolver, known=self._known)
                except FetchError as exc:
                    result = exc
                except Exception as exc:  # a defect on the way (a library, a reader): a failed poll all the same
                    self.on_problem(f"{source.name}: unexpected {type(exc).__name__} while fetching: {exc}")
                    result = FetchError(f"{source.spec.location}: unexpected {type(exc).__name__}: {exc}")
            self._storing.add(source.name)
            with self._lock:
                self._queued += 1
            raised = await asyncio.shield(self._db_call(self._absorb, source, result, started))
            if raised:
                await self._deliver()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug or a broken store must not stop the other sources, nor spin on this one
            self.on_problem(f"{source.name}: unexpected {type(exc).__name__}: {exc}")
            self._held[source.name] = self.clock.now() + timedelta(seconds=source.spec.interval)
        finally:
            self._storing.discard(source.name)
            self._wake.set()

    def _known(self, keys: Iterable[str]) -> Awaitable[set[str]]:
        return self._read_call(self.book.known_url_keys, list(keys))

    # -- the store thread ---------------------------------------------------------------------------------
    def _start(self) -> None:
        """Repair what a crash may have left: alerts logged but not marked, documents stored but not (fully)
        processed, warnings changed but not alerted. At the first watch of a store, its open warnings are the
        baseline."""
        now = self.clock.now()
        unlogged = [p.alert for p in self.alert_book.pending() if not p.logged]
        if unlogged:
            in_log = logged_ids(self.alert_log)
            for alert in unlogged:
                if alert.id in in_log:
                    self.alert_book.mark(alert.id, now, "logged", *self._unconfigured())
        # always: a kill between detection and the warnings leaves nothing undetected but the warnings behind
        self.process(self.store, self.settings)
        if not self.alert_book.has_baseline():
            self.summary.baseline = self.alert_book.take_baseline(now)
        else:
            self.alert_book.raise_for_warnings(now)

    def _absorb(self, source: SourceState, result: Fetch | Exception, started: datetime) -> list[Alert]:
        """Store what a poll brought (it began at `started`); returns the alerts raised."""
        with self._lock:
            self._queued -= 1
        now = self.clock.now()
        if isinstance(result, Exception):
            outcome = self._failed(source, result, now)
        elif source.spec.kind == "folder":
            outcome = self._read_folder(source, now, started)
        else:
            outcome = self._read_fetched(source, result, now, started)
        try:
            after = self.book.record(source, outcome, now, stale_factor=self.settings.watch_stale_factor,
                                     stale_default=self.settings.watch_stale_default)
        except NotFoundError:
            return []  # removed while it was being polled
        self._count(source.name, outcome, now)
        raised: list[Alert] = []
        detail = after.health(now, self.settings.watch_stale_factor, self.settings.watch_stale_default)
        change = source_alert(source.name, source.spec.location, after.stale_since, source.stale_since, now, detail)
        if change is not None and self.alert_book.raise_one(change, now):
            raised.append(change)
        with self._lock:
            run_pipeline = self._dirty and self._queued == 0
        if run_pipeline:
            self._dirty = False
            self.process(self.store, self.settings)
            raised += self.alert_book.raise_for_warnings(now)
            if self._waiting_since is not None:
                self._lags.append((self.clock.now() - self._waiting_since).total_seconds())
                self._waiting_since = None
        return raised

    def _read_fetched(self, source: SourceState, fetch: Fetch, now: datetime, started: datetime) -> Outcome:
        spec = source.spec
        fetched = fetch.fetched
        assert fetched is not None
        following = self._next_poll(started, spec.interval)
        if fetched.not_modified:
            return Outcome(ok=True, not_modified=True, next_poll_at=following, validators=fetched.validators)
        digest = body_hash(fetched)
        if spec.kind == "feed" and digest == source.body_hash:
            return Outcome(ok=True, unchanged=True, next_poll_at=following, validators=fetched.validators)
        self.summary.parsed += 1
        problems: list[Quarantined] = []
        summary = ingest_records(spec.location, lambda: tagged(fetched_records(fetch, spec, self.settings), spec),
                                 self.store, self.settings, on_problem=problems.append)
        self._note_stored(summary.new, summary.read, started)
        whole = [p for p in problems if not p.position and p.origin == spec.location]
        if whole and not summary.read:  # a body that is not a feed at all (an error page served with 200)
            return self._failed(source, SourceError(whole[0].reason), now)
        state = None
        if spec.kind == "page":
            tried = list(dict.fromkeys([*source.state.get("tried", []), *fetch.tried]))[-TRIED_KEPT:]
            state = {"tried": tried, "attempts": {k: n for k, n in fetch.attempts.items() if k not in set(tried)}}
        return Outcome(ok=True, new_items=summary.new, next_poll_at=following, validators=fetched.validators,
                       body_hash=digest, state=state)

    def _read_folder(self, source: SourceState, now: datetime, started: datetime) -> Outcome:
        spec = source.spec
        seen: dict[str, list[int]] = dict(source.state.get("files", {}))
        try:
            ready, _busy = changed_files(spec.location, seen, now)
        except (SourceError, OSError) as exc:
            return self._failed(source, exc, now)
        new = 0
        for path in ready:
            if self._stopping.is_set():
                break  # the files done so far are recorded; the rest are read after the restart
            try:
                signature = file_signature(path)
            except OSError:
                continue  # removed since the scan
            self.summary.parsed += 1
            summary = ingest_records(path, partial(file_records, path, spec, self.settings), self.store,
                                     self.settings)
            self._note_stored(summary.new, summary.read, started)
            new += summary.new
            seen[path] = signature
        present = {p for p in seen if Path(p).exists()}
        state = {"files": {p: s for p, s in seen.items() if p in present}}
        return Outcome(ok=True, new_items=new, next_poll_at=self._next_poll(started, spec.interval),
                       state=state)

    def _next_poll(self, started: datetime, interval: float) -> datetime:
        """Counted from the start of the poll, and early by the longest recent fetch-to-alert time, so the
        interval bounds how old a new item can be when it is alerted, however long fetch and pipeline take."""
        return next_after_success(started, interval, self.rng, lead=max(self._lags, default=0.0))

    def _failed(self, source: SourceState, error: Exception, now: datetime) -> Outcome:
        wait = error.retry_after if isinstance(error, RetryLater) else None
        following = next_after_failure(now, source.consecutive_failures + 1, source.spec.interval,
                                       self.settings.watch_max_backoff, self.rng, wait)
        return Outcome(ok=False, error=str(error), next_poll_at=following)

    def _note_stored(self, new: int, read: int, started: datetime) -> None:
        if new or (read and self._has_undetected()):
            self._dirty = True
            if self._waiting_since is None or started < self._waiting_since:
                self._waiting_since = started

    def _has_undetected(self) -> bool:
        table = schema.documents
        with self.store.engine.connect() as conn:
            return conn.execute(select(table.c.id).where(table.c.detector_version.is_(None)).limit(1)).first() \
                is not None

    def _count(self, name: str, outcome: Outcome, now: datetime) -> None:
        s = self.summary
        s.polls += 1
        s.new_items += outcome.new_items
        if not outcome.ok:
            s.failures += 1
            kind = "failed"
        elif outcome.not_modified:
            s.not_modified += 1
            kind = "not-modified"
        elif outcome.unchanged:
            s.unchanged += 1
            kind = "unchanged"
        else:
            kind = "new" if outcome.new_items else "nothing-new"
        event = PollEvent(name, now, kind, outcome.new_items, outcome.error, outcome.next_poll_at)
        s.events.append(event)
        if self.on_poll:
            self.on_poll(event)

    # -- delivery -----------------------------------------------------------------------------------------
    def _delivery_due(self) -> float | None:
        """Seconds until failed webhook/command deliveries are tried again (None when none are pending)."""
        if not self._retry_pending:
            return None
        loop_time = asyncio.get_running_loop().time()
        return max(0.0, self._last_delivery + RETRY_DELIVERY - loop_time)

    async def _deliver(self, *, retry: bool = False) -> None:
        """Log and print every raised alert not yet logged; hand it to the webhook and the command (each
        channel once: a failing webhook does not make the command run twice). A channel that failed in this
        run is tried again only with `retry` (at start, then every RETRY_DELIVERY seconds)."""
        async with self._deliver_lock:
            if retry:
                self._last_delivery = asyncio.get_running_loop().time()
                self._retry_pending = False
                self._failed_now.clear()
            webhook, command = self.settings.alert_webhook, self.settings.alert_command
            for item in await self._db_call(self.alert_book.pending):
                alert, now = item.alert, self.clock.now()
                if not item.logged:
                    append_log(self.alert_log, {"id": alert.id, **alert.payload})
                    self.printer(alert)
                    self.summary.alerts += 1
                    # channels not configured when the alert is logged are done: a webhook set up later is
                    # not sent the history
                    await self._db_call(self.alert_book.mark, alert.id, now, "logged", *self._unconfigured())
                    item = replace(item, webhook=item.webhook or not webhook, command=item.command or not command)
                if item.attempts >= MAX_ATTEMPTS or (item.webhook and item.command):
                    continue
                for channel, done, send in (("webhook", item.webhook, self._post), ("command", item.command,
                                                                                  self._run_command)):
                    if done or (alert.id, channel) in self._failed_now:
                        continue
                    try:
                        await send(alert)
                    except (httpx.HTTPError, OSError, RuntimeError, ValueError) as exc:
                        self._retry_pending = True
                        self._failed_now.add((alert.id, channel))
                        problem = f"{channel}: {type(exc).__name__}: {exc}"
                        await self._db_call(self.alert_book.mark, alert.id, now, error=problem)
                        if item.attempts + 1 >= MAX_ATTEMPTS:
                            self.on_problem(f"alert {alert.id}: {channel} delivery given up after "
                                            f"{MAX_ATTEMPTS} attempts: {exc}")
                        continue
                    await self._db_call(self.alert_book.mark, alert.id, now, channel)

    def _unconfigured(self) -> list[str]:
        """Channels with nothing configured: done as soon as an alert is logged."""
        return [c for c, on in (("webhook", self.settings.alert_webhook), ("command", self.settings.alert_command))
                if not on]

    async def _post(self, alert: Alert) -> None:
        await post_webhook(self._client_or_new(), self.settings.alert_webhook, alert)

    async def _run_command(self, alert: Alert) -> None:
        await run_command(self.settings.alert_command, alert)

    def _client_or_new(self) -> httpx.AsyncClient:
        client = getattr(self, "_client", None)
        if client is None or client.is_closed:
            self._client = make_client(self.settings)
        return self._client
