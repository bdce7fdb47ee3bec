"""Surge scores and the warning lifecycle.

The rule (also in docs/warnings.md): each day, for each place, the weighted number of *new* pre-emptive
staging statements naming the place (or a place inside it) over the last `window_days` is compared with what
that place's own history predicts. The place's daily rate has a Gamma prior centred on the per-place rate of
the other places of the same level so far (the narrative's overall volume; empirical Bayes), updated by the
place's own past counts. The window's count then has a negative-binomial predictive distribution; its upper tail
probability p says how improbable today's count is. A warning opens when p falls below
`false_alarms_per_place_year / 365`: a place tested every day of a quiet year crosses that line about that
many times by chance. Nothing is fitted to the known attacks.

The replay walks the days in order and, on day t, only ever sees signals of days up to t, so running it on
all claims or on the claims published up to t opens exactly the same warnings up to t.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from itertools import groupby

from .errors import NotFoundError
from .model import Claim, Warning
from .settings import Settings
from .signal_table import read_signals, update_signal_table
from .signals import (
    ALL_PLACES,
    LEVEL_ORDER,
    ClaimEvidence,
    PlaceTree,
    Scopes,
    Signal,
    Weights,
    compute_signals,
    default_scopes,
)
from .store import Store


@dataclass(frozen=True)
class SurgeRule:
    false_alarms_per_place_year: float = 0.5
    window_days: int = 7  # "recent": the statements of the last week
    prior_days: float = 365.0  # the level-wide prior weighs as much as a year of the place's own history
    floor_rate: float = 1 / 365  # before any history: one statement per place-year
    quiet_days: int = 21  # a warning closes after this many days without new evidence
    min_statements: int = 2  # a surge is more than one statement: one alone never opens a warning
    min_documents: int = 2  # ... and more than one report: the sentences of one article never open one alone
    weights: Weights = field(default_factory=Weights)
    scopes: Scopes = field(default_factory=default_scopes)  # which claims count, per narrative

    @classmethod
    def from_settings(cls, settings: Settings) -> SurgeRule:
        return cls(false_alarms_per_place_year=settings.false_alarms_per_place_year, quiet_days=settings.quiet_days)

    @property
    def cutoff(self) -> float:
        """The tail probability below which a warning opens."""
        return self.false_alarms_per_place_year / 365.0

    @property
    def threshold(self) -> float:
        """The same cut-off as a score: -log10(p)."""
        return -math.log10(self.cutoff)

    def describe(self) -> str:
        """The threshold rule in words, for a briefing."""
        return (
            f"A warning opens for a place when the weighted number of new statements claiming that a "
            f"chemical attack is being prepared or staged there (or somewhere inside it) over the last "
            f"{self.window_days} days is so far above what the place's own history and the overall volume of "
            f"the narrative predict that a count this high would occur by chance on fewer than "
            f"{self.cutoff:.2%} of days (p < {self.cutoff:.5f}, score -log10 p >= {self.threshold:.2f}): "
            f"at most {self.false_alarms_per_place_year:g} false alarm(s) per place and year if nothing "
            f"unusual were happening. The expected rate is a Gamma-Poisson (negative-binomial) estimate: the "
            f"per-place rate of the other places of the same level so far, worth {self.prior_days:g} days of "
            f"data, updated by the place's own counts. Weights: {self.weights.describe()}; syndicated copies of one "
            f"statement count once, on the day the statement was made. It takes at least {self.min_statements} "
            f"distinct statements in at least {self.min_documents} documents (one article is one report, however "
            f"many of its sentences make the claim), and at least one of them must name the place itself: claims "
            f"about places inside it never open a warning for it on their own. A warning "
            f"is raised at the most specific place whose evidence crosses the line; a larger area containing it "
            f"opens only on statements not already behind that warning. "
            f"It stays open while new statements arrive and closes after {self.quiet_days} quiet days. The "
            f"rule is fixed in advance and not fitted to the known attacks."
        )


def tail_probability(count: float, alpha: float, beta: float, window: int) -> float:
    """P(X >= count) where X, the window's count, is negative binomial: Poisson with a Gamma(alpha, beta)
    daily rate over `window` days. Continuous in `count` (regularised incomplete beta), so weighted counts
    work: for integer counts it is exactly the negative-binomial upper tail."""
    if count <= 0:
        return 1.0
    from scipy.special import betainc  # here: scipy is a second of start-up, and only scoring needs it

    return float(betainc(count, alpha, window / (beta + window)))


def score_of(probability: float) -> float:
    return -math.log10(max(probability, 1e-300))


@dataclass(frozen=True)
class WarningRecord:
    """A warning with what the Warning record does not carry: when its evidence began, and how much."""

    warning: Warning
    first_seen: date
    statements: int
    event_dated: int
    cited: tuple[str, ...]  # the places its claims name, most frequent first


@dataclass(frozen=True)
class NarrativeSurge:
    """A day when the whole narrative (every place together) jumped above its own trailing level."""

    day: date
    statements: int  # new statements in the window
    expected: float  # trailing daily mean x window
    jump_pct: float | None  # 100 * (statements / expected - 1); None without a trailing baseline
    probability: float


class _Series:
    """Weight increments of one place (or one level) by the day their statements were made, added as the replay
    learns of them: mostly in day order, a quotation of an older statement going back into its place."""

    def __init__(self) -> None:
        self.days: list[date] = []
        self.entries: list[tuple[str, float]] = []  # (statement, increment)
        self._cumulative: list[float] = [0.0]  # _cumulative[i] = total of entries[:i], valid up to _valid
        self._valid = 0

    def copy(self) -> _Series:
        copy = _Series()
        copy.days, copy.entries, copy._cumulative = list(self.days), list(self.entries), list(self._cumulative)
        copy._valid = self._valid
        return copy

    def add(self, day: date, statement: str, increment: float) -> None:
        index = bisect_right(self.days, day)
        self.days.insert(index, day)
        self.entries.insert(index, (statement, increment))
        self._valid = min(self._valid, index)

    def total_before(self, day: date) -> float:
        index = bisect_left(self.days, day)
        if index > self._valid:
            del self._cumulative[self._valid + 1 :]
            for k in range(self._valid, index):
                self._cumulative.append(self._cumulative[k] + self.entries[k][1])
            self._valid = index
        return self._cumulative[index]

    def window(self, first: date, excluded: frozenset[str]) -> float:
        start = bisect_left(self.days, first)
        return sum(inc for sid, inc in self.entries[start:] if sid not in excluded)


@dataclass(frozen=True)
class _Arrival:
    """One claim's evidence at one place, on the day the replay learns of it (its publication day)."""

    place_id: str
    name: str
    level: str
    made: date  # the day the statement was made: where it counts
    item: ClaimEvidence


