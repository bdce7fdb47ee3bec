"""RSS and Atom feeds (feedparser), from a file or a URL.

XML is first checked with defusedxml: a feed that declares entities (the "billion laughs" attack) or
external references is refused whole, before feedparser sees it. A malformed feed is still read: the entries
feedparser recovers go in, and the parse error is reported in the quarantine. HTML in titles and descriptions
becomes plain text. Source name: "feed:<the site link the feed declares>" (else the feed URL or file name),
source_ref = the entry id (guid), else its link, else "entry:N" (deduplicated by content).
"""

from __future__ import annotations

import bisect
import codecs
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
from .common import INLINE_TAGS, failed_record, html_to_text, language_code, log, open_file, parse_date, quarantined
from .limits import ParseTimeout, bounded, count, substitute

ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
FULL_TEXT_KEYS = ("yandex_full-text", "summary")
HARMLESS_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def read(source: str, options: ReadOptions) -> Iterator[Record]:
    limit = min(options.settings.max_file_bytes, options.settings.max_fetch_bytes)
    with open_file(Path(source), limit, "max_fetch_bytes") as handle:
        data = handle.read()
    yield from read_bytes(data, origin=source, options=options)


def read_bytes(data: bytes, *, origin: str, options: ReadOptions, page_url: str = "") -> Iterator[Record]:
    data, repairs = repair_xml(data)
    data = bound_elements(data, origin, options.settings.max_feed_elements)
    syntax_error = check_xml(data, origin)
    # content type stated so feedparser does not flag a feed served as text/plain as malformed
    headers = {"content-location": page_url, "content-type": "application/xml"} if page_url else None
    records: list[Record] = []
    # ParseTimeout: the feed is quarantined; in a worker process when off the main thread (limits.bounded)
    feed, entries, problems = bounded(options.settings.parse_timeout, origin, _parse, data, headers, origin, options,
                                      whole=not syntax_error)  # fmt: skip
    if not entries and not feed.get("title"):
        reason = syntax_error or "; ".join(problems) or "no channel or entries"
        raise SourceError(f"{origin}: not a readable RSS/Atom feed ({reason})")
    problem = "; ".join(filter(None, [syntax_error, *repairs]))
    if problem:
        reason = f"malformed feed, {len(entries)} entries recovered: {problem}"
        records.append(quarantined(origin, "feed", reason[:1000], data[:300]))
    source = options.source or "feed:" + (feed.get("link") or page_url or Path(origin).name)
    for index, entry in enumerate(entries):
        position = f"entry:{index}"
        if isinstance(entry, str):  # an item feedparser could not read: the reason
            records.append(quarantined(origin, position, entry))
            continue
        try:
            records.append(entry_document(entry, feed, index, source=source, origin=origin, options=options))
        except Exception as exc:  # one entry's problem: quarantine it, keep the others
            records.append(failed_record(origin, position, exc, str(entry.get("id", ""))))
    yield from records


def _parse(data: bytes, headers: dict[str, str] | None, origin: str, options: ReadOptions, *, whole: bool
           ) -> tuple[Any, list[Any], list[str]]:  # fmt: skip
    """(feed metadata, entries or the reason an item is unreadable, problems). A well-formed feed is parsed
    whole (nothing to recover); a malformed one item by item when it can be split at its <item>/<entry>
    tags, so a broken item cannot take its neighbours with it."""
    if whole:
        try:
            parsed = _feedparse(data, headers)
            return parsed.feed, list(parsed.entries), [_bozo_reason(parsed)]
        except (ParseTimeout, MemoryError):
            raise
        except Exception:  # feedparser raised on some part of it: find which item, read the others
            log.debug("feedparser failed on the whole of %s; parsing item by item", origin, exc_info=True)
    parts = split_items(data)
    if parts is None:
        parsed = _feedparse(data, headers)
        return parsed.feed, list(parsed.entries), [_bozo_reason(parsed)]
    head, items, tail = parts
    limit = options.settings.max_record_chars * 4
    try:
        lenient = _feedparse(data, headers)  # feedparser's own recovery, kept when it lost no item
    except (ParseTimeout, MemoryError):
        raise
    except Exception:  # its lenient parser raises too (KeyError 'tags' on a stray </category>: feed:7648)
        lenient = None
    if lenient is not None and len(lenient.entries) == len(items) and all(len(item) <= limit for item in items):
        return lenient.feed, list(lenient.entries), [_bozo_reason(lenient)]
    meta = _feedparse(head + tail, headers)
    entries: list[Any] = []
    budget = [MAX_ITEM_PARSES]
    clean_frame = not _bozo_reason(meta)  # else every group is flagged malformed, and a flag tells nothing
    for start in range(0, len(items), ITEM_GROUP):
        group = items[start : start + ITEM_GROUP]
        if budget[0] <= 0:
            entries.extend([f"not read: over {MAX_ITEM_PARSES} parses spent recovering this feed's items"] * len(group))
            continue
        entries.extend(_parse_items(head, group, tail, headers, limit, clean_frame, budget))
    return meta.feed, entries, [_bozo_reason(meta)]


