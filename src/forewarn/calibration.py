"""Calibration: does the rule deliver the false-alarm budget it states? A placebo test.

The rule promises at most B = `false_alarms_per_place_year` false alarms per place and year "if nothing unusual
were happening". A placebo makes nothing unusual happen while keeping everything else: every pre-emptive
statement keeps its claimant, copies, weights and places, but is moved to the day of another statement, drawn by
a random permutation of the statements' days (its copies move with it, keeping their publication lags). The
stream keeps its volume — the same number of statements on each day, campaigns and quiet years alike — but no
place keeps its own bursts, so every warning the rule then opens is a false alarm by construction. With
`shuffle="places"` each statement instead keeps its day and takes another statement's places.

Rate = warnings per place-year: places = those some statement names itself (the only places the rule can warn
at, see warning.SurgeRule), years = the span of the statements' days. Over many permutations the mean rate is what
the rule really gives; its 95 % interval is the 2.5–97.5 percentiles of the mean over bootstrap resamples of
the permutations. The rule is within budget when that interval covers B or lies below it. Pure and seeded: the
same claims, rule and seed give the same figures.
"""

from __future__ import annotations

import random
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Literal

from .errors import ConfigError
from .model import Claim
from .signals import Lineage, PlaceTree, compute_signals, in_scope, made_day, statement_keys
from .warning import SurgeRule, replay

Shuffle = Literal["dates", "places"]
SHUFFLES: tuple[str, ...] = ("dates", "places")
BOOTSTRAP = 2000


@dataclass(frozen=True)
class Placebo:
    """The placebo test's figures (`to_json()` is `forewarn warnings calibrate --json`)."""

    narrative: str
    shuffle: str
    permutations: int
    seed: int
    statements: int  # distinct pre-emptive statements moved
    places: int  # places some statement names itself
    first_day: date
    last_day: date
    observed: int  # warnings the rule opens on the real stream
    warnings: tuple[int, ...]  # warnings per permuted stream
    budget: float

    @property
    def years(self) -> float:
        return ((self.last_day - self.first_day).days + 1) / 365.25

    @property
    def place_years(self) -> float:
        return self.places * self.years

    @property
    def rates(self) -> list[float]:
        exposure = self.place_years
        return [n / exposure if exposure else 0.0 for n in self.warnings]

    @property
    def rate(self) -> float:
        return statistics.fmean(self.rates) if self.warnings else 0.0

    @property
    def interval(self) -> tuple[float, float]:
        """95 % interval of the mean rate: percentile bootstrap over the permutations (seeded)."""
        rates = self.rates
        if not rates:
            return (0.0, 0.0)
        rng = random.Random(self.seed)
        means = sorted(statistics.fmean(rng.choices(rates, k=len(rates))) for _ in range(BOOTSTRAP))
        return means[int(0.025 * BOOTSTRAP)], means[int(0.975 * BOOTSTRAP) - 1]

    @property
    def spread(self) -> tuple[float, float]:
        """2.5 and 97.5 percentiles of the rate of a single permuted stream: what one record like this shows."""
        rates = sorted(self.rates)
        if not rates:
            return (0.0, 0.0)
        return rates[int(0.025 * (len(rates) - 1))], rates[round(0.975 * (len(rates) - 1))]

    @property
    def within_budget(self) -> bool:
        return self.interval[0] <= self.budget

    def describe(self) -> list[str]:
        """The result in words, for the terminal and the docs."""
        low, high = self.interval
        spread = self.spread
        moved = "days dealt out again among" if self.shuffle == "dates" else "places dealt out again among"
        verdict = "within the budget" if self.within_budget else "OVER the budget"
        mean = statistics.fmean(self.warnings) if self.warnings else 0.0
        return [
            f"placebo ({self.narrative}): {moved} {self.statements} statements, {self.permutations} permutations "
            f"(seed {self.seed})",
            f"{self.places} places named by a statement x {self.years:.2f} years ({self.first_day} to {self.last_day}) "
            f"= {self.place_years:.1f} place-years",
            f"false alarms per place-year: {self.rate:.4f} (95% interval {low:.4f} to {high:.4f}; one record like "
            f"this: {spread[0]:.4f} to {spread[1]:.4f}); budget B = {self.budget:g}: {verdict}",
            f"warnings per permuted record: {mean:.2f} on average; on the real record: {self.observed}",
        ]

    def to_json(self) -> dict[str, Any]:
        low, high = self.interval
        spread = self.spread
        return {
            "narrative": self.narrative,
            "shuffle": self.shuffle,
            "permutations": self.permutations,
            "seed": self.seed,
            "statements": self.statements,
            "places": self.places,
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "years": round(self.years, 3),
            "place_years": round(self.place_years, 2),
            "observed_warnings": self.observed,
            "placebo_warnings_mean": round(statistics.fmean(self.warnings), 3) if self.warnings else 0.0,
            "false_alarms_per_place_year": round(self.rate, 5),
            "interval_95": [round(low, 5), round(high, 5)],
            "single_record_95": [round(spread[0], 5), round(spread[1], 5)],
            "budget": self.budget,
            "within_budget": self.within_budget,
        }


