"""A warning's evidence as an analyst reads it: the distinct statements behind it, each once.

Copies of one statement (same `statement_id`: syndicated, translated, relayed), and the sentences one claimant's
claim takes in one document (two sentences of one briefing), are folded into one `Statement`
with the sentence of its strongest copy (an official claimant asserting it, before an outlet reporting it),
its claimant, the day it was made, the places it names, a source link, and every `Relay` — the outlets and
languages that carried it, each with its own link and day. The context lines ("an attack at Douma was alleged
here …") come from the warning itself: the replay writes one per place inside the warned one, each once.

`statements_of` and `warning_evidence` are pure over claims and a document-id → URL mapping, so the CLI, the
report, the API and the exports all read the same model; `load_warning_evidence` is the store-bound wrapper.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from .errors import NotFoundError
from .lexicon import OFFICIAL_CLAIMANTS
from .model import Claim, Warning
from .signals import claim_day, fold_documents, made_day, statement_keys, statement_of
from .store import Store


@dataclass(frozen=True)
class Relay:
    """One copy of a statement: who carried it, in which language, when, and where to read it."""

    claim_id: str
    document_id: str
    outlet: str
    language: str
    stance: str
    published_on: date | None
    url: str


@dataclass(frozen=True)
class Statement:
    """One distinct statement behind a warning, its copies folded."""

    statement_id: str
    sentence: str  # the strongest copy's sentence(s): every claim sentence of its document, in text order
    claimant: str
    stance: str  # "asserted" if any copy asserts it
    made_on: date | None  # when the statement was made (the earliest of its copies)
    quoted: bool  # every copy quotes it as an earlier statement
    places: tuple[str, ...]  # the places its copies name, most specific first
    url: str  # a source link: the strongest copy's, else the first copy with one
    relays: tuple[Relay, ...]  # every document that carried it, in publication order
    members: tuple[str, ...] = ()  # the statements as the signals count them, folded into this one (sorted)

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.outlet for r in self.relays if r.outlet))

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.language for r in self.relays if r.language))

    def to_json(self) -> dict[str, Any]:
        data = _fields(self)  # shallow: asdict deep-copies every field, a third of a warning page's time
        del data["members"]  # how the signals split it is the signals' business (see `members`)
        data["made_on"] = _iso(self.made_on)
        data["relays"] = [{**_fields(r), "published_on": _iso(r.published_on)} for r in self.relays]
        return {**data, "outlets": list(self.outlets), "languages": list(self.languages), "copies": len(self.relays)}


@dataclass(frozen=True)
class WarningEvidence:
    warning: Warning
    statements: tuple[Statement, ...]  # in the order they were made

    @property
    def context(self) -> tuple[str, ...]:
        return self.warning.context

    def to_json(self) -> dict[str, Any]:
        return {
            "statements": [s.to_json() for s in self.statements],
            "context": list(self.context),
            "copies": sum(len(s.relays) for s in self.statements),
        }


def _fields(record: Any) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in fields(record)}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _strength(claim: Claim) -> tuple[int, int, str]:
    """Sort key, strongest first: an official claimant, then an asserted copy, then the earliest."""
    day = claim_day(claim)
    return (
        0 if claim.claimant in OFFICIAL_CLAIMANTS else 1,
        0 if claim.stance == "asserted" else 1,
        (day.isoformat() if day else "9999") + claim.id,
    )


def statements_of(
    claims: Iterable[Claim], links: Mapping[str, str] | None = None, keys: Mapping[str, str] | None = None
) -> list[Statement]:
    """Pure: the distinct statements among `claims`, copies folded, ordered by the day they were made.
    `links` maps a document id to its URL (a claim's source_ref stands in when it is a URL); `keys` maps claim
    ids to statements as the signals counted them (default: `signals.statement_keys` of these claims)."""
    links = links or {}
    claims = list(claims)
    # One briefing written up once is one statement to the reader, however many of its sentences make the claim.
    counted = keys if keys is not None else statement_keys(claims)
    folded = fold_documents(claims, counted)
    groups: dict[str, list[Claim]] = defaultdict(list)
    members: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        groups[folded[claim.id]].append(claim)
        members[folded[claim.id]].add(counted.get(claim.id) or statement_of(claim))
    found = [read_statement(sid, copies, links, tuple(sorted(members[sid]))) for sid, copies in groups.items()]
    return sorted(found, key=statement_order)


def statement_order(statement: Statement) -> tuple[date, str]:
    """The order a warning's statements are read in: the day each was made (undated last), then its id."""
    return statement.made_on or date.max, statement.statement_id


def _link(claim: Claim, links: Mapping[str, str]) -> str:
    url = links.get(claim.document_id, "")
    if not url and claim.source_ref.startswith(("http://", "https://")):
        url = claim.source_ref
    return url


def read_statement(statement_id: str, copies: Iterable[Claim], links: Mapping[str, str],
                   members: tuple[str, ...]) -> Statement:
    """Pure: one statement from all of its copies (the claims `fold_documents` put under `statement_id`);
    `members` are the statement keys folded into it. The order of `copies` does not matter."""
    copies = list(copies)
    ranked = sorted(copies, key=_strength)
    best = ranked[0]
    same_document = sorted((c for c in copies if c.document_id == best.document_id),
                           key=lambda c: (c.evidence.start, c.id))
    sentence = " ".join(dict.fromkeys(c.evidence.sentence for c in same_document))
    by_day = sorted(copies, key=lambda c: ((claim_day(c) or date.max), c.outlet, c.id))
    carried = {c.document_id: c for c in reversed(by_day)}  # one relay per document: two sentences are one copy
    relays = tuple(
        Relay(c.id, c.document_id, c.outlet, c.language, c.stance, claim_day(c), _link(c, links))
        for c in by_day
        if carried[c.document_id] is c
    )
    made = [d for c in copies if (d := made_day(c)) is not None]
    places = tuple(dict.fromkeys(p.name for c in ranked for p in c.places))
    url = _link(best, links) or next((r.url for r in relays if r.url), "")
    claimant = best.claimant or next((c.claimant for c in ranked if c.claimant), "")
    return Statement(
        statement_id=statement_id,
        sentence=sentence,
        claimant=claimant,
        stance="asserted" if any(c.stance == "asserted" for c in copies) else best.stance,
        made_on=min(made) if made else None,
        quoted=all(c.quoted for c in copies),
        places=places,
        url=url,
        relays=relays,
        members=members,
    )


def warning_evidence(
    warning: Warning,
    claims: Iterable[Claim],
    links: Mapping[str, str] | None = None,
    keys: Mapping[str, str] | None = None,
) -> WarningEvidence:
    """Pure: the evidence of one warning from (at least) its claims; `keys` as for `statements_of`, best computed
    over every claim (copies can be linked through claims outside the warning)."""
    claims = list(claims)
    keys = keys if keys is not None else statement_keys(claims)
    wanted = set(warning.claim_ids)
    return WarningEvidence(warning, tuple(statements_of((c for c in claims if c.id in wanted), links, keys)))


def document_links(store: Store, claims: Iterable[Claim]) -> dict[str, str]:
    """Document id -> URL for the documents of these claims."""
    ids = {c.document_id for c in claims}
    return {d.id: d.url for d in store.get_documents(ids) if d.url}


def load_warning_evidence(store: Store, warning_id: str) -> WarningEvidence:
    """The evidence of a stored warning, with its documents' links."""
    warning = next((w for w in store.iter_warnings() if w.id == warning_id), None)
    if warning is None:
        raise NotFoundError(f"no warning with id {warning_id!r}")
    claims = list(store.iter_claims(kind="PREEMPTIVE"))
    wanted = set(warning.claim_ids)
    mine = [c for c in claims if c.id in wanted]
    return warning_evidence(warning, mine, document_links(store, mine), statement_keys(claims))
