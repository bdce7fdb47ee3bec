"""Latency of `forewarn watch`: from an item appearing in a feed to its alert on the watcher's stdout.

A loopback server (tests/feedserver.py) serves 50 feeds, each polled by a real `forewarn watch` process at a
one-minute interval. Each feed starts with 20 ordinary news items; one feed also carries four official
statements that a chemical attack is being staged at one town, so the first round opens a warning. Then, at
random moments over the run, a new statement (each from another claimant or days apart, so each is a distinct
statement) is added to a random feed: the warning grows and the watcher must raise a `warning-grew` alert
naming that item. The latency of each item is the time from its publication on the server to the arrival of
the first alert naming it on the watcher's stdout.

    .venv/bin/python bench/watch.py                   # 50 feeds, 1-minute interval, 20 items over 10 minutes
    .venv/bin/python bench/watch.py --minutes 3 --items 6 --feeds 20     # a smoke run

Also reported: polls made, the share answered 304, the watcher's CPU time per minute and peak RSS, and, as a
reference side by side, the CPU of one `forewarn ingest --no-detect` of the same feed URLs into a store that
holds them already, less forewarn's start-up (what a cron job re-reading everything each minute would pay per
minute, without conditional requests).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.feedserver import Item, Route, Site, serve  # noqa: E402  (the test server, shared with the tests)

CLAIMANTS = [
    "The Russian Defence Ministry said",
    "The Russian Centre for Reconciliation of Opposing Sides warned that",
    "Syria's foreign ministry said",
    "The Russian embassy said that",
    "Foreign Minister Sergei Lavrov said",
    "Russia's envoy to the United Nations said",
]
CLAIMS = [
    "militants are preparing to stage a chemical attack in Saraqib with chlorine to accuse the Syrian army.",
    "the White Helmets have brought containers of toxic substances into Saraqib to film a staged incident.",
    "terrorists in Saraqib are planning a provocation with poisonous gas to blame government forces.",
    "film crews have arrived in Saraqib to record a fake chemical weapons attack being prepared by militants.",
]
FIRST_DAY = datetime.now(UTC).replace(hour=10, minute=0, second=0, microsecond=0) - timedelta(days=90)


def statement(n: int) -> Item:
    """The n-th statement: claimants rotate (six, so one repeats only six days later, past the linking
    window), one day apart."""
    text = f"{CLAIMANTS[n % len(CLAIMANTS)]} {CLAIMS[n % len(CLAIMS)]}"
    return Item(f"statement-{n}", f"Statement {n} on Saraqib", text, published=FIRST_DAY + timedelta(days=n))


def filler(feed: int, n: int) -> Item:
    return Item(f"f{feed}-{n}", f"Feed {feed} report {n}",
                f"Officials in district {feed} said on day {n} that repairs to the water network were continuing and "
                f"that schools would reopen after the holiday, according to the local administration.")


class AlertReader(threading.Thread):
    """Reads the watcher's JSON lines; notes when each statement is first named by an alert."""

    def __init__(self, stream: object) -> None:
        super().__init__(daemon=True)
        self.stream = stream
        self.first_seen: dict[str, float] = {}
        self.alerts: list[dict[str, object]] = []

    def run(self) -> None:
        for line in self.stream:  # type: ignore[attr-defined]
            try:
                alert = json.loads(line)
            except ValueError:
                continue
            now = time.monotonic()
            self.alerts.append(alert)
            for claim in alert.get("new_claims", []):
                title = str(claim.get("title", ""))
                self.first_seen.setdefault(title, now)


def watcher_command(db: Path, work: Path) -> list[str]:
    return [sys.executable, "-m", "forewarn", "--db", str(db), "watch", "--json",
            "--alert-log", str(work / "alerts.jsonl"), "--sources", str(work / "sources.toml")]


def write_sources(site: Site, feeds: int, work: Path) -> None:
    work.joinpath("sources.toml").write_text("".join(
        f'[[source]]\nname = "feed{i:02d}"\nurl = "{site.url(f"/f{i:02d}.rss")}"\ninterval = "1m"\n\n'
        for i in range(feeds)), encoding="utf-8")
    work.joinpath("forewarn.toml").write_text('[forewarn]\nallow_networks = "127.0.0.1/32"\n', encoding="utf-8")


def reference_ingest(site: Site, feeds: int, work: Path) -> float:
    """CPU seconds of one `forewarn ingest --no-detect` of every feed URL into a store that holds them all
    already (what re-reading everything each minute costs), less the CPU of starting forewarn at all."""
    env = {**os.environ, "FOREWARN_CONFIG": str(work / "forewarn.toml")}
    urls = [site.url(f"/f{i:02d}.rss") for i in range(feeds)]
    ingest = [sys.executable, "-m", "forewarn", "--db", str(work / "reference.db"), "ingest", *urls, "--no-detect"]
    subprocess.run(ingest, check=True, capture_output=True, cwd=work, env=env)  # the first read stores them
    start_only = [sys.executable, "-c", "import forewarn.cli.commands"]
    return _child_cpu(ingest, work, env) - _child_cpu(start_only, work, env)


