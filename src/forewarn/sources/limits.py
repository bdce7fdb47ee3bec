"""Resource limits for the parsers that read a whole document at once (feeds, HTML pages, JSON arrays).

`deadline(seconds)` bounds the wall-clock time of a block: in the main thread of a POSIX process a real-time
timer (SIGALRM) raises ParseTimeout inside the block, so even a parser caught in a slow loop is stopped; in
other threads (the API server, watch workers) signals cannot be used and the block runs unbounded by time, so
there the size and element caps below are what bound it. Never wrap a block that yields: the consumer's
work (database writes) would run under the timer.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from ..errors import SourceError


class ParseTimeout(SourceError):
    """A document took longer than parse_timeout to parse."""


@contextmanager
def deadline(seconds: float, what: str) -> Iterator[None]:
    """Raise ParseTimeout in the block after `seconds` (0 or less: no limit)."""
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise ParseTimeout(f"{what}: parsing took longer than {seconds:g} s (parse_timeout)")

    previous = signal.signal(signal.SIGALRM, expired)
    started = time.monotonic()
    remaining, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if remaining:  # an outer deadline was running: give it back what it had left (less our time)
            signal.setitimer(signal.ITIMER_REAL, max(remaining - (time.monotonic() - started), 0.001))
