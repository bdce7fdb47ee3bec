"""The signals table, kept in step with the claims table by recomputing only what new or changed claims touch.

Triggers (schema v16) log every write to a claim or to its review in `signal_changes`, whoever writes. An
update reads that log and recomputes the (place, day, narrative) rows those claims count in, now or before,
and the rows of every copy of their statements. A row's figures depend only on the claims counted in it and on
the earlier copies of their statements at that place (which copy is new, how much it raised the weight), so
those rows are computed from the claims of their statements alone: read through indexes, never every claim.
The result is exactly what `compute_signals` gives over every claim (tests/test_signal_table.py).

Everything is recomputed from every claim when what the signals were computed with changes (the gazetteer's
fingerprint, the weights, the narrative scopes: `signal_state.inputs`), when a tree gives no fingerprint, or
when more claims changed than a recompute from scratch costs (a backfill).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select, tuple_
from sqlalchemy.engine import Connection

from . import schema
from .database import upsert
from .model import Claim
from .signals import (
    ClaimEvidence,
    Lineage,
    PlaceTree,
    Scopes,
    Signal,
    Weights,
    compute_signals,
    in_scope,
    made_day,
    statement_keys,
    statement_of,
)
from .store import Store

FULL_ABOVE = 2000  # more changed claims than this: recompute from every claim (one pass beats many lookups)

RowKey = tuple[str, date, str]  # place, day made, narrative
LedgerEntry = tuple[str, date | None, tuple[str, ...], str]  # statement, day made, places counted, narrative


@dataclass(frozen=True)
class SignalUpdate:
    """What one update did: the rows it rewrote as they were and as they are, and the table's revision (bumped
    by every update that writes, so a reader can tell whether anyone else wrote since it last looked)."""

    rows: int
    revision: int
    previous_revision: int
    before: tuple[Signal, ...] = ()  # the rewritten rows as stored before (incremental updates only)
    after: tuple[Signal, ...] = ()
    full: bool = False  # recomputed from every claim (before/after not given)


def inputs_fingerprint(tree: PlaceTree, weights: Weights, scopes: Scopes | None) -> str | None:
    """What the signals depend on besides the claims; None when the tree cannot say what it is."""
    tree_print = getattr(tree, "fingerprint", None)
    if not isinstance(tree_print, str):
        return None
    described = repr((tree_print, weights, sorted((scopes or {}).items())))
    return hashlib.sha256(described.encode("utf-8")).hexdigest()


def update_signals(
    store: Store, tree: PlaceTree, weights: Weights | None = None, scopes: Scopes | None = None
) -> int:
    """Bring the signals table in step with the claims table; returns the number of rows rewritten."""
    return update_signal_table(store, tree, weights, scopes).rows


def update_signal_table(
    store: Store, tree: PlaceTree, weights: Weights | None = None, scopes: Scopes | None = None
) -> SignalUpdate:
    """As `update_signals`, saying what was rewritten."""
    weights = weights or Weights()
    lineage = Lineage(tree)
    fingerprint = inputs_fingerprint(tree, weights, scopes)
    changes = schema.signal_changes
    with store.engine.connect() as conn:
        state = {row.key: row.value for row in conn.execute(select(schema.signal_state))}
        log = conn.execute(select(changes.c.seq, changes.c.claim_id)).all()
    queued = {claim_id for _, claim_id in log}
    book = _Bookkeeping(tuple(seq for seq, _ in log), int(state.get("revision", "0")), fingerprint)
    revision = book.revision
    if fingerprint is None or state.get("inputs") != fingerprint or len(queued) > FULL_ABOVE:
        rows = _update_from_every_claim(store, lineage, weights, scopes, queued, fingerprint != state.get("inputs"),
                                        book)  # fmt: skip
        return SignalUpdate(rows, revision + 1 if rows else revision, revision, full=True)
    if not queued:
        return SignalUpdate(0, revision, revision)
    return _update_touched(store, lineage, weights, scopes, queued, book)


@dataclass(frozen=True)
class _Bookkeeping:
    seqs: tuple[int, ...]  # the change-log entries read (by number: on PostgreSQL a lower one may commit later)
    revision: int
    fingerprint: str | None


def _update_touched(
    store: Store, lineage: Lineage, weights: Weights, scopes: Scopes | None, queued: set[str], book: _Bookkeeping
) -> SignalUpdate:
    with store.engine.connect() as conn:
        previous = _read_ledger(conn, claim_ids=queued)
    changed = store.judged_claims(ids=queued)
    statements = {statement_of(c) for c in changed.values()} | {entry[0] for entry in previous.values()}
    members = _claims_of_statements(store, statements)
    with store.engine.connect() as conn:
        ledger = _read_ledger(conn, statement_ids=statements)  # every copy's rows as they were computed
    current = _entries(members, lineage, scopes)
    touched: set[RowKey] = set()
    for entry in [*ledger.values(), *previous.values(), *current.values()]:
        touched.update(_rows_of(entry))
    before = _read_rows(store, touched)
    # The rows' other claims, and the copies of their statements: which copy is new depends on them.
    others = {e.statement_id for row in before for e in row.evidence} - statements
    relevant = [*members.values(), *_claims_of_statements(store, others).values()]
    fresh = [s for s in compute_signals(relevant, lineage, weights, statement_keys(relevant), scopes)
             if (s.place_id, s.day, s.narrative) in touched]  # fmt: skip
    _write(store, touched, fresh, {cid: current[cid] for cid in changed}, queued, book)
    return SignalUpdate(len(touched), book.revision + 1, book.revision, tuple(before), tuple(fresh))


def _update_from_every_claim(
    store: Store,
    lineage: Lineage,
    weights: Weights,
    scopes: Scopes | None,
    queued: set[str],
    everything: bool,
    book: _Bookkeeping,
) -> int:
    """The rows of every statement whose claims were added, removed, written or reviewed (or of all, when
    `everything`), from one pass over every claim."""
    claims = store.judged_claims(everything=True)
    current = _entries(claims, lineage, scopes)
    with store.engine.connect() as conn:
        previous = _read_ledger(conn)
    changed = {cid for cid, entry in current.items() if everything or cid in queued or previous.get(cid) != entry}
    removed = set(previous) - set(current)
    if not changed and not removed:
        _write(store, set(), [], {}, set(), book, bump=False)
        return 0
    statements = {current[c][0] for c in changed} | {previous[c][0] for c in changed | removed if c in previous}
    touched: set[RowKey] = set()
    for ledger in (current, previous):
        for entry in ledger.values():
            if entry[0] in statements:
                touched.update(_rows_of(entry))
    places = {(p, n) for p, _, n in touched}
    relevant = [c for cid, c in claims.items() if any((p, current[cid][3]) in places for p in current[cid][2])]
    fresh = [s for s in compute_signals(relevant, lineage, weights, statement_keys(relevant), scopes)
             if (s.place_id, s.day, s.narrative) in touched]  # fmt: skip
    _write(store, touched, fresh, {c: current[c] for c in changed}, changed | removed, book)
    return len(touched)


def _claims_of_statements(store: Store, statements: set[str]) -> dict[str, Claim]:
    """Every claim of these statements (by stored id): those linked under the key, and an unlinked claim whose
    own id it is (a corrected kind's computed id is found through its review)."""
    stored_ids = set(statements)
    if statements:
        stored_ids |= {stored for key, stored in _renamed(store).items() if key in statements}
    found = store.judged_claims(ids=stored_ids, statement_ids=statements)
    return {cid: c for cid, c in found.items() if statement_of(c) in statements}


def _renamed(store: Store) -> dict[str, str]:
    """Computed id -> stored id of the claims whose corrected kind changed their id (few: one per review)."""
    reviews = schema.claim_reviews
    with store.engine.connect() as conn:
        corrected = list(conn.execute(select(reviews.c.claim_id).where(reviews.c.verdict == "corrected")).scalars())
    return {c.id: stored for stored, c in store.judged_claims(ids=corrected).items() if c.id != stored}


def _entries(claims: dict[str, Claim], lineage: Lineage, scopes: Scopes | None) -> dict[str, LedgerEntry]:
    """Each claim's ledger entry, by stored id."""
    kept = {c.id: c for c in in_scope(claims.values(), lineage, scopes)}
    return {cid: _ledger_entry(kept.get(c.id, c), lineage, statement_of(c), c.id in kept)
            for cid, c in claims.items()}  # fmt: skip


def _ledger_entry(claim: Claim, lineage: Lineage, statement: str, admitted: bool) -> LedgerEntry:
    places = tuple(sorted(lineage.places_of(claim))) if admitted else ()
    return statement, made_day(claim), places, claim.narrative


def _rows_of(entry: LedgerEntry) -> Iterator[RowKey]:
    _, day, places, narrative = entry
    if day is not None:
        for place_id in places:
            yield place_id, day, narrative


def _read_ledger(
    conn: Connection, *, claim_ids: Iterable[str] | None = None, statement_ids: Iterable[str] | None = None
) -> dict[str, LedgerEntry]:
    table = schema.signal_claims
    if claim_ids is None and statement_ids is None:
        queries = [select(table)]
    elif claim_ids is not None:
        queries = [select(table).where(table.c.claim_id.in_(part)) for part in _chunks(sorted(set(claim_ids)))]
    else:
        queries = [select(table).where(table.c.statement_id.in_(part))
                   for part in _chunks(sorted(set(statement_ids or ())))]  # fmt: skip
    return {
        row.claim_id: (row.statement_id, row.day, tuple(json.loads(row.place_ids)), row.narrative)
        for query in queries
        for row in conn.execute(query)
    }


def _read_rows(store: Store, keys: set[RowKey]) -> list[Signal]:
    table = schema.signals
    with store.engine.connect() as conn:
        return [
            _row_signal(row)
            for part in _chunks(sorted(keys), 300)
            for row in conn.execute(
                select(table).where(tuple_(table.c.place_id, table.c.day, table.c.narrative).in_(part))
            )
        ]


def _write(
    store: Store,
    touched: set[RowKey],
    fresh: list[Signal],
    ledger: dict[str, LedgerEntry],
    stale_claims: set[str],
    book: _Bookkeeping,
    *,
    bump: bool = True,
) -> None:
    """Rewrite the touched rows and the changed claims' ledger entries, consume the change log read, and record
    the inputs and the new revision: one transaction."""
    table, claims_table, changes = schema.signals, schema.signal_claims, schema.signal_changes
    with store.engine.begin() as conn:
        for part in _chunks(sorted(touched), 300):
            conn.execute(delete(table).where(tuple_(table.c.place_id, table.c.day, table.c.narrative).in_(part)))
        for part in _chunks(sorted(stale_claims)):
            conn.execute(delete(claims_table).where(claims_table.c.claim_id.in_(part)))
        if fresh:
            conn.execute(insert(table), [_signal_row(s) for s in fresh])
        if ledger:
            conn.execute(
                insert(claims_table),
                [
                    {"claim_id": cid, "statement_id": sid, "day": day, "place_ids": json.dumps(list(places)),
                     "narrative": narrative}
                    for cid, (sid, day, places, narrative) in sorted(ledger.items())
                ],
            )
        for seqs in _chunks(sorted(book.seqs)):
            conn.execute(delete(changes).where(changes.c.seq.in_(seqs)))
        state = [{"key": "revision", "value": str(book.revision + 1 if bump else book.revision)}]
        if book.fingerprint is not None:
            state.append({"key": "inputs", "value": book.fingerprint})
        else:  # computed with a tree that cannot say what it is: the next update cannot trust the table
            conn.execute(delete(schema.signal_state).where(schema.signal_state.c.key == "inputs"))
        conn.execute(upsert(conn, schema.signal_state, ["key"]), state)


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _signal_row(signal: Signal) -> dict[str, Any]:
    return {
        "place_id": signal.place_id,
        "day": signal.day,
        "narrative": signal.narrative,
        "name": signal.name,
        "level": signal.level,
        "preemptive": signal.preemptive,
        "preemptive_weight": signal.preemptive_weight,
        "direct_preemptive": signal.direct_preemptive,
        "retrospective": signal.retrospective,
        "documents": signal.documents,
        "outlets": json.dumps(list(signal.outlets), ensure_ascii=False),
        "claimants": json.dumps(list(signal.claimants), ensure_ascii=False),
        "event_dated": signal.event_dated,
        "detail": json.dumps([asdict(e) for e in signal.evidence], ensure_ascii=False),
    }


def _row_signal(row: Any) -> Signal:
    evidence = tuple(ClaimEvidence(**e) for e in json.loads(row.detail))
    return Signal(row.place_id, row.day, row.name, row.level, evidence, row.narrative)


def read_signals(
    store: Store,
    *,
    place_ids: Iterable[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    narrative: str | None = None,
) -> list[Signal]:
    """Stored signals (of one narrative, or all), sorted by place, day and narrative."""
    table = schema.signals
    query = select(table).order_by(table.c.place_id, table.c.day, table.c.narrative)
    if narrative is not None:
        query = query.where(table.c.narrative == narrative)
    if place_ids is not None:
        query = query.where(table.c.place_id.in_(list(place_ids)))
    if since:
        query = query.where(table.c.day >= since)
    if until:
        query = query.where(table.c.day <= until)
    with store.engine.connect() as conn:
        return [_row_signal(row) for row in conn.execute(query)]
