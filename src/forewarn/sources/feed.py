"""RSS and Atom feeds (feedparser), from a file or a URL.

XML is first checked with defusedxml: a feed that declares entities (the "billion laughs" attack) or
external references is refused whole, before feedparser sees it. A malformed feed is still read: the entries
feedparser recovers go in, and the parse error is reported in the quarantine. HTML in titles and descriptions
becomes plain text. Source name: "feed:<the site link the feed declares>" (else the feed URL or file name),
source_ref = the entry id (guid), else its link, else "entry:N" (deduplicated by content).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import defusedxml
import defusedxml.ElementTree
import feedparser

from ..errors import SourceError
from ..model import Document
from . import ReadOptions, Record
from .common import html_to_text, language_code, open_file, parse_date, quarantined

ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
FULL_TEXT_KEYS = ("yandex_full-text", "summary")
HARMLESS_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def read(source: str, options: ReadOptions) -> Iterator[Record]:
    limit = min(options.settings.max_file_bytes, options.settings.max_fetch_bytes)
    with open_file(Path(source), limit, "max_fetch_bytes") as handle:
        data = handle.read()
    yield from read_bytes(data, origin=source, options=options)


def read_bytes(data: bytes, *, origin: str, options: ReadOptions, page_url: str = "") -> Iterator[Record]:
    syntax_error = check_xml(data, origin)
    # content type stated so feedparser does not flag a feed served as text/plain as malformed
    headers = {"content-location": page_url, "content-type": "application/xml"} if page_url else None
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=True)
    entries = list(parsed.entries)
    feed = parsed.feed
    if not entries and not feed.get("title"):
        reason = syntax_error or str(parsed.get("bozo_exception", "")) or "no channel or entries"
        raise SourceError(f"{origin}: not a readable RSS/Atom feed ({reason})")
    problem = syntax_error or _bozo_reason(parsed)
    if problem:
        reason = f"malformed feed, {len(entries)} entries recovered: {problem}"
        yield quarantined(origin, "feed", reason, data[:300])
    source = options.source or "feed:" + (feed.get("link") or page_url or Path(origin).name)
    for index, entry in enumerate(entries):
        yield entry_document(entry, feed, index, source=source, origin=origin, options=options)


def check_xml(data: bytes, origin: str) -> str:
    """Refuse entity declarations and external references; return a syntax error message, if any."""
    if ENTITY_DECLARATION.search(data):
        raise SourceError(
            f"{origin}: refused, the XML declares entities (an entity-expansion 'billion laughs' attack "
            "or external references); forewarn never expands XML entities"
        )
    try:
        defusedxml.ElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as exc:
        raise SourceError(f"{origin}: refused unsafe XML ({type(exc).__name__}: {exc})") from exc
    except ElementTree.ParseError as exc:
        return f"XML syntax error: {exc}"
    return ""


def _bozo_reason(parsed: Any) -> str:
    error = parsed.get("bozo_exception")
    if not parsed.get("bozo") or error is None or isinstance(error, HARMLESS_BOZO):
        return ""
    return f"{type(error).__name__}: {error}"


def entry_document(
    entry: Any, feed: Any, index: int, *, source: str, origin: str, options: ReadOptions
) -> Record:
    position = f"entry:{index}"
    title = html_to_text(entry.get("title", ""))
    text = html_to_text(_body(entry))
    if not text and not title:
        return quarantined(origin, position, "feed entry has no title or text", str(entry.get("id", "")))
    own_id = str(entry.get("id") or entry.get("link") or "")
    extra = {
        key: value
        for key, value in (
            ("author", entry.get("author", "")),
            ("tags", ", ".join(t.get("term", "") for t in entry.get("tags", []) if t.get("term"))),
            ("feed_title", feed.get("title", "")),
        )
        if value
    }
    return Document(
        source=source,
        source_ref=own_id or position,
        text=text or title,
        title=title,
        outlet=feed.get("title", ""),
        url=entry.get("link", ""),
        published_at=_entry_date(entry),
        language=language_code(entry.get("language", "") or feed.get("language", "")),
        origin=origin,
        position=position,
        native_id=bool(own_id),
        extra=extra,
    )


def _body(entry: Any) -> str:
    """The longest of content:encoded/Atom content, Yandex full text (RIA, TASS feeds) and the summary."""
    candidates = [c.get("value", "") for c in entry.get("content") or []]
    candidates += [str(entry.get(key) or "") for key in FULL_TEXT_KEYS]
    return max(candidates, key=len)


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published", "updated", "created"):
        parsed = entry.get(key + "_parsed")
        if parsed:
            year, month, day, hour, minute, second = parsed[:6]
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC)  # feedparser gives UTC
        if entry.get(key):
            found = parse_date(entry[key])
            if found:
                return found
    return None
