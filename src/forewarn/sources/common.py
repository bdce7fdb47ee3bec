"""Helpers every reader shares: dates, decoding, bounded line reading, HTML to text, column mapping."""

from __future__ import annotations

import codecs
import io
import logging
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path
from typing import IO, Any

from ..errors import SourceError
from ..model import Quarantined
from .limits import substitute

log = logging.getLogger("forewarn.sources")

RAW_EXCERPT = 300  # characters of an offending record kept in the quarantine
SNIFF_BYTES = 65536
GIVE_UP_AFTER = 1000  # consecutive bad records with no good one: the file is not in this format

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")


def excerpt(raw: str | bytes, limit: int = RAW_EXCERPT) -> str:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    return text[:limit]


def quarantined(origin: str, position: str, reason: str, raw: str | bytes = "") -> Quarantined:
    return Quarantined(origin=origin, position=position, reason=clean_text(reason), raw=clean_text(excerpt(raw)))


def failed_record(origin: str, position: str, exc: Exception, raw: str | bytes = "") -> Quarantined:
    """The quarantine entry for a record whose reading raised. An impossible date is the record's fault; any
    other exception is a defect in forewarn or a library, reported as "unexpected" (traceback: --debug)."""
    if isinstance(exc, InvalidDate):
        return quarantined(origin, position, str(exc), raw)
    log.debug("unexpected error reading %s @ %s", origin, position, exc_info=exc)
    return quarantined(origin, position, f"unexpected error: {type(exc).__name__}: {exc}"[:500], raw)


LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def needs_cleaning(text: str) -> bool:
    return UNSTORABLE.search(text) is not None


def clean_text(text: str) -> str:
    """Text that can be stored and encoded anywhere: a lone surrogate (a JSON escape such as "\\ud800" that
    pairs with nothing) becomes U+FFFD and NUL characters are dropped (PostgreSQL refuses them in text)."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not LONE_SURROGATE.search(text):
        return text
    return substitute(LONE_SURROGATE, "\ufffd", text)[0]  # re.sub kept an object per piece between them


# -- dates --------------------------------------------------------------------------------------------------
def to_utc(moment: datetime) -> datetime:
    """Timezone-aware UTC; a naive time is taken to be UTC already (documented per reader)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class InvalidDate(ValueError):
    """A date written in a definite format (ISO 8601, a Unix time) that names no real moment: 2018-13-03,
    year 1 with a positive offset, a timestamp beyond year 9999. The record is quarantined, never re-read
    another way (dateparser would take 2018-13-03 for 13 March)."""


