"""The one serialiser: records and read models to JSON-ready dicts, CSV rows and GeoJSON.

The CLI (`--json`, `--csv`), the REST API, the web pages and the exports all call these, so a claim has one
shape everywhere. JSON values are plain (str, int, float, bool, None, list, dict); dates and times are ISO 8601
(times in UTC). CSV cells are strings; list fields are joined with "; ", and a text cell that a spreadsheet
would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, fields, is_dataclass
from datetime import date, datetime
from functools import lru_cache, singledispatch
from operator import attrgetter, itemgetter
from typing import IO, Any

import orjson

from .model import Claim, Document, Incident, Place, PlaceRef, Quarantined, Warning
from .queries.overview import Stats
from .queries.records import (
    ClaimView,
    DocumentView,
    EvidenceSummary,
    Page,
    PlaceCount,
    PlaceView,
    Review,
    SeriesPoint,
    SourceRef,
    Statement,
    WarningView,
)

Json = Any


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@singledispatch
def to_json(value: Any) -> Json:
    """Any record or read model (or a list/tuple of them) as a JSON-ready value."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def place_ref_json(ref: PlaceRef) -> dict[str, Json]:
    return {"id": ref.id, "name": ref.name, "level": ref.level, "governorate": ref.governorate,
            "governorate_id": ref.governorate_id, "country": ref.country, "lat": ref.lat, "lon": ref.lon}


@to_json.register
def claim_json(claim: Claim) -> dict[str, Json]:
    record: dict[str, Json] = {
        "id": claim.id,
        "document_id": claim.document_id,
        "source_ref": claim.source_ref,
        "kind": claim.kind,
        "stance": claim.stance,
        "claimant": claim.claimant,
        "accused": list(claim.accused),
        "agent": claim.agent,
        "places": [place_ref_json(p) for p in claim.places],
        "predicted_date": _iso(claim.predicted_date),
        "evidence": {"start": claim.evidence.start, "end": claim.evidence.end,
                     "sentence": claim.evidence.sentence, "cues": list(claim.evidence.cues)},
        "score": claim.score,
        "detector_version": claim.detector_version,
        "language": claim.language,
        "published_at": _iso(claim.published_at),
        "date_kind": claim.date_kind,
        "outlet": claim.outlet,
        "statement_id": claim.statement_id,
        "made_on": _iso(claim.made_on),  # when the statement was made, if not the document's day
        "quoted": claim.quoted,
        "made_expression": claim.made_expression,
        "narrative": claim.narrative,
    }
    return record


@to_json.register
def source_json(source: SourceRef) -> dict[str, Json]:
    return {"id": source.document_id, "title": source.title, "url": source.url, "outlet": source.outlet,
            "source": source.source, "source_ref": source.source_ref, "published_at": _iso(source.published_at),
            "date_kind": source.date_kind, "language": source.language}


@to_json.register
def review_json(review: Review) -> dict[str, Json]:
    return {"verdict": review.verdict, "analyst": review.analyst, "at": _iso(review.at),
            "corrections": dict(review.corrections), "note": review.note}


@to_json.register
def claim_view_json(view: ClaimView) -> dict[str, Json]:
    return {**claim_json(view.claim), "document": source_json(view.source),
            "review": review_json(view.review) if view.review else None}


PLACE_REF_KEYS = frozenset(f.name for f in fields(PlaceRef))


def _places_json(stored: str) -> list[dict[str, Json]]:
    """A claim row's stored places (a JSON list of PlaceRef fields) as `place_ref_json` writes each."""
    places: list[dict[str, Json]] = orjson.loads(stored)
    if all(place.keys() == PLACE_REF_KEYS for place in places):
        return places
    return [place_ref_json(PlaceRef(**place)) for place in places]  # an older row: PlaceRef fills the defaults


def _utc(moment: datetime | None) -> str | None:
    """A stored (naive UTC) time as `_iso` writes it aware: with +00:00."""
    return None if moment is None else moment.isoformat() + "+00:00"


# The columns of a claim row that claim_row_json reads, in the order it unpacks them.
CLAIM_ROW_FIELDS = (
    "id", "document_id", "source_ref", "kind", "stance", "claimant", "accused", "agent", "places", "predicted_date",
    "span_start", "span_end", "sentence", "cues", "score", "detector_version", "language", "published_at",
    "date_kind", "outlet", "statement_id", "made_on", "quoted", "made_expression", "narrative", "review_verdict",
    "doc_title", "doc_url", "doc_outlet", "doc_source", "doc_source_ref", "doc_published_at", "doc_date_kind",
    "doc_language",
)


