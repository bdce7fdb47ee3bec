"""Synthetic claims for the signals, warning and backtest tests: real gazetteer places, made-up statements."""

from __future__ import annotations

from datetime import UTC, date, datetime

from forewarn.model import Claim, Evidence, stable_id
from forewarn.places import Gazetteer

MOD = "Russian Ministry of Defence"


def gazetteer() -> Gazetteer:
    return Gazetteer.default()


def place_id(name: str) -> str:
    found = gazetteer().resolve(name)
    assert found is not None, name
    return found.id


def claim(
    day: date | str,
    *places: str,
    kind: str = "PREEMPTIVE",
    claimant: str = MOD,
    stance: str = "asserted",
    outlet: str = "TASS",
    statement: str = "",
    text: str = "",
    date_kind: str = "published",
) -> Claim:
    """A claim published on `day` naming `places` (names resolved in the shipped gazetteer)."""
    when = date.fromisoformat(day) if isinstance(day, str) else day
    sentence = text or f"{claimant} says militants prepare a staged chemical attack in {', '.join(places)}"
    document = stable_id(outlet, when.isoformat(), sentence, statement)
    refs = tuple(gazetteer().ref(place_id(p)) for p in places)
    return Claim(
        document_id=document,
        kind=kind,  # type: ignore[arg-type]
        stance=stance,  # type: ignore[arg-type]
        evidence=Evidence(0, len(sentence), sentence, ("stage",)),
        score=0.9,
        detector_version="test",
        claimant=claimant,
        places=refs,
        published_at=datetime(when.year, when.month, when.day, 9, tzinfo=UTC),
        date_kind=date_kind,  # type: ignore[arg-type]
        outlet=outlet,
        statement_id=statement,
    )
