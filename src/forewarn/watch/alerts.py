"""Alerts: a warning that opened or grew, a source gone stale (or back), raised once and delivered.

Raising and delivering are apart (an outbox): an alert is first written to the `alerts` table, under an id
derived from what it is about (the warning and its claim count, the source and the time it went stale), in the
same transaction that records the warning state it reports, so it is raised exactly once whatever happens. It
is then delivered: appended to the JSONL alert log (flushed and fsynced) and printed, then POSTed to the
webhook and/or given to the command, and marked delivered. A crash between the log and its mark is repaired on
start: an alert whose id is in the log already is marked, not written twice. A webhook or command that fails
is retried on later rounds (MAX_ATTEMPTS); both get the alert id (`X-Forewarn-Alert-Id`, `FOREWARN_ALERT_ID`)
so a receiver can drop the rare repeat after a crash between a successful POST and its mark.
"""

from __future__ import annotations

import asyncio
import json
import os
import shlex
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from .. import schema
from ..model import Warning, stable_id
from ..serialise import to_json
from ..store import Store

BASELINE = "(baseline)"  # alerted_warnings row written when the first watch took the open warnings as known
MAX_ATTEMPTS = 20
COMMAND_TIMEOUT = 30.0
WEBHOOK_TIMEOUT = 10.0
SHOWN_CLAIMS = 10
CHANNELS = {"logged": "logged_at", "webhook": "webhook_at", "command": "command_at"}


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class Alert:
    id: str
    kind: str
    subject: str
    payload: dict[str, Any]

    @property
    def message(self) -> str:
        return str(self.payload.get("message", ""))


@dataclass(frozen=True)
class Pending:
    """An alert and the channels it has reached."""

    alert: Alert
    logged: bool
    webhook: bool
    command: bool
    attempts: int


# -- what to raise (pure) -----------------------------------------------------------------------------------
def warning_alert(warning: Warning, previous: Iterable[str] | None, claims: dict[str, dict[str, Any]],
                  now: datetime) -> Alert | None:
    """The alert for a warning seen now, given the claim ids it had when last alerted (None: never): opened,
    grew (new claims since), or nothing."""
    if not warning.is_open:
        return None
    before = set(previous) if previous is not None else None
    current = list(dict.fromkeys(warning.claim_ids))  # a claim can count on several days of the window
    new = [c for c in current if before is None or c not in before]
    if not new:
        return None
    kind = "warning-opened" if before is None else "warning-grew"
    count = len(current)
    verb = "opened" if before is None else f"grew to {count} claims (+{len(new)})"
    message = (f"Warning {verb}: {warning.place_name} ({warning.level}), opened {warning.opened_at}, "
               f"score {warning.score:.1f}, {count} claims from {len(warning.outlets)} outlets")
    payload = {
        "kind": kind,
        "created_at": now.isoformat(timespec="seconds"),
        "message": message,
        "warning": {**to_json(warning), "claims": count},  # the one warning shape (serialise.py)
        "previous_claims": len(before) if before is not None else 0,
        "new_claims": [claims.get(c, {"claim_id": c}) for c in new[:SHOWN_CLAIMS]],
    }
    return Alert(stable_id(kind, warning.id, str(count)), kind, warning.id, payload)


def source_alert(name: str, location: str, stale_since: datetime | None, was_stale: datetime | None,
                 now: datetime, detail: dict[str, Any]) -> Alert | None:
    """source-stale when a source has just gone stale, source-recovered when a stale one brought news."""
    if stale_since is not None and was_stale is None:
        kind, moment = "source-stale", stale_since
        message = (f"Source stale: {name} has brought nothing new since {detail.get('last_new') or 'it was added'} "
                   f"(usual gap {detail.get('usual_gap_s') or '?'} s, stale after {detail.get('stale_after_s')} s)")
    elif stale_since is None and was_stale is not None:
        kind, moment = "source-recovered", was_stale
        since = was_stale.isoformat(timespec="seconds")
        message = f"Source recovered: {name} brings new items again (stale since {since})"
    else:
        return None
    payload = {"kind": kind, "created_at": now.isoformat(timespec="seconds"), "message": message,
               "source": {"name": name, "location": location, **detail}}
    return Alert(stable_id(kind, name, moment.isoformat()), kind, name, payload)


