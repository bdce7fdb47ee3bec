"""JSON Lines (one object per line, streamed) and JSON arrays of objects.

Field names are auto-detected (text/content/body/…, see common.FIELD_NAMES) or given in ReadOptions.
Source name: "jsonl:<file name>", so a file keeps its ids wherever it lives; records without an id of
their own get "line:N" and are deduplicated by content.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..model import Quarantined
from . import ReadOptions, Record
from .common import (
    BadRunGuard,
    bounded_lines,
    check_text_file,
    decode_line,
    failed_record,
    open_file,
    quarantined,
)
from .mapping import RecordContext, columns_for, map_record

MAX_JSON_DOCUMENT_BYTES = 100_000_000  # a JSON array is parsed whole; bigger files should be JSONL


def read_jsonl(source: str, options: ReadOptions, span: tuple[int, int, int] | None = None) -> Iterator[Record]:
    """`span`: only the lines starting in a byte range, as common.bounded_lines reads them (a backfill
    partition); the file's first lines were another partition's, so the bad-run guard is not armed."""
    path = Path(source)
    limit = options.settings.max_record_chars * 4  # bytes per line: UTF-8 uses at most 4 per character
    guard = BadRunGuard(source, "JSON objects")
    if span and span[0] > 0:
        guard.ok()
    ctx: RecordContext | None = None
    with open_file(path, options.settings.max_file_bytes) as handle:
        check_text_file(handle, source)
        for number, raw in bounded_lines(handle, limit, span):
            position = f"line:{number}"
            if raw is None:
                guard.failed()
                reason = f"line longer than {limit:,} bytes (max_record_chars={options.settings.max_record_chars:,})"
                yield quarantined(source, position, reason)
                continue
            if not raw.strip():
                continue
            try:
                item, ctx = _line_record(raw, ctx, source, position, options, "jsonl:" + path.name)
            except Exception as exc:  # one record's problem, whatever it is: quarantine it, read on
                item = failed_record(source, position, exc, raw)
            guard.failed() if isinstance(item, Quarantined) else guard.ok()
            yield item


def _line_record(
    raw: bytes, ctx: RecordContext | None, source: str, position: str, options: ReadOptions, name: str
) -> tuple[Record, RecordContext | None]:
    record = _parse_line(raw, options.encoding)
    if isinstance(record, str):
        return quarantined(source, position, record, raw), ctx
    ctx = _fitting(ctx, record, source, options, name)
    return map_record(record, ctx, position), ctx


def _fitting(
    ctx: RecordContext | None, record: dict[str, Any], source: str, options: ReadOptions, name: str
) -> RecordContext:
    """Columns are picked from the record's field names, again only when a record's fields differ."""
    if ctx is not None and ctx.fields == tuple(record):
        return ctx
    return _context(source, list(record), options, name)


def _parse_line(raw: bytes, encoding: str | None) -> dict[str, Any] | str:
    """The object on a line, or the reason it is unreadable."""
    if b"\x00" in raw:
        return "NUL byte in the line: damaged or binary data, not JSON text"
    try:
        text, _ = decode_line(raw, encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        return f"cannot decode line as {encoding}: {exc}"
    try:
        value = loads(text)
    except json.JSONDecodeError as exc:
        hint = " (truncated?)" if not raw.endswith(b"\n") else ""
        return f"invalid JSON{hint}: {exc.msg} at column {exc.colno}"
    except RecursionError:
        return "invalid JSON: nested too deeply"
    if not isinstance(value, dict):
        return f"expected a JSON object, got {type(value).__name__}"
    return value


def _int_or_digits(digits: str) -> int | str:
    """An integer Python can hold; a longer run of digits (over sys.get_int_max_str_digits, 4,300 by
    default) stays a string rather than failing the whole record."""
    return int(digits) if len(digits) < sys.get_int_max_str_digits() else digits


def loads(text: str | bytes) -> Any:
    """json.loads that keeps integers of any length (as strings beyond Python's limit)."""
    return json.loads(text, parse_int=_int_or_digits)


def _context(source: str, names: list[str], options: ReadOptions, default_source: str) -> RecordContext:
    return RecordContext(
        source=options.source or default_source,
        origin=source,
        columns=columns_for(names, options),
        max_chars=options.settings.max_record_chars,
        fields=tuple(names),
    )


def read_json(source: str, options: ReadOptions) -> Iterator[Record]:
    """A JSON array of objects (or an object with one list of objects, e.g. {"items": [...]})."""
    path = Path(source)
    with open_file(path, min(options.settings.max_file_bytes, MAX_JSON_DOCUMENT_BYTES)) as handle:
        check_text_file(handle, source)
        data = handle.read()
    try:
        value = loads(data.decode(options.encoding or "utf-8-sig"))  # JSON is UTF-8 (RFC 8259)
    except (UnicodeDecodeError, LookupError, ValueError, RecursionError) as exc:
        raise SourceError(f"{source}: not valid JSON ({exc})") from exc
    records = _records_in(value)
    if records is None:
        raise SourceError(f"{source}: expected a JSON array of objects (use .jsonl for one object per line)")
    ctx: RecordContext | None = None
    for index, record in enumerate(records):
        position = f"item:{index}"
        if not isinstance(record, dict):
            yield quarantined(source, position, f"expected a JSON object, got {type(record).__name__}")
            continue
        try:
            ctx = _fitting(ctx, record, source, options, "json:" + path.name)
            yield map_record(record, ctx, position)
        except Exception as exc:
            yield failed_record(source, position, exc, str(record)[:300])


def _records_in(value: Any) -> list[Any] | None:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        lists = [v for v in value.values() if isinstance(v, list)]
        if len(lists) == 1:
            return lists[0]
    return None


read = read_jsonl