ITEM_GROUP = 64  # items parsed together; a group with a broken item is halved until the item stands alone
MAX_ITEM_PARSES = 600  # feedparser calls one feed's recovery may spend (about 5 ms each)


def _parse_items(head: bytes, items: list[bytes], tail: bytes, headers: dict[str, str] | None, limit: int,
                 clean_frame: bool, budget: list[int]) -> list[Any]:  # fmt: skip
    """The entries of `items` (or, for an unreadable item, the reason): a group that parses into one entry
    per item (without an XML error, when the feed's frame alone has none) is taken whole; otherwise it is
    halved, so a broken item is found in log2(64) steps and parsed alone, and the good ones cost one parse
    per group, not one each."""
    if len(items) == 1 and len(items[0]) > limit:
        return [f"feed item of {len(items[0]):,} bytes is over the record size limit"]
    if budget[0] <= 0:
        return [f"not read: over {MAX_ITEM_PARSES} parses spent recovering this feed's items"] * len(items)
    budget[0] -= 1
    try:
        parsed = _feedparse(head + b"".join(items) + tail, headers)
        found = list(parsed.entries)
    except (ParseTimeout, MemoryError):
        raise
    except Exception as exc:  # feedparser on a hostile item
        if len(items) == 1:
            return [f"unreadable feed item: {type(exc).__name__}: {exc}"[:500]]
        parsed, found = None, []
    if len(items) == 1:
        return found or ["unreadable feed item: feedparser found no entry in it"]
    if parsed is not None and len(found) == len(items) and not (clean_frame and _bozo_reason(parsed)) \
            and all(len(item) <= limit for item in items):  # fmt: skip
        return found
    half = len(items) // 2
    return [*_parse_items(head, items[:half], tail, headers, limit, clean_frame, budget),
            *_parse_items(head, items[half:], tail, headers, limit, clean_frame, budget)]  # fmt: skip


def _feedparse(data: bytes, headers: dict[str, str] | None) -> Any:
    return feedparser.parse(data, response_headers=headers, sanitize_html=True)


ITEM_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)(?=[\s>/])")
ITEM_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")


def split_items(data: bytes) -> tuple[bytes, list[bytes], bytes] | None:
    """(the feed before its first item, each item, the closing tags after the last one), cutting at item
    start tags outside CDATA sections and comments; None when the feed has no item or entry tag. A CDATA
    section or comment that runs over an item's end tag is taken for damage (one left open that closes in a
    later item), not as hiding the item tags inside it. An item
    whose end tag is missing ends where the next one starts; one whose start tag is damaged merges with the
    item before it (the loss the XML itself makes unrecoverable: documented in docs/sources.md)."""
    opaque = [(a, b) for a, b in _opaque_spans(data) if not ITEM_END.search(data, a, b)]
    starts = [m.start() for m in ITEM_START.finditer(data) if not _inside(m.start(), opaque)]
    if not starts:
        return None
    ends = [m.end() for m in ITEM_END.finditer(data, starts[-1]) if not _inside(m.start(), opaque)]
    last_end = ends[0] if ends else len(data)
    tail = data[last_end:]
    if not ends:  # the last item runs to the end of the file: close the feed for it
        tail = b"</channel></rss>" if b"<rss" in data[: starts[0]] else b"</feed>"
    items = [data[a:b] for a, b in zip(starts, [*starts[1:], last_end], strict=True)]
    return data[: starts[0]], items, tail