@dataclass
class _Draft:
    place_id: str
    name: str
    level: str
    opened_at: date
    last_evidence_at: date
    score: float
    first_seen: date
    evidence: dict[str, ClaimEvidence] = field(default_factory=dict)  # claim id -> evidence
    context: dict[str, str] = field(default_factory=dict)  # alleged place -> one line
    closed_at: date | None = None
    narrative: str = "chemical"

    def copy(self) -> _Draft:
        return replace(self, evidence=dict(self.evidence), context=dict(self.context))

    def take(self, evidence: Iterable[ClaimEvidence], day: date, score: float) -> None:
        for item in evidence:
            self.evidence.setdefault(item.claim_id, item)
        self.last_evidence_at = max(self.last_evidence_at, day)
        self.score = max(self.score, score)

    @property
    def statements(self) -> set[str]:
        return {e.statement_id for e in self.evidence.values()}

    def record(self) -> WarningRecord:
        items = sorted(self.evidence.values(), key=lambda e: e.claim_id)
        cited: dict[str, int] = defaultdict(int)
        for item in items:
            cited[item.cited] += 1
        warning = Warning(
            place_id=self.place_id,
            place_name=self.name,
            level=self.level,  # type: ignore[arg-type]
            opened_at=self.opened_at,
            last_evidence_at=self.last_evidence_at,
            score=round(self.score, 4),
            closed_at=self.closed_at,
            claim_ids=tuple(e.claim_id for e in items),
            outlets=tuple(sorted({e.outlet for e in items if e.outlet})),
            claimants=tuple(sorted({e.claimant for e in items if e.claimant})),
            context=tuple(self.context[k] for k in sorted(self.context)),
            narrative=self.narrative,
        )
        ranked = tuple(sorted((n for n in cited if n), key=lambda n: (-cited[n], n)))
        event_dated = sum(e.event_dated for e in items)
        return WarningRecord(warning, self.first_seen, len(self.statements), event_dated, ranked)


