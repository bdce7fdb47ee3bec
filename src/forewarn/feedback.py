"""Analyst feedback: a claim marked right or wrong, or its fields corrected, from the dashboard, the API or
Python. Every verdict is logged (`feedback`: who, when, what) and the latest one per claim is the claim's
review (`claim_reviews`). The store applies reviews whenever it reads claims for the pipeline
(Store.iter_claims): a claim marked wrong leaves the signals, the warnings and the backtest at once, and a
correction (another place, another claimant) counts as corrected. Detection never overwrites a review: claim
ids are stable, so a re-detected claim keeps it.

`export_labelled` writes the reviews as labelled JSONL for training, in the fields of the shared labelled sets
(id, text, language, label, narrative, stance, claimant, accused, agent, place).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection, RowMapping

from . import schema
from .errors import ConfigError, NotFoundError
from .model import Claim, PlaceRef, stable_id
from .queries.records import Review

if TYPE_CHECKING:
    from .places import Gazetteer
    from .settings import Settings
    from .store import Store

VERDICTS = ("right", "wrong", "corrected")
CORRECTABLE = ("kind", "stance", "claimant", "accused", "agent", "place", "narrative", "predicted_date")
KINDS = ("PREEMPTIVE", "RETROSPECTIVE")
STANCES = ("asserted", "reported")
MAX_VALUE_CHARS = 300


@dataclass(frozen=True)
class Verdict:
    """What an analyst said about one claim. `corrections` maps a CORRECTABLE field to its right value
    (accused: a list; place: a place id or name)."""

    claim_id: str
    verdict: str
    corrections: Mapping[str, Any]
    analyst: str = ""
    note: str = ""


def _checked(verdict: Verdict, gazetteer: Gazetteer) -> dict[str, Any]:
    """The corrections as stored: validated, places resolved to gazetteer references."""
    if verdict.verdict not in VERDICTS:
        raise ConfigError(f"verdict is one of {', '.join(VERDICTS)}, not {verdict.verdict!r}")
    unknown = sorted(set(verdict.corrections) - set(CORRECTABLE))
    if unknown:
        raise ConfigError(f"cannot correct {', '.join(unknown)}; correctable: {', '.join(CORRECTABLE)}")
    if verdict.verdict == "corrected" and not verdict.corrections:
        raise ConfigError("a correction needs at least one corrected field")
    if verdict.verdict != "corrected" and verdict.corrections:
        raise ConfigError("only the verdict 'corrected' carries corrections")
    stored: dict[str, Any] = {}
    for name, value in verdict.corrections.items():
        stored[name] = _field(name, value, gazetteer)
    return stored


def _field(name: str, value: Any, gazetteer: Gazetteer) -> Any:
    if name == "accused":
        items = value if isinstance(value, list | tuple) else str(value).split(";")
        cleaned = [str(v).strip()[:MAX_VALUE_CHARS] for v in items if str(v).strip()]
        return sorted(dict.fromkeys(cleaned))
    text = str(value).strip()
    if len(text) > MAX_VALUE_CHARS:
        raise ConfigError(f"{name}: at most {MAX_VALUE_CHARS} characters")
    if name == "kind" and text.upper() not in KINDS:
        raise ConfigError(f"kind is one of {', '.join(KINDS)}, not {text!r}")
    if name == "stance" and text not in STANCES:
        raise ConfigError(f"stance is one of {', '.join(STANCES)}, not {text!r}")
    if name == "predicted_date" and text:
        try:
            date.fromisoformat(text)
        except ValueError:
            raise ConfigError(f"predicted_date wants YYYY-MM-DD, not {text!r}") from None
    if name == "place":
        if not text:
            return []
        from .queries.places import resolve_place

        ref = gazetteer.ref(resolve_place(gazetteer, text).id)
        return [_ref_json(ref)]
    return text.upper() if name == "kind" else text


def _ref_json(ref: PlaceRef) -> dict[str, Any]:
    return {"id": ref.id, "name": ref.name, "level": ref.level, "governorate": ref.governorate,
            "governorate_id": ref.governorate_id, "country": ref.country, "lat": ref.lat, "lon": ref.lon}


def applied(claim: Claim, corrections: Mapping[str, Any]) -> Claim:
    """Pure: the claim with an analyst's corrections applied."""
    changes: dict[str, Any] = {}
    for name, value in corrections.items():
        if name == "place":
            changes["places"] = tuple(PlaceRef(**p) for p in value)
        elif name == "accused":
            changes["accused"] = tuple(value)
        elif name == "predicted_date":
            changes["predicted_date"] = date.fromisoformat(value) if value else None
        else:
            changes[name] = value
    return replace(claim, **changes) if changes else claim


Reviews = Mapping[str, tuple[str, Mapping[str, Any]]]


def judged(claim: Claim, reviews: Reviews) -> Claim | None:
    """Pure: the claim as the analysts judged it: None when marked wrong, corrections applied."""
    review = reviews.get(claim.id)
    if review is None or review[0] == "right":
        return claim
    if review[0] == "corrected":
        return applied(claim, review[1])
    return None


def reviewed(claims: Iterable[Claim], reviews: Reviews) -> Iterator[Claim]:
    """Pure: `judged` over many claims, the wrong ones left out."""
    for claim in claims:
        kept = judged(claim, reviews)
        if kept is not None:
            yield kept


