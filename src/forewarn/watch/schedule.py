"""When to poll a source next, when it is stale, and the clocks the watcher runs on. Pure functions.

- After a good poll the next one is due within the source's interval, drawn up to `SPREAD` earlier (never
  later), so the interval is the longest a source goes unread and sources added together drift apart instead
  of all firing in the same second. It is also due early enough for the alert: `lead` seconds (what recent
  polls took from the fetch to their alert) before the interval is up, so an item published just after a
  poll is alerted within one interval, not one interval plus the time the pipeline takes.
- After the n-th failure in a row the wait is the interval × 2^(n-1), capped at `watch_max_backoff`, with
  "equal jitter" (a uniform draw in its upper half) so failing sources do not retry in lock step; a
  Retry-After from the server is honoured when it asks for longer.
- A source is stale when nothing new has come from it for `watch_stale_factor` × its usual gap (the median gap
  between its recent polls that found something new, never less than its interval); until it has shown a gap
  of its own, `watch_stale_default` stands in for factor × gap.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import statistics
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Protocol

SPREAD = 0.1  # a good poll's next due time is drawn from [interval × (1 - SPREAD), interval], at most interval - lead
MAX_LEAD = 0.25  # of the interval: a pipeline slower than that lengthens the bound rather than doubling the polls
ARRIVALS_KEPT = 50  # recent polls-with-news remembered per source
ARRIVAL_DAYS = 30
MIN_GAPS = 2  # gaps needed before a source's own usual gap is trusted


def utcnow() -> datetime:
    return datetime.now(UTC)


def next_after_success(now: datetime, interval: float, rng: random.Random, lead: float = 0.0) -> datetime:
    """`now` is when the poll started; `lead` the seconds from a fetch to its alert lately."""
    lead = min(max(lead, 0.0), MAX_LEAD * interval)
    return now + timedelta(seconds=min(interval * (1 - SPREAD * rng.random()), interval - lead))


def backoff_seconds(failures: int, interval: float, cap: float, rng: random.Random) -> float:
    """Wait after the `failures`-th consecutive failure (1 = the first)."""
    ceiling = min(cap, interval * 2 ** min(max(failures - 1, 0), 40))
    return ceiling / 2 + rng.random() * ceiling / 2


def next_after_failure(
    now: datetime, failures: int, interval: float, cap: float, rng: random.Random, retry_after: float | None
) -> datetime:
    wait = backoff_seconds(failures, interval, cap, rng)
    if retry_after is not None:
        wait = max(wait, retry_after)
    return now + timedelta(seconds=wait)


Arrival = tuple[str, int]  # (ISO time, new items) of a poll that found something new


def add_arrival(arrivals: Sequence[Arrival], now: datetime, count: int) -> list[Arrival]:
    horizon = now - timedelta(days=ARRIVAL_DAYS)
    kept = [a for a in arrivals if datetime.fromisoformat(a[0]) >= horizon]
    return (kept + [(now.isoformat(), count)])[-ARRIVALS_KEPT:]


def usual_gap(arrivals: Sequence[Arrival], interval: float) -> float | None:
    """Median seconds between polls that found something new; None until MIN_GAPS gaps are known."""
    times = [datetime.fromisoformat(a[0]) for a in arrivals]
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:], strict=False)]
    if len(gaps) < MIN_GAPS:
        return None
    return max(statistics.median(gaps), interval)


def stale_after(arrivals: Sequence[Arrival], interval: float, factor: float, default: float) -> float:
    """Seconds without anything new after which the source counts as stale."""
    gap = usual_gap(arrivals, interval)
    return factor * gap if gap is not None else max(default, factor * interval)


def items_per_day(arrivals: Sequence[Arrival], now: datetime, since: datetime, days: float = 7.0) -> float:
    """New items a day over the last `days` (or since the source was added, if later)."""
    start = max(now - timedelta(days=days), since)
    span = max((now - start).total_seconds() / 86400, 1 / 24)  # never divide by less than an hour
    return sum(n for t, n in arrivals if datetime.fromisoformat(t) >= start) / span


class Clock(Protocol):
    def now(self) -> datetime: ...

    async def wait(self, seconds: float, wake: asyncio.Event, *, busy: bool) -> None:
        """Sleep up to `seconds`, returning early when `wake` is set; `busy` says polls are in flight."""
        ...


class RealClock:
    def now(self) -> datetime:
        return utcnow()

    async def wait(self, seconds: float, wake: asyncio.Event, *, busy: bool) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wake.wait(), timeout=max(seconds, 0.0))


class SteppedClock:
    """Virtual time for tests and replays: time jumps straight to the next due poll, but only while no poll is
    in flight (in-flight polls run in real time, deadlines included), so a day of polling runs in seconds and
    the order of events is the one real time would give."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or utcnow()

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)

    async def wait(self, seconds: float, wake: asyncio.Event, *, busy: bool) -> None:
        if busy:
            await wake.wait()
            return
        self.advance(max(seconds, 0.0))
        await asyncio.sleep(0)
