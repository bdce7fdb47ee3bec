"""An honest backtest: replay the stored claims day by day and score the warnings against confirmed attacks.

Definitions (docs/warnings.md): a warning for place P opened on day t0 *hits* an attack at place Q on day d
when Q lies within P (the same place, P an ancestor of Q, or Q within `radius_km` of P) and
t0 <= d <= t0 + horizon. Lead time = d - t0. An attack is *caught* by the hitting warning at the most
specific level (then the earliest). Precision = hits / warnings; recall = caught / attacks in range. The naive
baseline opens a warning at every place any stored claim (pre-emptive or retrospective) names, and closes it
after the same quiet period.

Which incidents are scored is the caller's choice and is stated in the output (`parameters.incidents`,
`data.incidents_by_status`, `data.incident_sources`): over the store, confirmed attacks by default, the
allegations only or both on request (`forewarn backtest --incidents confirmed|alleged|all`).

No look-ahead: claims dated after `end` are dropped before anything is computed, and the replay on day t only
sees signals of days <= t, so `end` = 30 June 2018 gives the same warnings whether or not later documents
are stored. The output is deterministic: everything sorted, no "now".
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .episodes import Episode, episode_rows, load_episodes
from .errors import ConfigError, NotFoundError
from .evidence import Statement, document_links, statements_of
from .model import Claim, Incident, Warning
from .settings import Settings
from .signals import Lineage, PlaceTree, Signal, claim_day, compute_signals, in_scope, statement_keys
from .store import Store
from .warning import NarrativeSurge, SurgeRule, WarningRecord, narrative_surges, replay

INCIDENT_SETS = ("confirmed", "alleged", "all")
DEFAULT_RADIUS_KM = 10.0  # an attack this close to a warned town counts, though the town does not contain it
FINE_LEVELS = ("town", "subdistrict", "district", "region", "governorate")


@dataclass(frozen=True)
class Match:
    warning: Warning
    lead_days: int
    level: str
    basis: str  # "same place", "inside", "within N km"


@dataclass
class Backtest:
    """A backtest's results; `to_json()` is the `forewarn backtest --json` document."""

    parameters: dict[str, Any]
    data: dict[str, Any]
    incidents: list[dict[str, Any]]
    warnings: list[dict[str, Any]]
    summary: dict[str, Any]
    baseline: dict[str, Any]
    narrative: list[dict[str, Any]]
    rule: str
    signals: list[Signal]
    records: list[WarningRecord]
    incident_list: list[Incident]
    inside: dict[str, list[str]]  # warned place id -> ids of the incidents inside it (any date), for charts
    baseline_list: list[Warning] = field(default_factory=list)  # the naive baseline's warnings
    episodes: list[dict[str, Any]] = field(default_factory=list)  # per episode (forewarn.episodes)

    def to_json(self) -> dict[str, Any]:
        return {
            "parameters": self.parameters,
            "data": self.data,
            "incidents": self.incidents,
            "warnings": self.warnings,
            "summary": self.summary,
            "baseline": self.baseline,
            "narrative_surges": self.narrative,
            "episodes": self.episodes,
            "rule": self.rule,
        }


