"""The EUvsDisinfo database exports (recognised by their header lines).

- `posts.csv` (`date,id,title,countries,keywords,languages,outlets`): one document per case URL; source
  "euvsdisinfo", source_ref = the case URL; the case title is both title and text; outlet = the first listed
  outlet, all outlets, languages, countries and keywords in extra.
- `full_dataset.csv` (`;`-separated, `issue;date;outlet;…;title;summary;disproof`): a case is repeated once
  per outlet (and some rows are exact repeats). One document per (case, outlet): title = case title, text =
  summary, url = the outlet's article; the disproof is kept in extra["disproof"], never in the text (it is
  EUvsDisinfo's rebuttal, not the claim). Source "euvsdisinfo-full", source_ref = "case:<hash of date, title,
  summary, outlet>" so exact repeats are stored once; extra["case"] groups a case's outlets.

Case titles and summaries are EUvsDisinfo's English paraphrases, so language is "en" whatever the outlet's
language (kept in extra["languages"]).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..model import Document, stable_id
from . import ReadOptions, Record
from .common import failed_record, open_file, parse_date, quarantined
from .tabular import csv_rows

POSTS_SOURCE = "euvsdisinfo"
FULL_SOURCE = "euvsdisinfo-full"
MULTI = "+"


def _rows(source: str, options: ReadOptions) -> Iterator[tuple[int, dict[str, str] | None, Record | None]]:
    with open_file(Path(source), options.settings.max_file_bytes) as handle:
        for number, row, problem, _header in csv_rows(handle, source, options, Path(source)):
            yield number, row, problem


def read_euvsdisinfo_posts(source: str, options: ReadOptions) -> Iterator[Record]:
    for number, row, problem in _rows(source, options):
        if row is None:
            assert problem is not None
            yield problem
            continue
        try:
            item = post_document(row, source, f"row:{number}", options)
        except Exception as exc:  # one row's problem (e.g. an impossible date): quarantine it, read on
            item = failed_record(source, f"row:{number}", exc, repr(row))
        yield item


def post_document(row: dict[str, str], origin: str, position: str, options: ReadOptions) -> Record:
    case_url, title = (row.get("id") or "").strip(), (row.get("title") or "").strip()
    if not case_url or not title:
        return quarantined(origin, position, "case without id (URL) or title", repr(row))
    outlets = _split(row.get("outlets", ""))
    extra = {k: row[k].strip() for k in ("outlets", "languages", "countries", "keywords") if row.get(k)}
    return Document(
        source=options.source or POSTS_SOURCE,
        source_ref=case_url,
        text=title,
        title=title,
        outlet=outlets[0] if outlets else "",
        url=case_url,
        published_at=parse_date(row.get("date", "")),
        language="en",
        origin=origin,
        position=position,
        extra=extra,
    )


def read_euvsdisinfo_full(source: str, options: ReadOptions) -> Iterator[Record]:
    for number, row, problem in _rows(source, options):
        if row is None:
            assert problem is not None
            yield problem
            continue
        try:
            item = full_document(row, source, f"row:{number}", options)
        except Exception as exc:
            item = failed_record(source, f"row:{number}", exc, repr(row))
        yield item


def full_document(row: dict[str, str], origin: str, position: str, options: ReadOptions) -> Record:
    value = {k: (v or "").strip() for k, v in row.items() if k is not None}
    title, summary = value.get("title", ""), value.get("summary", "")
    if not title and not summary:
        return quarantined(origin, position, "case without title or summary", repr(row))
    case = stable_id(value.get("date", ""), title, summary)
    outlet = value.get("outlet", "")
    extra = {
        "case": case,
        "disproof": value.get("disproof", ""),
        "issue": value.get("issue", ""),
        "languages": value.get("language", ""),
        "countries": value.get("origin", ""),
        "reported_by": value.get("reported by", ""),
        "keywords": value.get("keywords", ""),
    }
    return Document(
        source=options.source or FULL_SOURCE,
        source_ref="case:" + stable_id(case, outlet),
        text=summary or title,
        title=title,
        outlet=outlet,
        url=value.get("source", "") if value.get("source", "").startswith("http") else "",
        published_at=_day_month_year(value.get("date", "")),
        language="en",
        origin=origin,
        position=position,
        extra={k: v for k, v in extra.items() if v},
    )


def _day_month_year(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%d.%m.%Y").replace(tzinfo=UTC)
    except ValueError:
        return parse_date(text, date_order="DMY")


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(MULTI) if part.strip()]
