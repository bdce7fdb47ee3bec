"""Resource limits for the parsers that read a whole document at once (feeds, HTML pages).

`bounded(seconds, what, function, ...)` runs one parse under a wall-clock limit that holds in any thread:
- in the main thread of a POSIX process (the CLI's ingest), under `deadline`: a real-time timer (SIGALRM)
  raises ParseTimeout inside the call, at no cost per parse;
- in any other thread (the watcher's read and store threads, the API's upload threads), where signals
  cannot be used, in a worker process forked from a forkserver (a clean single-threaded process that has
  already imported the parsers and loaded dateparser's languages), killed at the deadline. A process is
  the only bound that holds whatever the parser does: a C-level loop (a regular expression, lxml) is
  stopped too, where a signal handler waits for the call to return, and a thread cannot be stopped at all.
  The arguments and the result travel pickled, so the function is a module-level one returning plain data.
  (In a daemonic process, a Dask worker, processes cannot be started: there only the caps bound a parse.)
Never wrap a block that yields: the consumer's work (database writes) would run under the timer.

`count` and `substitute` are `len(pattern.findall(data))` and `pattern.subn(...)` in memory of the output
only: `re` keeps one object per match found (findall) or per piece kept between matches (sub), about 170
bytes each for bytes pieces, so a 6 MB UTF-16 feed's 3 million NUL bytes took 505 MB to drop with `re.sub`
(fuzz finding atom:4791). A hostile document is made of matches; these keep nothing per match.
"""

from __future__ import annotations

import io
import multiprocessing
import pickle
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from types import FrameType
from typing import Any, AnyStr, TypeVar, cast

from ..errors import SourceError

T = TypeVar("T")
# imported (and warmed) once by the forkserver, so a parse's process starts with the parsers loaded
WORKER_PRELOAD = ["forewarn.sources.parse_worker"]


class ParseTimeout(SourceError):
    """A document took longer than parse_timeout to parse."""


def bounded(seconds: float, what: str, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """function(*args, **kwargs), stopped with ParseTimeout after `seconds` (0 or less: no limit) in any
    thread: by SIGALRM in the main thread, else in a worker process (see the module's docstring)."""
    if seconds <= 0:
        return function(*args, **kwargs)
    if _alarm_usable():
        with deadline(seconds, what):
            return function(*args, **kwargs)
    if multiprocessing.current_process().daemon:
        # a daemonic process (a Dask worker of `backfill`) may not start processes: there only the size and
        # element caps bound a parse, as they did everywhere off the main thread before
        return function(*args, **kwargs)
    return in_worker(seconds, what, function, *args, **kwargs)


def in_worker(seconds: float, what: str, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """function(*args, **kwargs) in a process of its own, killed after `seconds`; its exception re-raised
    here (as a SourceError naming it when it cannot be pickled)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(WORKER_PRELOAD)
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_work, args=(sender, function, args, kwargs), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise ParseTimeout(f"{what}: parsing took longer than {seconds:g} s (parse_timeout)")
        succeeded, value = receiver.recv()
    except EOFError:  # the process died without answering (a crash in C code, or killed for memory)
        process.join(5)
        raise SourceError(f"{what}: the parser's process ended without an answer "
                          f"(exit code {process.exitcode})") from None  # fmt: skip
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if succeeded:
        return value
    raise value


def _work(sender: Connection, function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    try:
        answer: tuple[bool, Any] = (True, function(*args, **kwargs))
    except BaseException as exc:  # noqa: BLE001  (every failure goes back to the caller)
        answer = (False, exc)
    try:
        sender.send(answer)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        reason = answer[1] if not answer[0] else exc
        sender.send((False, SourceError(f"{type(reason).__name__}: {reason}"[:1000])))
    sender.close()


def _alarm_usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float, what: str) -> Iterator[None]:
    """Raise ParseTimeout in the block after `seconds` (0 or less: no limit)."""
    if seconds <= 0 or not _alarm_usable():
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


def count(pattern: re.Pattern[AnyStr], data: AnyStr) -> int:
    """How many times `pattern` matches in `data` (len of findall, without its list)."""
    return sum(1 for _ in pattern.finditer(data))


def substitute(pattern: re.Pattern[AnyStr], replacement: AnyStr | Callable[[re.Match[AnyStr]], AnyStr],
               data: AnyStr) -> tuple[AnyStr, int]:  # fmt: skip
    """`pattern.subn(replacement, data)` (the replacement taken literally, or a function of the match)
    written into one growing buffer, so its memory is that of the result whatever the number of matches."""
    out: io.BytesIO | io.StringIO = io.BytesIO() if isinstance(data, bytes) else io.StringIO()
    write = cast(Callable[[AnyStr], int], out.write)
    position = found = 0
    for match in pattern.finditer(data):
        write(data[position : match.start()])
        write(replacement(match) if callable(replacement) else replacement)
        position, found = match.end(), found + 1
    if not found:
        return data, 0
    write(data[position:])
    return cast(AnyStr, out.getvalue()), found