def _child_cpu(command: list[str], work: Path, env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, capture_output=True, cwd=work, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=10.0, help="measured period, after the first round")
    parser.add_argument("--items", type=int, default=20, help="statements published during the period")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp, serve() as site:
        work = Path(tmp)
        for i in range(args.feeds):
            site.add(f"/f{i:02d}.rss", Route(title=f"Feed {i}", site=f"https://feed{i}.example/",
                                             items=[filler(i, n) for n in range(20)]))
        site.routes["/f00.rss"].items += [statement(n) for n in range(4)]  # opens the warning in round one
        write_sources(site, args.feeds, work)
        db = work / "watch.db"
        env = {**os.environ, "FOREWARN_CONFIG": str(work / "forewarn.toml")}
        process = subprocess.Popen(watcher_command(db, work), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                   text=True, cwd=work, env=env)
        reader = AlertReader(process.stdout)
        reader.start()
        warm = time.monotonic()
        while not any(a.get("kind") == "warning-opened" for a in reader.alerts):
            if time.monotonic() - warm > 600 or process.poll() is not None:
                raise SystemExit("the watcher did not open the first warning")
            time.sleep(0.2)
        print(f"first round done, warning opened after {time.monotonic() - warm:.1f} s", file=sys.stderr)
        hits_before = sum(site.hits.values())
        sent_before = sum(n for (_p, status), n in site.sent.items() if status == 304)
        cpu_before = _cpu(process.pid)
        start = time.monotonic()
        moments = sorted(rng.uniform(0, args.minutes * 60) for _ in range(args.items))
        published: dict[str, float] = {}
        placed: dict[str, str] = {}  # item title -> feed path
        requests: dict[str, list[float]] = {}  # feed path -> request times
        site.on_request = lambda path: requests.setdefault(path, []).append(time.monotonic())
        for n, moment in enumerate(moments, start=4):
            time.sleep(max(0.0, start + moment - time.monotonic()))
            item = statement(n)
            path = f"/f{rng.randrange(args.feeds):02d}.rss"
            with site.lock:
                site.routes[path].items.append(item)
                published[item.title] = time.monotonic()
            placed[item.title] = path
        deadline = time.monotonic() + 180
        while any(t not in reader.first_seen for t in published) and time.monotonic() < deadline:
            time.sleep(0.2)
        elapsed = time.monotonic() - start
        cpu = _cpu(process.pid) - cpu_before
        rss = _peak_rss_mb(process.pid)
        process.terminate()
        code = process.wait(timeout=120)
        polls = sum(site.hits.values()) - hits_before
        not_modified = sum(n for (_p, status), n in site.sent.items() if status == 304) - sent_before
        reference = reference_ingest(site, args.feeds, work)
    latencies = sorted(reader.first_seen[t] - published[t] for t in published if t in reader.first_seen)
    # from the poll that fetched the item (the first request to its feed after publication) to the alert
    fetched = {t: min(r for r in requests.get(placed[t], []) if r >= published[t]) for t in reader.first_seen
               if t in published and any(r >= published[t] for r in requests.get(placed[t], []))}
    to_alert = sorted(reader.first_seen[t] - fetched[t] for t in fetched)
    missing = len(published) - len(latencies)
    result = {
        "feeds": args.feeds, "interval_s": 60, "items": len(published), "alerted": len(latencies),
        "missing": missing,
        "latency_s": {"min": round(latencies[0], 1), "median": round(statistics.median(latencies), 1),
                      "p90": round(latencies[int(0.9 * (len(latencies) - 1))], 1), "max": round(latencies[-1], 1)}
        if latencies else None,
        "fetch_to_alert_s": {"min": round(to_alert[0], 1), "median": round(statistics.median(to_alert), 1),
                             "max": round(to_alert[-1], 1)} if to_alert else None,
        "polls": polls, "polls_per_min": round(polls / (elapsed / 60), 1),
        "share_304": round(not_modified / polls, 3) if polls else None,
        "watcher_cpu_s_per_min": round(cpu / (elapsed / 60), 2), "watcher_peak_rss_mb": rss,
        "reference_ingest_cpu_s_per_round": round(reference, 2), "exit_code_after_sigterm": code,
    }
    print(json.dumps(result, indent=2))


def _cpu(pid: int) -> float:
    """User + system CPU seconds of a running process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


if __name__ == "__main__":
    main()
