"""The parse deadline holds in any thread. In the main thread it is a SIGALRM timer; in the watcher's and the
API's threads (no signals there) a feed or page is parsed in a worker process killed at parse_timeout
(sources/limits.py). Real pages and feeds, real processes; no mocks."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from forewarn.errors import SourceError
from forewarn.settings import Settings
from forewarn.sources import ReadOptions, Record, feed, html
from forewarn.sources.limits import ParseTimeout, in_worker

from .fuzzing import seed_feed, seed_html

SLACK = 60.0  # seconds of wall time a loaded CI machine may add to starting and stopping a process


def in_thread(function: Callable[[], Any]) -> Any:
    """function() in a new thread; its result, or its exception raised here."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = function()
        except BaseException as exc:  # noqa: BLE001
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(600)
    assert not thread.is_alive()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _big_page() -> bytes:
    """A legitimate page that takes the extractor seconds (5,000 paragraphs, under max_html_elements)."""
    paragraphs = "".join(f"<p>Paragraph {i}: shelling was reported near the market, residents said.</p>"
                         for i in range(5000))  # fmt: skip
    return f"<html><head><title>Long</title></head><body><article>{paragraphs}</article></body></html>".encode()


def _read_html(page: bytes, settings: Settings) -> list[Record]:
    return list(html.read_bytes(page, origin="page.html", options=ReadOptions(settings=settings)))


def test_a_slow_parse_in_a_thread_is_stopped_at_its_deadline() -> None:
    settings = Settings(parse_timeout=0.3)
    started = time.monotonic()
    with pytest.raises(ParseTimeout, match="parse_timeout"):
        in_thread(lambda: _read_html(_big_page(), settings))
    assert time.monotonic() - started < 0.3 + SLACK
    assert not multiprocessing.active_children()  # the worker was killed and reaped


def test_a_page_read_in_a_thread_equals_the_same_page_read_in_the_main_thread() -> None:
    page = seed_html()
    here = _read_html(page, Settings())
    there = in_thread(lambda: _read_html(page, Settings()))
    assert here == there and len(here) == 1


def test_a_feed_read_in_a_thread_equals_the_same_feed_read_in_the_main_thread() -> None:
    def read() -> list[Record]:
        return list(feed.read_bytes(seed_feed(), origin="f.rss", options=ReadOptions()))

    here, there = read(), in_thread(read)
    assert here == there and len(here) == 5


def test_a_parser_error_in_the_worker_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="invalid literal"):
        in_worker(60, "x", int, "not a number")


def test_a_worker_that_dies_is_a_source_error() -> None:
    with pytest.raises(SourceError, match="exit code 3"):
        in_worker(60, "x", os._exit, 3)


def _feed_in_a_thread_of_a_daemon(results: Any) -> None:
    records = in_thread(lambda: list(feed.read_bytes(seed_feed(), origin="f.rss", options=ReadOptions())))
    results.put(len(records))


def test_a_daemonic_process_reads_in_a_thread_without_a_worker() -> None:
    """A Dask worker (backfill) is a daemonic process and may not start processes: the parse runs in place,
    bounded by the caps only (it was quarantined as 'daemonic processes are not allowed to have children')."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    process = context.Process(target=_feed_in_a_thread_of_a_daemon, args=(results,), daemon=True)
    process.start()
    assert results.get(timeout=300) == 5
    process.join(60)
