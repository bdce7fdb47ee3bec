"""Hang guards for the HTML reader: constructs that made the extractor's libraries (trafilatura, htmldate,
dateparser) superlinear, found by bench/fuzz.py and then generalised. Each page must be read in a few CPU
seconds (the bound is generous, for a slow CI machine: before the fixes these took 5-30 CPU s, and grew with
the square of the input); this is not a speed measurement (that is bench/), only a guard against a hang
coming back. CPU time, not wall time, so a loaded machine does not fail them."""

from __future__ import annotations

import html as html_escape
import itertools
import string
import subprocess
import sys
import time
from collections.abc import Callable

import pytest
from htmldate import extractors as htmldate_extractors

from forewarn.errors import SourceError
from forewarn.model import Document
from forewarn.settings import Settings
from forewarn.sources import ReadOptions, Record, html

from .fuzzing import seed_html

CPU_BOUND = 3.0  # seconds; every page here takes well under 0.5 s after the fixes
ARTICLE = ("<p>Shelling was reported overnight near the market, residents said, and the ministry "
           "said the school was damaged.</p>")  # fmt: skip
OPENINGS = ("<![CDATA[", "<!--", "<!--x>", "<b", "<", "<a href='")
REPEATS = 50_000


def _page(head: str = "", after: str = "") -> bytes:
    return (f"<!DOCTYPE html><html><head><title>A page</title>{head}</head><body><article><h1>A headline</h1>"
            f"{ARTICLE}</article>{after}</body></html>").encode()  # fmt: skip


def _read(page: bytes) -> tuple[list[Record], float]:
    options = ReadOptions(settings=Settings(parse_timeout=600))  # the bound is the assertion, not the deadline
    started = time.process_time()
    records = list(html.read_bytes(page, origin="hang.html", options=options))
    return records, time.process_time() - started


def _assert_read(page: bytes) -> None:
    records, cpu = _read(page)
    assert cpu < CPU_BOUND, f"{cpu:.1f} CPU s"
    assert len(records) == 1 and isinstance(records[0], Document), records
    assert "Shelling was reported" in records[0].text


PLACES: dict[str, Callable[[str], str]] = {
    "published_time": lambda v: f"<meta property='article:published_time' content='2018-04-07{v}'>",
    "description": lambda v: f"<meta name='description' content='{v}'>",
    "author": lambda v: f"<meta name='author' content='A. Writer{v}'>",
    "og:title": lambda v: f"<meta property='og:title' content='Title{v}'>",
    "link title": lambda v: f"<link rel='alternate' title='{v}' href='/feed'>",
}


@pytest.mark.parametrize("opening", OPENINGS)
@pytest.mark.parametrize("place", sorted(PLACES))
def test_unclosed_markup_in_an_attribute_value(place: str, opening: str) -> None:
    """50,000 openings never closed, inside an attribute (escaped, as a page would carry them): the
    extractor's tag stripping rescanned the value from each one (the fuzz finding: `<![CDATA[` in
    article:published_time, 9-20 CPU s)."""
    value = html_escape.escape(opening * REPEATS, quote=True)
    _assert_read(_page(head=PLACES[place](value)))


def test_the_fuzz_finding_itself() -> None:
    """bench/fuzz.py's input: the HTML seed with 50,000 `<![CDATA[` inserted into the date's content."""
    seed = seed_html()
    at = seed.index(b"2018-04-07T10:00:00Z")
    records, cpu = _read(seed[:at] + b"<![CDATA[" * REPEATS + seed[at:])
    assert cpu < CPU_BOUND and len(records) == 1 and isinstance(records[0], Document)


@pytest.mark.parametrize("opening", ["<!--", "<!--x>"])
def test_unclosed_comments(opening: str) -> None:
    """50,000 comment openings never closed, after the article: forewarn's own clean-up cut comments with a
    lazy regex up to the closing, rescanning the rest of the page from each one."""
    _assert_read(_page(after="<div>" + opening * REPEATS + "</div>"))


@pytest.mark.parametrize("opening", ["<script>", "<style>", "<svg>"])
def test_unclosed_non_text_elements(opening: str) -> None:
    """The same with scripts, styles, SVG: not a hang but a clear refusal (50,000 elements are over
    max_html_elements), in bounded time."""
    started = time.process_time()
    with pytest.raises(SourceError, match="max_html_elements"):
        _read(_page(after="<div>" + opening * REPEATS + "</div>"))
    assert time.process_time() - started < CPU_BOUND


