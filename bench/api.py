"""Requests per second and latency of the REST API's claims and warnings endpoints on a large store.

    .venv/bin/python bench/api.py                       # 100,000 documents (the figures in docs/benchmarks.md)
    .venv/bin/python bench/api.py --documents 5000 --rounds 2      # a quick smoke run
    .venv/bin/python bench/api.py --index-check         # also: the documents listing with and without the
                                                        # (published_at, id) index

The store is built once (and kept, `--store`) by the real pipeline: synthetic JSON Lines news, about one
document in twelve carrying a staging claim about a Syrian town (two in five of them in bursts at one town, as
before a real attack, so the store has warnings to serve), through `forewarn.ingest` and
`forewarn.process` (detection, statement linking, signals, warnings). Then `forewarn serve` runs in its own
process exactly as a user starts it (uvicorn, one worker, 127.0.0.1), and a local client (httpx, keep-alive,
`--concurrency` threads in a closed loop) calls each endpoint for `--seconds`: the figures are requests per
second and the latency percentiles the client saw. Each endpoint runs in rounds, each round a burst of /healthz
(no store access: the yardstick) then a burst of the endpoint; the median of the rounds' rate ratios says what
the endpoint itself costs beside the bare server, whatever the machine's load does meanwhile. The server
process's CPU time per request (from /proc) is the load-independent figure: one uvicorn worker holds one core
at most, so 1000 / (CPU ms per request) is what it serves on an idle core.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.servers import server_process  # noqa: E402

TOWNS = ("Idlib", "Saraqib", "Jisr al-Shughur", "Khan Shaykhun", "Maarat al-Numan", "Hama", "Latakia", "Aleppo",
         "Douma", "Harasta", "Daraa", "Homs", "Deir ez-Zor", "Raqqa", "Manbij", "Afrin", "Tal Rifaat", "Ariha",
         "Kafr Nabl", "Taftanaz", "Binnish", "Sarmin", "Zamalka", "Ain Tarma", "Arbin", "Kafr Batna")
OUTLETS = tuple(f"Wire {letter}" for letter in "ABCDEFGHIJKLMNOP")
EVENTS = (
    "Fighting continued near {town} on {day}, a war monitor said, and {n} civilians were reported killed.",
    "Aid agencies said {n} families had fled {town} in the past week as the shelling intensified.",
    "Local officials in {town} said {n} people were wounded when a market was hit.",
    "Hospitals in {town} are short of fuel and medicine, doctors told reporters.",
    "Talks ended without agreement on the future of {town} and the surrounding countryside.",
    "Prices of bread and fuel in {town} have doubled since the start of the month, residents said.",
)
# A claim is who said it, whom it accuses, with what, and what is said to be planned or to have happened: varied
# enough that a week's claims at one town are several distinct statements (the statement linker folds copies).
CLAIMANTS = ("the Russian defence ministry said", "the Russian Centre for Reconciliation said",
             "the Russian foreign ministry said", "the Syrian foreign ministry said", "the Russian General Staff said",
             "Syrian state television reported, citing the Syrian Arab Army")
ACCUSED = ("the White Helmets", "Hayat Tahrir al-Sham militants", "Jabhat al-Nusra terrorists",
           "Jaysh al-Islam fighters")
AGENTS = ("chlorine", "sarin", "toxic substances", "canisters of chlorine")
PREEMPTIVE = (
    "{accused} are preparing to stage a chemical attack with {agent} in {town} in the coming days, {claimant}.",
    "{accused} have brought {agent} into {town} and a foreign film crew has arrived to record a staged "
    "attack, {claimant}.",
    "{claimant_cap} that {accused} plan a false flag provocation using {agent} in {town} to blame the army.",
)
RETROSPECTIVE = ("The chemical attack in {town} last month was staged by {accused}, {claimant}.",)
CLAIM_SHARE = 1 / 12
CAMPAIGNS = 60  # bursts of pre-emptive claims at one town over a week or two, as before a real attack
CAMPAIGN_SHARE = 0.4  # of the claims
DAYS = 3 * 365
START = date(2016, 1, 1)


def claim_sentence(rng: random.Random, town: str) -> str:
    claimant = rng.choice(CLAIMANTS)
    template = rng.choice(PREEMPTIVE if rng.random() < 0.8 else RETROSPECTIVE)
    sentence = template.format(town=town, agent=rng.choice(AGENTS), accused=rng.choice(ACCUSED), claimant=claimant,
                               claimant_cap=claimant[0].upper() + claimant[1:])
    return sentence[0].upper() + sentence[1:]


def article(rng: random.Random, index: int, campaigns: list[tuple[str, int]]) -> dict[str, str]:
    def sentence(templates: tuple[str, ...], town: str) -> str:
        return rng.choice(templates).format(town=town, n=rng.randint(2, 90), day=rng.choice(("Monday", "Friday")))

    town = rng.choice(TOWNS)
    day = int(rng.triangular(0, DAYS, DAYS * 0.8))
    sentences = [sentence(EVENTS, rng.choice(TOWNS)) for _ in range(rng.randint(3, 7))]
    if rng.random() < CLAIM_SHARE:
        if rng.random() < CAMPAIGN_SHARE:
            town, first = rng.choice(campaigns)
            day = first + rng.randint(0, 13)
        sentences.insert(rng.randint(0, len(sentences)), claim_sentence(rng, town))
    published = START + timedelta(days=day)
    return {"id": f"api-{index}", "title": sentence(EVENTS, town)[:90], "text": " ".join(sentences),
            "date": f"{published.isoformat()}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z",
            "outlet": rng.choice(OUTLETS), "language": "en", "url": f"https://news.example.org/{index}"}


def build_store(path: Path, documents: int, seed: int = 11) -> dict[str, Any]:
    """The store of `documents` synthetic documents through the real pipeline (kept for the next run)."""
    from forewarn import ingest, open_store, process
    from forewarn.settings import Settings

    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="forewarn-bench-api-") as folder:
        source = Path(folder) / "news.jsonl"
        campaigns = [(rng.choice(TOWNS), rng.randint(60, DAYS - 14)) for _ in range(CAMPAIGNS)]
        with source.open("w", encoding="utf-8") as handle:
            for index in range(documents):
                handle.write(json.dumps(article(rng, index, campaigns)) + "\n")
        settings = Settings(db=str(path), batch_size=2000)
        with open_store(path) as store:
            ingest([str(source)], store, settings)
            stages = process(store, settings)
    return {"seconds": round(time.perf_counter() - started, 1), **stages}


def figures(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                for name in ("documents", "claims", "warnings")}


def burst(base: str, url: str, seconds: float, concurrency: int) -> tuple[list[float], float]:
    """`concurrency` clients calling `url` back to back for `seconds`; every answer must be 200. The latencies
    and the wall seconds taken."""
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client() -> None:
        mine: list[float] = []
        with httpx.Client(base_url=base, timeout=30) as http:
            http.get(url)  # connect and warm up
            while time.perf_counter() < stop:
                began = time.perf_counter()
                response = http.get(url)
                mine.append(time.perf_counter() - began)
                if response.status_code != 200:
                    failures.append(response.status_code)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{url}: {len(failures)} answers were not 200 (first {failures[0]})")
    return latencies, time.perf_counter() - began


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load(base: str, pid: int, url: str, seconds: float, concurrency: int, rounds: int) -> dict[str, float]:
    """`url` and the /healthz yardstick in turn, `rounds` times (A B A B …, as farm-bench pairs two commands), so
    each ratio compares two bursts of the same minute whatever the machine's load does meanwhile. Also the
    server process's CPU time per request of `url`: what one request costs, load or not."""
    latencies: list[float] = []
    ratios: list[float] = []
    wall = cpu = 0.0
    for _ in range(rounds):
        yardstick, yard_wall = burst(base, "/healthz", seconds / 2, concurrency)
        before = cpu_seconds(pid)
        mine, mine_wall = burst(base, url, seconds, concurrency)
        cpu += cpu_seconds(pid) - before
        latencies += mine
        wall += mine_wall
        ratios.append((len(mine) / mine_wall) / (len(yardstick) / yard_wall))
    ordered = sorted(latencies)

    def percentile(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return {"requests": len(ordered), "rps": len(ordered) / wall, "p50_ms": percentile(0.50),
            "p99_ms": percentile(0.99), "ratio": statistics.median(ratios), "cpu_ms": cpu / len(ordered) * 1000}


def endpoints(base: str) -> dict[str, str]:
    """The calls measured: the claims listing (first page, filtered, deep in the keyset), the warnings listing
    and one warning with its evidence."""
    deep = "/api/v1/claims?limit=50"
    with httpx.Client(base_url=base, timeout=60) as http:
        cursor = None
        for _ in range(20):  # page 21 of the newest-first listing
            page = http.get("/api/v1/claims", params={"limit": 50, **({"cursor": cursor} if cursor else {})}).json()
            cursor = page["next_cursor"] or cursor
        if cursor:
            deep = f"/api/v1/claims?limit=50&cursor={cursor}"
        warning = http.get("/api/v1/warnings", params={"limit": 1}).json()["items"][0]["id"]
    return {
        "healthz (the yardstick itself)": "/healthz",
        "claims, a page of 1 (the fixed cost)": "/api/v1/claims?limit=1",
        "claims, first page (50)": "/api/v1/claims",
        "claims, first page of 20": "/api/v1/claims?limit=20",
        "claims, PREEMPTIVE at Idlib and inside it": "/api/v1/claims?kind=PREEMPTIVE&place=Idlib",
        "claims, page 21 (keyset cursor)": deep,
        "warnings, first page (50)": "/api/v1/warnings",
        "warnings, open only": "/api/v1/warnings?open=true",
        "one warning with its evidence": f"/api/v1/warnings/{warning}",
    }


def documents_endpoints(base: str) -> dict[str, str]:
    with httpx.Client(base_url=base, timeout=60) as http:
        cursor = None
        for _ in range(100):
            page = http.get("/api/v1/documents", params={"limit": 50, **({"cursor": cursor} if cursor else {})}).json()
            cursor = page["next_cursor"] or cursor
    return {"documents, first page (50)": "/api/v1/documents",
            "documents, page 101 (keyset cursor)": f"/api/v1/documents?limit=50&cursor={cursor}"}


def run(store: Path, calls: dict[str, str] | None, seconds: float, concurrency: int,
        rounds: int) -> dict[str, dict[str, float]]:
    with server_process(store) as (base, process):
        chosen = calls or endpoints(base)
        return {name: load(base, process.pid, url, seconds, concurrency, rounds) for name, url in chosen.items()}


def table(results: dict[str, dict[str, float]]) -> str:
    lines = ["| endpoint | requests/s | ratio to /healthz | p50 ms | p99 ms | server CPU ms/request |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['rps']:.0f} | {r['ratio']:.2f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | "
                     f"{r['cpu_ms']:.2f} |")
    return "\n".join(lines)


def index_check(store: Path, seconds: float, concurrency: int, rounds: int) -> str:
    """The documents listing (newest first, as the API and the dashboard's search page sort it) on the store
    as built, then on a copy without ix_documents_published_id."""
    with server_process(store) as (base, _):
        calls = documents_endpoints(base)
    with_index = run(store, calls, seconds, concurrency, rounds)
    copy = store.with_name(store.stem + "-no-published-id-index.db")
    shutil.copy(store, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("DROP INDEX IF EXISTS ix_documents_published_id")
    try:
        without = run(copy, calls, seconds, concurrency, rounds)
    finally:
        copy.unlink()
    return "with the index:\n" + table(with_index) + "\n\nwithout it:\n" + table(without)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--store", type=Path, default=None, help="the store to build or reuse")
    parser.add_argument("--seconds", type=float, default=2.0, help="per burst of an endpoint (the yardstick's: half)")
    parser.add_argument("--rounds", type=int, default=5, help="bursts of each endpoint, each after one of /healthz")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--index-check", action="store_true")
    args = parser.parse_args(argv)
    store = args.store or Path(tempfile.gettempdir()) / "forewarn-bench-api" / f"store-{args.documents}.db"
    if not store.exists() or figures(store)["documents"] < args.documents:
        if store.exists():
            store.unlink()
        print(f"building {store} ({args.documents:,} documents) …", flush=True)
        print(json.dumps(build_store(store, args.documents)), flush=True)
    print(f"store: {json.dumps(figures(store))}; {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}; {args.concurrency} client threads, {args.rounds} rounds of "
          f"{args.seconds:g} s per endpoint", flush=True)
    print(table(run(store, None, args.seconds, args.concurrency, args.rounds)), flush=True)
    if args.index_check:
        print(index_check(store, args.seconds, args.concurrency, args.rounds), flush=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
