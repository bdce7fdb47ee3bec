"""HTML article pages (trafilatura), from a file or a URL: main text, title, date, author, site name.

Only extracted text is stored (scripts, styles, navigation and markup are dropped by trafilatura; nothing of
the page is ever rendered). Source name: "html:<site host>" (from the canonical URL, else the fetched URL,
else "html:<folder name>" for a local file); source_ref = the page's canonical URL, else its URL, else the
file name.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from htmldate import extractors as htmldate_extractors
from lxml import etree
from trafilatura.utils import line_processing, trim

from ..errors import SourceError
from ..model import Document
from . import ReadOptions, Record
from .common import INLINE_TAGS, date_languages, language_code, open_file, parse_date, quarantined
from .limits import bounded, count, substitute

# the first publication date, not the last-modified one (a claim's timing is when it first appeared)
DATE_SEARCH = {"original_date": True, "extensive_search": True}
NOT_TEXT_NAMES = (b"script", b"style", b"noscript", b"svg", b"math", b"template", b"iframe", b"object", b"embed",
                  b"canvas")  # fmt: skip
OPAQUE_START = re.compile(rb"<(?:!--|(" + b"|".join(NOT_TEXT_NAMES) + rb")\b)", re.IGNORECASE)
OPAQUE_END = {name: re.compile(rb"</" + name + rb"\s*>", re.IGNORECASE) for name in NOT_TEXT_NAMES} | {
    b"--": re.compile(rb"-->")
}
TAG_IN_VALUE = re.compile(r"<[^<>]*>")
MAX_SAME_META = 5  # meta tags with one name (a page has one author tag, a few article:tag)
MAX_META_CHARS = 1_000  # characters of a meta tag's content (a description is a few hundred)
MAX_ATTRIBUTE_CHARS = 2_048  # characters of any other attribute value (the usual limit of a URL)
INLINE = re.compile(rb"</?(?:" + INLINE_TAGS + rb")\b[^<>]*>", re.IGNORECASE)
START_TAG = re.compile(rb"<[a-zA-Z]")
# htmldate's own settings for the dateparser it falls back on (htmldate.extractors.get_external_parser)
HTMLDATE_PARSER_SETTINGS = {"NORMALIZE": True, "PARSERS": ["custom-formats", "absolute-time"],
                            "PREFER_DATES_FROM": "past", "PREFER_LOCALE_DATE_ORDER": True,
                            "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True}  # fmt: skip


@cache
def htmldate_parser() -> Any:
    """The dateparser htmldate (the extractor's date search) falls back on for a date-like string it cannot
    read itself, with htmldate's settings but only the languages forewarn has a lexicon for, as
    `common.parse_date` uses. htmldate's own tries every one of dateparser's 200+ locales: the first odd
    date in a page (`2018?-44-07T10:00:00Z`) cost 4.4 CPU s (loading and compiling them all) and each later
    one 0.16 s; with these languages 0.7 s once, then 0.015 s."""
    from dateparser import DateDataParser

    return DateDataParser(languages=list(date_languages()), settings=HTMLDATE_PARSER_SETTINGS)


# htmldate has no parameter for its parser's languages; its lazily built, cached one is replaced instead
# (the regression test in tests/test_hardening.py fails if a new htmldate stops calling this hook)
htmldate_extractors.get_external_parser = htmldate_parser


def read(source: str, options: ReadOptions) -> Iterator[Record]:
    limit = min(options.settings.max_file_bytes, options.settings.max_fetch_bytes)
    with open_file(Path(source), limit, "max_fetch_bytes") as handle:
        data = handle.read()
    yield from read_bytes(data, origin=source, options=options)


def read_bytes(data: bytes, *, origin: str, options: ReadOptions, page_url: str = "") -> Iterator[Record]:
    settings = options.settings
    if len(data) > settings.max_html_bytes:
        raise SourceError(f"{origin}: {len(data):,} bytes of HTML is over the {settings.max_html_bytes:,}-byte "
                          "limit (max_html_bytes)")  # fmt: skip
    try:  # in a worker process when off the main thread (limits.bounded)
        meta = bounded(settings.parse_timeout, origin, extract_meta, data, origin, options, page_url)
    except (ValueError, TypeError, RecursionError, etree.LxmlError) as exc:  # trafilatura/lxml on hostile markup
        raise SourceError(f"{origin}: cannot parse HTML ({type(exc).__name__}: {exc})") from exc
    text = (meta.get("text") or "").strip()
    title = (meta.get("title") or "").strip()
    if not text:
        yield quarantined(origin, "page", "no article text found in the HTML page", data[:300])
        return
    if len(text) + len(title) > options.settings.max_record_chars:
        yield quarantined(origin, "page", "page text is over max_record_chars")
        return
    yield page_document(meta, text, title, origin=origin, page_url=page_url, options=options)


META_KEYS = ("text", "title", "url", "date", "language", "author", "description", "sitename")


def extract_meta(data: bytes, origin: str, options: ReadOptions, page_url: str) -> dict[str, str]:
    """The page's text and metadata, as plain strings (it may run in a worker process: the result is
    pickled, and the extractor's own document holds an lxml tree)."""
    try:
        found = _extract(data, origin, options, page_url)
    finally:
        forget_page()
    meta: dict[str, Any] = found.as_dict() if found is not None and hasattr(found, "as_dict") else dict(found or {})
    return {key: str(meta[key]) for key in META_KEYS if meta.get(key)}


def forget_page() -> None:
    """Empty the extractor's caches of page-sized strings: `trim` and `line_processing` keep their last 1,024
    arguments and results (a line of text, up to a whole page), so a long-lived process (an ingest of a
    folder of pages, a backfill worker) grew from 100 to 420 MB over 2,000 fuzzed pages, and stays near
    160 MB with this after each page, at the same CPU time. `trafilatura.meta.reset_caches()` clears these
    and its small caches too, but collects garbage each time: 2.7 times the CPU per page."""
    trim.cache_clear()
    line_processing.cache_clear()


def _extract(data: bytes, origin: str, options: ReadOptions, page_url: str) -> Any:
    """trafilatura on markup made small first. Its run time grows with the square of the element count (and
    lxml's text search with the number of adjacent text nodes, so nothing here edits a parsed tree): comments
    and non-text elements (scripts, styles, SVG…) are cut from the bytes, inline formatting tags are
    unwrapped when the page is still over max_html_elements, and a page over it even then is refused (a real
    article page has a few thousand elements). Every step is one linear regular-expression pass."""
    # without a forced encoding the extractor decodes the bytes itself (BOM, meta charset, detection)
    markup = (b'<meta charset="utf-8">' + data.decode(options.encoding, "replace").encode("utf-8")
              if options.encoding else data)  # fmt: skip
    markup = cut_opaque(markup)
    limit = options.settings.max_html_elements
    if _elements(markup) > limit:
        markup, _ = substitute(INLINE, b"", markup)  # re.sub kept 170 bytes a tag: 750,000 <b> took 200 MB
    count = _elements(markup)
    if count > limit:
        raise SourceError(f"{origin}: {count:,} HTML elements after clean-up is over max_html_elements ({limit:,})")
    tree = trafilatura.load_html(markup) if markup.strip() else None  # the extractor's own decoding and repairs
    if tree is None:
        return None
    parsed = sum(1 for _ in tree.iter())  # the byte passes read ASCII-compatible markup only: a UTF-32 page
    if parsed > limit + PARSED_SLACK:  # (fuzz finding html:4538, 124,000 elements) is counted again here
        raise SourceError(f"{origin}: {parsed:,} HTML elements in the parsed page is over max_html_elements "
                          f"({limit:,})")
    bound_attributes(tree)
    arguments: dict[str, Any] = {"url": page_url or None, "include_comments": False,
                                 "date_extraction_params": DATE_SEARCH}  # fmt: skip
    try:
        return trafilatura.bare_extraction(tree, with_metadata=True, **arguments)  # works on a copy of the tree
    except AssertionError:
        # htmldate's clean-up removes elements with lxml's drop_tree, which asserts when the element is the
        # tree's root (an <svg> left open before <html>: a fuzz finding); the text is worth having without
        # the metadata
        return trafilatura.bare_extraction(tree, with_metadata=False, **arguments)


def cut_opaque(markup: bytes) -> bytes:
    """Comments and non-text elements (scripts, styles, SVG…) cut out in one left-to-right pass. A regular
    expression with a lazy `.*?` up to the closing rescans the rest of the page from every opening that is
    never closed (50,000 `<!--` or `<script>` without their ends: quadratic); here a closing not found is
    remembered as absent, so the page is searched to its end at most once per kind. An unclosed `<!--` is
    made text (`&lt;!--`): in a browser it would hide the rest of the page, which is what a damaged page
    loses most easily; an unclosed `<script>` is left to the HTML parser (its contents are not text)."""
    parts = io.BytesIO()  # a list of the pieces would hold an object per opaque element
    kept = position = 0
    absent: set[bytes] = set()
    while found := OPAQUE_START.search(markup, position):
        kind = (found[1] or b"--").lower()
        end = None if kind in absent else OPAQUE_END[kind].search(markup, found.end())
        if end is None:
            absent.add(kind)
            if kind == b"--":
                parts.write(markup[kept : found.start()])
                parts.write(b"&lt;!--")
                kept = found.end()
            position = found.end()
            continue
        parts.write(markup[kept : found.start()])
        parts.write(b" ")
        kept = position = end.end()
    parts.write(markup[kept:])
    return parts.getvalue()


def bound_attributes(tree: Any) -> None:
    """Attribute values and meta tags cut to what a real page has, in place, in one pass over the tree. The
    extractor's metadata code was not written for hostile sizes: it strips tags from meta contents with
    `<[^>]*>` and `<!--.*?-->`, which rescan the rest of the value from every `<` never closed (50,000
    `<![CDATA[` in one meta tag: 20 CPU s); its author clean-up is quadratic in a value's length (50,000 `[`:
    30 s) and, across author tags, in the number of names (1,000 author tags: 30 s). So: at most
    MAX_SAME_META meta tags with the same name (or property, itemprop); a meta content cut at
    MAX_META_CHARS characters, any other value at MAX_ATTRIBUTE_CHARS (a URL's usual limit); markup in a
    value removed (closed tags, as the extractor would, by a pattern that cannot cross another `<`; any `<`
    left becomes a space). Linear; no real article keeps its text in attributes."""
    seen: dict[str, int] = {}
    extra_meta = []
    for element in tree.iter(etree.Element):
        if element.tag == "meta":
            key = next((element.get(k, "").lower() for k in ("name", "property", "itemprop") if element.get(k)), "")
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > MAX_SAME_META:
                extra_meta.append(element)
                continue
        for name, value in element.attrib.items():
            limit = MAX_META_CHARS if element.tag == "meta" else MAX_ATTRIBUTE_CHARS
            if len(value) > limit or "<" in value:
                try:
                    element.set(name, TAG_IN_VALUE.sub("", value[:limit]).replace("<", " "))
                except ValueError:  # a value lxml will not write back (control characters): not worth keeping
                    del element.attrib[name]
    for element in extra_meta:
        element.drop_tree()


PARSED_SLACK = 100  # elements the parser adds (html, head, body, implied paragraphs) beyond those counted


def _elements(markup: bytes) -> int:
    return count(START_TAG, markup)


def page_document(
    meta: dict[str, Any], text: str, title: str, *, origin: str, page_url: str, options: ReadOptions
) -> Document:
    canonical = str(meta.get("url") or "")
    url = canonical or page_url
    host = urlsplit(url).hostname or ""
    folder = Path(origin).parent.name if not page_url else ""
    extra = {k: str(meta[k]) for k in ("author", "description", "sitename") if meta.get(k)}
    if text.startswith(title + "\n"):
        text = text[len(title) + 1 :].strip() or text  # trafilatura repeats the heading as the first line
    return Document(
        source=options.source or "html:" + (host or folder or "."),
        source_ref=url or Path(origin).name,
        text=text,
        title=title,
        outlet=str(meta.get("sitename") or host),
        url=url,
        published_at=parse_date(meta.get("date")),
        language=language_code(str(meta.get("language") or "")),
        origin=origin,
        position="page",
        extra=extra,
    )