def parse_date(value: object, *, date_order: str = "") -> datetime | None:
    """A UTC datetime from ISO 8601, RFC 2822, a Unix time, or (only when those fail) dateparser. None when
    nothing can be read; InvalidDate when the value has a definite format but is impossible."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _utc(value, value)
    if isinstance(value, int | float):
        return _from_timestamp(value)
    if not isinstance(value, str):
        return None  # a list or an object where a date should be: not a date
    text = value.strip()
    if not text:
        return None
    return _cheap_parse(text) or _dateparser_parse(text, date_order)


def _utc(moment: datetime, written: object) -> datetime:
    try:
        return to_utc(moment)
    except (OverflowError, ValueError) as exc:
        raise InvalidDate(f"impossible date {str(written)[:60]!r}: out of range in UTC") from exc


def _from_timestamp(value: int | float) -> datetime:
    try:
        seconds = float(value)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise InvalidDate(f"impossible date: Unix time {str(value)[:40]} is out of range") from exc


def _cheap_parse(text: str) -> datetime | None:
    if ISO_DATE.match(text):
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as exc:
            raise InvalidDate(f"impossible date {text!r}: {exc}") from exc
        return _utc(moment, text)
    if text.isdigit() and len(text) >= 9:
        return _from_timestamp(int(text[:20]) if len(text) <= 20 else float("inf"))
    if "," in text or text[:3].isalpha():
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        return _utc(moment, text)
    return None


UNREADABLE_KEPT = 4096  # strings dateparser could not read, remembered (then forgotten all at once)
_unreadable: set[tuple[str, str]] = set()


def _dateparser_parse(text: str, date_order: str) -> datetime | None:
    """dateparser's reading, or None. A string it could not read is remembered: it costs 1-2 ms each time
    (every lexicon language's dictionary is tried in turn), and a file repeats its bad date in every row
    (euvsdisinfo-posts:180, 5,000 rows: 10-22 CPU s). Only failures are kept: a failure does not depend on
    the day it is read, while a relative date such as "2 days ago" does."""
    if len(text) > 100 or (text, date_order) in _unreadable:
        return None
    import dateparser  # slow to import; only loaded when a cheap parse fails

    settings: dict[str, Any] = {"TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": True}
    if date_order:
        settings["DATE_ORDER"] = date_order
    try:
        parsed = dateparser.parse(text, languages=list(date_languages()), settings=settings)
    except (ValueError, OverflowError, TypeError):
        parsed = None
    if parsed is None:
        if len(_unreadable) >= UNREADABLE_KEPT:
            _unreadable.clear()
        _unreadable.add((text, date_order))
        return None
    return _utc(parsed, text)


@cache
def date_languages() -> tuple[str, ...]:
    """The languages dateparser tries: those forewarn has a lexicon for. Left to itself it loads all of its
    200 locales on the first date it cannot place (12-17 s on a busy machine, for one odd cell)."""
    from ..lexicon import available_languages

    return tuple(dict.fromkeys(("en", *available_languages())))


# -- decoding -----------------------------------------------------------------------------------------------
def decode_line(raw: bytes, encoding: str | None) -> tuple[str, str]:
    """(text, encoding used). Without an explicit encoding: UTF-8 (BOM stripped), else Windows-1252 with
    Latin-1 for the five bytes cp1252 leaves undefined, so a legacy line is never lost."""
    if encoding:
        return raw.decode(encoding), encoding
    try:
        text = raw.decode("utf-8")  # the C codec; "utf-8-sig" goes through Python code for every line
    except UnicodeDecodeError:
        return decode_legacy(raw), "cp1252"
    return (text[1:] if text.startswith("\ufeff") else text), "utf-8"


def _latin1_for_undefined(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the five bytes Windows-1252 leaves undefined are read as Latin-1."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("forewarn-latin1", _latin1_for_undefined)


def decode_legacy(raw: bytes) -> str:
    return raw.decode("cp1252", errors="forewarn-latin1")


UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def is_utf16(sample: bytes) -> bool:
    """UTF-16 with a byte-order mark, as Excel's "Unicode text" and some Windows tools write."""
    return sample[:2] in UTF16_BOMS


def looks_binary(sample: bytes) -> bool:
    """Many control bytes (NUL included) in the first bytes of a file: not a text format. A few stray NULs
    or controls are not enough: they are one damaged record's problem, quarantined by the reader alone."""
    if not sample or is_utf16(sample):
        return False
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return controls > len(sample) // 20


CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def bounded_lines(handle: IO[bytes], limit: int, span: tuple[int, int, int] | None = None
                  ) -> Iterator[tuple[int, bytes | None]]:
    """(line number, raw line) for each line; a line longer than `limit` bytes is skipped to its end and
    yielded as None, so one huge line never sits in memory. UTF-16 files are transcoded to UTF-8 lines.
    `span` (start byte, end byte, number of the line at start; UTF-8 files only) reads the lines that start in
    that range, numbered as a whole-file read numbers them: a partition of a backfill (forewarn.backfill)."""
    start = handle.read(2)
    handle.seek(0)
    if span is None and is_utf16(start):
        yield from _utf16_lines(handle, limit)
        return
    position, end, number = (0, -1, 0) if span is None else (span[0], span[1], span[2] - 1)
    handle.seek(position)
    while end < 0 or position < end:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        position += len(line)
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
                position += len(line)
            yield number, None
            continue
        yield number, line


def _utf16_lines(handle: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    text = io.TextIOWrapper(handle, encoding="utf-16", errors="replace", newline="")
    number = 0
    while True:
        line = text.readline(limit + 1)
        if not line:
            text.detach()  # leave the byte handle to its owner
            return
        number += 1
        if len(line) > limit and not line.endswith("\n"):
            while line and not line.endswith("\n"):
                line = text.readline(1 << 20)
            yield number, None
            continue
        yield number, line.encode("utf-8")


def open_file(path: Path, max_bytes: int, setting: str = "max_file_bytes") -> IO[bytes]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(f"{path}: {size:,} bytes is over the {max_bytes:,}-byte limit ({setting})")
        return path.open("rb")
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from exc


def check_text_file(handle: IO[bytes], origin: str) -> None:
    sample = handle.read(SNIFF_BYTES)
    handle.seek(0)
    if looks_binary(sample):
        raise SourceError(f"{origin}: binary data, not a text file")


class BadRunGuard:
    """Stops a reader when a file yields only bad records: after GIVE_UP_AFTER of them with no good one,
    the file is evidently not in this format, and quarantining every line would only flood the table."""

    def __init__(self, origin: str, what: str) -> None:
        self.origin, self.what = origin, what
        self.good = self.bad = 0

    def ok(self) -> None:
        self.good += 1

    def failed(self) -> None:
        self.bad += 1
        if self.good == 0 and self.bad >= GIVE_UP_AFTER:
            raise SourceError(f"{self.origin}: the first {self.bad:,} records are not valid {self.what}; gave up")


# inline formatting tags: unwrapped (text kept) when a page or feed has too many elements to parse in time
INLINE_TAGS = (rb"b|i|u|em|strong|span|font|small|big|sup|sub|mark|abbr|cite|code|s|strike|tt|var|kbd|q|dfn|bdi|bdo"
               rb"|wbr|ins|del")  # fmt: skip


# -- HTML fragments -----------------------------------------------------------------------------------------
TAG_HINT = re.compile(r"<[a-zA-Z/!][^>]*>|&[#a-zA-Z0-9]+;")
BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed descriptions): scripts and styles dropped, blocks on new lines."""
    if not fragment or not TAG_HINT.search(fragment):
        return " ".join(fragment.split()) if fragment else ""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(TAG_HINT.sub(" ", fragment).split())
    for bad in root.xpath("//script|//style|//noscript|//iframe|//object|//embed"):
        bad.drop_tree()
    for block in root.iter(*BLOCK_TAGS):
        block.tail = "\n" + (block.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


# -- column mapping -----------------------------------------------------------------------------------------
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article_content", "summary", "message", "description"),
    "title": ("title", "headline", "article_title", "subject"),
    "date": ("date", "published", "published_at", "pubdate", "datetime", "created_at", "timestamp", "time"),
    "id": ("id", "guid", "url", "unit_id", "uuid", "link"),
    "outlet": ("outlet", "source", "publisher", "channel", "site", "sitename"),
    "url": ("url", "link", "href"),
    "language": ("language", "lang"),
}


def pick_columns(names: list[str], explicit: Mapping[str, str | None]) -> dict[str, str | None]:
    """Which column holds each field: an explicit option wins, else the first common name present."""
    folded = {n.strip().casefold(): n for n in names}
    chosen: dict[str, str | None] = {}
    for field, candidates in FIELD_NAMES.items():
        given = explicit.get(field)
        if given:
            chosen[field] = folded.get(given.strip().casefold(), given)
            continue
        chosen[field] = next((folded[c] for c in candidates if c in folded), None)
    return chosen


def cell(record: Mapping[str, Any], column: str | None) -> str:
    if not column:
        return ""
    value = record.get(column)
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else str(value)


def language_code(value: str) -> str:
    """"en-US" → "en"; names like "Russian" are left to language detection (returns "")."""
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if len(code) == 2 and code.isalpha() else ""


class LineDecoder:
    """Decodes a file's lines: one encoding for the whole file when it is clearly not UTF-8 (decided on its
    first megabyte), else UTF-8 with a per-line Windows-1252 fallback. With a forced encoding, a line that
    does not decode is reported (in `problems`) and skipped."""

    def __init__(self, sample: bytes, forced: str | None) -> None:
        if is_utf16(sample):
            sample = b""  # bounded_lines hands UTF-16 files over as UTF-8 lines
        self.forced = forced
        self.legacy = forced is None and not _is_utf8(sample)
        self.fallback_lines = 0
        self.problems: list[tuple[int, str, bytes]] = []

    @property
    def encoding(self) -> str:
        return self.forced or ("cp1252" if self.legacy else "utf-8")

    def lines(self, raw_lines: Iterator[tuple[int, bytes | None]]) -> Iterator[str]:
        for number, raw in raw_lines:
            if raw is None:
                self.problems.append((number, "line over the record size limit", b""))
                continue
            text = self._decode(number, raw)
            if text is not None:
                yield text

    def _decode(self, number: int, raw: bytes) -> str | None:
        if self.forced:
            try:
                return raw.decode(self.forced)
            except (UnicodeDecodeError, LookupError) as exc:
                self.problems.append((number, f"cannot decode as {self.forced}: {exc}", raw))
                return None
        if self.legacy:
            return decode_legacy(raw)
        text, used = decode_line(raw, None)
        self.fallback_lines += used != "utf-8"
        return text


def _is_utf8(sample: bytes) -> bool:
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(sample) - 3  # a character cut at the end of the sample is fine
    return True
