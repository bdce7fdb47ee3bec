"""The backtest told per episode: what was claimed, where and when, whether a warning opened, what followed.

An episode is a campaign of claims in a region over a span of dates (Eastern Ghouta 2018, Idlib 2018, Idlib
2019–2021, Ukraine 2022–2023 …), defined as data: `data/episodes.toml`, or a file of the same shape given with
`forewarn backtest --episodes-file`. For each one the backtest reports

- the claims: distinct pre-emptive statements made in the span naming a place in the region, the places they
  name, their claimants, outlets and languages, first and last;
- each warning the rule opened in the region during the span and what followed it within the horizon: a
  **confirmed attack** (a hit), only an **alleged** one (investigators could not confirm it), or **nothing
  confirmed** — a deterred attack or a false alarm, which the record cannot tell apart;
- each confirmed or alleged incident in the region and span: whether a warning preceded it, and how early;
- the naive baseline's warnings in the region and span, for comparison.

Pure over the backtest's records; nothing here reads the store.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from .errors import ConfigError, NotFoundError
from .model import Claim, Incident, Warning
from .signals import PlaceTree, made_day
from .warning import WarningRecord

NOTHING_CONFIRMED = "warned, nothing confirmed (deterred or false alarm)"


@dataclass(frozen=True)
class Episode:
    id: str
    name: str
    start: date
    end: date
    region: tuple[str, ...]  # place ids: a claim, warning or incident inside any of them belongs to the episode
    narrative: str = "chemical"
    note: str = ""


class Matcher(Protocol):
    """What the backtest's matcher offers: does `warning` precede `incident`, inside it, within the horizon."""

    def match(self, warning: Warning, incident: Incident) -> Any: ...


