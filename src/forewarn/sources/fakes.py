"""FA-KES (Abu Salem et al., ICWSM 2019): Syrian war news articles with credibility labels.

Recognised by its header (`unit_id,article_title,article_content,source,date,…`). Its `date` is the date of
the EVENT the article reports, not the publication date: documents get `date_kind="event"`, and later
stages must not read it as a publication time. The dates are US-style M/D/YY.

One document per `unit_id` (the article). A few unit_ids appear on several rows, one per governorate the
article was annotated for: they become one document with the governorates joined in extra["location"] (and
the longest text kept). Source "fakes", source_ref = unit_id, outlet = the `source` column, language "en"
(all articles are in English; the language identifier is unsure on some of their short, list-like texts).

Encoding: the file is not clean UTF-8. It is ASCII apart from a few dozen byte pairs left by a lossy
conversion (0x95 0x5F for curly quotes, apostrophes and dashes, 0x95 0x81 for opening quotes and ©,
0x95 0xB5); the original characters cannot be recovered, so these are replaced by their most likely plain
ASCII reading (see MOJIBAKE).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..model import Document
from . import ReadOptions, Record
from .common import failed_record, open_file, quarantined
from .tabular import csv_rows

SOURCE = "fakes"
COUNT_FIELDS = ("actor", "cause_of_death", "nb_children", "nb_civilians", "nb_noncivilians", "nb_women", "label")
# the damaged byte pairs as decoded by Windows-1252 (0x95 = "•"), in the order they must be replaced
MOJIBAKE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Copyright •\x81"), "Copyright ©"),
    (re.compile(r"(?<=\w)•_(?=\w)"), "'"),  # Syria•_s -> Syria's
    (re.compile(r"(?<= )•_(?= )"), "-"),  # "… attack •_ monitor" -> a dash
    (re.compile(r"•_|•\x81"), '"'),  # quotes around a phrase
    (re.compile(r"•µ"), "-"),
)


def repair(text: str) -> str:
    for pattern, replacement in MOJIBAKE:
        text = pattern.sub(replacement, text)
    return text


def read(source: str, options: ReadOptions) -> Iterator[Record]:
    articles: dict[str, tuple[int, dict[str, str], list[str]]] = {}
    with open_file(Path(source), options.settings.max_file_bytes) as handle:
        for number, row, problem, _header in csv_rows(handle, source, options, Path(source)):
            if row is None:
                assert problem is not None
                yield problem
                continue
            row = {k: repair((v or "").strip()) for k, v in row.items()}
            unit = row.get("unit_id", "")
            if not unit or not (row.get("article_content") or row.get("article_title")):
                yield quarantined(source, f"row:{number}", "article without unit_id or text", repr(row))
                continue
            _merge(articles, unit, number, row)
    for number, row, locations in articles.values():
        try:
            item = article_document(row, locations, source, f"row:{number}", options)
        except Exception as exc:
            item = failed_record(source, f"row:{number}", exc, repr(row))
        yield item


def _merge(articles: dict[str, tuple[int, dict[str, str], list[str]]], unit: str, number: int,
           row: dict[str, str]) -> None:
    location = row.get("location", "")
    if unit not in articles:
        articles[unit] = (number, row, [location] if location else [])
        return
    first, kept, locations = articles[unit]
    if location and location not in locations:
        locations.append(location)
    if len(row.get("article_content", "")) > len(kept.get("article_content", "")):
        kept = row
    articles[unit] = (first, kept, locations)


def article_document(row: dict[str, str], locations: list[str], origin: str, position: str,
                     options: ReadOptions) -> Record:
    text, title = row.get("article_content", ""), row.get("article_title", "")
    if len(text) + len(title) > options.settings.max_record_chars:
        return quarantined(origin, position, "article is over max_record_chars", title)
    extra = {k: row[k] for k in COUNT_FIELDS if row.get(k)}
    if locations:
        extra["location"] = "+".join(locations)
    if row.get("date"):
        extra["event_date"] = row["date"]
    return Document(
        source=options.source or SOURCE,
        source_ref=row["unit_id"],
        text=text or title,
        title=title,
        outlet=row.get("source", ""),
        published_at=event_date(row.get("date", "")),
        date_kind="event",
        language="en",  # FA-KES is an English-language corpus
        origin=origin,
        position=position,
        extra=extra,
    )


def event_date(text: str) -> datetime | None:
    """FA-KES dates are M/D/YY (e.g. 4/5/17 = 5 April 2017)."""
    try:
        return datetime.strptime(text, "%m/%d/%y").replace(tzinfo=UTC)
    except ValueError:
        return None
