"""Per-place daily signals: how many staging statements named a place each day, by whom, through which outlets.

A claim counts for every place it cites and for each of their ancestors (town -> district/region ->
governorate -> country), plus the catch-all place "*" (the whole narrative, whatever place it names).
Syndicated copies of one statement (same `statement_id`) count once per place: the statement is *new* with the
first copy citing that place to be published, and its weight is the highest weight among the copies published
so far, added as increments as it rises.

A claim counts on the day it was *made* (`made_day`: a dated quotation's date, see forewarn.claimdate, else its
document's day), and each piece of evidence also records how many days later it was published (`lag`), so the
replay learns of it only then: an old statement quoted months later joins its place's history, it does not
revive the place. Every figure the replay uses on day t depends only on claims published up to t, which is
what lets the backtest replay history without look-ahead.

`compute_signals` is pure; `forewarn.signal_table.update_signals` keeps the `signals` table in step with the claims
table, rewriting only the (place, day, narrative) rows whose claims changed.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Protocol

from .errors import ConfigError, NotFoundError
from .lexicon import OFFICIAL_CLAIMANTS
from .model import Claim, Place, PlaceRef

ALL_PLACES = "*"  # the row for the whole narrative


# Most specific first: a warning opens at the most specific level whose evidence crosses the threshold.
LEVEL_ORDER = ("town", "subdistrict", "district", "region", "governorate", "country", "all")


class PlaceTree(Protocol):
    """The part of places.Gazetteer that signals, warnings and the backtest use."""

    def get(self, place_id: str) -> Place: ...

    def ancestors(self, place_id: str) -> list[Place]: ...

    def contains(self, outer_id: str, inner_id: str) -> bool: ...


@dataclass(frozen=True)
class Weights:
    """How much one statement counts. Stated up front, never fitted to the known attacks."""

    official: float = 1.0  # a ministry, the General Staff, the Reconciliation Centre, a government
    other: float = 0.5  # "local residents", unnamed sources, or the outlet speaking for itself
    reported: float = 0.5  # multiplier when an outlet reports (or rebuts) the claim rather than asserts it

    def of(self, claim: Claim) -> float:
        base = self.official if claim.claimant in OFFICIAL_CLAIMANTS else self.other
        return base * (self.reported if claim.stance == "reported" else 1.0)

    def describe(self) -> str:
        return (
            f"an official claimant's statement counts {self.official:g}, any other (residents, unnamed, "
            f"outlet only) {self.other:g}; a claim an outlet only reports or rebuts counts "
            f"{self.reported:g} times as much"
        )


@dataclass(frozen=True)
class ClaimEvidence:
    """One claim as it entered a place's signal on one day."""

    claim_id: str
    statement_id: str
    kind: str
    document_id: str
    outlet: str
    claimant: str
    cited: str  # the place the claim names through which it counts here: this place, or the one inside it
    weight: float  # this copy's own weight
    increment: float  # how much it raised its statement's weight at this place (0 for a weaker copy)
    new: bool  # the first copy of its statement at this place
    direct: bool  # it names this place itself, not only a place inside it
    event_dated: bool  # dated by the reported event, the source having no publication date
    lag: int = 0  # days between when the statement was made (the row's day) and when this copy was published
    quoted: bool = False  # the copy quotes an earlier statement (forewarn.claimdate)


@dataclass(frozen=True)
class Signal:
    place_id: str
    day: date
    name: str
    level: str
    evidence: tuple[ClaimEvidence, ...]
    narrative: str = "chemical"

    def _of(self, kind: str) -> list[ClaimEvidence]:
        return [e for e in self.evidence if e.kind == kind]

    @property
    def preemptive(self) -> int:
        return sum(1 for e in self._of("PREEMPTIVE") if e.new)

    @property
    def preemptive_weight(self) -> float:
        return sum(e.increment for e in self._of("PREEMPTIVE"))

    @property
    def direct_preemptive(self) -> int:
        return sum(1 for e in self._of("PREEMPTIVE") if e.new and e.direct)

    @property
    def retrospective(self) -> int:
        return sum(1 for e in self._of("RETROSPECTIVE") if e.new)

    @property
    def documents(self) -> int:
        return len({e.document_id for e in self.evidence})

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({e.outlet for e in self.evidence if e.outlet}))

    @property
    def claimants(self) -> tuple[str, ...]:
        return tuple(sorted({e.claimant for e in self.evidence if e.claimant}))

    @property
    def event_dated(self) -> int:
        return sum(1 for e in self.evidence if e.event_dated)


