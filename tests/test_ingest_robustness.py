"""Bad input, memory, crash safety (subprocesses), and the real EUvsDisinfo / FA-KES exports."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forewarn.ingest import ingest
from forewarn.settings import Settings
from forewarn.store import Store

from .test_sources import BILLION_LAUGHS, PAGE, RSS, write

MB = 1 << 20
CHUNK = 8 * MB


def big_file(path: Path, size: int, chunk: bytes | None = None) -> str:
    with path.open("wb") as handle:
        written = 0
        while written < size:
            block = chunk if chunk is not None else os.urandom(CHUNK)
            handle.write(block)
            written += len(block)
    return str(path)


# peak RSS from VmHWM: ru_maxrss would carry over the pytest parent's peak at fork time
MEASURE = """
import json, sys
from pathlib import Path
from forewarn.ingest import ingest
from forewarn.settings import Settings
from forewarn.store import Store
settings = Settings(db=sys.argv[1])
summary = ingest(sys.argv[2:], Store(settings.db_url), settings)
status = Path("/proc/self/status").read_text()
peak = int(status.split("VmHWM:")[1].split()[0]) // 1024
print(json.dumps({"new": summary.new, "quarantined": summary.quarantined, "peak_mb": peak}))
"""


@pytest.mark.slow
def test_bad_inputs_are_reported_good_records_go_in_memory_stays_low(tmp_path: Path) -> None:
    random_jsonl = big_file(tmp_path / "random.jsonl", 200 * MB)
    random_unknown = tmp_path / "random.dat"
    os.link(random_jsonl, random_unknown)
    one_huge_line = big_file(tmp_path / "huge-line.jsonl", 200 * MB, b"x" * CHUNK)
    sources = [
        random_jsonl,
        str(random_unknown),
        one_huge_line,
        write(tmp_path / "truncated.jsonl", '{"id": "t1", "text": "kept"}\n{"id": "t2", "text": "cut'),
        write(tmp_path / "latin.csv", "title,text\nCafé,Le régime a démenti\n".encode("latin-1")),
        write(tmp_path / "malformed.rss", RSS.replace("</channel></rss>", "<item><title>x & y</title>")),
        write(tmp_path / "lol.xml", BILLION_LAUGHS),
        write(tmp_path / "hostile.html", PAGE),
    ]
    db = str(tmp_path / "bad.db")
    run = subprocess.run([sys.executable, "-c", MEASURE, db, *sources], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    figures = json.loads(run.stdout)
    assert figures["peak_mb"] < 500
    # truncated JSONL 1, Latin-1 CSV 1, malformed RSS 3 (its two items and the unclosed third one that
    # feedparser's lenient parser recovers), hostile HTML page 1
    assert figures["new"] == 1 + 1 + 3 + 1
    with Store(f"sqlite:///{db}") as store:
        reasons = {Path(q.origin).name: q.reason for q in store.iter_quarantined()}
        titles = {d.title for d in store.search_documents(limit=20)}
    assert "binary data" in reasons["random.jsonl"] and "binary data" in reasons["random.dat"]
    assert "longer than" in reasons["huge-line.jsonl"]
    assert "truncated" in reasons["truncated.jsonl"]
    assert "malformed feed" in reasons["malformed.rss"]
    assert "billion laughs" in reasons["lol.xml"]
    assert "Café" in titles


def count_documents(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0  # not created or migrated yet


def kill_after(command: list[str], db: Path, at_least: int) -> int:
    """Start an ingest, SIGKILL it as soon as `at_least` documents are stored, return how many were."""
    victim = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300  # generous: the limits guard against a hang, not a slow shared machine
    while count_documents(db) < at_least and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    assert victim.returncode == -signal.SIGKILL, "the ingest finished (or hung) before it could be killed"
    return count_documents(db)


@pytest.mark.slow
def test_sigkill_during_ingest_then_rerun_leaves_every_record_once(tmp_path: Path) -> None:
    """Killed twice mid-write (the first run, then the re-run while it adds the rest), the third run completes:
    every record once, whole batches only. Sized so the kills land mid-file even on an idle machine (40 batches)
    while the three runs stay well inside the test timeout at a load of 10+ on 2 cores."""
    total, batch = 20_000, Settings().batch_size
    source = tmp_path / "big.jsonl"
    with source.open("w") as handle:
        for i in range(total):
            handle.write(json.dumps({"id": f"n{i}", "title": f"Item {i}", "text": f"Report {i} on shelling."}) + "\n")
    db = tmp_path / "crash.db"
    command = [sys.executable, "-m", "forewarn", "--db", str(db), "ingest", str(source), "--no-detect", "--json"]
    first = kill_after(command, db, 2 * batch)  # past the first commit: a kill between batches, mid-file
    assert 2 * batch <= first < total and first % batch == 0  # whole batches only
    second = kill_after(command, db, first + 2 * batch)  # the re-run, once it has added to what was there
    assert first < second < total and second % batch == 0
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=400)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert count_documents(db) == total
    # "claims": what the batch detected as it was written (--no-detect: none)
    assert summary == {"read": total, "new": total - second, "duplicate": second, "quarantined": 0, "claims": 0}


# -- the real exports (../shared/data) ----------------------------------------------------------------------
def test_euvsdisinfo_posts_real_export(shared_data: Path, store: Store) -> None:
    posts = str(shared_data / "euvsdisinfo" / "posts.csv")
    first = ingest([posts], store, Settings())
    assert (first.read, first.new, first.quarantined) == (10_892, 10_892, 0)
    with sqlite3.connect(store.url.removeprefix("sqlite:///")) as conn:
        dated, titled, with_outlet = conn.execute(
            "SELECT count(published_at), sum(title != ''), sum(outlet != '') FROM documents"
        ).fetchone()
    assert dated == titled == 10_892
    assert with_outlet == 10_892 - 229  # 229 cases list no outlet in the export
    assert ingest([posts], store, Settings()).new == 0


def test_euvsdisinfo_full_dataset_and_fakes_real_exports(shared_data: Path, store: Store) -> None:
    full = ingest([str(shared_data / "euvsdisinfo" / "full_dataset.csv")], store, Settings())
    assert (full.read, full.new, full.duplicate, full.quarantined) == (3071, 2769, 302, 0)
    fakes = ingest([str(shared_data / "fakes" / "fakes.csv")], store, Settings())
    assert (fakes.read, fakes.new, fakes.quarantined) == (792, 792, 0)
    kinds = {d.source: d.date_kind for d in store.search_documents(limit=5000)}
    assert kinds == {"fakes": "event", "euvsdisinfo-full": "published"}
    assert not [d for d in store.search_documents("disproof", limit=5) if d.source == "euvsdisinfo-full"]