CONTEXT_DAYS = 730  # retrospective claims about the place from this many days before are shown as context


class Replay:
    """Day-by-day warning lifecycle; `step(day, arrivals)` is given only what was published on `day`."""

    def __init__(self, tree: PlaceTree, rule: SurgeRule, start: date, narrative: str = "chemical") -> None:
        self.tree, self.rule, self.start, self.narrative = tree, rule, start, narrative
        self.series: dict[str, _Series] = defaultdict(_Series)
        self.levels: dict[str, _Series] = defaultdict(_Series)
        self.level_places: dict[str, set[str]] = defaultdict(set)
        self.retro: dict[str, list[tuple[date, ClaimEvidence]]] = defaultdict(list)
        self.log: dict[str, list[tuple[date, ClaimEvidence]]] = defaultdict(list)
        self.open: dict[str, _Draft] = {}
        self.done: list[_Draft] = []
        self._contains = lru_cache(maxsize=None)(self._contains_uncached)
        self._depth = lru_cache(maxsize=None)(self._depth_uncached)

    def fork(self) -> Replay:
        """An independent copy to step on (lists and drafts copied, the immutable evidence shared)."""
        copy = Replay.__new__(Replay)
        copy.tree, copy.rule, copy.start, copy.narrative = self.tree, self.rule, self.start, self.narrative
        copy.series = defaultdict(_Series, {k: v.copy() for k, v in self.series.items()})
        copy.levels = defaultdict(_Series, {k: v.copy() for k, v in self.levels.items()})
        copy.level_places = defaultdict(set, {k: set(v) for k, v in self.level_places.items()})
        copy.retro = defaultdict(list, {k: list(v) for k, v in self.retro.items()})
        copy.log = defaultdict(list, {k: list(v) for k, v in self.log.items()})
        copy.open = {k: v.copy() for k, v in self.open.items()}
        copy.done = list(self.done)  # a closed draft is never changed again
        copy._contains, copy._depth = self._contains, self._depth
        return copy

    def _contains_uncached(self, outer: str, inner: str) -> bool:
        try:
            return outer != inner and self.tree.contains(outer, inner)
        except NotFoundError:
            return False

    def _depth_uncached(self, place_id: str) -> int:
        """Minus the number of places containing this one: inner places are weighed first, so a region that
        contains a governorate (north-western Syria ⊃ Idlib) only opens on evidence of its own."""
        if place_id == ALL_PLACES:
            return 0
        try:
            return -len(self.tree.ancestors(place_id))
        except NotFoundError:
            return 0

    def step(self, day: date, arrivals: Sequence[_Arrival]) -> None:
        self.close_quiet(day)
        by_place: dict[str, list[_Arrival]] = defaultdict(list)
        for arrival in arrivals:
            self._remember(arrival)
            by_place[arrival.place_id].append(arrival)
        order = sorted(by_place, key=lambda p: (self._depth(p), _specificity(by_place[p][0].level), p))
        for place_id in order:
            if place_id != ALL_PLACES:
                self._consider(day, by_place[place_id])

    def _remember(self, arrival: _Arrival) -> None:
        item, place_id = arrival.item, arrival.place_id
        self.level_places[arrival.level].add(place_id)
        if item.kind == "PREEMPTIVE":
            if item.new or item.increment > 0:
                self.series[place_id].add(arrival.made, item.statement_id, item.increment)
                self.levels[arrival.level].add(arrival.made, item.statement_id, item.increment)
            self.log[place_id].append((arrival.made, item))
        elif item.kind == "RETROSPECTIVE" and item.new:
            self.retro[place_id].append((arrival.made, item))

    def _consider(self, day: date, arrivals: list[_Arrival]) -> None:
        first = arrivals[0]
        place_id = first.place_id
        window_start = day - timedelta(days=self.rule.window_days - 1)
        consumed = self._consumed(place_id)
        # Only statements made within the window are news; an old one quoted today joins the history.
        today = [
            a.item
            for a in arrivals
            if a.item.kind == "PREEMPTIVE" and a.item.statement_id not in consumed and a.made >= window_start
        ]
        if not any(e.new or e.increment > 0 for e in today):
            return
        score = self.score(place_id, first.level, day, consumed)
        draft = self.open.get(place_id)
        if draft is not None:
            draft.take(today, day, score)
        elif score >= self.rule.threshold:
            window = self._window_evidence(place_id, day, consumed)
            if not any(item.direct for _, item in window):
                return  # no statement names the place itself: the warning belongs to the places inside it
            if len({item.statement_id for _, item in window}) < self.rule.min_statements:
                return
            if len({item.document_id for _, item in window}) < self.rule.min_documents:
                return  # two sentences of one briefing in one article are one report, not a surge
            first_seen = min((made for made, _ in window), default=day)
            draft = _Draft(place_id, first.name, first.level, day, day, score, first_seen, narrative=self.narrative)
            draft.take((item for _, item in window), day, score)
            self.open[place_id] = draft
        if draft is not None:
            self._add_context(draft, day)

    def _consumed(self, place_id: str) -> frozenset[str]:
        """Statements already behind an open warning for a place inside this one."""
        found: set[str] = set()
        for inner, draft in self.open.items():
            if self._contains(place_id, inner):
                found |= draft.statements
        return frozenset(found)

    def score(self, place_id: str, level: str, day: date, excluded: frozenset[str] = frozenset()) -> float:
        rule = self.rule
        window_start = day - timedelta(days=rule.window_days - 1)
        series = self.series[place_id]
        count = series.window(window_start, excluded)
        history = series.total_before(window_start)
        exposure = max(0, (window_start - self.start).days)
        # Empirical Bayes, leave-one-out: the prior is the rate of the *other* places of this level, so the
        # place's own history is not counted twice (once in the prior, once in the update).
        others_total = self.levels[level].total_before(window_start) - history
        others_days = max(len(self.level_places[level]) - 1, 0) * exposure
        rate = (others_total + rule.floor_rate * rule.prior_days) / (others_days + rule.prior_days)
        alpha = rate * rule.prior_days + history
        beta = rule.prior_days + exposure
        return score_of(tail_probability(count, alpha, beta, rule.window_days))

    def _window_evidence(
        self, place_id: str, day: date, consumed: frozenset[str]
    ) -> list[tuple[date, ClaimEvidence]]:
        first = day - timedelta(days=self.rule.window_days - 1)
        return [
            (made, item)
            for made, item in self.log[place_id]
            if first <= made <= day and item.statement_id not in consumed
        ]

    def _add_context(self, draft: _Draft, day: date) -> None:
        """One line per place inside the warned one where an attack was alleged (retrospective claims that it was
        staged) in the two years before: the place, how many statements, from when to when."""
        horizon = draft.opened_at - timedelta(days=CONTEXT_DAYS)
        alleged: dict[str, list[date]] = defaultdict(list)
        for made, item in self.retro[draft.place_id]:
            if horizon <= made <= day:
                alleged[item.cited or draft.name].append(made)
        for place, days in alleged.items():
            first, last = min(days), max(days)
            span = first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
            count = f"{len(days)} statement{'s' if len(days) != 1 else ''}"
            draft.context[place] = f"an attack at {place} was alleged here: {count} that it was staged, {span}"

    def close_quiet(self, day: date) -> None:
        """Close every open warning whose last evidence is more than quiet_days before `day`."""
        for place_id in sorted(self.open):
            draft = self.open[place_id]
            closes = draft.last_evidence_at + timedelta(days=self.rule.quiet_days)
            if closes < day:
                draft.closed_at = closes
                self.done.append(self.open.pop(place_id))

    def records(self) -> list[WarningRecord]:
        drafts = [*self.done, *self.open.values()]
        found = [d.record() for d in drafts]
        return sorted(found, key=lambda r: (r.warning.opened_at, r.warning.place_id))


