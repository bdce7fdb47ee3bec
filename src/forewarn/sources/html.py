"""HTML article pages (trafilatura), from a file or a URL: main text, title, date, author, site name.

Only extracted text is stored (scripts, styles, navigation and markup are dropped by trafilatura; nothing of
the page is ever rendered). Source name: "html:<site host>" (from the canonical URL, else the fetched URL,
else "html:<folder name>" for a local file); source_ref = the page's canonical URL, else its URL, else the
file name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from lxml import etree

from ..errors import SourceError
from ..model import Document
from . import ReadOptions, Record
from .common import INLINE_TAGS, language_code, open_file, parse_date, quarantined
from .limits import deadline

# the first publication date, not the last-modified one (a claim's timing is when it first appeared)
DATE_SEARCH = {"original_date": True, "extensive_search": True}
NOT_TEXT = re.compile(rb"<(script|style|noscript|svg|math|template|iframe|object|embed|canvas)\b.*?</\1\s*>",
                      re.IGNORECASE | re.DOTALL)  # fmt: skip
COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
INLINE = re.compile(rb"</?(?:" + INLINE_TAGS + rb")\b[^<>]*>", re.IGNORECASE)
START_TAG = re.compile(rb"<[a-zA-Z]")


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
    try:
        with deadline(settings.parse_timeout, origin):
            found = _extract(data, origin, options, page_url)
    except (ValueError, TypeError, RecursionError, etree.LxmlError) as exc:  # trafilatura/lxml on hostile markup
        raise SourceError(f"{origin}: cannot parse HTML ({type(exc).__name__}: {exc})") from exc
    meta: dict[str, Any] = found.as_dict() if found is not None and hasattr(found, "as_dict") else dict(found or {})
    text = (meta.get("text") or "").strip()
    title = (meta.get("title") or "").strip()
    if not text:
        yield quarantined(origin, "page", "no article text found in the HTML page", data[:300])
        return
    if len(text) + len(title) > options.settings.max_record_chars:
        yield quarantined(origin, "page", "page text is over max_record_chars")
        return
    yield page_document(meta, text, title, origin=origin, page_url=page_url, options=options)


def _extract(data: bytes, origin: str, options: ReadOptions, page_url: str) -> Any:
    """trafilatura on markup made small first. Its run time grows with the square of the element count (and
    lxml's text search with the number of adjacent text nodes, so nothing here edits a parsed tree): comments
    and non-text elements (scripts, styles, SVG…) are cut from the bytes, inline formatting tags are
    unwrapped when the page is still over max_html_elements, and a page over it even then is refused (a real
    article page has a few thousand elements). Every step is one linear regular-expression pass."""
    # without a forced encoding the extractor decodes the bytes itself (BOM, meta charset, detection)
    markup = (b'<meta charset="utf-8">' + data.decode(options.encoding, "replace").encode("utf-8")
              if options.encoding else data)  # fmt: skip
    markup = NOT_TEXT.sub(b" ", COMMENT.sub(b" ", markup))
    limit = options.settings.max_html_elements
    if _elements(markup) > limit:
        markup = INLINE.sub(b"", markup)
    count = _elements(markup)
    if count > limit:
        raise SourceError(f"{origin}: {count:,} HTML elements after clean-up is over max_html_elements ({limit:,})")
    if not markup.strip():
        return None
    arguments: dict[str, Any] = {"url": page_url or None, "include_comments": False,
                                 "date_extraction_params": DATE_SEARCH}  # fmt: skip
    try:
        return trafilatura.bare_extraction(markup, with_metadata=True, **arguments)
    except AssertionError:
        # htmldate's clean-up removes elements with lxml's drop_tree, which asserts when the element is the
        # tree's root (an <svg> left open before <html>: a fuzz finding); the text is worth having without
        # the metadata
        return trafilatura.bare_extraction(markup, with_metadata=False, **arguments)


def _elements(markup: bytes) -> int:
    return len(START_TAG.findall(markup))


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

