"""The `sources` table: the watched sources, their health, and what conditional requests need.

Every outcome of a poll is written in one transaction after the items it brought are stored, so a crash
between the two re-reads the items (already stored, so nothing is duplicated) rather than losing them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from .. import schema
from ..errors import NotFoundError, StoreError
from ..sources.fetch import Validators
from ..store import Store
from .config import SourceSpec
from .schedule import Arrival, add_arrival, items_per_day, stale_after, usual_gap

SPEC_FIELDS = ("name", "kind", "location", "interval", "language", "outlet", "tier", "follow", "allow_private")


def _naive(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC).replace(tzinfo=None)


def _aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class SourceState:
    """A source with its health, as stored."""

    spec: SourceSpec
    added_at: datetime
    validators: Validators = Validators()
    body_hash: str = ""
    state: dict[str, Any] = field(default_factory=dict, compare=False)
    next_poll_at: datetime | None = None
    last_poll_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error_at: datetime | None = None
    last_error: str = ""
    consecutive_failures: int = 0
    last_new_at: datetime | None = None
    stale_since: datetime | None = None
    arrivals: tuple[Arrival, ...] = ()
    polls: int = 0
    not_modified: int = 0
    failures: int = 0
    items: int = 0

    @property
    def name(self) -> str:
        return self.spec.name

    def due(self, now: datetime) -> bool:
        return self.next_poll_at is None or self.next_poll_at <= now

    def health(self, now: datetime, stale_factor: float, stale_default: float) -> dict[str, Any]:
        """What `forewarn sources health` shows, as plain values."""
        gap = usual_gap(self.arrivals, self.spec.interval)

        def iso(moment: datetime | None) -> str | None:
            return moment.isoformat(timespec="seconds") if moment else None

        return {
            "name": self.name,
            "kind": self.spec.kind,
            "location": self.spec.location,
            "status": self.status,
            "last_success": iso(self.last_success_at),
            "last_error": self.last_error or None,
            "last_error_at": iso(self.last_error_at),
            "consecutive_failures": self.consecutive_failures,
            "items_per_day": round(items_per_day(self.arrivals, now, self.added_at), 2),
            "items": self.items,
            "last_new": iso(self.last_new_at),
            "usual_gap_s": round(gap) if gap is not None else None,
            "stale_after_s": round(stale_after(self.arrivals, self.spec.interval, stale_factor, stale_default)),
            "stale_since": iso(self.stale_since),
            "next_poll": iso(self.next_poll_at),
            "polls": self.polls,
            "not_modified": self.not_modified,
            "failures": self.failures,
        }

    @property
    def status(self) -> str:
        if self.polls == 0:
            return "new"
        if self.consecutive_failures:
            return "failing"
        return "stale" if self.stale_since else "ok"


@dataclass(frozen=True)
class Outcome:
    """What one poll found, to be written as the source's new state."""

    ok: bool
    new_items: int = 0
    not_modified: bool = False  # a 304
    unchanged: bool = False  # a 200 with the very body parsed last time (not parsed again)
    error: str = ""
    next_poll_at: datetime | None = None
    validators: Validators | None = None
    body_hash: str | None = None
    state: dict[str, Any] | None = None


