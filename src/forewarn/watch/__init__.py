"""`forewarn watch`: poll sources live, store what is new, run the pipeline, alert on new or grown warnings.

- config.py: what a source is, the sources.toml format;
- book.py: the sources table (health, validators for conditional requests);
- schedule.py: next poll, backoff with jitter, staleness, clocks (real, and stepped for tests);
- poll.py: one poll per kind of source (feed, page, folder);
- alerts.py: raising alerts once (an outbox) and delivering them (log, stdout, webhook, command);
- engine.py: the Watcher that runs it all.
"""

from __future__ import annotations

from .config import SourceSpec, make_spec, specs_from_toml
from .engine import PollEvent, Watcher, WatchSummary
from .schedule import RealClock, SteppedClock

__all__ = ["PollEvent", "RealClock", "SourceSpec", "SteppedClock", "WatchSummary", "Watcher", "make_spec",
           "specs_from_toml"]