def run_backtest(
    claims: Iterable[Claim],
    incidents: Iterable[Incident],
    tree: PlaceTree,
    rule: SurgeRule,
    *,
    horizon_days: int = 60,
    start: date | None = None,
    end: date | None = None,
    radius_km: float = DEFAULT_RADIUS_KM,
    data_start: date | None = None,
    incident_set: str = "as given",
    links: Mapping[str, str] | None = None,
    episodes: Sequence[Episode] = (),
    others: Iterable[Incident] = (),
    narrative: str = "chemical",
) -> Backtest:
    """Replay the `narrative`'s claims (those its scope admits, see signals.NarrativeScope) up to `end`
    (inclusive) and score the warnings opened from `start` on against `incidents`; `incident_set` names that set
    in the output ("confirmed", "alleged", "all"). `links` maps document ids to URLs, for the evidence of each
    warning. `episodes` are told one by one (forewarn.episodes), against the scored incidents and `others` (e.g.
    the alleged ones when confirmed attacks are scored). The naive baseline sees the same claims."""
    lineage = Lineage(tree)
    every = [c for c in claims if c.narrative == narrative]
    dated = [(day, c) for c in every if (day := claim_day(c)) is not None and (end is None or day <= end)]
    known = in_scope((c for _, c in dated), lineage, rule.scopes)
    by_id = {c.id: c for c in known}
    keys = statement_keys(known)
    signals = compute_signals(known, lineage, rule.weights, keys)
    records = [r for r in replay(signals, tree, rule, end=end) if start is None or r.warning.opened_at >= start]
    naive = [w for w in baseline_warnings(known, lineage, rule.quiet_days, end) if _scored(w, start)]
    days = sorted(day for c in known if (day := claim_day(c)) is not None)
    first_claim = days[0] if days else None
    coverage_start = data_start or first_claim
    matcher = _Matcher(tree, horizon_days, radius_km)
    cases = sorted(incidents, key=lambda i: (i.date, i.place, i.id))
    in_range = [i for i in cases if (start is None or i.date >= start) and (end is None or i.date <= end)]
    model_hits = {i.id: matcher.best(i, [r.warning for r in records]) for i in in_range}
    naive_hits = {i.id: matcher.best(i, naive) for i in in_range}
    return Backtest(
        parameters={**_parameters(rule, horizon_days, start, end, radius_km), "incidents": incident_set,
                    "narrative": narrative},  # fmt: skip
        data={
            "claims": len(known),
            "claims_out_of_scope": len(dated) - len(known),  # e.g. poisoning denials outside the theatres
            "undated_claims": sum(1 for c in every if claim_day(c) is None),
            "event_dated_claims": sum(1 for c in known if c.date_kind == "event"),
            "first_claim": _iso(first_claim),
            "last_claim": _iso(days[-1] if days else None),
            "record_starts": _iso(coverage_start),
            "incidents_by_status": _count_by(i.status for i in cases),
            "incident_sources": _count_by(i.source for i in cases),
        },
        incidents=[
            {
                **_incident_row(i, i in in_range, coverage_start, model_hits.get(i.id), naive_hits.get(i.id)),
                "resolved_place": _place_name(tree, i.place_id),
            }
            for i in cases
        ],
        warnings=[
            _warning_row(r, matcher, in_range, statements_of(_claims_of(r, by_id), links, keys)) for r in records
        ],
        summary=_summary([r.warning for r in records], in_range, model_hits, matcher, coverage_start),
        baseline=_summary(naive, in_range, naive_hits, matcher, coverage_start),
        narrative=[_surge_row(s) for s in narrative_surges(signals, rule, narrative=narrative)
                   if start is None or s.day >= start],  # fmt: skip
        rule=rule.describe(),
        signals=signals,
        records=records,
        incident_list=cases,
        inside={
            place: [i.id for i in in_range if matcher.where(place, i)]
            for place in sorted({r.warning.place_id for r in records})
        },
        baseline_list=naive,
        episodes=episode_rows(episodes, known, keys, records, naive, _every(cases, others), matcher, tree),
    )


def _every(cases: Sequence[Incident], others: Iterable[Incident]) -> list[Incident]:
    found = {i.id: i for i in (*cases, *others)}
    return sorted(found.values(), key=lambda i: (i.date, i.place, i.id))


def backtest_store(
    store: Store,
    settings: Settings,
    tree: PlaceTree,
    *,
    horizon_days: int | None = None,
    start: date | None = None,
    end: date | None = None,
    incident_set: str = "confirmed",
    episodes: Sequence[Episode] | None = None,
    narrative: str = "chemical",
) -> Backtest:
    """The backtest over what the store holds: its `narrative`'s claims up to `end`, its incidents of
    `incident_set` ("confirmed" by default, "alleged" or "all"), the settings' rule."""
    if incident_set not in INCIDENT_SETS:
        raise ConfigError(f"the incidents scored are {', '.join(INCIDENT_SETS)}, not {incident_set!r}")
    every = list(store.iter_incidents())
    incidents = [i for i in every if incident_set == "all" or i.status == incident_set]
    if not incidents:
        which = "" if incident_set == "all" else f"{incident_set} "
        raise ConfigError(f"no {which}incidents loaded: run `forewarn incidents load FILE.csv` first")
    first = store.stats().get("first_published")
    claims = list(store.iter_claims(until=end))
    return run_backtest(
        claims,
        incidents,
        tree,
        SurgeRule.from_settings(settings),
        horizon_days=settings.horizon_days if horizon_days is None else horizon_days,
        start=start,
        end=end,
        data_start=date.fromisoformat(first) if first else None,
        incident_set=incident_set,
        links=document_links(store, (c for c in claims if c.kind == "PREEMPTIVE")),
        episodes=[e for e in (load_episodes() if episodes is None else episodes) if e.narrative == narrative],
        others=every,
        narrative=narrative,
    )