def test_unclosed_comment_keeps_the_text_after_it() -> None:
    records, _ = _read(b"<html><body><!-- never closed <article>" + ARTICLE.encode() + b"</article></body></html>")
    assert len(records) == 1 and isinstance(records[0], Document)
    assert "Shelling was reported" in records[0].text


NAMES = ["".join(letters) for letters in itertools.product(string.ascii_uppercase, string.ascii_lowercase,
                                                            string.ascii_lowercase)][:1000]  # fmt: skip


@pytest.mark.parametrize(("label", "head"), [
    ("1,000 author tags", "".join(f"<meta name='author' content='{name}'>" for name in NAMES)),
    ("1,000 names in one tag", "<meta name='author' content='{}'>".format(", ".join(NAMES))),
    ("50,000 brackets", "<meta name='author' content='A{}'>".format("[" * REPEATS)),
])  # fmt: skip
def test_hostile_author_metadata(label: str, head: str) -> None:
    """The extractor's author clean-up is quadratic in a value's length and in the number of names across
    tags (1,000 author tags: 30 CPU s)."""
    _assert_read(_page(head=head))


def test_normal_metadata_is_kept() -> None:
    """The bounds cut only what no real page has: a description, an author and a canonical URL survive."""
    head = ("<meta name='description' content='A short summary &lt;b&gt;of&lt;/b&gt; the report.'>"
            "<meta name='author' content='Jane Writer'><link rel='canonical' href='https://news.example/a/1'>")
    records, _ = _read(_page(head=head))
    document = records[0]
    assert isinstance(document, Document)
    assert document.url == "https://news.example/a/1"
    assert document.extra.get("author") == "Jane Writer"
    assert document.extra.get("description") == "A short summary of the report."


ODD_DATE_PAGE = """
import time
from forewarn.sources import ReadOptions, Record, html
page = (b"<!DOCTYPE html><html><head><title>A page</title><meta property='article:published_time' "
        b"content='2018?-44-07T10:00:00Z'></head><body><article><p>Shelling was reported overnight near the "
        b"market, residents said, and the ministry said the school was damaged.</p></article></body></html>")
started = time.process_time()
records = list(html.read_bytes(page, origin="date.html", options=ReadOptions()))
print(time.process_time() - started, len(records))
"""


def test_an_odd_date_does_not_load_every_locale() -> None:
    """A page whose date htmldate cannot read itself (`2018?-44-07T10:00:00Z`, the fuzz finding) goes to
    dateparser; htmldate's own parser tries all 200+ locales, 4.4 CPU s the first time in a process. In a
    fresh process, so the first-use cost is what is measured."""
    assert htmldate_extractors.get_external_parser() is html.htmldate_parser()
    done = subprocess.run([sys.executable, "-c", ODD_DATE_PAGE], capture_output=True, text=True, timeout=300,
                          check=True)  # fmt: skip
    cpu, count = done.stdout.split()
    assert int(count) == 1
    assert float(cpu) < 2.5, f"{cpu} CPU s"


@pytest.mark.parametrize("encoding", ["utf-32", "utf-16"])
def test_a_page_in_an_encoding_the_byte_passes_cannot_read_is_counted_on_the_tree(encoding: str) -> None:
    """html:4538 and html:8335 (bench/fuzz.py): a UTF-32 page of 124,000 elements, where the byte-level count
    found none (each character followed by NUL bytes), reached trafilatura whole: over 10 CPU s. The parsed
    tree is counted too; a small page in the same encoding is still read."""
    options = ReadOptions(settings=Settings(parse_timeout=600))
    huge = _page(after="<div><p>A line of text.</p></div>" * 30_000).decode().encode(encoding)
    started = time.process_time()
    with pytest.raises(SourceError, match="in the parsed page is over max_html_elements"):
        list(html.read_bytes(huge, origin="wide.html", options=options))
    assert time.process_time() - started < CPU_BOUND
    records = list(html.read_bytes(_page().decode().encode(encoding), origin="small.html", options=options))
    assert len(records) == 1 and isinstance(records[0], Document) and "Shelling was reported" in records[0].text
