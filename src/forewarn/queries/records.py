"""Read models: what the CLI, the API, the web pages and the exports show, as frozen records.

A read model is a pipeline record (model.py) joined with what a reader needs beside it: a claim with the title,
URL, outlet and date of the document it came from; a warning with the claims behind it grouped by statement; a
place with its hierarchy. They are built by the query functions in this package and turned into JSON or CSV
only by forewarn.serialise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Generic, TypeVar

from ..model import Claim, Document, Place, Warning

if TYPE_CHECKING:
    from ..evidence import WarningEvidence

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a keyset-paged listing; pass `next_cursor` back to get the next one (None: the last)."""

    items: tuple[T, ...]
    next_cursor: str | None = None
    sort: str = ""


@dataclass(frozen=True)
class SourceRef:
    """The document a claim was found in, as a reader cites it."""

    document_id: str
    title: str = ""
    url: str = ""
    outlet: str = ""
    source: str = ""
    source_ref: str = ""
    published_at: datetime | None = None
    date_kind: str = "published"
    language: str = ""


@dataclass(frozen=True)
class Review:
    """An analyst's current verdict on a claim (see forewarn.feedback): "right", "wrong" or "corrected"."""

    verdict: str
    analyst: str = ""
    at: datetime | None = None
    corrections: tuple[tuple[str, str], ...] = ()  # (field, corrected value)
    note: str = ""


@dataclass(frozen=True)
class ClaimView:
    claim: Claim
    source: SourceRef
    review: Review | None = None

    @property
    def id(self) -> str:
        return self.claim.id


@dataclass(frozen=True)
class Statement:
    """Copies of one statement (one `statement_id`) across outlets and languages."""

    statement_id: str
    claims: tuple[ClaimView, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({c.claim.outlet or c.source.outlet for c in self.claims} - {""}))

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted({c.claim.language for c in self.claims} - {""}))

    @property
    def first_published(self) -> datetime | None:
        return min((c.claim.published_at for c in self.claims if c.claim.published_at), default=None)


@dataclass(frozen=True)
class EvidenceSummary:
    """What stands behind a warning, counted over all of its evidence (not one page of it)."""

    statements: int  # distinct statements (forewarn.evidence folds copies, and one briefing's sentences)
    claims: int
    copies: int  # documents carrying a statement, summed over the statements
    outlets: tuple[str, ...]
    languages: tuple[str, ...]


@dataclass(frozen=True)
class WarningView:
    warning: Warning
    statements: tuple[Statement, ...] = ()  # the claims behind the warning (or this page), by statement id
    place: Place | None = None
    evidence: WarningEvidence | None = None  # each distinct statement as an analyst reads it (forewarn.evidence)
    summary: EvidenceSummary | None = None  # one warning asked for (get_warning): all of its evidence counted
    statements_cursor: str | None = None  # where the next page of `evidence` starts (None: this is the last)

    @property
    def id(self) -> str:
        return self.warning.id

    @property
    def claims(self) -> tuple[ClaimView, ...]:
        return tuple(c for s in self.statements for c in s.claims)

    @property
    def languages(self) -> tuple[str, ...]:
        if self.summary is not None:
            return self.summary.languages
        return tuple(sorted({lang for s in self.statements for lang in s.languages}))


@dataclass(frozen=True)
class SeriesPoint:
    """One day of a place's signal (signals table): new statements that day, and their weight."""

    day: date
    preemptive: int
    retrospective: int
    preemptive_weight: float
    documents: int
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlaceView:
    place: Place
    ancestors: tuple[Place, ...] = ()  # innermost first
    children: tuple[Place, ...] = ()  # places directly inside it (and a region's members)
    preemptive: int = 0  # claims citing it or a place inside it
    retrospective: int = 0
    open_warnings: tuple[str, ...] = ()  # ids of open warnings at it or inside it
    names: tuple[str, ...] = field(default=(), compare=False)  # its Russian/Arabic names, for display

    @property
    def id(self) -> str:
        return self.place.id


@dataclass(frozen=True)
class PlaceCount:
    """A place on the map: how many claims cite it (or a place inside it) in the period asked for."""

    place: Place
    preemptive: int
    retrospective: int
    warned: bool


@dataclass(frozen=True)
class WeekVolume:
    week: date  # Monday
    preemptive: int
    retrospective: int


@dataclass(frozen=True)
class NarrativeWeek:
    """New statements of one narrative in one week (weeks start on Monday), claims marked wrong left out."""

    narrative: str
    week: date
    preemptive: int
    retrospective: int


@dataclass(frozen=True)
class DocumentView:
    document: Document
    claims: tuple[ClaimView, ...] = ()  # filled when one document is asked for, not in listings

    @property
    def id(self) -> str:
        return self.document.id


def grouped(claims: Sequence[ClaimView]) -> tuple[Statement, ...]:
    """Claims grouped by statement, groups oldest first, each group's copies oldest first."""
    groups: dict[str, list[ClaimView]] = {}
    for view in claims:
        groups.setdefault(view.claim.statement_id or view.claim.id, []).append(view)
    ordered = [
        Statement(key, tuple(sorted(items, key=_moment_key)))
        for key, items in groups.items()
    ]
    return tuple(sorted(ordered, key=lambda s: (s.first_published is None, s.first_published or datetime.min,
                                                s.statement_id)))


def _moment_key(view: ClaimView) -> tuple[bool, str, str]:
    moment = view.claim.published_at
    return moment is None, moment.isoformat() if moment else "", view.claim.id
