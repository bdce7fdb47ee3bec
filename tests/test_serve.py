"""`forewarn serve --workers N`: a read-only server answers from N processes on one socket; a writable one
refuses more than one (its dashboard sign-ins live in one process's memory)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.servers import server_process

pytestmark = pytest.mark.slow


def worker_processes(pid: int) -> list[int]:
    """The server's child processes that run forewarn (uvicorn's workers), from Linux /proc."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            command = Path(f"/proc/{child}/cmdline").read_bytes()
            if b"spawn_main" in command:
                found.append(int(child))
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads worker processes from Linux /proc")
def test_read_only_server_answers_from_several_workers(sample_db: Path) -> None:
    with server_process(sample_db, read_only=True, workers=2) as (base, process):
        assert len(worker_processes(process.pid)) == 2
        with httpx.Client(base_url=base, timeout=30) as http:
            pages = [http.get("/api/v1/claims", params={"limit": 5}) for _ in range(6)]
            assert all(p.status_code == 200 for p in pages)
            assert len({p.content for p in pages}) == 1  # every worker reads the same store the same way
            assert pages[0].json()["items"]
            claim = pages[0].json()["items"][0]["id"]
            refused = http.post(f"/api/v1/claims/{claim}/feedback", json={"verdict": "wrong"})
            assert refused.status_code == 403  # read-only in every worker


def test_a_writable_server_keeps_one_worker(sample_db: Path) -> None:
    command = [sys.executable, "-m", "forewarn", "--db", str(sample_db), "serve", "--workers", "2",
               "--port", "1"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "--workers above 1 needs --read-only" in done.stdout + done.stderr
