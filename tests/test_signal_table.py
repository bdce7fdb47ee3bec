"""The signals table and the warnings, updated incrementally, equal a recompute from every claim.

Each step changes the store the way the pipeline and the analysts do (new documents' claims, a document
re-detected, copies linked into one statement, a claim marked wrong or corrected, a claim quoting an old
statement), then refreshes the warnings and compares the table and the warnings with `compute_signals` and
`replay` over every claim, on SQLite and on PostgreSQL."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from forewarn import schema, warning
from forewarn.feedback import Verdict, record
from forewarn.model import Claim
from forewarn.settings import Settings
from forewarn.signal_table import read_signals, update_signal_table
from forewarn.signals import compute_signals
from forewarn.store import Store
from forewarn.warning import SurgeRule, refresh_warnings, replay

from .synthetic import MOD, claim, gazetteer

PLACES = ["Douma", "Khan Shaykhun", "Saraqib", "Idlib", "Aleppo", "Eastern Ghouta", "Latakia", "Hama"]
CLAIMANTS = [MOD, "local residents", "", "Russian Reconciliation Centre"]
OUTLETS = ["TASS", "RT", "Sputnik", "RIA", "SANA"]


def from_scratch(store: Store, settings: Settings) -> tuple[list[Any], list[Any]]:
    rule = SurgeRule.from_settings(settings)
    claims = list(store.iter_claims())
    signals = compute_signals(claims, gazetteer(), rule.weights, scopes=rule.scopes)
    return signals, replay(signals, gazetteer(), rule)


def check(store: Store, settings: Settings) -> None:
    records = refresh_warnings(store, gazetteer(), settings)
    signals, expected = from_scratch(store, settings)
    assert read_signals(store) == signals
    assert records == expected
    assert sorted(store.iter_warnings(), key=lambda w: w.id) == sorted((r.warning for r in expected),
                                                                       key=lambda w: w.id)  # fmt: skip


def random_claim(rng: random.Random, day: date, statements: list[str]) -> Claim:
    places = rng.sample(PLACES, rng.choice([0, 1, 1, 1, 2]))
    statement = rng.choice(statements) if statements and rng.random() < 0.3 else ""
    found = claim(day, *places, kind=rng.choice(["PREEMPTIVE", "PREEMPTIVE", "RETROSPECTIVE"]),
                  claimant=rng.choice(CLAIMANTS), stance=rng.choice(["asserted", "asserted", "reported"]),
                  outlet=rng.choice(OUTLETS), statement=statement,
                  text=f"statement {rng.random():.12f} about {', '.join(places) or 'nowhere'}",
                  date_kind=rng.choice(["published"] * 5 + ["event"]))  # fmt: skip
    if rng.random() < 0.1:  # a quotation of a statement made days before
        found = replace(found, made_on=day - timedelta(days=rng.randint(1, 40)), quoted=True)
    return found


class Rebuilds:
    """Counts the replays rebuilt from the whole signals table."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = warning._Checkpoints.build

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.count += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(warning._Checkpoints, "build", counted)


@pytest.mark.backends()
def test_random_writes_keep_signals_and_warnings_equal_to_a_recompute(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(11)
    settings = Settings()
    rebuilds = Rebuilds(monkeypatch)
    day = date(2018, 1, 1)
    stored: dict[str, list[Claim]] = {}  # document id -> its claims
    statements: list[str] = ["s-a", "s-b"]
    for step in range(40):
        action = rng.random()
        if action < 0.6 or not stored:  # news: mostly today's, sometimes a late copy of an older day
            day += timedelta(days=rng.choice([0, 0, 1, 1, 2, 5]))
            when = day if rng.random() < 0.85 else day - timedelta(days=rng.randint(1, 30))
            for found in (random_claim(rng, when, statements) for _ in range(rng.randint(1, 6))):
                stored.setdefault(found.document_id, []).append(found)
                store.replace_claims([found.document_id], stored[found.document_id], "test")
                if found.statement_id:
                    statements.append(found.statement_id)
        elif action < 0.7:  # a document re-detected: its claims gone
            document = rng.choice(sorted(stored))
            store.replace_claims([document], [], "test")
            del stored[document]
        elif action < 0.85:  # linking joins two claims into one statement
            claims = [c for group in stored.values() for c in group]
            a, b = rng.sample(claims, 2) if len(claims) > 1 else (claims[0], claims[0])
            key = a.statement_id or a.id
            store.set_statement_ids({b.id: key})
            stored[b.document_id] = [replace(c, statement_id=key) if c.id == b.id else c for c in stored[b.document_id]]
        else:  # an analyst's verdict
            target = rng.choice([c for group in stored.values() for c in group])
            verdict = rng.choice(["wrong", "corrected", "right"])
            corrections = {"kind": "RETROSPECTIVE"} if verdict == "corrected" else {}
            record(store, gazetteer(), settings, Verdict(target.id, verdict, corrections=corrections))  # type: ignore[arg-type]
        check(store, settings)
        assert step < 3 or store.count("signal_changes") == 0
    # mostly incremental: a rebuild only when a change reached before the last day published
    assert rebuilds.count < 30


def test_todays_news_never_replays_the_whole_history(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings()
    rng = random.Random(3)
    day = date(2018, 3, 1)
    for _ in range(5):
        day += timedelta(days=1)
        batch = [random_claim(rng, day, []) for _ in range(4)]
        store.replace_claims({c.document_id for c in batch}, batch, "test")
        check(store, settings)
    rebuilds = Rebuilds(monkeypatch)
    for _ in range(6):
        day += timedelta(days=rng.choice([0, 1]))
        batch = [random_claim(rng, day, []) for _ in range(3)]
        store.replace_claims({c.document_id for c in batch}, batch, "test")
        update_before = store.derived["warnings"].revision
        check(store, settings)
        assert store.derived["warnings"].revision == update_before + 1
    assert rebuilds.count == 0


@pytest.mark.backends()
def test_a_new_gazetteer_or_weights_recompute_from_every_claim(store: Store) -> None:
    settings = Settings()
    batch = [claim("2018-03-13", "Douma"), claim("2018-03-14", "Douma", outlet="RT")]
    store.replace_claims({c.document_id for c in batch}, batch, "test")
    assert update_signal_table(store, gazetteer()).full  # the first update: nothing recorded yet
    store.replace_claims({c.document_id for c in batch}, batch, "test")
    assert not update_signal_table(store, gazetteer()).full
    halved = replace(SurgeRule().weights, official=0.5)
    assert update_signal_table(store, gazetteer(), halved).full
    assert read_signals(store) == compute_signals(store.iter_claims(), gazetteer(), halved)
    check(store, settings)


def test_the_sample_fed_in_random_batches_gives_the_full_recompute(sample_db: Path, tmp_path: Path) -> None:
    with Store(f"sqlite:///{sample_db}") as sample:
        claims = list(sample.iter_claims())
    assert claims
    rng = random.Random(5)
    claims.sort(key=lambda c: (c.published_at is None, c.published_at, rng.random()))
    settings = Settings()
    with Store(f"sqlite:///{tmp_path / 'fed.db'}") as store:
        start = 0
        while start < len(claims):
            size = rng.randint(1, max(2, len(claims) // 8))
            batch = claims[start : start + size]
            start += size
            if rng.random() < 0.2:  # some arrive late
                rng.shuffle(batch)
            for document in sorted({c.document_id for c in batch}):
                store.replace_claims([document], [c for c in claims[:start] if c.document_id == document], "test")
            check(store, settings)
        with store.engine.connect() as conn:
            assert conn.execute(schema.signal_changes.select()).first() is None