def _specificity(level: str) -> int:
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else 0


def arrivals(signals: Iterable[Signal], end: date | None = None) -> list[tuple[date, _Arrival]]:
    """Every piece of evidence with the day it was published, in publication order, up to `end`."""
    found: list[tuple[date, _Arrival]] = []
    for signal in signals:
        for item in signal.evidence:
            seen = signal.day + timedelta(days=item.lag)
            if end is None or seen <= end:
                found.append((seen, _Arrival(signal.place_id, signal.name, signal.level, signal.day, item)))
    return sorted(found, key=_arrival_order)


def _arrival_order(pair: tuple[date, _Arrival]) -> tuple[date, str, date, str]:
    return pair[0], pair[1].place_id, pair[1].made, pair[1].item.claim_id


def _step_all(engine: Replay, timeline: Iterable[tuple[date, _Arrival]]) -> None:
    for day, group in groupby(timeline, key=lambda p: p[0]):
        engine.step(day, [a for _, a in group])


def replay(
    signals: Iterable[Signal],
    tree: PlaceTree,
    rule: SurgeRule,
    *,
    end: date | None = None,
    start: date | None = None,
    narrative: str | None = None,
) -> list[WarningRecord]:
    """Pure: the warnings the rule opens walking the days up to `end` (inclusive), each narrative on its own (or
    only `narrative`).

    `start` is the first day of the record (exposure starts there; default: the narrative's first publication
    day). On day t the replay has seen only claims published on days <= t; warnings still quiet-free at `end`
    stay open."""
    by_narrative: dict[str, list[Signal]] = defaultdict(list)
    for signal in signals:
        if narrative is None or signal.narrative == narrative:
            by_narrative[signal.narrative].append(signal)
    found: list[WarningRecord] = []
    for name in sorted(by_narrative):
        timeline = arrivals(by_narrative[name], end)
        if not timeline:
            continue
        engine = Replay(tree, rule, start or timeline[0][0], name)
        _step_all(engine, timeline)
        engine.close_quiet((end or timeline[-1][0]) + timedelta(days=1))
        found.extend(engine.records())
    return sorted(found, key=lambda r: (r.warning.opened_at, r.warning.place_id, r.warning.narrative))


