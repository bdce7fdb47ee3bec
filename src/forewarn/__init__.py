"""forewarn: early warning of chemical attacks from pre-emptive staging claims in state media.

The curated Python API (docs/python.md has a runnable example):

    import forewarn
    with forewarn.open_store("forewarn.db") as store:
        forewarn.ingest("news.jsonl", store)
        forewarn.process(store)
        page = forewarn.find_claims(store, forewarn.ClaimFilter(kind="PREEMPTIVE"))

Names are imported on first use, so `import forewarn` stays cheap (the CLI starts fast, and a script that
only reads the store never loads the detector).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    # store and pipeline
    "open_store": "facade", "ingest": "facade", "process": "facade", "Store": "store", "Gazetteer": "places",
    "Settings": "settings", "load_settings": "settings",
    # records
    "Claim": "model", "Document": "model", "Evidence": "model", "Incident": "model", "IngestSummary": "model",
    "Place": "model", "PlaceRef": "model", "Quarantined": "model", "Warning": "model",
    # errors
    "ForewarnError": "errors", "ConfigError": "errors", "FetchError": "errors", "NotFoundError": "errors",
    "SourceError": "errors", "StoreError": "errors",
    # the query layer and the serialiser
    "ClaimFilter": "queries", "DocumentFilter": "queries", "WarningFilter": "queries", "IncidentFilter": "queries",
    "find_claims": "queries", "iter_claims": "queries", "get_claim": "queries", "statement": "queries",
    "facets": "queries", "find_documents": "queries", "get_document": "queries", "find_warnings": "queries",
    "iter_warnings": "queries", "get_warning": "queries", "place_view": "queries", "place_scope": "queries",
    "series": "queries", "find_incidents": "queries", "stats": "queries", "to_json": "serialise",
    "write_csv": "serialise",
}

__all__ = [  # the same names as _EXPORTS (tests/test_python_api.py checks)
    "Claim", "ClaimFilter", "ConfigError", "Document", "DocumentFilter", "Evidence", "FetchError",
    "ForewarnError", "Gazetteer", "Incident", "IncidentFilter", "IngestSummary", "NotFoundError", "Place",
    "PlaceRef", "Quarantined", "Settings", "SourceError", "Store", "StoreError", "Warning", "WarningFilter",
    "facets", "find_claims", "find_documents", "find_incidents", "find_warnings", "get_claim", "get_document",
    "get_warning", "ingest", "iter_claims", "iter_warnings", "load_settings", "open_store", "place_scope",
    "place_view", "process", "series", "statement", "stats", "to_json", "write_csv",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'forewarn' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


if TYPE_CHECKING:  # what the names are, for type checkers and editors
    from .errors import ConfigError, FetchError, ForewarnError, NotFoundError, SourceError, StoreError
    from .facade import ingest, open_store, process
    from .model import Claim, Document, Evidence, Incident, IngestSummary, Place, PlaceRef, Quarantined, Warning
    from .places import Gazetteer
    from .queries import (
        ClaimFilter,
        DocumentFilter,
        IncidentFilter,
        WarningFilter,
        facets,
        find_claims,
        find_documents,
        find_incidents,
        find_warnings,
        get_claim,
        get_document,
        get_warning,
        iter_claims,
        iter_warnings,
        place_scope,
        place_view,
        series,
        statement,
        stats,
    )
    from .serialise import to_json, write_csv
    from .settings import Settings, load_settings
    from .store import Store
