"""The shapes the REST API returns, for its OpenAPI schema. They mirror forewarn.serialise, which builds the
responses (the API returns serialise's dicts as they are, so nothing is shaped twice at run time); the
schemathesis run in tests/test_api_schema.py checks every response against these models."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlaceRefOut(_Model):
    id: str
    name: str
    level: str
    governorate: str
    governorate_id: str
    country: str
    lat: float | None
    lon: float | None


class EvidenceOut(_Model):
    start: int
    end: int
    sentence: str
    cues: list[str]


class SourceOut(_Model):
    id: str = Field(description="The document's id.")
    title: str
    url: str
    outlet: str
    source: str
    source_ref: str
    published_at: str | None
    date_kind: str
    language: str


class ReviewOut(_Model):
    verdict: Literal["right", "wrong", "corrected"]
    analyst: str
    at: str | None
    corrections: dict[str, Any]
    note: str


class ClaimOut(_Model):
    id: str
    document_id: str
    source_ref: str
    kind: Literal["PREEMPTIVE", "RETROSPECTIVE"]
    stance: str
    claimant: str
    accused: list[str]
    agent: str
    places: list[PlaceRefOut]
    predicted_date: str | None
    evidence: EvidenceOut
    score: float
    detector_version: str
    language: str
    published_at: str | None
    date_kind: str
    outlet: str
    statement_id: str
    made_on: str | None = Field(description="The day the statement was made, when not the document's.")
    quoted: bool = Field(description="The statement is quoted from an earlier one.")
    made_expression: str = Field(description="The words that dated the statement.")
    narrative: str = Field(description="The narrative family (chemical, biological, radiological, …).")
    document: SourceOut
    review: ReviewOut | None


class ClaimPage(_Model):
    items: list[ClaimOut]
    next_cursor: str | None = Field(description="Pass back as `cursor` for the next page; null on the last.")
    sort: str


class RelayOut(_Model):
    claim_id: str
    document_id: str
    outlet: str
    language: str
    stance: str
    published_on: str | None
    url: str


class StatementOut(_Model):
    statement_id: str
    outlets: list[str]
    languages: list[str]
    first_published: str | None = None
    claims: list[ClaimOut] | None = None
    claim_ids: list[str] | None = None
    # A warning's statements also carry how an analyst reads them (forewarn.evidence).
    sentence: str | None = Field(None, description="The strongest copy's sentence(s).")
    claimant: str | None = None
    stance: str | None = Field(None, description="asserted if any copy asserts it.")
    made_on: str | None = Field(None, description="The day the statement was made (the earliest copy).")
    quoted: bool | None = Field(None, description="Every copy quotes it as an earlier statement.")
    places: list[str] | None = None
    url: str | None = Field(None, description="A source link (the strongest copy's).")
    relays: list[RelayOut] | None = Field(None, description="Every copy: outlet, language, day, link.")
    copies: int | None = None


class FacetOut(_Model):
    value: str
    count: int


class WarningOut(_Model):
    id: str
    place_id: str
    place_name: str
    level: str
    opened_at: str
    last_evidence_at: str
    closed_at: str | None
    open: bool
    score: float
    claim_ids: list[str]
    outlets: list[str]
    claimants: list[str]
    context: list[str]
    narrative: str = Field(description="The narrative whose claims opened the warning.")


class PlaceOut(_Model):
    id: str
    name: str
    level: str
    parent_id: str | None
    country: str
    lat: float | None
    lon: float | None
    aliases: list[str]


class EvidenceSummaryOut(_Model):
    statements: int = Field(description="Distinct statements behind the warning (copies folded).")
    claims: int
    copies: int = Field(description="Documents carrying a statement, summed over the statements.")
    outlets: int
    languages: int


class WarningDetail(WarningOut):
    place: PlaceOut | None = None
    languages: list[str] | None = None
    summary: EvidenceSummaryOut | None = Field(None, description="All of the evidence, counted.")
    evidence: list[ClaimOut] | None = Field(None, description="The claims of this page's statements.")
    statements: list[StatementOut] | None = Field(None, description="One page of distinct statements, oldest first.")
    copies: int | None = Field(None, description="Copies of the statements, every outlet and language.")
    statements_cursor: str | None = Field(None, description="The `cursor` of the next page of statements.")
    statements_next: str | None = Field(None, description="The next page of statements (null: none follows).")


class WarningStatementsPage(_Model):
    warning_id: str
    summary: EvidenceSummaryOut | None
    statements: list[StatementOut] = Field(description="Distinct statements, oldest first.")
    evidence: list[ClaimOut] = Field(description="The claims of this page's statements.")
    next_cursor: str | None = Field(description="Pass back as `cursor` for the next page; null on the last.")
    next: str | None = Field(description="The next page (null on the last).")


class WarningPage(_Model):
    items: list[WarningDetail]
    next_cursor: str | None
    sort: str


class PlaceBrief(_Model):
    id: str
    name: str
    level: str


class PlaceDetail(PlaceOut):
    local_names: list[str]
    ancestors: list[PlaceBrief]
    children: list[PlaceBrief]
    claims: dict[str, int]
    open_warnings: list[str]


class SeriesPointOut(_Model):
    day: str
    preemptive: int
    retrospective: int
    preemptive_weight: float
    documents: int
    outlets: list[str]


class WeekOut(_Model):
    week: str
    preemptive: int
    retrospective: int


class DocumentOut(_Model):
    id: str
    source: str
    source_ref: str
    outlet: str
    url: str
    published_at: str | None
    date_kind: str
    language: str
    title: str
    text: str
    claims: list[ClaimOut] | None = None


class DocumentPage(_Model):
    items: list[DocumentOut]
    next_cursor: str | None
    sort: str


class IncidentOut(_Model):
    id: str
    date: str
    place: str
    governorate: str
    place_id: str
    lat: float | None
    lon: float | None
    agent: str
    finding: str
    attributed_to: str
    report: str
    status: Literal["confirmed", "alleged"]
    source: str


class FeatureOut(BaseModel):
    type: Literal["Feature"]
    id: str
    geometry: dict[str, Any] | None
    properties: dict[str, Any]


class FeatureCollectionOut(BaseModel):
    type: Literal["FeatureCollection"]
    features: list[FeatureOut]


class ErrorOut(_Model):
    error: str = Field(description="What went wrong, in words; never a stack trace.")
    status: int


class IngestOut(BaseModel):
    read: int
    new: int
    duplicate: int
    quarantined: int
    stages: dict[str, Any] | None = None


class IncidentLoadOut(_Model):
    loaded: int
    quarantined: int
    unresolved: list[str]


class FeedbackIn(_Model):
    verdict: Literal["right", "wrong", "corrected"]
    corrections: dict[str, Any] = Field(default_factory=dict, description=(
        "Corrected fields (kind, stance, claimant, accused, agent, place, narrative, predicted_date); "
        "with verdict 'corrected' at least one."))
    analyst: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=2000)


class FeedbackOut(_Model):
    claim: ClaimOut
    warnings: int = Field(description="Warnings after the recomputation.")
    open_warnings: int