@dataclass(frozen=True)
class NarrativeScope:
    """Which of a narrative's claims count in its signals, and for which places (data/narrative_scope.toml). A
    claim that names places counts only when one of them lies in a theatre (no theatres: anywhere), and only for
    those: "Russia" named beside Idlib (the blamed or the speaking country) never opens a warning for Russia,
    just as a claim naming Russia alone does not count. A claim that names none counts for the whole-narrative
    row only if pre-emptive, unless `unplaced_retrospective`."""

    theatres: tuple[str, ...] = ()
    unplaced_retrospective: bool = True

    def admits(self, claim: Claim, lineage: Lineage) -> bool:
        return self.counted(claim, lineage) is not None

    def counted(self, claim: Claim, lineage: Lineage) -> Claim | None:
        """The claim as its narrative counts it (only its places inside a theatre), or None if it does not count."""
        if not claim.places:
            return claim if claim.kind == "PREEMPTIVE" or self.unplaced_retrospective else None
        if not self.theatres:
            return claim
        inside = tuple(ref for ref in claim.places if any(t in lineage.chain(ref) for t in self.theatres))
        if not inside:
            return None
        return claim if len(inside) == len(claim.places) else replace(claim, places=inside)


Scopes = Mapping[str, NarrativeScope]


def load_scopes(path: str | Path | None = None) -> dict[str, NarrativeScope]:
    """Each narrative's scope, from a TOML file of `[narrative]` tables (default: data/narrative_scope.toml)."""
    source = Path(path) if path else resources.files("forewarn") / "data" / "narrative_scope.toml"
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the narrative scopes {source}: {exc}") from exc
    return {
        str(name): NarrativeScope(tuple(str(t) for t in table.get("theatres", ())),
                                  bool(table.get("unplaced_retrospective", True)))  # fmt: skip
        for name, table in data.items()
        if isinstance(table, dict)
    }


@lru_cache(maxsize=1)
def _shipped_scopes() -> tuple[tuple[str, NarrativeScope], ...]:
    return tuple(sorted(load_scopes().items()))


def default_scopes() -> dict[str, NarrativeScope]:
    """The shipped scopes (data/narrative_scope.toml), read once."""
    return dict(_shipped_scopes())


def in_scope(claims: Iterable[Claim], lineage: Lineage, scopes: Scopes | None) -> list[Claim]:
    """The claims their narrative's scope admits, each with only the places it counts for (all of them, as they
    are, without scopes)."""
    if scopes is None:
        return list(claims)
    everywhere = NarrativeScope()
    return [kept for c in claims if (kept := scopes.get(c.narrative, everywhere).counted(c, lineage)) is not None]


def claim_day(claim: Claim) -> date | None:
    """The day a claim became public: its document's publication day (UTC), or the event day where the
    source gives only that (claim.date_kind == "event")."""
    if claim.published_at is None:
        return None
    moment = claim.published_at
    return (moment.astimezone(UTC) if moment.tzinfo else moment).date()


def made_day(claim: Claim) -> date | None:
    """The day the statement was made: `claim.made_on` (never after the claim became public), else the day it
    became public."""
    public = claim_day(claim)
    if claim.made_on is None or public is None:
        return public
    return min(claim.made_on, public)


def statement_of(claim: Foldable) -> str:
    return claim.statement_id or claim.id


def statement_keys(claims: Iterable[Claim]) -> dict[str, str]:
    """Claim id -> the statement it belongs to, for counting: claims linked as copies (same `statement_id`) are
    one statement. (Two sentences of one document stay two statements here; the rule asks for evidence from
    more than one document before it opens a warning: SurgeRule.min_documents.)"""
    return {claim.id: statement_of(claim) for claim in claims}


class Foldable(Protocol):
    """What `fold_documents` reads of a claim (a Claim, or a narrow row of its columns)."""

    @property
    def id(self) -> str: ...
    @property
    def document_id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def claimant(self) -> str: ...
    @property
    def statement_id(self) -> str: ...


