"""A real `forewarn watch` process, killed with SIGKILL while it polls, restarted, killed again: no item lost,
none stored twice, no alert repeated; SIGTERM stops it cleanly."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from .feedserver import Route, Site, serve
from .test_watch import news
from .test_watch_alerts import statement

KILLS = 3


def command(db: Path, tmp_path: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "forewarn", "--db", str(db), "watch", "--alert-log", str(tmp_path / "alerts.jsonl"),
            "--json", *extra]


def environment(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "FOREWARN_CONFIG": str(tmp_path / "forewarn.toml")}


def start(db: Path, tmp_path: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command(db, tmp_path, *extra), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=environment(tmp_path), cwd=tmp_path)


def wait_for_requests(site: Site, before: int, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while sum(site.hits.values()) <= before:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        assert time.monotonic() < deadline, "the watcher made no request"
        time.sleep(0.05)


def wait_until_processed(db: Path, documents: int, process: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    """Until every document is stored and detected, and the alerts raised are logged."""
    deadline = time.monotonic() + timeout
    while True:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        assert time.monotonic() < deadline, "the watcher did not catch up"
        with sqlite3.connect(db, timeout=30) as conn:
            stored, undetected = conn.execute(
                "SELECT count(*), count(*) - count(detector_version) FROM documents").fetchone()
            unlogged = conn.execute("SELECT count(*) FROM alerts WHERE logged_at IS NULL").fetchone()[0]
        if stored >= documents and not undetected and not unlogged:
            return
        time.sleep(0.2)


def publish(site: Site, round_: int) -> None:
    with site.lock:
        site.routes["/news.rss"].items += [news(f"r{round_}-{k}") for k in range(3)]
        # four statements at once open a warning in the first round (so kills land around alerts), then one
        # more a round makes it grow
        for i in ([0, 1, 2, 3] if round_ == 0 else [round_ + 3] if round_ < 3 else []):
            site.routes["/claims.rss"].items.append(statement(i))
        site.routes["/slow.rss"].items.append(news(f"slow-{round_}"))


def test_sigkill_during_polls_loses_nothing_duplicates_nothing_repeats_no_alert(tmp_path: Path) -> None:
    (tmp_path / "forewarn.toml").write_text("[forewarn]\nfetch_deadline = 10.0\nallow_networks = \"127.0.0.1/32\"\n",
                                            encoding="utf-8")
    db = tmp_path / "kill.db"
    rng = random.Random(11)
    with serve() as site:
        site.add("/news.rss", Route(title="News", site="https://news.example/"))
        site.add("/claims.rss", Route(title="Agency", site="https://agency.example/"))
        site.add("/slow.rss", Route(title="Slow", site="https://slow.example/", mode="hang", hang_seconds=0.4))
        sources = tmp_path / "sources.toml"
        sources.write_text("\n".join(
            f'[[source]]\nname = "{name}"\nurl = "{site.url("/" + name + ".rss")}"\ninterval = "1s"\n'
            for name in ("news", "claims", "slow")), encoding="utf-8")
        for round_ in range(KILLS):
            publish(site, round_)
            before = sum(site.hits.values())
            process = start(db, tmp_path, *(["--sources", str(sources)] if round_ == 0 else []))
            wait_for_requests(site, before, process)
            time.sleep(rng.uniform(0.0, 1.5))  # somewhere in a poll: fetching, storing, detecting, alerting
            process.kill()
            process.wait()
        publish(site, KILLS)
        published = {f"urn:test:{i.guid}" for route in site.routes.values() for i in route.items}
        # the last start reads whatever is still missing; SIGTERM then stops it cleanly (exit 0) mid-polling
        process = start(db, tmp_path)
        wait_until_processed(db, len(published), process)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0

    with sqlite3.connect(db) as conn:
        refs = Counter(ref for (ref,) in conn.execute("SELECT source_ref FROM documents"))
        alert_rows = [row[0] for row in conn.execute("SELECT id FROM alerts WHERE logged_at IS NOT NULL")]
    assert set(refs) == published and set(refs.values()) == {1}  # nothing lost, nothing twice
    logged = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text().splitlines() if line.strip()]
    ids = [a["id"] for a in logged]
    assert len(ids) == len(set(ids))  # no alert repeated, across the kills and restarts
    assert set(ids) == set(alert_rows)
    warning_alerts = [a for a in logged if a["kind"].startswith("warning-")]
    assert [a["kind"] for a in warning_alerts][:1] == ["warning-opened"]
    claims = [a["warning"]["claims"] for a in warning_alerts]
    assert claims == sorted(set(claims)) and claims[-1] == 6  # each growth once, up to all six statements
