"""forewarn: early warning of chemical attacks from pre-emptive staging claims in state media."""

from .errors import ConfigError, FetchError, ForewarnError, NotFoundError, SourceError, StoreError
from .model import Claim, Document, Evidence, Incident, IngestSummary, Place, PlaceRef, Quarantined, Warning
from .settings import Settings, load_settings
from .store import Store

__version__ = "0.1.0"

__all__ = [
    "Claim",
    "ConfigError",
    "Document",
    "Evidence",
    "FetchError",
    "ForewarnError",
    "Incident",
    "IngestSummary",
    "NotFoundError",
    "Place",
    "PlaceRef",
    "Quarantined",
    "Settings",
    "SourceError",
    "Store",
    "StoreError",
    "Warning",
    "load_settings",
]