def _opaque_spans(data: bytes) -> list[tuple[int, int]]:
    """The closed CDATA sections and comments, in order, found with str.find (a regex would rescan to the
    end of the file from every opening left unclosed)."""
    spans: list[tuple[int, int]] = []
    position, unclosed = 0, set()
    while (start := data.find(b"<!", position)) >= 0:
        for opening, closing in ((b"<![CDATA[", b"]]>"), (b"<!--", b"-->")):
            if data.startswith(opening, start):
                end = -1 if opening in unclosed else data.find(closing, start + len(opening))
                if end < 0:  # never closed (nor any later one of its kind): it hides nothing, taken for damage
                    unclosed.add(opening)
                    position = start + len(opening)
                    break
                spans.append((start, end + len(closing)))
                position = end + len(closing)
                break
        else:
            position = start + 2
    return spans


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `position` falls inside one of `spans` (sorted, not overlapping: finditer's order)."""
    at = bisect.bisect_right(spans, (position, len(spans) and 1 << 62)) - 1
    return at >= 0 and spans[at][0] < position < spans[at][1]


ELEMENT = re.compile(rb"<[a-zA-Z]|&lt;[a-zA-Z]")
REFERENCE = re.compile(rb"&#?[a-zA-Z0-9]{1,10};")
REFERENCES_PER_ELEMENT = 5  # escaped HTML has a few references per element (&lt; &gt; &quot;)
INLINE_ELEMENT = re.compile(rb"</?(?:" + INLINE_TAGS + rb")\b[^<>]*>|&lt;/?(?:" + INLINE_TAGS
                            + rb")\b(?:(?!&gt;|&lt;).){0,500}&gt;", re.IGNORECASE)  # fmt: skip


def bound_elements(data: bytes, origin: str, limit: int) -> bytes:
    """feedparser's sanitiser costs about 0.3 ms per HTML element (tags in the XML, or escaped in its text):
    a feed over `limit` elements has its inline formatting tags unwrapped, and is refused if still over. A
    feed with more than REFERENCES_PER_ELEMENT × `limit` character references is refused too."""
    references = count(REFERENCE, data) if b"&" in data else 0
    if references > REFERENCES_PER_ELEMENT * limit:
        raise SourceError(f"{origin}: {references:,} character references is over {REFERENCES_PER_ELEMENT} × "
                          f"max_feed_elements ({limit:,})")  # fmt: skip
    if count(ELEMENT, data) <= limit:
        return data
    data, _ = substitute(INLINE_ELEMENT, b"", data)
    elements = count(ELEMENT, data)
    if elements > limit:
        raise SourceError(f"{origin}: {elements:,} elements after unwrapping inline tags is over max_feed_elements "
                          f"({limit:,})")  # fmt: skip
    return data


# Repairs applied before any parser sees the feed. Each fixes a class of damage that makes expat (and so
# feedparser's strict pass) stop at the first occurrence, or that makes feedparser itself raise.
MAX_WHITESPACE_RUN = 64
LONG_WHITESPACE = re.compile(rb"\s{%d,}" % (MAX_WHITESPACE_RUN + 1))
MAX_TAG_BYTES = 8192
UNENDED_TAG = re.compile(rb"<(?=[^<>]{%d})" % MAX_TAG_BYTES)
XML_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XML_FORBIDDEN_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
CHAR_REFERENCE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
XML_DECLARATION = re.compile(rb"\s*<\?xml[^>]{0,500}\?>")
ENCODING_DECLARATION = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])([^\"'?>]*)\2")  # within the declaration


def repair_xml(data: bytes) -> tuple[bytes, list[str]]:
    """The feed with damage mended, and what was mended: a UTF-16/32 feed is read as UTF-8 first (`to_utf8`),
    so the passes here and the element counts see its markup; runs of whitespace are cut to 64 bytes (text is
    normalised later anyway), a '<' not closed within 8 KB is escaped (it is no tag, and the lenient parser
    would rescan it for every later one), control characters XML forbids (NUL included) are dropped,
    character references to no XML character (&#99999999999;, &#x110000;, &#xD800;, &#1;) become U+FFFD,
    and an encoding declaration naming no known codec, or UTF-16/32 for bytes that are not, is replaced by
    UTF-8 (expat refuses a document declared in a multi-byte encoding it is not in with a ValueError). Each
    pass keeps nothing per match (`limits.substitute`): the regex module's sub kept about 170 bytes per
    piece, and 3 million NULs took 505 MB to drop (atom:4791)."""
    data, repairs = to_utf8(data)
    if LONG_WHITESPACE.search(data):  # feedparser's doctype regex is quadratic in a run of blank lines
        data, _ = substitute(LONG_WHITESPACE, lambda m: m.group()[:MAX_WHITESPACE_RUN], data)
    if b"<" in data and UNENDED_TAG.search(data):  # feedparser's lenient parser rescans such a "tag" to its end
        data, unended = substitute(UNENDED_TAG, b"&lt;", data)
        repairs.append(f"{unended:,} '<' with no '>' in the next {MAX_TAG_BYTES:,} bytes read as text")
    if XML_FORBIDDEN.search(data):
        size = len(data)
        data = data.translate(None, XML_FORBIDDEN_BYTES)
        repairs.append(f"{size - len(data):,} control characters dropped")
    bad_refs = 0

    def mend(match: re.Match[bytes]) -> bytes:
        nonlocal bad_refs
        hexa, decimal = match.groups()
        digits = hexa or decimal
        code = int(digits, 16 if hexa else 10) if len(digits) <= 8 else -1
        if _xml_char(code):
            return match.group()
        bad_refs += 1
        return b"&#xFFFD;"

    if b"&#" in data:
        data, _ = substitute(CHAR_REFERENCE, mend, data)
    if bad_refs:
        repairs.append(f"{bad_refs:,} character references to no XML character replaced by U+FFFD")
    head = XML_DECLARATION.match(data)
    if head and data[head.end() : head.end() + 1] not in (b"\n", b"\r"):
        # feedparser looks for the declared encoding with a regex that runs to the end of the first line from
        # every quote on it: quadratic in a one-line feed full of quotes (fuzz finding feed:9715, 44 CPU s)
        data = data[: head.end()] + b"\n" + data[head.end() :]
    declared = ENCODING_DECLARATION.match(data)
    if declared and WIDE_NAMES.fullmatch(declared.group(3)):  # not in it: to_utf8 found ASCII-compatible bytes
        data = data[: declared.start(3)] + b"utf-8" + data[declared.end(3) :]
        repairs.append(f"declared {declared.group(3)[:40].decode('ascii', 'replace')!r} but not in it, read as UTF-8")
    elif declared:
        try:  # a name with a non-ASCII byte is no codec's, though lookup's normalising may find one for it
            codecs.lookup(declared.group(3).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            data = data[: declared.start(3)] + b"utf-8" + data[declared.end(3) :]
            repairs.append(f"unknown encoding {declared.group(3)[:40].decode('ascii', 'replace')!r} read as UTF-8")
    return data, repairs


WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
             (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))  # fmt: skip
# which of the first four bytes are NUL when the feed starts with any ASCII character ("<" of "<?xml" or
# "<rss"), in the encodings no byte-level pass can read (the XML specification's appendix F, any character)
WIDE_STARTS = {(False, True, False, True): "utf-16-le", (True, False, True, False): "utf-16-be",
               (False, True, True, True): "utf-32-le", (True, True, True, False): "utf-32-be"}  # fmt: skip
WIDE_NAMES = re.compile(rb"(?:utf|ucs)[-_]?(?:16|32|2|4)(?:[-_]?[lb]e)?|iso-10646-ucs-[24]|csunicode|csucs4|unicode",
                        re.IGNORECASE)  # fmt: skip


def to_utf8(data: bytes) -> tuple[bytes, list[str]]:
    """A UTF-16 or UTF-32 feed (by its byte-order mark, else by the NUL bytes around its first character)
    as UTF-8, its declaration saying so, and what was mended. Every later pass reads ASCII-compatible bytes:
    in UTF-16 the element and reference counts saw nothing (a 6 MB feed of 375,000 tags reached the parser
    whole) and dropping the NULs as control characters garbled any non-Latin text. Undecodable units become
    U+FFFD."""
    encoding = next((name for bom, name in WIDE_BOMS if data.startswith(bom)), "")
    if encoding:
        data = data[len(next(bom for bom, name in WIDE_BOMS if name == encoding)) :]
    else:
        encoding = WIDE_STARTS.get(tuple(byte == 0 for byte in data[:4]), "")  # type: ignore[arg-type]
    if not encoding:
        return data, []
    try:
        text, problems = data.decode(encoding), []
    except UnicodeDecodeError as exc:  # damaged: read what decodes (a UTF-16 decoder never yields a surrogate)
        text, problems = data.decode(encoding, "replace"), [f"{encoding} with undecodable bytes ({exc.reason})"]
    data = text.encode("utf-8")
    declared = ENCODING_DECLARATION.match(data)
    if declared:
        data = data[: declared.start(3)] + b"utf-8" + data[declared.end(3) :]
    return data, problems


def _xml_char(code: int) -> bool:
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


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
