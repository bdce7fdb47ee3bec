"""Keyset (cursor) paging: a page ends at a (sort value, id) pair and the next page starts strictly after it.

Unlike OFFSET, a keyset page costs the same at page 1 and page 10,000 (an index range scan), and rows inserted
while a reader pages do not shift what it sees. NULL sorts as the smallest value in both directions (SQLite's
native order; the PostgreSQL indexes are built the same way), so undated records come first oldest-first and
last newest-first. The cursor is opaque to clients: base64url of JSON [sort, value, id].
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, or_

from ..errors import ConfigError

MAX_LIMIT = 500
DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class SortKey:
    """A sort a listing offers: the column, its direction, and how its values travel in a cursor."""

    column: ColumnElement[Any]
    descending: bool
    parse: Callable[[Any], Any] = lambda value: value


def checked_limit(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_LIMIT
    if not 1 <= limit <= MAX_LIMIT:
        raise ConfigError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    return limit


def sort_key(sorts: Mapping[str, SortKey], sort: str) -> SortKey:
    try:
        return sorts[sort]
    except KeyError:
        raise ConfigError(f"unknown sort {sort!r}; known: {', '.join(sorts)}") from None


def encode_cursor(sort: str, value: Any, row_id: str) -> str:
    if isinstance(value, datetime | date):
        value = value.isoformat()
    raw = json.dumps([sort, value, row_id], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, sort: str, key: SortKey) -> tuple[Any, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        cursor_sort, value, row_id = data
        if not isinstance(row_id, str) or not isinstance(cursor_sort, str):
            raise ValueError("bad cursor fields")
        if cursor_sort != sort:
            raise ConfigError(f"this cursor belongs to sort {cursor_sort!r}, not {sort!r}")
        parsed = None if value is None else key.parse(value)
    except (ValueError, TypeError, binascii.Error, UnicodeError) as exc:
        raise ConfigError("invalid cursor: pass back the next_cursor of a previous page unchanged") from exc
    return parsed, row_id


def keyset(select: Select[Any], key: SortKey, id_column: ColumnElement[Any], after: tuple[Any, str] | None,
           limit: int) -> Select[Any]:
    """`select` ordered by the key then id, starting after the cursor position, with one row to spare (to know
    whether another page follows)."""
    select = ordered(select, key.column, id_column, key.descending)
    if after is not None:
        select = select.where(_after(key.column, id_column, key.descending, *after))
    return select.limit(limit + 1)


def ordered(select: Select[Any], column: ColumnElement[Any], id_column: ColumnElement[Any],
            descending: bool) -> Select[Any]:
    """`select` in keyset order: the sort column (NULL the smallest value), then the id."""
    if descending:
        return select.order_by(column.desc().nulls_last(), id_column.desc())
    return select.order_by(column.asc().nulls_first(), id_column.asc())


def cursor_form(after: tuple[Any, str] | None) -> str | None:
    """What SQL a cursor position needs: none (the first page), after a NULL sort value, after a value."""
    if after is None:
        return None
    return "null" if after[0] is None else "value"


def bound_keyset(select: Select[Any], key: SortKey, id_column: ColumnElement[Any], form: str | None) -> Select[Any]:
    """`keyset` with the cursor position and the limit as bound parameters (after_value, after_id, limit: one
    more than the page, to know whether another follows), so the query is built once for every page of a
    listing (`form` from `cursor_form`)."""
    select = ordered(select, key.column, id_column, key.descending)
    if form is not None:
        value: Any = None if form == "null" else bindparam("after_value")
        select = select.where(_after(key.column, id_column, key.descending, value, bindparam("after_id")))
    return select.limit(bindparam("limit"))


def _after(column: ColumnElement[Any], id_column: ColumnElement[Any], descending: bool, value: Any,
           row_id: Any) -> ColumnElement[bool]:
    if value is None:
        if descending:  # NULLs come last: only later NULL rows remain
            return and_(column.is_(None), id_column < row_id)
        return or_(and_(column.is_(None), id_column > row_id), column.is_not(None))
    if descending:
        return or_(column < value, and_(column == value, id_column < row_id), column.is_(None))
    return or_(column > value, and_(column == value, id_column > row_id))


def page_of(rows: Sequence[Any], limit: int, sort: str, value_of: Callable[[Any], Any],
            id_of: Callable[[Any], str]) -> tuple[Sequence[Any], str | None]:
    """The rows of this page and the cursor of the next (None when this is the last page)."""
    if len(rows) <= limit:
        return rows, None
    kept = rows[:limit]
    last = kept[-1]
    return kept, encode_cursor(sort, value_of(last), id_of(last))


def optional_day(value: str | None, name: str) -> date | None:
    """A day typed by a user (a CLI option, a form field) as YYYY-MM-DD; empty is no day."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{name}: expected a date YYYY-MM-DD, got {value!r}") from None


def parse_datetime(value: Any) -> datetime:
    return datetime.fromisoformat(str(value))


def parse_date(value: Any) -> date:
    return date.fromisoformat(str(value))
