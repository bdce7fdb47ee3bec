"""CSV, JSONL and GeoJSON exports of a selection, through the one serialiser (forewarn.serialise): a claim has
the same JSON shape here as in the CLI and the API, and CSV cells are neutralised the same way.

CSV columns (docs/exports.md): one row per claim, every place it cites (ids and names, most specific first),
its document's title, URL, outlet and date.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import IO, Any

from ..errors import NotFoundError
from ..places import Gazetteer
from ..queries import ClaimView
from ..serialise import claim_view_json, csv_cell, place_feature
from .selection import Selection

Getter = Callable[[ClaimView], Any]

CLAIM_EXPORT_COLUMNS: dict[str, Getter] = {
    "claim_id": lambda v: v.claim.id,
    "published_at": lambda v: v.claim.published_at or v.source.published_at,
    "date_kind": lambda v: v.claim.date_kind,
    "title": lambda v: v.source.title,
    "url": lambda v: v.source.url,
    "outlet": lambda v: v.claim.outlet or v.source.outlet,
    "language": lambda v: v.claim.language,
    "place_ids": lambda v: [p.id for p in v.claim.places],
    "place_names": lambda v: [p.name for p in v.claim.places],
    "governorates": lambda v: list(dict.fromkeys(p.governorate for p in v.claim.places if p.governorate)),
    "claimant": lambda v: v.claim.claimant,
    "accused": lambda v: v.claim.accused,
    "agent": lambda v: v.claim.agent,
    "narrative": lambda v: getattr(v.claim, "narrative", "") or "chemical",
    "kind": lambda v: v.claim.kind,
    "stance": lambda v: v.claim.stance,
    "score": lambda v: v.claim.score,
    "predicted_date": lambda v: v.claim.predicted_date,
    "statement_id": lambda v: v.claim.statement_id,
    "document_id": lambda v: v.claim.document_id,
    "sentence": lambda v: v.claim.evidence.sentence,
}


def write_claims_csv(claims: Iterable[ClaimView], handle: IO[str]) -> int:
    """A header, then one row per claim; list cells are joined with "; " (place ids and names line up)."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(CLAIM_EXPORT_COLUMNS)
    rows = 0
    for view in claims:
        writer.writerow([csv_cell(get(view)) for get in CLAIM_EXPORT_COLUMNS.values()])
        rows += 1
    return rows


def write_claims_jsonl(claims: Iterable[ClaimView], handle: IO[str]) -> int:
    """One claim (the serialiser's claim shape, with its document) per line."""
    rows = 0
    for view in claims:
        handle.write(json.dumps(claim_view_json(view), ensure_ascii=False) + "\n")
        rows += 1
    return rows


def places_geojson(selection: Selection, gazetteer: Gazetteer) -> dict[str, Any]:
    """Every place the selected claims cite, or a warning about them names, as a GeoJSON Feature: claim and
    statement counts by kind, first and last claim, and the warning state ("open", "closed" or "none")."""
    counts: dict[str, dict[str, Any]] = defaultdict(lambda: {"PREEMPTIVE": 0, "RETROSPECTIVE": 0,
                                                             "statements": set(), "days": []})
    for view in selection.claims:
        for ref in view.claim.places:
            entry = counts[ref.id]
            entry[view.claim.kind] += 1
            entry["statements"].add(view.claim.statement_id or view.claim.id)
            if view.claim.published_at:
                entry["days"].append(view.claim.published_at.date().isoformat())
    warnings: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for warning in selection.warnings:
        warnings[warning.warning.place_id].append((warning.id, warning.warning.is_open))
    features = []
    for place_id in sorted(set(counts) | set(warnings)):
        try:
            place = gazetteer.get(place_id)
        except NotFoundError:
            continue
        entry = counts[place_id]
        found = warnings.get(place_id, [])
        state = "open" if any(is_open for _, is_open in found) else "closed" if found else "none"
        features.append(place_feature(
            place, preemptive=entry["PREEMPTIVE"], retrospective=entry["RETROSPECTIVE"],
            statements=len(entry["statements"]), first_claim=min(entry["days"], default=None),
            last_claim=max(entry["days"], default=None), warning=state, warning_ids=[w for w, _ in found],
        ))
    return {"type": "FeatureCollection", "features": features}