@dataclass(frozen=True)
class _Statement:
    day: date
    copies: tuple[Claim, ...]


def _statements(claims: Sequence[Claim], keys: dict[str, str]) -> list[_Statement]:
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind == "PREEMPTIVE" and made_day(claim) is not None:
            groups[keys[claim.id]].append(claim)
    found = [_Statement(min(made_day(c) or date.max for c in copies), tuple(copies)) for copies in groups.values()]
    return sorted(found, key=lambda s: (s.day, min(c.id for c in s.copies)))


def _moved(claim: Claim, shift: timedelta) -> Claim:
    return replace(
        claim,
        published_at=claim.published_at + shift if claim.published_at else None,
        made_on=claim.made_on + shift if claim.made_on else None,
    )


def permuted(statements: Sequence[_Statement], rng: random.Random, shuffle: str) -> list[Claim]:
    """One placebo stream: the statements' days (or places) dealt out again at random."""
    order = list(range(len(statements)))
    rng.shuffle(order)
    found: list[Claim] = []
    for index, statement in enumerate(statements):
        other = statements[order[index]]
        if shuffle == "dates":
            shift = other.day - statement.day
            found.extend(_moved(c, shift) for c in statement.copies)
        else:
            places = other.copies[0].places
            found.extend(replace(c, places=places) for c in statement.copies)
    return found


def placebo(
    claims: Iterable[Claim],
    tree: PlaceTree,
    rule: SurgeRule,
    *,
    permutations: int = 200,
    seed: int = 1,
    shuffle: str = "dates",
    narrative: str = "chemical",
) -> Placebo:
    """Pure: the placebo test of `rule` on the `narrative`'s claims, those its scope admits (only pre-emptive
    statements are moved; retrospective claims stay as they are: they never open a warning)."""
    if shuffle not in SHUFFLES:
        raise ConfigError(f"shuffle {', '.join(SHUFFLES)}, not {shuffle!r}")
    if permutations < 1:
        raise ConfigError("the placebo test needs at least one permutation")
    lineage = Lineage(tree)
    every = in_scope((c for c in claims if c.narrative == narrative), lineage, rule.scopes)
    keys = statement_keys(every)
    statements = _statements(every, keys)
    others = [c for c in every if c.kind != "PREEMPTIVE"]
    observed = replay(compute_signals(every, lineage, rule.weights, keys), tree, rule)
    rng = random.Random(seed)
    counts = []
    for _ in range(permutations):
        stream = [*permuted(statements, rng, shuffle), *others]
        counts.append(len(replay(compute_signals(stream, lineage, rule.weights, keys), tree, rule)))
    named = {ref.id for s in statements for c in s.copies for ref in c.places}
    days = [s.day for s in statements]
    return Placebo(
        narrative=narrative,
        shuffle=shuffle,
        permutations=permutations,
        seed=seed,
        statements=len(statements),
        places=len(named),
        first_day=min(days, default=date.min),
        last_day=max(days, default=date.min),
        observed=len(observed),
        warnings=tuple(counts),
        budget=rule.false_alarms_per_place_year,
    )