def fold_documents(claims: Iterable[Foldable], keys: Mapping[str, str]) -> dict[str, str]:
    """Claim id -> statement, with the claims of one document that share kind and claimant (two sentences of one
    briefing) joined into one statement, and through them every copy linked to either. The key of a group is
    its smallest statement key, so it does not depend on the order of the claims. The evidence reads statements
    this way; the score does not yet (see notes on the sample's stance in docs/warnings.md)."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(a: str, b: str) -> None:
        first, second = sorted((find(a), find(b)), key=lambda k: (not k.startswith("s:"), k))
        if first != second:
            parent[second] = first

    members: list[tuple[str, str]] = []
    for claim in claims:
        statement = "s:" + (keys.get(claim.id) or statement_of(claim))
        join(statement, f"d:{claim.document_id}:{claim.kind}:{claim.claimant}")
        members.append((claim.id, statement))
    return {claim_id: find(statement)[2:] for claim_id, statement in members}


@dataclass(frozen=True)
class PlaceInfo:
    id: str
    name: str
    level: str


class Lineage:
    """Each cited place with its ancestors, cached; tolerant of places the gazetteer does not know."""

    def __init__(self, tree: PlaceTree) -> None:
        self.tree = tree
        self.known: dict[str, PlaceInfo] = {ALL_PLACES: PlaceInfo(ALL_PLACES, "all places", "all")}
        self._chain = lru_cache(maxsize=None)(self._compute_chain)

    def chain(self, ref: PlaceRef) -> tuple[str, ...]:
        """The place itself, then its ancestors up to the country."""
        return self._chain(ref)

    def _compute_chain(self, ref: PlaceRef) -> tuple[str, ...]:
        try:
            place = self.tree.get(ref.id)
            line = [place, *self.tree.ancestors(ref.id)]
        except NotFoundError:
            # A place the gazetteer lost: keep what the claim itself resolved (governorate, country).
            self.known.setdefault(ref.id, PlaceInfo(ref.id, ref.name, ref.level))
            if ref.governorate_id and ref.governorate_id != ref.id:
                self.known.setdefault(
                    ref.governorate_id, PlaceInfo(ref.governorate_id, ref.governorate, "governorate")
                )
            if ref.country and ref.country != ref.id:
                self.known.setdefault(ref.country, PlaceInfo(ref.country, ref.country, "country"))
            return tuple(dict.fromkeys(p for p in (ref.id, ref.governorate_id, ref.country) if p))
        for entry in line:
            self.known.setdefault(entry.id, PlaceInfo(entry.id, entry.name, entry.level))
        return tuple(dict.fromkeys(p.id for p in line))

    def places_of(self, claim: Claim) -> dict[str, bool]:
        """Every place a claim counts for -> whether it names that place itself."""
        return {place_id: direct for place_id, (direct, _) in self.routes(claim).items()}

    def routes(self, claim: Claim) -> dict[str, tuple[bool, str]]:
        """Every place a claim counts for -> (whether it names that place itself, the name of the place it names
        there: the place itself, else the most specific cited place inside it)."""
        first = claim.places[0].name if claim.places else ""
        found: dict[str, tuple[bool, str]] = {ALL_PLACES: (not claim.places, first)}
        for ref in claim.places:  # most specific first, so the first route to a place is the most specific
            for index, place_id in enumerate(self.chain(ref)):
                direct, via = found.get(place_id, (False, ref.name))
                found[place_id] = (True, ref.name) if index == 0 else (direct, via)
        return found

    def info(self, place_id: str) -> PlaceInfo:
        return self.known.get(place_id) or PlaceInfo(place_id, place_id, "")


def compute_signals(
    claims: Iterable[Claim],
    tree: PlaceTree | Lineage,
    weights: Weights | None = None,
    statements: Mapping[str, str] | None = None,
    scopes: Scopes | None = None,
) -> list[Signal]:
    """Pure: the daily signal of every place the claims count for, per narrative, sorted by place, day and
    narrative. `statements` maps claim ids to statements (default: `statement_keys` of these claims); `scopes`
    leave out the claims outside their narrative's scope (default: none left out)."""
    lineage = tree if isinstance(tree, Lineage) else Lineage(tree)
    weights = weights or Weights()
    claims = in_scope(claims, lineage, scopes)
    statements = statements if statements is not None else statement_keys(claims)
    # In publication order (then the day made): which copy is "new" depends only on what was published first.
    dated = sorted(
        ((seen, made, c.id, c) for c in claims if (seen := claim_day(c)) and (made := made_day(c))),
        key=lambda p: (p[0], p[1], p[2]),
    )
    best: dict[tuple[str, str, str, str], float] = {}  # (place, narrative, kind, statement) -> weight so far
    rows: dict[tuple[str, date, str], list[ClaimEvidence]] = defaultdict(list)
    for seen, made, claim_id, claim in dated:
        weight = weights.of(claim)
        statement = statements.get(claim_id) or claim.statement_id or claim_id
        for place_id, (direct, cited) in lineage.routes(claim).items():
            key = (place_id, claim.narrative, claim.kind, statement)
            previous = best.get(key)
            best[key] = max(weight, previous or 0.0)
            rows[(place_id, made, claim.narrative)].append(
                ClaimEvidence(
                    claim_id=claim_id,
                    statement_id=statement,
                    kind=claim.kind,
                    document_id=claim.document_id,
                    outlet=claim.outlet,
                    claimant=claim.claimant,
                    cited=cited,
                    weight=weight,
                    increment=weight if previous is None else max(0.0, weight - previous),
                    new=previous is None,
                    direct=direct,
                    event_dated=claim.date_kind == "event",
                    lag=(seen - made).days,
                    quoted=claim.quoted,
                )
            )
    return [_signal(lineage.info(place), day, narrative, rows[(place, day, narrative)])
            for place, day, narrative in sorted(rows)]  # fmt: skip


def _signal(info: PlaceInfo, day: date, narrative: str, evidence: Sequence[ClaimEvidence]) -> Signal:
    ordered = tuple(sorted(evidence, key=lambda e: e.claim_id))
    return Signal(info.id, day, info.name, info.level, ordered, narrative)