def _scored(warning: Warning, start: date | None) -> bool:
    return start is None or warning.opened_at >= start


def baseline_warnings(claims: Sequence[Claim], lineage: Lineage, quiet_days: int, end: date | None) -> list[Warning]:
    """Naive rule: any claim naming a place (either kind) opens a warning there, extended by further
    mentions, closed after `quiet_days` without one."""
    mentions: dict[str, list[tuple[date, Claim]]] = {}
    for claim in claims:
        day = claim_day(claim)
        for ref in claim.places:
            if day is not None:
                mentions.setdefault(ref.id, []).append((day, claim))
    found: list[Warning] = []
    for place_id in sorted(mentions):
        dated = sorted(mentions[place_id], key=lambda m: (m[0], m[1].id))
        found.extend(_naive_runs(place_id, dated, lineage, quiet_days, end))
    return sorted(found, key=lambda w: (w.opened_at, w.place_id))


def _naive_runs(
    place_id: str, dated: list[tuple[date, Claim]], lineage: Lineage, quiet_days: int, end: date | None
) -> list[Warning]:
    runs: list[list[tuple[date, Claim]]] = []
    for day, claim in dated:
        if runs and (day - runs[-1][-1][0]).days <= quiet_days:
            runs[-1].append((day, claim))
        else:
            runs.append([(day, claim)])
    info = lineage.info(place_id)
    found = []
    for run in runs:
        last = run[-1][0]
        closes = last + timedelta(days=quiet_days)
        found.append(
            Warning(
                place_id=place_id,
                place_name=info.name if info.name != place_id else run[0][1].places[0].name,
                level=(info.level or "town"),  # type: ignore[arg-type]
                opened_at=run[0][0],
                last_evidence_at=last,
                score=0.0,
                closed_at=closes if end is None or closes <= end else None,
                claim_ids=tuple(sorted(c.id for _, c in run)),
            )
        )
    return found


class _Matcher:
    def __init__(self, tree: PlaceTree, horizon_days: int, radius_km: float) -> None:
        self.tree, self.horizon, self.radius = tree, horizon_days, radius_km

    def match(self, warning: Warning, incident: Incident) -> Match | None:
        lead = (incident.date - warning.opened_at).days
        if not 0 <= lead <= self.horizon:
            return None
        basis = self.where(warning.place_id, incident)
        return None if basis is None else Match(warning, lead, warning.level, basis)

    def where(self, place_id: str, incident: Incident) -> str | None:
        """How the incident lies within the place ("same place", "inside", "within N km"), or None."""
        if incident.place_id and place_id == incident.place_id:
            return "same place"
        try:
            if incident.place_id and self.tree.contains(place_id, incident.place_id):
                return "inside"
            place = self.tree.get(place_id)
        except NotFoundError:
            return None
        if None in (place.lat, place.lon, incident.lat, incident.lon) or place.level not in ("town", "subdistrict"):
            return None
        distance = _km(place.lat, place.lon, incident.lat, incident.lon)  # type: ignore[arg-type]
        return f"within {self.radius:g} km" if distance <= self.radius else None

    def best(self, incident: Incident, warnings: Iterable[Warning]) -> Match | None:
        found = [m for m in (self.match(w, incident) for w in warnings) if m is not None]
        order = ("town", "subdistrict", "district", "region", "governorate", "country")
        rank = {level: n for n, level in enumerate(order)}
        found.sort(key=lambda m: (rank.get(m.level, 0), -m.lead_days, m.warning.place_id))
        return found[0] if found else None

    def hits(self, warning: Warning, incidents: Iterable[Incident]) -> list[Incident]:
        return [i for i in incidents if self.match(warning, i) is not None]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _place_name(tree: PlaceTree, place_id: str) -> str:
    try:
        return tree.get(place_id).name if place_id else ""
    except NotFoundError:
        return ""


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _parameters(rule: SurgeRule, horizon: int, start: date | None, end: date | None, radius: float) -> dict[str, Any]:
    return {
        "horizon_days": horizon,
        "from": _iso(start),
        "to": _iso(end),
        "radius_km": radius,
        "window_days": rule.window_days,
        "quiet_days": rule.quiet_days,
        "false_alarms_per_place_year": rule.false_alarms_per_place_year,
        "tail_probability_cutoff": round(rule.cutoff, 8),
        "score_threshold": round(rule.threshold, 4),
        "prior_days": rule.prior_days,
        "weights": {
            "official": rule.weights.official,
            "other": rule.weights.other,
            "reported_multiplier": rule.weights.reported,
        },
    }


