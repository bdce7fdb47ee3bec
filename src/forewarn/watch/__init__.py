"""`forewarn watch`: poll sources live, store what is new, run the pipeline, alert on new or grown warnings.

- config.py: what a source is, the sources.toml format;
- book.py: the sources table (health, validators for conditional requests);
- schedule.py: next poll, backoff with jitter, staleness, clocks (real, and stepped for tests);
- poll.py: one poll per kind of source (feed, page, folder);
- alerts.py: raising alerts once (an outbox) and delivering them (log, stdout, webhook, command);
- engine.py: the Watcher that runs it all.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import SourceSpec, make_spec, specs_from_toml
    from .engine import PollEvent, Watcher, WatchSummary
    from .schedule import RealClock, SteppedClock

# Loaded on first use, so importing one submodule (the CLI reads config.TIERS for its help) does not import
# the engine and its HTTP, feed and HTML stack.
_HOMES = {"SourceSpec": "config", "make_spec": "config", "specs_from_toml": "config", "PollEvent": "engine",
          "Watcher": "engine", "WatchSummary": "engine", "RealClock": "schedule", "SteppedClock": "schedule"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_HOMES[name]}", __name__), name)


__all__ = ["PollEvent", "RealClock", "SourceSpec", "SteppedClock", "WatchSummary", "Watcher", "make_spec",
           "specs_from_toml"]
