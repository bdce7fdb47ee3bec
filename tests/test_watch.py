"""`forewarn watch` against a local server (loopback only) whose feeds change, fail, hang, answer 304 or 429,
redirect (also towards a private address) and are oversized, on a stepped clock: hours of polling in seconds."""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import forewarn.sources.feed
from forewarn import pipeline
from forewarn.settings import Settings
from forewarn.store import Store
from forewarn.watch import PollEvent, SteppedClock, Watcher, make_spec
from forewarn.watch.book import SourceBook
from forewarn.watch.schedule import SPREAD, next_after_success

from .feedserver import Item, Route, Site, serve

INTERVAL = 300.0  # five minutes
START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def news(guid: str) -> Item:
    """An ordinary news item (no staging claim): what most polls bring."""
    return Item(guid, f"Report {guid}", f"Road works continued in the city centre on day {guid}, officials said; "
                f"traffic was diverted through the northern districts while crews repaired item {guid}.")


def watch_settings(tmp_path: Path, **changes: Any) -> Settings:
    base: dict[str, Any] = {
        "alert_log": str(tmp_path / "alerts.jsonl"),
        "allow_networks": "127.0.0.1/32",  # the test server only: a redirect to anything else stays refused
        "fetch_deadline": 5.0,  # at load 10+ a healthy local fetch took over 2 s; the hanging one takes 8 s
        "fetch_timeout": 10.0,  # the deadline, not the per-read timeout, is what abandons the hanging server
        "max_fetch_bytes": 200_000,
        "watch_max_backoff": 1800.0,
        "watch_stale_default": 6600.0,  # 110 minutes
    }
    return Settings(**{**base, **changes})


@dataclass
class Script:
    """The faults, as a function of the minutes since the start: applied before each poll is recorded."""

    site: Site
    clock: SteppedClock
    published: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    done: set[str] = field(default_factory=set)

    def publish(self, path: str, guid: str) -> None:
        self.site.routes[path].items.append(news(guid))
        self.published[path].add(guid)

    def once(self, key: str, when: bool, action: Callable[[], None]) -> None:
        if when and key not in self.done:
            self.done.add(key)
            action()

    def __call__(self, _path: str) -> None:
        t = (self.clock.now() - START).total_seconds() / 60
        routes = self.site.routes
        with self.site.lock:
            for k in range(0, 150, 15):  # a new item every 15 minutes
                self.once(f"changing-{k}", t >= k, lambda k=k: self.publish("/changing.rss", f"changing-{k}"))
            routes["/flaky.rss"].mode = "fail" if 20 <= t < 60 else "ok"
            self.once("flaky-30", t >= 30, lambda: self.publish("/flaky.rss", "flaky-30"))
            self.once("flaky-70", t >= 70, lambda: self.publish("/flaky.rss", "flaky-70"))
            routes["/limited.rss"].mode = "429" if 30 <= t < 40 else "ok"
            self.once("limited-32", t >= 32, lambda: self.publish("/limited.rss", "limited-32"))
            routes["/slow.rss"].mode = "hang" if 40 <= t < 50 else "ok"
            self.once("slow-45", t >= 45, lambda: self.publish("/slow.rss", "slow-45"))
            routes["/big.rss"].mode = "oversized" if 60 <= t < 70 else "ok"
            self.once("big-65", t >= 65, lambda: self.publish("/big.rss", "big-65"))
            self.once("target-10", t >= 10, lambda: self.publish("/target.rss", "target-10"))
            self.once("target-60", t >= 60, lambda: self.publish("/target.rss", "target-60"))


def setup_site(site: Site, script: Script) -> dict[str, str]:
    """The sources, by name -> path."""
    paths = ["changing", "flaky", "limited", "slow", "big", "stubborn", "quiet", "target"]
    for name in paths:
        site.add(f"/{name}.rss", Route(title=name, site=f"https://{name}.example/", hang_seconds=8.0,
                                       retry_after="1200"))
        script.publish(f"/{name}.rss", f"{name}-0")
    site.routes["/stubborn.rss"].honour_etag = False  # always 200 with the same body: not parsed again
    site.add("/moved.rss", Route(mode="redirect", redirect_to="/target.rss"))
    site.add("/metadata.rss", Route(mode="redirect", redirect_to="http://169.254.169.254/latest/meta-data/"))
    names = {n: f"/{n}.rss" for n in paths if n != "target"}
    names["moved"] = "/moved.rss"
    names["metadata"] = "/metadata.rss"
    return names


