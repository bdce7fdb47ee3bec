"""The stages after ingest (detect → link → signals → warnings) over a real store: the bundled sample gives the
same claims, statement groups and warnings on PostgreSQL as on SQLite, and a re-run changes nothing."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import pytest

from forewarn.demo import SAMPLE_SOURCES
from forewarn.ingest import ingest
from forewarn.pipeline import process
from forewarn.settings import Settings
from forewarn.store import Store


def _outcome(store: Store) -> dict[str, Any]:
    claims = list(store.iter_claims())
    return {
        "claims": sorted((c.id, c.kind, c.narrative, tuple(p.id for p in c.places)) for c in claims),
        "statements": sorted(sorted(c.id for c in claims if c.statement_id == s) for s in
                             {c.statement_id for c in claims}),
        "warnings": sorted((w.id, w.place_id, w.opened_at, w.closed_at, round(w.score, 9), w.claim_ids)
                           for w in store.iter_warnings()),
    }


def _run(store: Store) -> dict[str, Any]:
    settings = Settings()
    with as_file(files("forewarn") / "data" / "sample") as sample:
        ingest([str(sample / name) for name in SAMPLE_SOURCES], store, settings)
    return process(store, settings)


@pytest.mark.backends("postgresql")
def test_sample_through_every_stage_is_the_same_on_postgresql(store: Store, tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'reference.db'}") as reference:
        _run(reference)
        expected = _outcome(reference)
    figures = _run(store)
    assert figures["claims_written"] > 0 and figures["warnings"] > 0
    outcome = _outcome(store)
    assert outcome == expected
    again = process(store, Settings())
    assert again["claims_written"] == 0  # everything was already read by this detector version
    assert _outcome(store) == outcome