def narrative_surges(
    signals: Iterable[Signal], rule: SurgeRule, baseline_days: int = 90, narrative: str = "chemical"
) -> list[NarrativeSurge]:
    """Days when new statements of the narrative about *any* place jumped (the "2,000% jump" kind), one per
    episode: the window's count against the narrative's own Gamma-Poisson history, with the jump over its
    trailing mean."""
    daily: dict[date, int] = defaultdict(int)
    for row in signals:
        if row.place_id == ALL_PLACES and row.narrative == narrative:
            daily[row.day] += row.preemptive
    if not daily:
        return []
    first = min(daily)
    surges: list[NarrativeSurge] = []
    for day in sorted(d for d, n in daily.items() if n):
        surge = _narrative_day(daily, first, day, rule, baseline_days)
        if surge.probability < rule.cutoff and (surge.jump_pct is None or surge.jump_pct > 0):
            surges.append(surge)
    return _peaks(surges, rule.window_days)


def _narrative_day(
    daily: dict[date, int], first: date, day: date, rule: SurgeRule, baseline_days: int
) -> NarrativeSurge:
    window_start = day - timedelta(days=rule.window_days - 1)
    count = sum(n for d, n in daily.items() if window_start <= d <= day)
    history = sum(n for d, n in daily.items() if d < window_start)
    exposure = max(0, (window_start - first).days)
    trailing_from = window_start - timedelta(days=baseline_days)
    trailing = sum(n for d, n in daily.items() if trailing_from <= d < window_start)
    trailing_days = min(baseline_days, exposure)
    # A jump needs a trailing baseline worth the name: at least a third of the baseline period.
    expected = trailing / trailing_days * rule.window_days if trailing_days >= baseline_days / 3 else 0.0
    alpha = rule.floor_rate * rule.prior_days + history
    probability = tail_probability(count, alpha, rule.prior_days + exposure, rule.window_days)
    jump = round(100.0 * (count / expected - 1.0), 1) if expected > 0 else None
    return NarrativeSurge(day, count, round(expected, 3), jump, probability)


def _peaks(surges: list[NarrativeSurge], gap: int) -> list[NarrativeSurge]:
    """One surge per episode (days closer than `gap` apart): the most improbable day."""
    peaks: list[NarrativeSurge] = []
    for surge in surges:
        if peaks and (surge.day - peaks[-1].day).days <= gap:
            if surge.probability < peaks[-1].probability:
                peaks[-1] = surge
            continue
        peaks.append(surge)
    return peaks


def warnings_from_claims(
    claims: Iterable[Claim], tree: PlaceTree, rule: SurgeRule, *, end: date | None = None
) -> list[WarningRecord]:
    """Pure convenience: signals (in the rule's scopes), then the replay."""
    return replay(compute_signals(claims, tree, rule.weights, scopes=rule.scopes), tree, rule, end=end)


