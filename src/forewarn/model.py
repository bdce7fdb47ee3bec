"""The few frozen records that flow between pipeline stages.

Stage functions are pure over iterables of these, so the same function runs in a loop, in a thread or in a
Dask task. Nothing here touches the store or the network.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Literal

ClaimKind = Literal["PREEMPTIVE", "RETROSPECTIVE"]
Stance = Literal["asserted", "reported"]
DateKind = Literal["published", "event", "unknown"]
PlaceLevel = Literal["country", "governorate", "district", "subdistrict", "region", "town"]
IncidentStatus = Literal["confirmed", "alleged"]  # confirmed by an investigative body, or only alleged



def stable_id(*parts: str, length: int = 20) -> str:
    """A short, stable hex id from its parts (sha256, so ids agree across runs and machines)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


def content_hash(title: str, text: str) -> str:
    """Hash of the normalised title and text: case, Unicode form and white space do not count."""
    folded = unicodedata.normalize("NFKC", f"{title}\n{text}").casefold()
    return hashlib.sha256(" ".join(folded.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Document:
    """One record from a source: an article, a feed entry, a channel message, a case summary."""

    source: str  # the collection the record belongs to, e.g. "euvsdisinfo", "rss:https://…", "news.jsonl"
    source_ref: str  # the record's own id or URL within its source (position when it has none)
    text: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published_at: datetime | None = None  # timezone-aware, UTC
    date_kind: DateKind = "published"  # "event" where the source gives only the reported event's date
    language: str = ""  # ISO 639-1, "" when unknown
    origin: str = ""  # file path or URL the record was read from
    position: str = ""  # where in the origin: line number, row, entry index, message id
    native_id: bool = True  # False when source_ref was made up from the position
    extra: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    ingested_at: datetime | None = None

    @cached_property  # asked for several times per document on the ingest path (dedup, rows, claims): once
    def id(self) -> str:
        return stable_id(self.source, self.source_ref)

    @cached_property
    def content_hash(self) -> str:
        return content_hash(self.title, self.text)


@dataclass(frozen=True)
class Quarantined:
    """A record, file or feed that could not be read; kept with the reason so nothing is lost silently."""

    origin: str
    position: str
    reason: str
    raw: str = ""  # the offending bytes/text, truncated


@dataclass(frozen=True)
class Place:
    """A gazetteer entry. Ids: ISO 3166-1 alpha-2 for countries ("SY"), ISO 3166-2 for governorates
    ("SY-ID"), "geonames:<id>" for GeoNames towns, "forewarn:<slug>" for curated districts and regions."""

    id: str
    name: str
    level: PlaceLevel
    parent_id: str | None = None
    country: str = ""
    lat: float | None = None
    lon: float | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlaceRef:
    """A place as cited by a claim, with its administrative context resolved."""

    id: str
    name: str
    level: PlaceLevel
    governorate: str = ""
    governorate_id: str = ""
    country: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Evidence:
    """Why a claim was made: where it stands in the document and which cues fired."""

    start: int  # character offsets into Document.title + "\n" + Document.text (see detect.document_text)
    end: int
    sentence: str
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Claim:
    document_id: str
    kind: ClaimKind
    stance: Stance
    evidence: Evidence
    score: float
    detector_version: str
    claimant: str = ""
    accused: tuple[str, ...] = ()
    agent: str = ""
    places: tuple[PlaceRef, ...] = ()  # most specific first
    predicted_date: date | None = None
    language: str = ""
    published_at: datetime | None = None
    date_kind: DateKind = "published"
    outlet: str = ""
    source_ref: str = ""
    statement_id: str = ""  # shared by copies of one statement across outlets and languages
    # When the statement was made (forewarn.claimdate): a dated quotation's date ("said on 13 March"), else the
    # document's day; `quoted` when the document quotes an earlier statement. Not part of the id.
    made_on: date | None = None
    quoted: bool = False
    made_expression: str = ""  # the words that dated it ("on 13 march"), "" when it is the document's date
    narrative: str = "chemical"  # what the claim is about (forewarn.narratives); not part of the id

    @cached_property  # a sha256 asked for many times per claim (grouping, signals, evidence): computed once
    def id(self) -> str:
        return stable_id(self.document_id, str(self.evidence.start), str(self.evidence.end), self.kind)


@dataclass(frozen=True)
class Incident:
    """A confirmed (or alleged) chemical attack, for the backtest. The id is the date and place only, so the
    same incident loaded again (or moved from an alleged list to a confirmed one) updates one record."""

    date: date
    place: str
    governorate: str = ""
    place_id: str = ""
    lat: float | None = None
    lon: float | None = None
    agent: str = ""
    finding: str = ""
    attributed_to: str = ""
    report: str = ""
    status: IncidentStatus = "confirmed"
    source: str = ""  # the list it came from: a file name or a label given at load time

    @property
    def id(self) -> str:
        return stable_id(self.date.isoformat(), self.place, length=12)


@dataclass(frozen=True)
class Warning:
    place_id: str
    place_name: str
    level: PlaceLevel
    opened_at: date
    last_evidence_at: date
    score: float
    closed_at: date | None = None
    claim_ids: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    claimants: tuple[str, ...] = ()
    context: tuple[str, ...] = ()  # e.g. "an attack was alleged here on 2018-04-07"
    narrative: str = "chemical"  # the narrative whose claims opened it

    @property
    def id(self) -> str:
        """Place and opening day (and the narrative, unless chemical: chemical warnings keep their old ids)."""
        extra = () if self.narrative == "chemical" else (self.narrative,)
        return stable_id(self.place_id, self.opened_at.isoformat(), *extra, length=12)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class IngestSummary:
    read: int = 0
    new: int = 0
    duplicate: int = 0
    quarantined: int = 0
    claims: int = 0  # claims written with the documents (detection inside the ingest batch)

    def __add__(self, other: IngestSummary) -> IngestSummary:
        return IngestSummary(
            self.read + other.read,
            self.new + other.new,
            self.duplicate + other.duplicate,
            self.quarantined + other.quarantined,
            self.claims + other.claims,
        )