def stored(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return list(conn.execute("SELECT source, source_ref FROM documents"))


def test_hours_of_faulty_polling_store_every_item_exactly_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parses: list[str] = []
    real_read_bytes = forewarn.sources.feed.read_bytes

    def counting_read_bytes(data: bytes, **kwargs: Any) -> Any:  # a spy: counts, then parses for real
        parses.append(kwargs["origin"])
        return real_read_bytes(data, **kwargs)

    monkeypatch.setattr(forewarn.sources.feed, "read_bytes", counting_read_bytes)
    db = tmp_path / "watch.db"
    settings = watch_settings(tmp_path)
    clock = SteppedClock(START)
    with serve() as site, Store(f"sqlite:///{db}") as store:
        script = Script(site, clock)
        names = setup_site(site, script)
        book = SourceBook(store)
        for name, path in names.items():
            book.add(make_spec(site.url(path), name=name, interval=INTERVAL), clock.now())
        end = START + timedelta(minutes=155)

        site.on_request = script  # the faults follow the virtual time of each request

        def on_poll(event: PollEvent) -> None:
            if clock.now() >= end:
                watcher.stop()

        watcher = Watcher(store, settings, clock=clock, rng=random.Random(7), on_poll=on_poll)
        started = time.monotonic()
        summary = asyncio.run(watcher.run())
        elapsed = time.monotonic() - started
        health = {s.name: s for s in book.all()}

    events = summary.events
    assert summary.polls == len(events) >= 100
    by_source: dict[str, list[PollEvent]] = defaultdict(list)
    for event in events:
        by_source[event.source].append(event)

    # every item published is stored, exactly once (the redirected feed's items under the feed they came from)
    rows = stored(db)
    assert len(rows) == len(set(rows))
    refs = Counter(ref.removeprefix("urn:test:") for _source, ref in rows)
    expected = set().union(*script.published.values())
    assert set(refs) == expected and all(n == 1 for n in refs.values())

    # a 304 is never parsed, nor a 200 with the body parsed last time; everything else is
    sent_304 = sum(n for (path, status), n in site.sent.items() if status == 304)
    dropped = len(names) - 1  # fetches still on the wire at stop() are dropped, never recorded
    assert 50 < summary.not_modified <= sent_304 <= summary.not_modified + dropped
    outcomes = Counter(e.outcome for e in events)
    assert outcomes["unchanged"] == summary.unchanged >= len(by_source["stubborn"]) - 1 > 20
    assert len(parses) == summary.parsed == outcomes["new"] + outcomes["nothing-new"]
    assert all(p.endswith(("changing.rss", "flaky.rss", "limited.rss", "slow.rss", "big.rss", "stubborn.rss",
                           "quiet.rss", "moved.rss")) for p in parses)

    # a failing source backs off (doubling, with jitter), the others keep their schedule meanwhile
    flaky = [e for e in by_source["flaky"] if e.outcome == "failed"]
    assert len(flaky) >= 4
    gaps = [(b.at - a.at).total_seconds() for a, b in zip(flaky, flaky[1:], strict=False)]
    for n, gap in enumerate(gaps, start=2):  # after the (n-1)-th failure in a row
        ceiling = min(settings.watch_max_backoff, INTERVAL * 2 ** (n - 2))
        assert ceiling / 2 - 1 <= gap <= ceiling + 1, (n, gap)
    window = (flaky[0].at, flaky[-1].at)
    steady = [e.at for e in by_source["changing"] if window[0] <= e.at <= window[1]]
    steady_gaps = [(b - a).total_seconds() for a, b in zip(steady, steady[1:], strict=False)]
    assert steady_gaps and all(INTERVAL * (1 - SPREAD) - 1 <= g <= INTERVAL + 1 for g in steady_gaps)
    assert health["flaky"].consecutive_failures == 0 and health["flaky"].failures == len(flaky)

    # 429 honours Retry-After; a hanging server is abandoned at the deadline; oversized bodies are refused
    limited = by_source["limited"]
    first_429 = next(i for i, e in enumerate(limited) if "HTTP 429" in e.error)
    assert (limited[first_429 + 1].at - limited[first_429].at).total_seconds() >= 1200  # backoff alone: <= 300
    assert any("abandoned after 5 s" in e.error for e in by_source["slow"])
    assert any("over the 200,000-byte limit" in e.error for e in by_source["big"])

    # a redirect towards the cloud metadata address is refused at every poll, and nothing was fetched there
    metadata = by_source["metadata"]
    assert metadata and all(e.outcome == "failed" and "169.254.169.254 is link-local" in e.error for e in metadata)

    # sources with nothing new for their stale limit raised one stale alert each; the busy one never did
    alerts = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text().splitlines()]
    assert len({a["id"] for a in alerts}) == len(alerts)
    stale = Counter(a["source"]["name"] for a in alerts if a["kind"] == "source-stale")
    assert {"quiet", "stubborn", "metadata"} <= set(stale) and set(stale.values()) == {1}
    assert {name for name, s in health.items() if s.stale_since} == set(stale)
    assert "changing" not in stale and health["changing"].last_new_at is not None
    assert elapsed < 300, f"{elapsed:.0f} s"  # a guard that the clock steps (in real time: 2.6 hours)