# -- the outbox ---------------------------------------------------------------------------------------------
class AlertBook:
    """The alerts and alerted_warnings tables."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def has_baseline(self) -> bool:
        table = schema.alerted_warnings
        with self.store.engine.connect() as conn:
            return conn.execute(select(table.c.warning_id).where(table.c.warning_id == BASELINE)).first() is not None

    def take_baseline(self, now: datetime) -> int:
        """At the first watch of a store: its open warnings are known already, not news. Returns how many."""
        table = schema.alerted_warnings
        rows = [{"warning_id": w.id, "claims": json.dumps(list(dict.fromkeys(w.claim_ids))), "alerted_at": _naive(now)}
                for w in self.store.iter_warnings(open_only=True)]
        rows.append({"warning_id": BASELINE, "claims": "[]", "alerted_at": _naive(now)})
        with self.store.engine.begin() as conn:
            known = set(conn.execute(select(table.c.warning_id)).scalars())
            fresh = [r for r in rows if r["warning_id"] not in known]
            if fresh:
                conn.execute(insert(table), fresh)
        return len(rows) - 1

    def raise_for_warnings(self, now: datetime) -> list[Alert]:
        """Alerts for open warnings that are new or grew since last alerted, raised and recorded at once."""
        table = schema.alerted_warnings
        with self.store.engine.connect() as conn:
            previous = {r.warning_id: json.loads(r.claims) for r in conn.execute(select(table))}
        candidates = list(self.store.iter_warnings(open_only=True))
        wanted = [c for w in candidates for c in w.claim_ids if c not in set(previous.get(w.id, []))]
        details = _claim_details(self.store, wanted)
        raised: list[Alert] = []
        with self.store.engine.begin() as conn:
            for warning in candidates:
                alert = warning_alert(warning, previous.get(warning.id), details, now)
                if alert is None:
                    continue
                state = {"claims": json.dumps(list(dict.fromkeys(warning.claim_ids))), "alerted_at": _naive(now)}
                if warning.id in previous:
                    conn.execute(update(table).where(table.c.warning_id == warning.id).values(**state))
                else:
                    conn.execute(insert(table).values(warning_id=warning.id, **state))
                if self._insert(conn, alert, now):
                    raised.append(alert)
        return raised

    def raise_one(self, alert: Alert, now: datetime) -> bool:
        with self.store.engine.begin() as conn:
            return self._insert(conn, alert, now)

    def _insert(self, conn: Connection, alert: Alert, now: datetime) -> bool:
        table = schema.alerts
        if conn.execute(select(table.c.id).where(table.c.id == alert.id)).first() is not None:
            return False
        payload = {"id": alert.id, **alert.payload}
        conn.execute(insert(table).values(id=alert.id, kind=alert.kind, subject=alert.subject, created_at=_naive(now),
                                          payload=json.dumps(payload, ensure_ascii=False)))
        return True

    def pending(self) -> list[Pending]:
        """Alerts not yet logged, POSTed or given to the command, oldest first."""
        table = schema.alerts
        undone = table.c.logged_at.is_(None) | table.c.webhook_at.is_(None) | table.c.command_at.is_(None)
        query = select(table).where(undone).order_by(table.c.created_at, table.c.id)
        with self.store.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            Pending(Alert(row["id"], row["kind"], row["subject"], json.loads(row["payload"])),
                    row["logged_at"] is not None, row["webhook_at"] is not None, row["command_at"] is not None,
                    row["attempts"])
            for row in rows
        ]

    def mark(self, alert_id: str, now: datetime, *channels: str, error: str | None = None) -> None:
        """Record that the alert went to these channels ("logged", "webhook", "command"), or a failed attempt."""
        table = schema.alerts
        values: dict[str, Any] = {CHANNELS[channel]: _naive(now) for channel in channels}
        if error is not None:
            values["last_error"] = error[:2000]
            values["attempts"] = table.c.attempts + 1
        with self.store.engine.begin() as conn:
            conn.execute(update(table).where(table.c.id == alert_id).values(**values))

    def recent(self, limit: int = 50) -> list[dict[str, Any]]:
        table = schema.alerts
        query = select(table.c.payload).order_by(table.c.created_at.desc(), table.c.id).limit(limit)
        with self.store.engine.connect() as conn:
            return [json.loads(p) for p in conn.execute(query).scalars()]


def _claim_details(store: Store, claim_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Per claim: what an analyst reads first (outlet, sentence, where the document came from)."""
    wanted = set(claim_ids)
    if not wanted:
        return {}
    table = schema.claims
    docs = schema.documents
    query = (select(table.c.id, table.c.document_id, table.c.outlet, table.c.claimant, table.c.sentence,
                    table.c.published_at, docs.c.url, docs.c.title, docs.c.origin)
             .join(docs, docs.c.id == table.c.document_id)
             .where(table.c.id.in_(sorted(wanted))))
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return {
        row["id"]: {
            "claim_id": row["id"], "document_id": row["document_id"], "outlet": row["outlet"],
            "claimant": row["claimant"], "sentence": row["sentence"][:500], "url": row["url"],
            "title": row["title"], "origin": row["origin"],
            "published_at": row["published_at"].isoformat() if row["published_at"] else None,
        }
        for row in rows
    }


# -- delivery -----------------------------------------------------------------------------------------------
def logged_ids(path: Path) -> set[str]:
    """Ids of the alerts in the log (to repair a crash between writing a line and marking it)."""
    found: set[str] = set()
    if not path.exists():
        return found
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            try:
                found.add(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                continue  # a torn last line after a crash mid-write
    return found


def append_log(path: Path, payload: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(payload, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


async def post_webhook(client: httpx.AsyncClient, url: str, alert: Alert) -> None:
    response = await client.post(url, json={"id": alert.id, **alert.payload}, timeout=WEBHOOK_TIMEOUT,
                                 headers={"X-Forewarn-Alert-Id": alert.id})
    if response.status_code >= 300:
        raise RuntimeError(f"webhook answered HTTP {response.status_code}")


async def run_command(command: str, alert: Alert) -> None:
    process = await asyncio.create_subprocess_exec(
        *shlex.split(command), stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE, env={**os.environ, "FOREWARN_ALERT_ID": alert.id,
                                              "FOREWARN_ALERT_KIND": alert.kind},
    )
    data = json.dumps({"id": alert.id, **alert.payload}, ensure_ascii=False).encode("utf-8")
    try:
        _out, err = await asyncio.wait_for(process.communicate(data), timeout=COMMAND_TIMEOUT)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise RuntimeError(f"alert command timed out after {COMMAND_TIMEOUT:g} s") from None
    if process.returncode:
        raise RuntimeError(f"alert command exited {process.returncode}: {err.decode('utf-8', 'replace')[:300]}")


Printer = Callable[[Alert], None]