def current_reviews(conn: Connection) -> dict[str, tuple[str, dict[str, Any]]]:
    """{claim id: (verdict, corrections)} of every reviewed claim (small: one row per judged claim)."""
    table = schema.claim_reviews
    if not conn.dialect.has_table(conn, table.name):
        return {}
    return {row.claim_id: (row.verdict, json.loads(row.corrections or "{}")) for row in conn.execute(select(table))}


def review_from_row(row: RowMapping, prefix: str = "") -> Review:
    """A claim_reviews row as a Review (`prefix`: its columns' names in a wider row)."""
    corrections = json.loads(row[prefix + "corrections"] or "{}")
    shown = tuple(sorted((k, shown_value(v)) for k, v in corrections.items()))
    at = row[prefix + "updated_at"]
    return Review(row[prefix + "verdict"], row[prefix + "analyst"], at.replace(tzinfo=UTC) if at else None, shown,
                  row[prefix + "note"])


def shown_value(value: Any) -> str:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return ", ".join(str(p.get("name", "")) for p in value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def record(store: Store, gazetteer: Gazetteer, settings: Settings, verdict: Verdict) -> Review:
    """Store a verdict and bring the signals and warnings in step with it at once."""
    from .warning import refresh_warnings

    corrections = _checked(verdict, gazetteer)
    now = datetime.now(UTC).replace(tzinfo=None)
    claims = schema.claims
    with store.engine.begin() as conn:
        row = conn.execute(select(claims).where(claims.c.id == verdict.claim_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"no claim with id {verdict.claim_id!r}")
        original = {k: row[k] for k in ("kind", "stance", "claimant", "agent")}
        original["accused"] = json.loads(row["accused"])
        original["place"] = [p.get("name", "") for p in json.loads(row["places"])][:1]
        conn.execute(insert(schema.feedback).values(
            id=stable_id(verdict.claim_id, now.isoformat(), verdict.analyst, verdict.verdict),
            claim_id=verdict.claim_id, verdict=verdict.verdict, corrections=json.dumps(corrections, ensure_ascii=False),
            analyst=verdict.analyst[:200], note=verdict.note[:2000], created_at=now, sentence=row["sentence"],
            language=row["language"], original=json.dumps(original, ensure_ascii=False),
        ))
        reviews = schema.claim_reviews
        conn.execute(delete(reviews).where(reviews.c.claim_id == verdict.claim_id))
        conn.execute(insert(reviews).values(
            claim_id=verdict.claim_id, verdict=verdict.verdict,
            corrections=json.dumps(corrections, ensure_ascii=False), analyst=verdict.analyst[:200],
            note=verdict.note[:2000], updated_at=now,
        ))
        # The signals need no word from here: a trigger logs the review in signal_changes (schema v16), and the
        # update recomputes the rows the claim counted in before and counts in now, whatever the verdict changed.
    refresh_warnings(store, gazetteer, settings)
    with store.engine.connect() as conn:
        saved = conn.execute(select(schema.claim_reviews).where(
            schema.claim_reviews.c.claim_id == verdict.claim_id)).mappings().one()
    return review_from_row(saved)


def history(store: Store, claim_id: str | None = None) -> list[dict[str, Any]]:
    """The feedback log, oldest first (optionally for one claim), as JSON-ready dicts."""
    table = schema.feedback
    query = select(table).order_by(table.c.created_at, table.c.id)
    if claim_id:
        query = query.where(table.c.claim_id == claim_id)
    with store.engine.connect() as conn:
        return [
            {"id": r["id"], "claim_id": r["claim_id"], "verdict": r["verdict"],
             "corrections": json.loads(r["corrections"]), "analyst": r["analyst"], "note": r["note"],
             "at": r["created_at"].replace(tzinfo=UTC).isoformat()}
            for r in conn.execute(query).mappings()
        ]


def labelled_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Each reviewed claim as a labelled example (the latest verdict): a wrong claim is OTHER, a right one keeps
    its kind, a corrected one carries the corrected fields."""
    claims = schema.claims
    with store.engine.connect() as conn:
        reviews = current_reviews(conn)
        ids = sorted(reviews)
        for start in range(0, len(ids), 500):
            rows = conn.execute(select(claims).where(claims.c.id.in_(ids[start : start + 500])).order_by(claims.c.id))
            for row in rows.mappings():
                verdict, corrections = reviews[row["id"]]
                yield _labelled(row, verdict, corrections)


def _labelled(row: RowMapping, verdict: str, corrections: Mapping[str, Any]) -> dict[str, Any]:
    from .store import _row_claim

    claim = applied(_row_claim(row), corrections)
    narrative = str(corrections.get("narrative") or claim.narrative or "chemical")
    return {
        "id": f"feedback-{claim.id}",
        "text": claim.evidence.sentence,
        "language": claim.language,
        "label": "OTHER" if verdict == "wrong" else claim.kind,
        "narrative": narrative,
        "stance": claim.stance,
        "claimant": "" if verdict == "wrong" else claim.claimant,
        "accused": "" if verdict == "wrong" else "; ".join(claim.accused),
        "agent": "" if verdict == "wrong" else claim.agent,
        "place": "" if verdict == "wrong" or not claim.places else claim.places[0].name,
        "verdict": verdict,
        "document_id": claim.document_id,
    }


def export_labelled(store: Store, handle: IO[str]) -> int:
    count = 0
    for row in labelled_rows(store):
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count
