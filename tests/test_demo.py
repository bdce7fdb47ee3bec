"""`forewarn demo`: the main job on the bundled sample, end to end, twice (a re-run duplicates nothing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run_demo(db: Path, report: Path) -> dict:
    command = [sys.executable, "-m", "forewarn", "--db", str(db), "demo", "--report", str(report), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_demo_runs_every_stage_and_writes_its_report(tmp_path: Path) -> None:
    first = run_demo(tmp_path / "demo.db", tmp_path / "report")
    assert first["ingested"] == {"read": 60, "new": 60, "duplicate": 0, "quarantined": 0, "claims": 0}
    assert first["evaluation"]["per_class"]["PREEMPTIVE"]["recall"] >= 0.9
    assert first["stages"]["claims_sharing_a_statement"] > 0  # the en/ru/ar copies are linked
    assert first["summary"]["hits"] >= 1  # the Eastern Ghouta run before Douma
    assert first["summary"]["caught"] < first["summary"]["incidents"]  # Saraqib had no warning: a miss
    page = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "Douma" in page and (tmp_path / "report" / "timeline.png").stat().st_size > 10_000

    again = run_demo(tmp_path / "demo.db", tmp_path / "report")
    assert again["ingested"]["new"] == 0 and again["ingested"]["duplicate"] == 60
    assert again["summary"] == first["summary"]