def refresh_warnings(
    store: Store, tree: PlaceTree, settings: Settings, *, today: date | None = None
) -> list[WarningRecord]:
    """Update the signals table from new claims, replay the rule up to `today` (default: the last day with
    claims) and store every warning, open and closed. The replay is deterministic, so re-running it keeps
    the history; only re-detected or re-linked claims can change past warnings."""
    rule = SurgeRule.from_settings(settings)
    update = update_signal_table(store, tree, rule.weights, rule.scopes)
    key = repr((rule, getattr(tree, "fingerprint", None) or id(tree)))
    cached = store.derived.get("warnings")
    if not (isinstance(cached, _Checkpoints) and cached.key == key and cached.revision == update.previous_revision
            and not update.full and cached.apply(update.before, update.after)):  # fmt: skip
        cached = _Checkpoints.build(read_signals(store), tree, rule, key)
    cached.revision = update.revision
    store.derived["warnings"] = cached
    records = cached.records(end=today)
    if records is None:  # a day before the checkpoint: replay from the start
        records = replay(read_signals(store), tree, rule, end=today)
    store.replace_warnings(r.warning for r in records)
    return records


@dataclass
class _Checkpoint:
    """One narrative's replay stepped through every day before `edge`, and the evidence published since."""

    base: Replay
    edge: date
    tail: list[tuple[date, _Arrival]]


class _Checkpoints:
    """The replay of every narrative, kept between refreshes on one store handle: a refresh applies the rows
    the signals update rewrote and steps only the days from the last one on, when nothing earlier changed.
    Exactly `replay(read_signals(store), ...)` (tests/test_signal_table.py); anything else rebuilds."""

    def __init__(self, key: str, narratives: dict[str, _Checkpoint]) -> None:
        self.key, self.narratives, self.revision = key, narratives, -1

    @classmethod
    def build(cls, signals: Iterable[Signal], tree: PlaceTree, rule: SurgeRule, key: str) -> _Checkpoints:
        by_narrative: dict[str, list[Signal]] = defaultdict(list)
        for signal in signals:
            by_narrative[signal.narrative].append(signal)
        found: dict[str, _Checkpoint] = {}
        for name, rows in by_narrative.items():
            timeline = arrivals(rows)
            if timeline:
                edge = timeline[-1][0]
                base = Replay(tree, rule, timeline[0][0], name)
                _step_all(base, (p for p in timeline if p[0] < edge))
                found[name] = _Checkpoint(base, edge, [p for p in timeline if p[0] >= edge])
        return cls(key, found)

    def apply(self, before: Sequence[Signal], after: Sequence[Signal]) -> bool:
        """Bring the tails up to date with rewritten rows; False when a change reaches before an edge (the
        caller then rebuilds)."""
        for name in {s.narrative for s in (*before, *after)}:
            old = set(arrivals(s for s in before if s.narrative == name))
            new = set(arrivals(s for s in after if s.narrative == name))
            if old == new:
                continue
            point = self.narratives.get(name)
            if point is None or min(seen for seen, _ in old ^ new) < point.edge:
                return False
            gone = old - new
            point.tail = sorted([*(p for p in point.tail if p not in gone), *(new - old)], key=_arrival_order)
            if not point.tail:
                return False
        return True

    def records(self, end: date | None = None) -> list[WarningRecord] | None:
        """Every narrative's warnings up to `end` (default: its last publication day); None if `end` falls before
        a checkpoint."""
        found: list[WarningRecord] = []
        for point in self.narratives.values():
            last = point.tail[-1][0]
            if end is not None and end < point.edge:
                return None
            if last > point.edge and (end is None or end >= last):  # move the checkpoint to the last day
                _step_all(point.base, (p for p in point.tail if p[0] < last))
                point.edge, point.tail = last, [p for p in point.tail if p[0] >= last]
            engine = point.base.fork()
            _step_all(engine, (p for p in point.tail if end is None or p[0] <= end))
            engine.close_quiet((end or last) + timedelta(days=1))
            found.extend(engine.records())
        return sorted(found, key=lambda r: (r.warning.opened_at, r.warning.place_id, r.warning.narrative))
