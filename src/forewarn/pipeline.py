"""The stages after ingest, in order, over what the store holds: detect → link → signals and warnings.

Each stage reads only what it has not processed yet (detection by detector version, signals by the claims
they were built from), so running this after every ingest stays cheap.
"""

from __future__ import annotations

from typing import Any

from .detect import Detector, run_detection
from .link import run_linking
from .places import gazetteer_for, sync_places
from .settings import Settings
from .store import Store
from .warning import refresh_warnings


def process(store: Store, settings: Settings, *, everything: bool = False, detector: Detector | None = None
            ) -> dict[str, Any]:
    """Run every stage after ingest; `everything` re-detects all documents. Returns per-stage figures.
    `detector`: the one ingest detected its batches with (`detector_for`), so nothing is read twice."""
    gazetteer = gazetteer_for(settings)
    if store.count("places") == 0:
        sync_places(store, gazetteer)  # the gazetteer as a plain table, for Datasette users
    detector = detector or Detector.from_settings(settings, gazetteer)
    claims = run_detection(store, everything=everything, detector=detector)
    linked = run_linking(store)
    records = refresh_warnings(store, gazetteer, settings)
    return {
        "claims_written": claims,
        "claims_sharing_a_statement": linked,
        "warnings": len(records),
        "open_warnings": sum(1 for r in records if r.warning.is_open),
    }


def detector_for(settings: Settings) -> Detector:
    """The detector `process` would build for these settings."""
    return Detector.from_settings(settings, gazetteer_for(settings))
