"""Requests per second and latency of the REST API's claims and warnings endpoints on a large store.

    nice -n 10 .venv/bin/python bench/api.py             # 100,000 documents (the figures in docs/benchmarks.md)
    .venv/bin/python bench/api.py --documents 5000 --rounds 2      # a quick smoke run
    .venv/bin/python bench/api.py --reference ../old-checkout      # side by side with another checkout's server
    .venv/bin/python bench/api.py --index-check          # also: the documents listing without one index

The store is built once (and kept, `--store`) by the real pipeline: synthetic JSON Lines news, about one
document in twelve carrying a staging claim about a Syrian town (two in five of them in bursts at one town, as
before a real attack, so the store has warnings to serve), through `forewarn.ingest` and
`forewarn.process` (detection, statement linking, signals, warnings). Then `forewarn serve --read-only
--workers N` runs in its own process exactly as a user starts it (uvicorn, 127.0.0.1), and a local client
(httpx, keep-alive, `--concurrency` threads in a closed loop) sends each row's mix of requests for `--seconds`.
Every row is a mix of different requests (first pages under some 140 filters: each place the claims cite, each
kind, claimant, outlet, month, sort; pages 2-40 of four listings by their cursors; the warnings listings; each
warning with its evidence), each client thread starting at its own place in the mix, so the figures measure
the queries, not one page the database has just served. Nothing is cached between requests (the server keeps
no answers; with `--revalidate` the same mixes run again from clients that send back each URL's ETag, as a
dashboard or a polling script does, and get 304 while the store is unchanged: reported as separate rows, with
the share of 304s). The figures are
requests per second and the latency percentiles the client saw, and the server's CPU time per request (all its
processes, from /proc), the figure the machine's load moves least. Each row runs in rounds beside a burst of
/healthz (the bare server: the yardstick), or with `--reference` beside the same burst on the other checkout's
server, and the median of the rounds' ratios is given, so a ratio compares two bursts of the same minute.
"""

from __future__ import annotations

import argparse
import itertools
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
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests import servers  # noqa: E402
from tests.servers import server_process  # noqa: E402

servers.START_SECONDS = 600.0  # two workers import the whole app again: minutes on a machine this loaded

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


@dataclass
class Client:
    """One client thread's connection and, when it revalidates, the ETag of each URL's last 200 answer. A tag
    names the state as one server process saw it, so a revalidating client keeps its connection (and so its
    worker process) from burst to burst."""

    http: httpx.Client
    tags: dict[str, str] = field(default_factory=dict)


