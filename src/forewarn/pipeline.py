"""The stages after ingest, in order, over what the store holds (filled in as stages land)."""

from __future__ import annotations

from typing import Any

from .settings import Settings
from .store import Store


def process(store: Store, settings: Settings) -> dict[str, Any]:
    """Run every stage after ingest on the documents not yet processed; returns per-stage figures."""
    return {}