def load_episodes(path: str | Path | None = None) -> list[Episode]:
    """Episodes from a TOML file of `[[episode]]` tables (default: the shipped data/episodes.toml)."""
    try:
        if path is None:
            text = (resources.files("forewarn") / "data" / "episodes.toml").read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read episodes file {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"episodes file {path or 'episodes.toml'} is not valid TOML: {exc}") from exc
    found = []
    for number, entry in enumerate(data.get("episode", []), start=1):
        try:
            episode = Episode(
                id=str(entry["id"]),
                name=str(entry.get("name", entry["id"])),
                start=_day(entry["start"]),
                end=_day(entry["end"]),
                region=tuple(str(p) for p in entry["region"]),
                narrative=str(entry.get("narrative", "chemical")),
                note=str(entry.get("note", "")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"episode {number} in {path or 'episodes.toml'}: missing or bad field {exc}") from exc
        if episode.end < episode.start or not episode.region:
            raise ConfigError(f"episode {episode.id!r}: needs a region and an end on or after its start")
        found.append(episode)
    return found


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


class _Region:
    def __init__(self, tree: PlaceTree) -> None:
        self.tree = tree
        self._inside = lru_cache(maxsize=None)(self._inside_uncached)

    def _inside_uncached(self, region: tuple[str, ...], place_id: str) -> bool:
        for outer in region:
            if place_id == outer:
                return True
            try:
                if self.tree.contains(outer, place_id):
                    return True
            except NotFoundError:
                continue
        return False

    def claim(self, region: tuple[str, ...], claim: Claim) -> bool:
        return any(self._inside(region, ref.id) for ref in claim.places)

    def place(self, region: tuple[str, ...], place_id: str) -> bool:
        return bool(place_id) and self._inside(region, place_id)


def episode_rows(
    episodes: Sequence[Episode],
    claims: Iterable[Claim],
    keys: Mapping[str, str],
    records: Sequence[WarningRecord],
    baseline: Sequence[Warning],
    incidents: Sequence[Incident],
    matcher: Matcher,
    tree: PlaceTree,
) -> list[dict[str, Any]]:
    """Pure: one JSON-ready row per episode (see the module docstring). `incidents` are every incident,
    confirmed and alleged; `keys` maps claim ids to statements as the signals counted them."""
    region = _Region(tree)
    preemptive = [c for c in claims if c.kind == "PREEMPTIVE" and made_day(c) is not None]
    return [_episode(e, preemptive, keys, records, baseline, incidents, matcher, region) for e in episodes]


def _episode(
    episode: Episode,
    claims: Sequence[Claim],
    keys: Mapping[str, str],
    records: Sequence[WarningRecord],
    baseline: Sequence[Warning],
    incidents: Sequence[Incident],
    matcher: Matcher,
    region: _Region,
) -> dict[str, Any]:
    def during(day: date) -> bool:
        return episode.start <= day <= episode.end

    mine = [c for c in claims if during(made_day(c) or date.min) and region.claim(episode.region, c)]
    cases = [i for i in incidents if during(i.date) and region.place(episode.region, i.place_id)]
    warned = [r for r in records if during(r.warning.opened_at) and region.place(episode.region, r.warning.place_id)]
    naive = [w for w in baseline if during(w.opened_at) and region.place(episode.region, w.place_id)]
    later = [i for i in incidents if i.date >= episode.start]  # what follows a warning may fall after the span
    warnings = [_warning_outcome(r, later, matcher) for r in warned]
    outcomes = Counter(w["outcome"] for w in warnings)
    return {
        "id": episode.id,
        "name": episode.name,
        "from": episode.start.isoformat(),
        "to": episode.end.isoformat(),
        "region": list(episode.region),
        "narrative": episode.narrative,
        "note": episode.note,
        "claims": _claims_summary(mine, keys),
        "warnings": warnings,
        "outcomes": dict(sorted(outcomes.items())),
        "incidents": [_incident_outcome(i, [r.warning for r in records], naive, matcher) for i in cases],
        "baseline": {
            "warnings": len(naive),
            "followed_by_confirmed": sum(1 for w in naive if _followed(w, later, matcher, "confirmed")),
        },
        "verdict": _verdict(mine, keys, warnings, cases),
    }


def _claims_summary(claims: Sequence[Claim], keys: Mapping[str, str]) -> dict[str, Any]:
    statements = {keys.get(c.id, c.id) for c in claims}
    days = sorted(d for c in claims if (d := made_day(c)) is not None)
    places: Counter[str] = Counter()
    for statement in statements:  # each statement counts once per place it names
        places.update({p.name for c in claims if keys.get(c.id, c.id) == statement for p in c.places})
    claimants = Counter(c.claimant for c in claims if c.claimant)
    return {
        "statements": len(statements),
        "copies": len(claims),
        "first": days[0].isoformat() if days else None,
        "last": days[-1].isoformat() if days else None,
        "places": [{"place": name, "statements": n} for name, n in sorted(places.items(), key=lambda p: (-p[1], p[0]))],
        "claimants": [name for name, _ in sorted(claimants.items(), key=lambda p: (-p[1], p[0]))[:6]],
        "outlets": len({c.outlet for c in claims if c.outlet}),
        "languages": sorted({c.language for c in claims if c.language}),
    }


def _followed(warning: Warning, incidents: Sequence[Incident], matcher: Matcher, status: str) -> list[Incident]:
    return [i for i in incidents if i.status == status and matcher.match(warning, i) is not None]


def _warning_outcome(record: WarningRecord, incidents: Sequence[Incident], matcher: Matcher) -> dict[str, Any]:
    warning = record.warning
    confirmed = _followed(warning, incidents, matcher, "confirmed")
    alleged = _followed(warning, incidents, matcher, "alleged")
    if confirmed:
        outcome = "confirmed attack followed"
    elif alleged:
        outcome = "alleged attack followed (not confirmed)"
    else:
        outcome = NOTHING_CONFIRMED
    return {
        "warning_id": warning.id,
        "place_id": warning.place_id,
        "place_name": warning.place_name,
        "level": warning.level,
        "first_seen": record.first_seen.isoformat(),
        "opened_at": warning.opened_at.isoformat(),
        "closed_at": warning.closed_at.isoformat() if warning.closed_at else None,
        "statements": record.statements,
        "places_cited": list(record.cited),
        "outcome": outcome,
        "followed_by": [
            {"date": i.date.isoformat(), "place": i.place, "status": i.status,
             "lead_days": (i.date - warning.opened_at).days}
            for i in confirmed + alleged
        ],
    }


def _incident_outcome(
    incident: Incident, warnings: Sequence[Warning], naive: Sequence[Warning], matcher: Matcher
) -> dict[str, Any]:
    matches = [(w, (incident.date - w.opened_at).days) for w in warnings if matcher.match(w, incident) is not None]
    earliest = max(matches, key=lambda m: (m[1], m[0].place_id), default=None)
    return {
        "date": incident.date.isoformat(),
        "place": incident.place,
        "status": incident.status,
        "warned": earliest is not None,
        "warning_place": earliest[0].place_name if earliest else None,
        "lead_days": earliest[1] if earliest else None,
        "baseline_warned": any(matcher.match(w, incident) is not None for w in naive),
    }


def _verdict(claims: Sequence[Claim], keys: Mapping[str, str], warnings: Sequence[dict[str, Any]],
             incidents: Sequence[Incident]) -> str:  # fmt: skip
    statements = len({keys.get(c.id, c.id) for c in claims})
    confirmed = [i for i in incidents if i.status == "confirmed"]
    said = f"{statements} statement{'s' if statements != 1 else ''}"
    if not warnings:
        return f"{said}; no warning opened" + (f"; {len(confirmed)} confirmed attack(s) unwarned" if confirmed else "")
    parts = [f"{w['place_name']} from {w['opened_at']}: {w['outcome']}" for w in warnings]
    return f"{said}; warnings: " + "; ".join(parts)
