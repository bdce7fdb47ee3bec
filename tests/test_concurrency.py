"""Concurrent writers de-duplicate atomically (INSERT … ON CONFLICT DO NOTHING in the database), on both backends:
two `forewarn ingest` processes of the same 50,000-record file at once both exit 0 and store each record once,
and their summaries add up exactly; so do two ingests of copies of id-less records (unique by content)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from forewarn.store import Store

pytestmark = [pytest.mark.backends, pytest.mark.slow]

RECORDS = 50_000


def _ingest_together(database_url: str, *files: Path) -> list[dict[str, int]]:
    Store(database_url).close()  # migrate first: the race under test is the ingest, not a fresh database's DDL
    command = [sys.executable, "-m", "forewarn", "--db", database_url, "ingest", "--no-detect", "--json"]
    runs = [subprocess.Popen([*command, str(f)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for f in files]
    summaries = []
    for run in runs:
        stdout, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr[-2000:]
        assert "Traceback" not in stderr
        summaries.append(json.loads(stdout))
    return summaries


def test_two_ingests_of_one_file_at_once(tmp_path: Path, database_url: str) -> None:
    source = tmp_path / "wire.jsonl"
    with source.open("w") as handle:
        for n in range(RECORDS):
            handle.write(json.dumps({"id": f"w{n}", "text": f"Dispatch {n} from the front", "lang": "en"}) + "\n")
    first, second = _ingest_together(database_url, source, source)
    for summary in (first, second):
        assert summary["read"] == RECORDS and summary["new"] + summary["duplicate"] == RECORDS
    assert first["new"] + second["new"] == RECORDS
    with Store(database_url) as store:
        assert store.count("documents") == RECORDS


def test_two_ingests_of_id_less_copies_at_once(tmp_path: Path, database_url: str) -> None:
    """Records without ids in two different files: only their content makes them duplicates."""
    rows = "".join(json.dumps({"text": f"Unsigned note {n} about the convoy", "lang": "en"}) + "\n"
                   for n in range(5_000))
    copies = [tmp_path / "a" / "notes.jsonl", tmp_path / "b" / "notes.jsonl"]
    for path in copies:
        path.parent.mkdir()
        path.write_text(rows)
    first, second = _ingest_together(database_url, *copies)
    assert first["new"] + second["new"] == 5_000
    with Store(database_url) as store:
        assert store.count("documents") == 5_000