def _incident_row(
    incident: Incident, in_range: bool, coverage_start: date | None, model: Match | None, naive: Match | None
) -> dict[str, Any]:
    return {
        "id": incident.id,
        "date": incident.date.isoformat(),
        "place": incident.place,
        "governorate": incident.governorate,
        "place_id": incident.place_id,
        "status": incident.status,
        "source": incident.source,
        "in_range": in_range,
        "covered": coverage_start is not None and coverage_start <= incident.date,
        "caught": model is not None,
        "warning_id": model.warning.id if model else None,
        "warning_place": model.warning.place_name if model else None,
        "lead_days": model.lead_days if model else None,
        "match_level": model.level if model else None,
        "match_basis": model.basis if model else None,
        "baseline_caught": naive is not None,
        "baseline_lead_days": naive.lead_days if naive else None,
        "baseline_match_level": naive.level if naive else None,
    }


def _claims_of(record: WarningRecord, by_id: Mapping[str, Claim]) -> list[Claim]:
    return [by_id[c] for c in record.warning.claim_ids if c in by_id]


def _warning_row(
    record: WarningRecord, matcher: _Matcher, incidents: list[Incident], statements: list[Statement]
) -> dict[str, Any]:
    warning = record.warning
    hit = matcher.hits(warning, incidents)
    return {
        "id": warning.id,
        "place_id": warning.place_id,
        "place_name": warning.place_name,
        "level": warning.level,
        "first_seen": record.first_seen.isoformat(),
        "opened_at": warning.opened_at.isoformat(),
        "last_evidence_at": warning.last_evidence_at.isoformat(),
        "closed_at": _iso(warning.closed_at),
        "score": warning.score,
        "statements": record.statements,
        "claims": len(warning.claim_ids),
        "event_dated_claims": record.event_dated,
        "places_cited": list(record.cited),
        "outlets": list(warning.outlets),
        "claimants": list(warning.claimants),
        "context": list(warning.context),
        "evidence": [s.to_json() for s in statements],
        "hit": bool(hit),
        "incidents": [i.id for i in hit],
    }


def _summary(
    warnings: list[Warning],
    incidents: list[Incident],
    caught: dict[str, Match | None],
    matcher: _Matcher,
    coverage_start: date | None,
) -> dict[str, Any]:
    hits = sum(1 for w in warnings if matcher.hits(w, incidents))
    leads = [m.lead_days for m in caught.values() if m is not None]
    covered = [i for i in incidents if coverage_start is not None and coverage_start <= i.date]
    fine = [m for m in caught.values() if m is not None and m.level in FINE_LEVELS]
    by_level: dict[str, int] = {}
    for match in caught.values():
        if match is not None:
            by_level[match.level] = by_level.get(match.level, 0) + 1
    return {
        "warnings": len(warnings),
        "hits": hits,
        "false_alarms": len(warnings) - hits,
        "precision": _ratio(hits, len(warnings)),
        "incidents": len(incidents),
        "caught": len(leads),
        "recall": _ratio(len(leads), len(incidents)),
        "incidents_covered": len(covered),  # on or after the first stored claim
        "recall_covered": _ratio(sum(1 for i in covered if caught.get(i.id)), len(covered)),
        "caught_below_country": len(fine),
        "recall_below_country": _ratio(len(fine), len(incidents)),
        "caught_by_level": dict(sorted(by_level.items())),
        "median_lead_days": statistics.median(leads) if leads else None,
    }


def _count_by(values: Iterable[str]) -> dict[str, int]:
    return dict(sorted(Counter(values).items()))


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _surge_row(surge: NarrativeSurge) -> dict[str, Any]:
    return {
        "day": surge.day.isoformat(),
        "statements_in_window": surge.statements,
        "expected": surge.expected,
        "jump_pct": surge.jump_pct,
        "p": float(f"{surge.probability:.4g}"),
    }