class SourceBook:
    """Reads and writes the sources table."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.table = schema.sources

    def add(self, spec: SourceSpec, now: datetime, *, replace: bool = True) -> bool:
        """Add a source, or update its description (health kept) when one of that name exists and `replace`;
        returns True when it was new."""
        values = {key: getattr(spec, key) for key in SPEC_FIELDS}
        table = self.table
        try:
            with self.store.engine.begin() as conn:
                row = conn.execute(select(table.c.location, table.c.kind).where(table.c.name == spec.name)).first()
                if row is None:
                    conn.execute(insert(table).values(**values, added_at=_naive(now)))
                    return True
                if not replace:
                    raise StoreError(f"a source called {spec.name!r} exists already (remove it first)")
                changes: dict[str, Any] = dict(values)
                if (row.location, row.kind) != (spec.location, spec.kind):  # another place: start afresh
                    changes.update(etag="", last_modified="", body_hash="", state="{}", next_poll_at=None)
                conn.execute(update(table).where(table.c.name == spec.name).values(**changes))
                return False
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write the sources table: {exc}") from exc

    def remove(self, name: str) -> None:
        with self.store.engine.begin() as conn:
            if not conn.execute(delete(self.table).where(self.table.c.name == name)).rowcount:
                raise NotFoundError(f"no source called {name!r} (see `forewarn sources list`)")

    def all(self) -> list[SourceState]:
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(self.table).order_by(self.table.c.name)).mappings().all()
        return [_state(row) for row in rows]

    def get(self, name: str) -> SourceState:
        with self.store.engine.connect() as conn:
            row = conn.execute(select(self.table).where(self.table.c.name == name)).mappings().first()
        if row is None:
            raise NotFoundError(f"no source called {name!r} (see `forewarn sources list`)")
        return _state(row)

    def record(
        self, source: SourceState, outcome: Outcome, now: datetime, *, stale_factor: float, stale_default: float
    ) -> SourceState:
        """Write a poll's outcome and the health that follows; returns the new state. Staleness is judged here,
        so a failing source turns stale too."""
        arrivals = tuple(source.arrivals)
        last_new = source.last_new_at
        if outcome.new_items:
            arrivals = tuple(add_arrival(arrivals, now, outcome.new_items))
            last_new = now
        quiet_since = last_new or source.added_at
        limit = stale_after(arrivals, source.spec.interval, stale_factor, stale_default)
        stale_since = None
        if now - quiet_since > timedelta(seconds=limit):
            stale_since = source.stale_since or now
        changes: dict[str, Any] = {
            "last_poll_at": _naive(now),
            "next_poll_at": _naive(outcome.next_poll_at),
            "polls": source.polls + 1,
            "arrivals": json.dumps(list(arrivals)),
            "last_new_at": _naive(last_new),
            "stale_since": _naive(stale_since),
            "items": source.items + outcome.new_items,
        }
        if outcome.ok:
            changes.update(last_success_at=_naive(now), consecutive_failures=0)
            changes["not_modified"] = source.not_modified + int(outcome.not_modified or outcome.unchanged)
        else:
            changes.update(last_error_at=_naive(now), last_error=outcome.error[:2000],
                           consecutive_failures=source.consecutive_failures + 1, failures=source.failures + 1)
        if outcome.validators is not None:
            changes.update(etag=outcome.validators.etag, last_modified=outcome.validators.last_modified)
        if outcome.body_hash is not None:
            changes["body_hash"] = outcome.body_hash
        if outcome.state is not None:
            changes["state"] = json.dumps(outcome.state, ensure_ascii=False)
        with self.store.engine.begin() as conn:
            conn.execute(update(self.table).where(self.table.c.name == source.name).values(**changes))
        return self.get(source.name)

    def known_url_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of these canonical URLs some stored document already has."""
        wanted: Sequence[str] = sorted(set(keys))
        table = schema.documents
        found: set[str] = set()
        with self.store.engine.connect() as conn:
            for start in range(0, len(wanted), 500):
                part = wanted[start : start + 500]
                found.update(conn.execute(select(table.c.url_key).where(table.c.url_key.in_(part))).scalars())
        return found


def _state(row: Any) -> SourceState:
    spec = SourceSpec(**{key: row[key] for key in SPEC_FIELDS})
    return SourceState(
        spec=SourceSpec(**{**spec.__dict__, "allow_private": bool(spec.allow_private)}),
        added_at=_aware(row["added_at"]) or datetime.now(UTC),
        validators=Validators(row["etag"], row["last_modified"]),
        body_hash=row["body_hash"],
        state=json.loads(row["state"] or "{}"),
        next_poll_at=_aware(row["next_poll_at"]),
        last_poll_at=_aware(row["last_poll_at"]),
        last_success_at=_aware(row["last_success_at"]),
        last_error_at=_aware(row["last_error_at"]),
        last_error=row["last_error"],
        consecutive_failures=row["consecutive_failures"],
        last_new_at=_aware(row["last_new_at"]),
        stale_since=_aware(row["stale_since"]),
        arrivals=tuple((str(t), int(n)) for t, n in json.loads(row["arrivals"] or "[]")),
        polls=row["polls"],
        not_modified=row["not_modified"],
        failures=row["failures"],
        items=row["items"],
    )