def burst(base: str, urls: Sequence[str], seconds: float, concurrency: int,
          clients: list[Client] | None = None) -> tuple[list[float], float, int]:
    """`concurrency` clients calling `urls` in turn (each from its own place in the list), back to back for
    `seconds`; every answer must be 200. `clients` (revalidating): kept connections that send back each URL's
    ETag (If-None-Match), as a dashboard or a polling script does, a 304 being an answer too (see `prime`).
    The latencies, the wall seconds taken and the 304s."""
    latencies: list[float] = []
    failures: list[tuple[int, str]] = []
    unchanged = [0]
    lock = threading.Lock()
    ready = threading.Barrier(concurrency + 1)
    stop = [0.0]

    def client(index: int) -> None:
        start = index * len(urls) // concurrency
        mine: list[float] = []
        not_modified = 0
        turn = itertools.cycle([*urls[start:], *urls[:start]])
        kept = clients[index] if clients is not None else None
        http = kept.http if kept is not None else httpx.Client(base_url=base, timeout=30)
        try:
            http.get("/healthz")  # connect
            ready.wait()
            while True:  # at least one request each, however late the thread started
                url = next(turn)
                headers = {"If-None-Match": kept.tags[url]} if kept is not None and url in kept.tags else None
                began = time.perf_counter()
                response = http.get(url, headers=headers)
                mine.append(time.perf_counter() - began)
                if response.status_code == 304 and headers:
                    not_modified += 1
                elif response.status_code != 200:
                    failures.append((response.status_code, url))
                elif kept is not None and "etag" in response.headers:
                    kept.tags[url] = response.headers["etag"]
                if time.perf_counter() >= stop[0]:
                    break
        finally:
            if kept is None:
                http.close()
        with lock:
            latencies.extend(mine)
            unchanged[0] += not_modified

    threads = [threading.Thread(target=client, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    ready.wait()  # every client connected (and primed): the clock starts
    began = time.perf_counter()
    stop[0] = began + seconds
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{len(failures)} answers were not 200 (first: {failures[0]})")
    return latencies, time.perf_counter() - began, unchanged[0]


def prime(clients: list[Client], urls: Sequence[str]) -> None:
    """Each revalidating client fetches each URL it holds no tag for once, before the clock starts (a dashboard
    has loaded its pages before it polls them)."""

    def fetch(kept: Client) -> None:
        for url in urls:
            if url not in kept.tags and "etag" in (answer := kept.http.get(url)).headers:
                kept.tags[url] = answer.headers["etag"]

    threads = [threading.Thread(target=fetch, args=(kept,)) for kept in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds so far of a process and its children (uvicorn's workers), from Linux /proc."""
    total = 0.0
    for each in (pid, *children(pid)):
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


@dataclass
class Tally:
    """Bursts of one mix of requests on one server: the latencies, the wall and server CPU seconds."""

    latencies: list[float] = field(default_factory=list)
    wall: float = 0.0
    cpu: float = 0.0
    revalidate: bool = False
    not_modified: int = 0
    clients: list[Client] | None = None

    def add(self, base: str, pid: int, urls: Sequence[str], seconds: float, concurrency: int) -> float:
        """One burst; its requests per second."""
        if self.revalidate and self.clients is None:
            self.clients = [Client(httpx.Client(base_url=base, timeout=30)) for _ in range(concurrency)]
        if self.clients is not None:
            prime(self.clients, urls)
        before = cpu_seconds(pid)
        mine, wall, unchanged = burst(base, urls, seconds, concurrency, self.clients)
        self.cpu += cpu_seconds(pid) - before
        self.latencies += mine
        self.wall += wall
        self.not_modified += unchanged
        return len(mine) / wall

    def figures(self) -> dict[str, float]:
        ordered = sorted(self.latencies)

        def percentile(q: float) -> float:
            return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

        return {"requests": len(ordered), "rps": len(ordered) / self.wall, "p50_ms": percentile(0.50),
                "p99_ms": percentile(0.99), "cpu_ms": self.cpu / len(ordered) * 1000,
                "not_modified": self.not_modified / len(ordered)}


def load(base: str, pid: int, urls: Sequence[str], seconds: float, concurrency: int,
         rounds: int, revalidate: bool = False) -> dict[str, float]:
    """`urls` and the /healthz yardstick in turn, `rounds` times (A B A B …, as farm-bench pairs two commands), so
    each ratio compares two bursts of the same minute whatever the machine's load does meanwhile. Also the
    server's CPU time per request of `urls` (all its processes): what one request costs, load or not."""
    tally, yardstick = Tally(revalidate=revalidate), Tally()
    try:
        ratios = [tally.add(base, pid, urls, seconds, concurrency) / yardstick.add(base, pid, ["/healthz"],
                                                                                    seconds / 2, concurrency)
                  for _ in range(rounds)]
    finally:
        for client in tally.clients or ():
            client.http.close()
    return {**tally.figures(), "ratio": statistics.median(ratios)}


def compare(store: Path, args: argparse.Namespace) -> str:
    """Each mix on this checkout's server and on the reference checkout's (`--reference`), burst for burst in
    turn, so each ratio compares two bursts of the same minute."""
    with (server_process(store, read_only=True, workers=args.workers) as (base, process),
          server_process(store, read_only=True, workers=args.reference_workers, source=args.reference) as
          (reference, reference_process)):
        lines = ["| requests | requests/s | reference's | ratio | p99 ms | reference's | server CPU ms/request | "
                 "reference's |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for name, urls in mixes(base).items():
            ours, theirs = Tally(), Tally()
            ratios = [ours.add(base, process.pid, urls, args.seconds, args.concurrency)
                      / theirs.add(reference, reference_process.pid, urls, args.seconds, args.concurrency)
                      for _ in range(args.rounds)]
            a, b = ours.figures(), theirs.figures()
            lines.append(f"| {name} | {a['rps']:.0f} | {b['rps']:.0f} | {statistics.median(ratios):.2f} | "
                         f"{a['p99_ms']:.1f} | {b['p99_ms']:.1f} | {a['cpu_ms']:.2f} | {b['cpu_ms']:.2f} |")
    return "\n".join(lines)


def pages(http: httpx.Client, path: str, params: dict[str, Any], count: int) -> list[str]:
    """The URLs of pages 2 … `count` of a listing, by following its cursors."""
    found: list[str] = []
    cursor = None
    for _ in range(count):
        page = http.get(path, params={**params, **({"cursor": cursor} if cursor else {})}).json()
        cursor = page["next_cursor"]
        if not cursor:
            break
        found.append(str(http.build_request("GET", path, params={**params, "cursor": cursor}).url.raw_path,
                         "ascii"))
    return found


def url(path: str, **params: Any) -> str:
    return path + ("?" + urlencode(params) if params else "")


def mixes(base: str) -> dict[str, list[str]]:
    """What the clients ask for: each row a mix of different requests, so the query work is measured and not
    a page the database has just served. The places are those the store's claims cite (its map); the facets
    are the store's own values."""
    claims, warnings = "/api/v1/claims", "/api/v1/warnings"
    with httpx.Client(base_url=base, timeout=60) as http:
        features = http.get("/api/v1/places.geojson").json()["features"]
        places = sorted(f["id"] for f in features)
        claimants = [f["value"] for f in http.get(f"{claims}/facets/claimant").json()]
        outlets = [f["value"] for f in http.get(f"{claims}/facets/outlet").json()]
        first = [url(claims), url(claims, sort="-score"), url(claims, sort="published"),
                 url(claims, kind="RETROSPECTIVE")]
        for place in places:
            first += [url(claims, place=place), url(claims, kind="PREEMPTIVE", place=place),
                      url(claims, place=place, sort="-score")]
        first += [url(claims, claimant=c) for c in claimants] + [url(claims, outlet=o, kind="PREEMPTIVE")
                                                                  for o in outlets]
        first += [url(claims, since=f"{year}-{month:02d}-01", until=f"{year}-{month:02d}-28")
                  for year in (2016, 2017, 2018) for month in range(1, 13)]
        deep = (pages(http, claims, {}, 40) + pages(http, claims, {"sort": "-score"}, 40)
                + pages(http, claims, {"kind": "PREEMPTIVE"}, 40) + pages(http, claims, {"place": places[0]}, 20))
        listing = [url(warnings), url(warnings, open="true"), *(url(warnings, sort=s) for s in
                                                               ("score", "-opened", "opened", "-last_evidence"))]
        listing += [url(warnings, place=p) for p in places] + pages(http, warnings, {"limit": 10}, 10)
        ids = [w["id"] for w in http.get(warnings, params={"limit": 500}).json()["items"]]
    one = [f"{warnings}/{i}" for i in ids]
    rows = {
        f"claims, first pages of 50 ({len(first)} filters: places, kinds, claimants, outlets, months, sorts)": first,
        f"claims, pages 2-40 by keyset cursor ({len(deep)} pages of four listings)": deep,
        f"warnings, listings ({len(listing)}: sorts, open, by place, pages of 10 by cursor)": listing,
        f"one warning with its evidence (each of the {len(one)})": one,
    }
    everything = [u for group in itertools.zip_longest(*rows.values()) for u in group if u]
    return {"healthz (the yardstick itself)": ["/healthz"], **{name: urls for name, urls in rows.items() if urls},
            "all of the above, interleaved": everything}


def documents_mixes(base: str) -> dict[str, list[str]]:
    with httpx.Client(base_url=base, timeout=60) as http:
        deep = pages(http, "/api/v1/documents", {}, 100)[-20:]
    return {"documents, first page (50)": ["/api/v1/documents"], "documents, pages 81-100 (keyset cursor)": deep}


def run(store: Path, calls: dict[str, list[str]] | None, args: argparse.Namespace) -> dict[str, dict[str, float]]:
    """A read-only `forewarn serve` of `store` with `args.workers` processes, under each mix of requests."""
    with server_process(store, read_only=True, workers=args.workers) as (base, process):
        chosen = calls or mixes(base)
        results = {name: load(base, process.pid, urls, args.seconds, args.concurrency, args.rounds)
                   for name, urls in chosen.items()}
        if args.revalidate:  # the same mixes from clients that send back each URL's ETag
            results |= {f"{name}, revalidated": load(base, process.pid, urls, args.seconds, args.concurrency,
                                                     args.rounds, revalidate=True)
                        for name, urls in chosen.items() if urls != ["/healthz"]}
        return results


def table(results: dict[str, dict[str, float]]) -> str:
    lines = ["| requests | requests/s | ratio to /healthz | p50 ms | p99 ms | server CPU ms/request | 304s |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['rps']:.0f} | {r['ratio']:.2f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | "
                     f"{r['cpu_ms']:.2f} | {r['not_modified']:.0%} |")
    return "\n".join(lines)


def index_check(store: Path, args: argparse.Namespace) -> str:
    """The documents listing (newest first, as the API and the dashboard's search page sort it) on the store
    as built, then on a copy without ix_documents_published_id."""
    with server_process(store, read_only=True) as (base, _):
        calls = documents_mixes(base)
    with_index = run(store, calls, args)
    copy = store.with_name(store.stem + "-no-published-id-index.db")
    shutil.copy(store, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("DROP INDEX IF EXISTS ix_documents_published_id")
    try:
        without = run(copy, calls, args)
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
    parser.add_argument("--workers", type=int, default=2, help="server processes (forewarn serve --read-only "
                        "--workers N; 2: one per core here)")
    parser.add_argument("--index-check", action="store_true")
    parser.add_argument("--revalidate", action="store_true", help="also each mix from clients that send back "
                        "the ETag of each URL's last answer (If-None-Match: 304 while the store is unchanged)")
    parser.add_argument("--reference", type=Path, default=None,
                        help="a checkout of forewarn to compare with, side by side (its server runs its src/)")
    parser.add_argument("--reference-workers", type=int, default=1)
    args = parser.parse_args(argv)
    store = args.store or Path(tempfile.gettempdir()) / "forewarn-bench-api" / f"store-{args.documents}.db"
    if not store.exists() or figures(store)["documents"] < args.documents:
        if store.exists():
            store.unlink()
        print(f"building {store} ({args.documents:,} documents) …", flush=True)
        print(json.dumps(build_store(store, args.documents)), flush=True)
    print(f"store: {json.dumps(figures(store))}; {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}; {args.workers} server workers, {args.concurrency} client threads, "
          f"{args.rounds} rounds of {args.seconds:g} s per row", flush=True)
    if args.reference:
        print(compare(store, args), flush=True)
    else:
        print(table(run(store, None, args)), flush=True)
    if args.index_check:
        print(index_check(store, args), flush=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
