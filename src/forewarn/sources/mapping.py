"""Turning one generic record (a CSV row, a JSON object) into a Document, with the column mapping."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Document, Quarantined
from . import ReadOptions
from .common import cell, language_code, parse_date, pick_columns, quarantined

EXTRA_VALUE_CHARS = 500  # other short fields are kept in Document.extra; long ones would bloat it


@dataclass(frozen=True)
class RecordContext:
    source: str
    origin: str
    columns: Mapping[str, str | None]
    max_chars: int
    fields: tuple[str, ...] = ()  # the field names the columns were picked from


def columns_for(names: list[str], options: ReadOptions) -> dict[str, str | None]:
    explicit = {
        "text": options.text_col,
        "title": options.title_col,
        "date": options.date_col,
        "id": options.id_col,
        "outlet": options.outlet_col,
        "url": options.url_col,
        "language": options.language_col,
    }
    return pick_columns(names, explicit)


def map_record(record: Mapping[str, Any], ctx: RecordContext, position: str) -> Document | Quarantined:
    """A Document from one record; a Quarantined when it has no text or is too large."""
    cols = ctx.columns
    text, title = cell(record, cols["text"]), cell(record, cols["title"])
    if cols["text"] == cols["title"]:
        title = ""
    if not text and not title:
        looked = cols["text"] or "text/content/body/article_content/summary"
        return quarantined(ctx.origin, position, f"no text: column {looked!r} is missing or empty", _raw(record))
    if len(text) + len(title) > ctx.max_chars:
        reason = f"record of {len(text) + len(title):,} characters is over max_record_chars ({ctx.max_chars:,})"
        return quarantined(ctx.origin, position, reason, _raw(record))
    own_id = cell(record, cols["id"])
    raw_date = cell(record, cols["date"])
    published = parse_date(raw_date)
    extra = _extra(record, cols)
    if raw_date and published is None:
        extra["unparsed_date"] = raw_date[:EXTRA_VALUE_CHARS]
    return Document(
        source=ctx.source,
        source_ref=own_id or position,
        text=text or title,
        title=title,
        outlet=cell(record, cols["outlet"]),
        url=cell(record, cols["url"]) or (own_id if own_id.startswith(("http://", "https://")) else ""),
        published_at=published,
        language=language_code(cell(record, cols["language"])),
        origin=ctx.origin,
        position=position,
        native_id=bool(own_id),
        extra=extra,
    )


def _extra(record: Mapping[str, Any], cols: Mapping[str, str | None]) -> dict[str, str]:
    used = {c for c in cols.values() if c}
    extra: dict[str, str] = {}
    for key, value in record.items():
        if key in used or key is None or value is None or value == "":
            continue
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
        if len(shown) <= EXTRA_VALUE_CHARS:
            extra[str(key)] = shown
    return extra


def _raw(record: Mapping[str, Any]) -> str:
    return json.dumps(dict(record), ensure_ascii=False, default=str)[:300]
