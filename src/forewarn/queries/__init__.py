"""The one query layer: read models for the CLI, the REST API, the web pages and the exports.

Every listing is filtered, sorted and keyset-paged in SQL, with an index behind each filter (schema v6):

    from forewarn.queries import ClaimFilter, find_claims, place_scope
    page = find_claims(store, ClaimFilter(kind="PREEMPTIVE", place_ids=place_scope(gazetteer, "Idlib")))
    more = find_claims(store, ClaimFilter(kind="PREEMPTIVE"), cursor=page.next_cursor)

The records are frozen dataclasses (records.py); forewarn.serialise turns them into JSON and CSV.
"""

from .claims import (
    CLAIM_SORTS,
    FACETS,
    KINDS,
    REVIEWS,
    STANCES,
    ClaimFilter,
    claims_by_id,
    count_claims,
    facets,
    find_claim_rows,
    find_claims,
    get_claim,
    iter_claims,
    matching_values,
    statement,
)
from .documents import DOCUMENT_SORTS, DocumentFilter, documents_by_id, find_documents, get_document
from .overview import (
    IncidentFilter,
    Stats,
    find_incidents,
    find_quarantined,
    last_claim_day,
    narrative_weeks,
    stats,
)
from .paging import DEFAULT_LIMIT, MAX_LIMIT
from .places import (
    list_places,
    local_names,
    place_counts,
    place_scope,
    place_view,
    resolve_place,
    series,
    weekly_volume,
)
from .records import (
    ClaimView,
    DocumentView,
    EvidenceSummary,
    NarrativeWeek,
    Page,
    PlaceCount,
    PlaceView,
    Review,
    SeriesPoint,
    SourceRef,
    Statement,
    WarningView,
    WeekVolume,
)
from .statements import MAX_STATEMENT_LIMIT, STATEMENT_LIMIT
from .warnings import WARNING_SORTS, WarningFilter, find_warnings, get_warning, iter_warnings

__all__ = [
    "CLAIM_SORTS", "DEFAULT_LIMIT", "DOCUMENT_SORTS", "FACETS", "KINDS", "MAX_LIMIT", "MAX_STATEMENT_LIMIT",
    "REVIEWS", "STANCES", "STATEMENT_LIMIT", "WARNING_SORTS", "ClaimFilter", "ClaimView", "DocumentFilter",
    "DocumentView", "EvidenceSummary", "IncidentFilter", "Page", "NarrativeWeek", "PlaceCount", "PlaceView",
    "Review", "SeriesPoint", "SourceRef", "Statement", "Stats", "WarningFilter", "WarningView", "WeekVolume",
    "claims_by_id", "count_claims", "documents_by_id", "facets", "find_claim_rows", "find_claims",
    "find_documents", "find_incidents", "find_quarantined", "find_warnings", "get_claim", "get_document",
    "get_warning", "iter_claims", "iter_warnings", "last_claim_day", "list_places", "local_names",
    "matching_values", "narrative_weeks", "place_counts", "place_scope", "place_view", "resolve_place", "series",
    "statement", "stats", "weekly_volume",
]
