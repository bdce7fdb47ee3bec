"""Flags shared by the read commands, turned into query-layer filters."""

from __future__ import annotations

from datetime import date

from ..errors import ConfigError
from ..places import Gazetteer
from ..queries import ClaimFilter, matching_values, place_scope
from ..store import Store


def parse_day(value: str | None, flag: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{flag}: expected a date YYYY-MM-DD, got {value!r}") from None


def place_ids(name: str | None, *, containing: bool = False) -> frozenset[str] | None:
    return place_scope(Gazetteer.default(), name, containing=containing) if name else None


def claim_filter(store: Store, *, kind: str | None = None, place: str | None = None, claimant: str | None = None,
                 accused: str | None = None, agent: str | None = None, outlet: str | None = None,
                 stance: str | None = None, language: str | None = None, since: str | None = None,
                 until: str | None = None, search: str | None = None) -> ClaimFilter:
    """Text flags match loosely, as a user types them: "ministry" finds every claimant naming one."""
    return ClaimFilter(
        kind=kind, place_ids=place_ids(place), stance=stance,
        claimant=matching_values(store, "claimant", claimant), accused=matching_values(store, "accused", accused),
        agent=matching_values(store, "agent", agent), outlet=matching_values(store, "outlet", outlet),
        language=tuple(language.split(",")) if language else None,
        since=parse_day(since, "--since"), until=parse_day(until, "--until"), text=search,
    )
