"""Flags shared by the read commands, turned into query-layer filters."""

from __future__ import annotations

import typer

from ..places import Gazetteer
from ..queries import ClaimFilter, matching_values, place_scope
from ..queries.paging import optional_day as parse_day  # also the web form's
from ..store import Store

# The claims filters, declared once for every command that selects claims (`claims`, `export`).
KIND_OPTION = typer.Option(None, "--kind", help="PREEMPTIVE or RETROSPECTIVE.")
PLACE_OPTION = typer.Option(None, "--place", help="A place name or id; includes the places inside it.")
CLAIMANT_OPTION = typer.Option(None, "--claimant", help="Claimant contains this text.")
ACCUSED_OPTION = typer.Option(None, "--accused", help="An accused party contains this text.")
AGENT_OPTION = typer.Option(None, "--agent", help="Agent contains this text (chlorine, sarin, …).")
OUTLET_OPTION = typer.Option(None, "--outlet", help="Outlet contains this text.")
STANCE_OPTION = typer.Option(None, "--stance", help="asserted or reported.")
LANGUAGE_OPTION = typer.Option(None, "--language", help="Only these languages (ISO codes, comma-separated).")
SINCE_OPTION = typer.Option(None, "--since", help="Published on or after this date (YYYY-MM-DD).")
UNTIL_OPTION = typer.Option(None, "--until", help="Published on or before this date (YYYY-MM-DD).")
SEARCH_OPTION = typer.Option(None, "--search", help="Only claims in documents matching this full-text query.")




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
