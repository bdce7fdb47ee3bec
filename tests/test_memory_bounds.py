"""Memory bounds of the feed and HTML readers' byte passes, and of the extractor's caches in a long-lived
process (bench/fuzz.py findings atom:4791, atom:3169, feed:5659, html:7112: 6-7.5 MB inputs that made a fresh
process grow by 500-650 MB). The bounds are on what Python allocates (tracemalloc: deterministic, not the
resident size, which is bench/'s to measure), with room to spare: each pass now holds the input and its
result, where `re.sub`/`findall` held an object per match (about 170 bytes for a one-byte match)."""

from __future__ import annotations

import contextlib
import re
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from trafilatura.utils import line_processing, trim

from forewarn.model import Document
from forewarn.sources import ReadOptions, Record, feed, html
from forewarn.sources.common import clean_text
from forewarn.sources.limits import count, substitute

from .fuzzing import seed_html, seeded_input

TITLES = ("Заголовок один", "وزارة الدفاع", "Report & more")


@contextmanager
def allocated() -> Iterator[list[int]]:
    """The peak of Python's allocations in the block, in bytes (into the list, when the block ends)."""
    peak: list[int] = []
    tracemalloc.start()
    try:
        yield peak
    finally:
        peak.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()


def _feed(encoding: str, *, declared: str | None = None, items: int = 3) -> str:
    body = "".join(f"<item><title>{TITLES[i % 3].replace('&', '&amp;')}</title><guid>g{i}</guid>"
                   f"<description>Министерство заявило {i}.</description></item>" for i in range(items))  # fmt: skip
    return (f'<?xml version="1.0" encoding="{declared or encoding}"?><rss version="2.0"><channel><title>Лента'
            f"</title><link>http://feed.example/</link>{body}</channel></rss>")  # fmt: skip


def _read_feed(data: bytes) -> list[Record]:
    return list(feed.read_bytes(data, origin="test.rss", options=ReadOptions()))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_a_utf16_or_utf32_feed_is_read_as_its_text(encoding: str) -> None:
    # with and without a byte-order mark ("utf-16" writes one, "utf-16-le" does not): the NUL bytes were
    # dropped as control characters, garbling every non-Latin character (or expat refused the declaration)
    records = _read_feed(_feed(encoding).encode(encoding))
    assert all(isinstance(r, Document) for r in records), records
    assert [r.title for r in records if isinstance(r, Document)] == list(TITLES)
    assert all(r.outlet == "Лента" and r.text.startswith("Министерство") for r in records if isinstance(r, Document))


def test_a_feed_declared_utf16_but_written_in_utf8_is_read() -> None:
    records = _read_feed(_feed("utf-8", declared="UTF-16").encode())  # expat: ValueError, multi-byte encodings
    documents = [r for r in records if isinstance(r, Document)]
    assert [d.title for d in documents] == list(TITLES)
    assert any("declared 'UTF-16' but not in it" in getattr(r, "reason", "") for r in records)


def test_a_damaged_utf16_feed_keeps_what_decodes() -> None:
    data = _feed("utf-16-le").encode("utf-16-le") + b"\x00"  # an odd byte: a truncated code unit
    records = _read_feed(data)
    assert [r.title for r in records if isinstance(r, Document)] == list(TITLES)
    assert any("utf-16-le with undecodable bytes" in getattr(r, "reason", "") for r in records)


def test_dropping_millions_of_nul_bytes_holds_nothing_per_byte() -> None:
    # a UTF-8 feed with a NUL after every character of a 3 MB description (atom:4791's shape, not wide)
    data = _feed("utf-8").encode().replace(b"</channel>", b"<item><title>x</title><description>"
                                           + b"a\x00" * 1_500_000 + b"</description></item></channel>")  # fmt: skip
    with allocated() as peak:
        repaired, repairs = feed.repair_xml(data)
    assert repaired.count(b"a" * 1000) and "1,500,000 control characters dropped" in repairs
    assert peak[0] < 4 * len(data), f"{peak[0] / 1e6:.0f} MB for {len(data) / 1e6:.0f} MB"  # was 84 times


def test_unwrapping_hundreds_of_thousands_of_inline_tags_holds_nothing_per_tag() -> None:
    flood = b"<b>x</b>" * 400_000
    data = _feed("utf-8").encode().replace(b"</channel>", b"<item><title>x</title><description>" + flood
                                           + b"</description></item></channel>")  # fmt: skip
    with allocated() as peak:
        bounded = feed.bound_elements(data, "test.rss", 20_000)
    assert b"<b>" not in bounded and b"x" * 1000 in bounded
    assert peak[0] < 4 * len(data), f"{peak[0] / 1e6:.0f} MB for {len(data) / 1e6:.0f} MB"
    page = b"<html><body><article><p>" + flood + b"</p>" + b"<!---->" * 200_000 + b"</article></body></html>"
    with allocated() as peak:
        small = html.cut_opaque(page)
        small, _ = substitute(html.INLINE, b"", small)
    assert html._elements(small) < 10
    assert peak[0] < 4 * len(page), f"{peak[0] / 1e6:.0f} MB for {len(page) / 1e6:.0f} MB"


@pytest.mark.parametrize("spec", ["atom:4791", "atom:3169", "feed:5659", "html:7112"])
def test_the_fuzz_findings_are_read_in_a_few_times_their_size(spec: str) -> None:
    name, number = spec.split(":")
    data = seeded_input(name, int(number))
    reader = html if name == "html" else feed
    with allocated() as peak, contextlib.suppress(feed.SourceError):  # feed:5659 is refused (references)
        list(reader.read_bytes(data, origin=f"{spec}.bin", options=ReadOptions()))
    assert peak[0] < 8 * len(data), f"{peak[0] / 1e6:.0f} MB for {len(data) / 1e6:.1f} MB"  # was 500-650 MB


REPLACEMENTS: list[tuple[re.Pattern[bytes], bytes | Callable[[re.Match[bytes]], bytes]]] = [
    (re.compile(rb"\x00"), b""),
    (re.compile(rb"<b>|</b>"), b" "),
    (re.compile(rb"&#(\d+);"), lambda m: b"[" + m.group(1) + b"]"),
    (re.compile(rb"x*"), b"-"),  # empty matches too
]


@pytest.mark.parametrize("pattern, replacement", REPLACEMENTS)
@pytest.mark.parametrize("data", [b"", b"plain", b"a\x00b\x00<b>c</b>&#65;x&#1;\x00", b"\x00" * 5 + b"xx"])
def test_substitute_is_subn(pattern: re.Pattern[bytes], replacement: bytes | Callable[[re.Match[bytes]], bytes],
                            data: bytes) -> None:  # fmt: skip
    assert substitute(pattern, replacement, data) == pattern.subn(replacement, data)
    assert count(pattern, data) == len(pattern.findall(data))


def test_lone_surrogates_in_bulk_become_replacement_characters() -> None:
    text = "ж\ud800" * 100_000 + "\x00end"
    assert clean_text(text) == "ж\ufffd" * 100_000 + "end"


def test_reading_a_page_leaves_no_page_sized_string_in_the_extractors_caches() -> None:
    # trafilatura's trim and line_processing keep their last 1,024 arguments (lines, up to a whole page): a
    # long-lived process grew by 300 MB over 2,000 pages
    records = list(html.read_bytes(seed_html(), origin="page.html", options=ReadOptions()))
    assert any(isinstance(r, Document) for r in records)
    assert trim.cache_info().currsize == 0 and line_processing.cache_info().currsize == 0