@lru_cache(maxsize=16)
def _claim_row_getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The CLAIM_ROW_FIELDS of a row with these column names, by position (one C call a row)."""
    return itemgetter(*(names.index(name) for name in CLAIM_ROW_FIELDS))


def claim_row_getter(row: Any) -> Callable[[Any], tuple[Any, ...]]:
    """What reads CLAIM_ROW_FIELDS from this row and every other row of its result (a row's `_fields` costs
    as much as writing it: asked once a page)."""
    return _claim_row_getter(tuple(row._fields))


def claim_row_json(row: Any, getter: Callable[[Any], tuple[Any, ...]] | None = None) -> dict[str, Json]:
    """A claim row of forewarn.queries (`find_claim_rows`: the claim, its review, its document's fields) as
    `claim_view_json` writes the same claim as a read model, straight from the row: no record per claim.
    `getter`: `claim_row_getter` of a row of the same result. tests/test_serialise_rows.py holds the two equal."""
    (claim_id, document_id, source_ref, kind, stance, claimant, accused, agent, places, predicted_date, start,
     end, sentence, cues, score, detector_version, language, published_at, date_kind, outlet, statement_id,
     made_on, quoted, made_expression, narrative, verdict, title, url, doc_outlet, source, doc_source_ref,
     doc_published_at, doc_date_kind, doc_language) = (getter or claim_row_getter(row))(row)
    review = None
    if verdict:
        from .feedback import review_from_row

        review = review_json(review_from_row(row._mapping, "review_"))
    return {
        "id": claim_id,
        "document_id": document_id,
        "source_ref": source_ref,
        "kind": kind,
        "stance": stance,
        "claimant": claimant,
        "accused": orjson.loads(accused),
        "agent": agent,
        "places": _places_json(places),
        "predicted_date": predicted_date.isoformat() if predicted_date else None,
        "evidence": {"start": start, "end": end, "sentence": sentence, "cues": orjson.loads(cues)},
        "score": score,
        "detector_version": detector_version,
        "language": language,
        "published_at": _utc(published_at),
        "date_kind": date_kind,
        "outlet": outlet,
        "statement_id": statement_id,
        "made_on": made_on.isoformat() if made_on else None,
        "quoted": bool(quoted),
        "made_expression": made_expression,
        "narrative": narrative,
        "document": {"id": document_id, "title": title or "", "url": url or "", "outlet": doc_outlet or "",
                     "source": source or "", "source_ref": doc_source_ref or "",
                     "published_at": _utc(doc_published_at), "date_kind": doc_date_kind or "published",
                     "language": doc_language or ""},
        "review": review,
    }


def claim_rows_json(page: Page[Any]) -> dict[str, Json]:
    """A page of claim rows (`find_claim_rows`) as `page_json` writes the same page of read models."""
    getter = claim_row_getter(page.items[0]) if page.items else None
    return {"items": [claim_row_json(row, getter) for row in page.items], "next_cursor": page.next_cursor,
            "sort": page.sort}


@to_json.register
def statement_json(item: Statement, *, claims: bool = True) -> dict[str, Json]:
    """A statement with its copies (or, with claims=False, their ids only)."""
    record: dict[str, Json] = {"statement_id": item.statement_id, "outlets": list(item.outlets),
                               "languages": list(item.languages), "first_published": _iso(item.first_published)}
    if claims:
        record["claims"] = [claim_view_json(c) for c in item.claims]
    else:
        record["claim_ids"] = [c.id for c in item.claims]
    return record


@to_json.register
def warning_json(warning: Warning) -> dict[str, Json]:
    return {
        "id": warning.id,
        "place_id": warning.place_id,
        "place_name": warning.place_name,
        "level": warning.level,
        "opened_at": _iso(warning.opened_at),
        "last_evidence_at": _iso(warning.last_evidence_at),
        "closed_at": _iso(warning.closed_at),
        "open": warning.is_open,
        "score": warning.score,
        "claim_ids": list(warning.claim_ids),
        "outlets": list(warning.outlets),
        "claimants": list(warning.claimants),
        "context": list(warning.context),
        "narrative": warning.narrative,
    }


@to_json.register
def warning_view_json(view: WarningView) -> dict[str, Json]:
    record = warning_json(view.warning)
    if view.place is not None:
        record["place"] = place_json(view.place)
    if view.summary is not None:  # one warning asked for: the summary of its evidence and one page of it
        record["languages"] = list(view.summary.languages)
        record["summary"] = summary_json(view.summary)
        record["copies"] = view.summary.copies
        record.update(statements_page_json(view))
        record["statements_cursor"] = record.pop("next_cursor")
    elif view.statements:  # the claims behind it (an export's selection), once, grouped by statement id
        record["languages"] = list(view.languages)
        record["evidence"] = [claim_view_json(c) for c in view.claims]
        record["statements"] = [statement_json(s, claims=False) for s in view.statements]
    return record


def summary_json(summary: EvidenceSummary) -> dict[str, Json]:
    """How much stands behind a warning: counts of its statements, claims, copies, outlets and languages."""
    return {"statements": summary.statements, "claims": summary.claims, "copies": summary.copies,
            "outlets": len(summary.outlets), "languages": len(summary.languages)}


def statements_page_json(view: WarningView) -> dict[str, Json]:
    """One page of a warning's distinct statements (`get_warning`): each as an analyst reads it
    (forewarn.evidence: sentence, claimant, day made, link, relays) with the ids of the claims that are its
    copies, and those claims in full (`evidence`, oldest first)."""
    groups = {g.statement_id: g.claims for g in view.statements}
    items = []
    for statement in view.evidence.statements if view.evidence is not None else ():
        copies = sorted((c for key in statement.members for c in groups.get(key, ())), key=_published_order)
        items.append({**statement.to_json(), "claim_ids": [c.id for c in copies],
                      "first_published": _iso(copies[0].claim.published_at) if copies else None})
    return {"statements": items, "evidence": [claim_view_json(c) for c in view.claims],
            "next_cursor": view.statements_cursor}


def _published_order(view: ClaimView) -> tuple[bool, str, str]:
    moment = view.claim.published_at
    return moment is None, moment.isoformat() if moment else "", view.claim.id


@to_json.register
def place_json(place: Place) -> dict[str, Json]:
    return {"id": place.id, "name": place.name, "level": place.level, "parent_id": place.parent_id,
            "country": place.country, "lat": place.lat, "lon": place.lon, "aliases": list(place.aliases)}


def _place_brief(place: Place) -> dict[str, Json]:
    return {"id": place.id, "name": place.name, "level": place.level}


@to_json.register
def place_view_json(view: PlaceView) -> dict[str, Json]:
    return {**place_json(view.place), "local_names": list(view.names),
            "ancestors": [_place_brief(p) for p in view.ancestors],
            "children": [_place_brief(p) for p in view.children],
            "claims": {"PREEMPTIVE": view.preemptive, "RETROSPECTIVE": view.retrospective},
            "open_warnings": list(view.open_warnings)}


@to_json.register
def document_json(doc: Document) -> dict[str, Json]:
    return {"id": doc.id, "source": doc.source, "source_ref": doc.source_ref, "outlet": doc.outlet,
            "url": doc.url, "published_at": _iso(doc.published_at), "date_kind": doc.date_kind,
            "language": doc.language, "title": doc.title, "text": doc.text}


@to_json.register
def document_view_json(view: DocumentView) -> dict[str, Json]:
    record = document_json(view.document)
    if view.claims:
        record["claims"] = [claim_view_json(c) for c in view.claims]
    return record


@to_json.register
def incident_json(incident: Incident) -> dict[str, Json]:
    return {"id": incident.id, **{k: to_json(v) for k, v in asdict(incident).items()}}


@to_json.register
def quarantined_json(item: Quarantined) -> dict[str, Json]:
    return asdict(item)


@to_json.register
def stats_json(value: Stats) -> dict[str, Json]:
    return dict(value.figures)


@to_json.register(Page)
def page_json(page: Page[Any]) -> dict[str, Json]:
    return {"items": [to_json(item) for item in page.items], "next_cursor": page.next_cursor, "sort": page.sort}


# -- CSV --------------------------------------------------------------------------------------------------

Getter = Callable[[Any], Any]


def _first_place(view: ClaimView) -> PlaceRef | None:
    return view.claim.places[0] if view.claim.places else None


CLAIM_COLUMNS: dict[str, Getter] = {
    "id": lambda v: v.claim.id,
    "published_at": lambda v: v.claim.published_at,
    "date_kind": lambda v: v.claim.date_kind,
    "kind": lambda v: v.claim.kind,
    "narrative": lambda v: v.claim.narrative,
    "stance": lambda v: v.claim.stance,
    "claimant": lambda v: v.claim.claimant,
    "accused": lambda v: v.claim.accused,
    "agent": lambda v: v.claim.agent,
    "place": lambda v: p.name if (p := _first_place(v)) else "",
    "place_id": lambda v: p.id if (p := _first_place(v)) else "",
    "governorate": lambda v: p.governorate if (p := _first_place(v)) else "",
    "predicted_date": lambda v: v.claim.predicted_date,
    "sentence": lambda v: v.claim.evidence.sentence,
    "outlet": lambda v: v.claim.outlet or v.source.outlet,
    "language": lambda v: v.claim.language,
    "score": lambda v: v.claim.score,
    "statement_id": lambda v: v.claim.statement_id,
    "document_id": lambda v: v.claim.document_id,
    "title": lambda v: v.source.title,
    "url": lambda v: v.source.url,
    "review": lambda v: v.review.verdict if v.review else "",
}
WARNING_COLUMNS: dict[str, Getter] = {
    "id": lambda v: v.warning.id,
    "place_id": lambda v: v.warning.place_id,
    "place_name": lambda v: v.warning.place_name,
    "level": lambda v: v.warning.level,
    "opened_at": lambda v: v.warning.opened_at,
    "last_evidence_at": lambda v: v.warning.last_evidence_at,
    "closed_at": lambda v: v.warning.closed_at,
    "open": lambda v: v.warning.is_open,
    "score": lambda v: v.warning.score,
    "claims": lambda v: len(v.warning.claim_ids),
    "outlets": lambda v: v.warning.outlets,
    "claimants": lambda v: v.warning.claimants,
}
DOCUMENT_COLUMNS: dict[str, Getter] = {
    "id": lambda v: v.document.id,
    "published_at": lambda v: v.document.published_at,
    "date_kind": lambda v: v.document.date_kind,
    "outlet": lambda v: v.document.outlet,
    "language": lambda v: v.document.language,
    "source": lambda v: v.document.source,
    "source_ref": lambda v: v.document.source_ref,
    "title": lambda v: v.document.title,
    "url": lambda v: v.document.url,
}
INCIDENT_COLUMNS: dict[str, Getter] = {
    "id": attrgetter("id"), **{f.name: attrgetter(f.name) for f in fields(Incident)}
}
QUARANTINE_COLUMNS: dict[str, Getter] = {f.name: attrgetter(f.name) for f in fields(Quarantined)}
SERIES_COLUMNS: dict[str, Getter] = {f.name: attrgetter(f.name) for f in fields(SeriesPoint)}
STATS_COLUMNS: dict[str, Getter] = {"figure": lambda row: row[0], "value": lambda row: row[1]}

_COLUMNS: dict[type, dict[str, Getter]] = {
    ClaimView: CLAIM_COLUMNS,
    WarningView: WARNING_COLUMNS,
    DocumentView: DOCUMENT_COLUMNS,
    Incident: INCIDENT_COLUMNS,
    Quarantined: QUARANTINE_COLUMNS,
    SeriesPoint: SERIES_COLUMNS,
    tuple: STATS_COLUMNS,
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def columns_for(record: Any) -> dict[str, Getter]:
    for kind, columns in _COLUMNS.items():
        if isinstance(record, kind):
            return columns
    raise TypeError(f"no CSV columns for {type(record).__name__}")


def csv_rows(records: Iterable[Any]) -> Iterable[list[str]]:
    """A header row, then one row per record (all of one kind)."""
    columns: dict[str, Getter] | None = None
    for record in records:
        if columns is None:
            columns = columns_for(record)
            yield list(columns)
        yield [csv_cell(get(record)) for get in columns.values()]


def write_csv(records: Iterable[Any], handle: IO[str]) -> int:
    """Write records as CSV (header first); returns the number of records written."""
    writer = csv.writer(handle, lineterminator="\n")
    rows = 0
    for row in csv_rows(records):
        writer.writerow(row)
        rows += 1
    return max(rows - 1, 0)


def csv_text(records: Iterable[Any]) -> str:
    buffer = io.StringIO()
    write_csv(records, buffer)
    return buffer.getvalue()


# -- GeoJSON ----------------------------------------------------------------------------------------------


def place_feature(place: Place, **properties: Json) -> dict[str, Json]:
    geometry = {"type": "Point", "coordinates": [place.lon, place.lat]} if place.lat is not None else None
    return {"type": "Feature", "id": place.id, "geometry": geometry,
            "properties": {"name": place.name, "level": place.level, "parent_id": place.parent_id,
                           "country": place.country, **properties}}


def places_geojson(items: Iterable[Place | PlaceCount]) -> dict[str, Json]:
    """A FeatureCollection of places (points), with claim counts and the warned flag for map counts."""
    features = []
    for item in items:
        if isinstance(item, PlaceCount):
            features.append(place_feature(item.place, preemptive=item.preemptive,
                                          retrospective=item.retrospective, warned=item.warned))
        else:
            features.append(place_feature(item))
    return {"type": "FeatureCollection", "features": features}


__all__ = [
    "claim_json", "claim_row_json", "claim_rows_json", "claim_view_json", "csv_cell", "csv_rows", "csv_text",
    "document_json", "incident_json", "page_json", "place_json", "places_geojson", "statements_page_json",
    "summary_json", "to_json", "warning_json",
    "warning_view_json", "write_csv",
]