def test_a_slow_source_does_not_hold_the_others(tmp_path: Path) -> None:
    """Real time: while one server drips a byte every 2 s, the other source is polled every second; the drip
    is abandoned at its deadline."""
    settings = watch_settings(tmp_path, fetch_deadline=3.0, fetch_timeout=10.0)
    with serve() as site, Store(f"sqlite:///{tmp_path / 'w.db'}") as store:
        site.add("/drip.rss", Route(mode="drip", items=[news("d1")]))
        site.add("/fast.rss", Route(items=[news("f1")], site="https://fast.example/"))
        book = SourceBook(store)
        book.add(make_spec(site.url("/drip.rss"), name="drip", interval=1), datetime.now(UTC))
        book.add(make_spec(site.url("/fast.rss"), name="fast", interval=1), datetime.now(UTC))
        events: list[PollEvent] = []

        def on_poll(event: PollEvent) -> None:
            events.append(event)
            if event.source == "drip":
                watcher.stop()

        watcher = Watcher(store, settings, on_poll=on_poll)
        started = time.monotonic()
        asyncio.run(watcher.run())
        elapsed = time.monotonic() - started
    drip = [e for e in events if e.source == "drip"]
    assert len(drip) == 1 and "abandoned after 3 s" in drip[0].error
    assert 3.0 <= elapsed < 8.0
    assert sum(1 for e in events if e.source == "fast") >= 2


def test_polls_come_early_by_the_time_from_fetch_to_alert(tmp_path: Path) -> None:
    """The next poll is due one interval after this one began *less* the longest recent fetch-to-alert time,
    so an item published just after a poll is alerted within the interval, not the interval plus detection.
    Virtual time: the pipeline takes 40 s of it here (the stepped clock is advanced inside it)."""
    clock = SteppedClock(START)
    starts: list[datetime] = []
    calls = itertools.count()

    def slow_pipeline(store: Store, settings: Settings) -> Any:
        result = pipeline.process(store, settings)
        if next(calls):  # not the repair run at start-up
            clock.advance(40)
        return result

    with serve() as site, Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        route = site.add("/busy.rss", Route(title="busy", site="https://busy.example/"))

        def on_request(_path: str) -> None:  # something new at every poll
            starts.append(clock.now())
            route.items.append(news(f"busy-{len(starts)}"))

        site.on_request = on_request
        SourceBook(store).add(make_spec(site.url("/busy.rss"), name="busy", interval=INTERVAL), clock.now())

        def on_poll(_event: PollEvent) -> None:
            if len(starts) >= 5:
                watcher.stop()

        watcher = Watcher(store, watch_settings(tmp_path), clock=clock, rng=random.Random(3), on_poll=on_poll,
                          process=slow_pipeline)
        asyncio.run(watcher.run())
    gaps = [(b - a).total_seconds() for a, b in zip(starts, starts[1:], strict=False)]
    assert INTERVAL * (1 - SPREAD) <= gaps[0] <= INTERVAL  # due before any pipeline time was known
    assert len(gaps) >= 3 and all(g == pytest.approx(INTERVAL - 40, abs=0.5) for g in gaps[1:])


def test_the_lead_is_at_most_a_quarter_of_the_interval() -> None:
    rng = random.Random(1)
    for lead, earliest, latest in ((0, 270, 300), (40, 260, 260), (200, 225, 225)):
        due = [(next_after_success(START, INTERVAL, rng, lead) - START).total_seconds() for _ in range(200)]
        assert earliest - 1e-6 <= min(due) and max(due) <= latest + 1e-6, lead
