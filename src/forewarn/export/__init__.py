"""Exports analysts import elsewhere: CSV, JSONL, GeoJSON, STIX 2.1 (with DISARM) and MISP, from a claims
selection read through the query layer (docs/exports.md). Library code only: the CLI (`forewarn export`), the
API and the TAXII feed call `export_text`/`write_export`.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from ..errors import ConfigError
from ..places import Gazetteer
from ..queries import ClaimFilter
from ..settings import Settings
from ..store import Store
from .selection import Selection, select

FORMATS = ("csv", "jsonl", "geojson", "stix", "misp")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/jsonl; charset=utf-8",
    "geojson": "application/geo+json",
    "stix": "application/stix+json;version=2.1",
    "misp": "application/json",
}
SUFFIXES = {"csv": "csv", "jsonl": "jsonl", "geojson": "geojson", "stix": "stix.json", "misp": "misp.json"}


@dataclass(frozen=True)
class ExportResult:
    format: str
    records: int  # rows, features, STIX objects or MISP events written
    selection: Selection

    def describe(self) -> str:
        what = {"csv": "rows", "jsonl": "lines", "geojson": "places", "stix": "STIX objects",
                "misp": "MISP events"}[self.format]
        return f"{self.records} {what} from {self.selection.label}"


def _write_csv(selection: Selection, handle: IO[str], *_: object) -> int:
    from .tables import write_claims_csv

    return write_claims_csv(selection.claims, handle)


def _write_jsonl(selection: Selection, handle: IO[str], *_: object) -> int:
    from .tables import write_claims_jsonl

    return write_claims_jsonl(selection.claims, handle)


def _write_geojson(selection: Selection, handle: IO[str], gazetteer: Gazetteer, *_: object) -> int:
    from .tables import places_geojson

    collection = places_geojson(selection, gazetteer)
    handle.write(json.dumps(collection, ensure_ascii=False, indent=2) + "\n")
    return len(collection["features"])


def _write_stix(selection: Selection, handle: IO[str], gazetteer: Gazetteer, settings: Settings, _: str) -> int:
    from .disarm import load_disarm
    from .stix import build_bundle, bundle_json

    bundle = build_bundle(selection, gazetteer, load_disarm(), settings)
    handle.write(bundle_json(bundle))
    return len(bundle.objects)


def _write_misp(selection: Selection, handle: IO[str], gazetteer: Gazetteer, settings: Settings, title: str) -> int:
    from .disarm import load_disarm
    from .misp import build_events, events_json

    events = build_events(selection, gazetteer, load_disarm(), settings, title)
    handle.write(events_json(events))
    return len(events)


Writer = Callable[[Selection, IO[str], Gazetteer, Settings, str], int]
WRITERS: dict[str, Writer] = {"csv": _write_csv, "jsonl": _write_jsonl, "geojson": _write_geojson,
                              "stix": _write_stix, "misp": _write_misp}


def write_export(store: Store, fmt: str, handle: IO[str], *, gazetteer: Gazetteer, settings: Settings,
                 flt: ClaimFilter | None = None, title: str = "all claims") -> ExportResult:
    """Write the claims `flt` selects (all when None) in format `fmt` to `handle`. `title` names the
    selection where a format has a place for it (the MISP claims event)."""
    if fmt not in WRITERS:
        raise ConfigError(f"export format is one of {', '.join(FORMATS)}, not {fmt!r}")
    selection = select(store, gazetteer, flt)
    records = WRITERS[fmt](selection, handle, gazetteer, settings, title)
    return ExportResult(fmt, records, selection)


def export_text(store: Store, fmt: str, *, gazetteer: Gazetteer, settings: Settings,
                flt: ClaimFilter | None = None, title: str = "all claims") -> tuple[str, ExportResult]:
    buffer = io.StringIO()
    result = write_export(store, fmt, buffer, gazetteer=gazetteer, settings=settings, flt=flt, title=title)
    return buffer.getvalue(), result


__all__ = ["FORMATS", "MEDIA_TYPES", "ExportResult", "export_text", "write_export"]
