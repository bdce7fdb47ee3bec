"""Feed item → warning and the read queries, as the store grows: 10k, 100k, 1M documents.

    nice -n 10 .venv/bin/python bench/incremental.py --sizes 10000,100000,1000000   # the recorded run
    nice -n 10 .venv/bin/python bench/incremental.py --sizes 2000,10000             # a quick run

One SQLite store in a temporary directory (or `--keep DIR`, reused by a later run) is grown to each size in
turn: bench/bulkstore.py's synthetic store (the real pipeline on 10,000 generated articles, copied in bulk with
their own ids, days over five years, outlets and one more sentence each; linked, signals and warnings computed
by the real stages; its docstring says exactly what it is). At each size it measures, median of `--rounds`:
  warm      10 new documents (2 with a claim), published the day after the last stored, through `ingest` +
            `pipeline.process` in a process that has done it before (the `forewarn watch` loop: gazetteer,
            lexicons, encoder and the warnings replay's checkpoint kept);
  cold      the same as a whole `forewarn ingest FILE --json` process (start-up, imports, loading included);
  queries   in process: claims in a governorate (with every place inside it, first page), full-text
            document search (first page), the warnings page, stats.
The figures to compare are each one against the smallest size's, printed as ratios beside them.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
NEW_DOCS = 10


sys.path.insert(0, str(HERE))  # the other bench scripts, imported as modules (bench/ is not a package)
import bulkstore  # noqa: E402
import detect as GEN  # noqa: E402


def write_corpus(path: Path, start: int, count: int, *, claims_every: int = 0, sentences: tuple[int, int] = (3, 8),
                 seed: int = 7, day: date | None = None) -> None:
    """Articles numbered start.. (ids never repeat across calls), `sentences` long (MIN, MAX); with
    `claims_every`, every n-th carries a claim sentence; with `day`, all published that day."""
    rng = random.Random(seed + start)
    with path.open("w", encoding="utf-8") as handle:
        for index in range(start, start + count):
            article = GEN._article(rng, index)
            kept = article["text"].split(". ")[: rng.randint(*sentences)]
            if claims_every and (index - start) % claims_every == 0:
                kept.insert(1, GEN._sentence(rng, GEN.CLAIMS[:3]))
            article["text"] = ". ".join(kept)
            if day is not None:
                article["date"] = day.isoformat()
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")


def grow(store: Any, settings: Any, folder: Path, want: int) -> dict[str, float]:
    """The synthetic store of bench/bulkstore.py, grown to `want` documents (its docstring says what it is)."""
    started = time.perf_counter()
    timings = bulkstore.extend(store, settings, folder, want)
    return {**timings, "grow s": time.perf_counter() - started}


def median_ms(action: Callable[[], Any], rounds: int) -> float:
    """Median CPU milliseconds of this process (user + system): on a machine shared with other work the wall
    clock measures the neighbours; the wall times are printed beside (`wall`)."""
    times, walls = [], []
    for _ in range(rounds):
        started, cpu = time.perf_counter(), time.process_time()
        action()
        times.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - started) * 1000)
    WALL.append(statistics.median(walls))
    return statistics.median(times)


WALL: list[float] = []  # the wall-clock medians, in the order measured


def next_day(store: Any) -> date:
    """The day after the last publication day stored."""
    last = store.stats()["last_published"]
    return date.fromisoformat(last) + timedelta(days=1)


def measure(store: Any, settings: Any, db_url: str, folder: Path, size: int, rounds: int,
            counter: list[int]) -> dict[str, float]:
    from forewarn import pipeline, queries
    from forewarn.ingest import ingest
    from forewarn.places import Gazetteer

    def feed_item() -> None:  # today's news: published after everything stored
        new = folder / "new.jsonl"
        write_corpus(new, 10_000_000 + counter[0], NEW_DOCS, claims_every=5, day=next_day(store))
        counter[0] += NEW_DOCS
        ingest([str(new)], store, settings)
        pipeline.process(store, settings)

    feed_item()  # the first in a process loads what the watch loop keeps loaded
    warm = median_ms(feed_item, rounds)
    cold, cold_wall = [], []
    for _ in range(max(1, rounds // 2)):
        new = folder / "cold.jsonl"
        write_corpus(new, 10_000_000 + counter[0], NEW_DOCS, claims_every=5, day=next_day(store))
        counter[0] += NEW_DOCS
        started, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([str(Path(sys.executable).parent / "forewarn"), "--db", db_url, "ingest", str(new), "--json"],
                       check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cold.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
        cold_wall.append((time.perf_counter() - started) * 1000)
    scope = queries.place_scope(Gazetteer.default(), "Idlib")
    WALL.append(statistics.median(cold_wall))
    figures = {
        "warm feed item ms": warm,
        "cold feed item ms": statistics.median(cold),
        "claims by place ms": median_ms(
            lambda: queries.find_claims(store, queries.ClaimFilter(place_ids=scope), limit=50), rounds),
        "document search ms": median_ms(
            lambda: queries.find_documents(store, queries.DocumentFilter(text="chlorine"), limit=20), rounds),
        "warnings ms": median_ms(lambda: queries.find_warnings(store, limit=50), rounds),
        "stats ms": median_ms(lambda: queries.stats(store), rounds),
    }
    walls = {name.replace(" ms", " wall ms"): wall for name, wall in zip(figures, WALL[-len(figures):], strict=True)}
    return {"documents": store.count("documents"), "claims": store.count("claims"), **figures, **walls}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="a folder for the store, reused by the next run")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="forewarn-incremental-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        run(folder, sizes, args.rounds)


def run(folder: Path, sizes: list[int], rounds: int) -> None:
    from forewarn.settings import load_settings
    from forewarn.store import Store

    db_url = f"sqlite:///{folder / 'grown.db'}"
    settings = load_settings(None, db=db_url)
    results: list[dict[str, float]] = []
    counter = [0]
    with Store(db_url) as store:
        for size in sizes:
            have = store.count("documents")
            built = grow(store, settings, folder, size) if have < size else {}
            figures = {"size": size, **built, **measure(store, settings, db_url, folder, size, rounds,
                                                                 counter)}
            results.append(figures)
            print(json.dumps(figures), flush=True)
    names = [k for k in results[0] if k.endswith(" ms") and "wall" not in k]
    print(f"{'documents':>10}{'claims':>8}" + "".join(f"{n.removesuffix(' ms'):>20}" for n in names))
    for r in results:
        cells = "".join(f"{r[n]:>12.0f} ({r[n] / results[0][n]:.2f}x)" for n in names)
        print(f"{int(r['documents']):>10,}{int(r['claims']):>8,}{cells}")
    print("CPU milliseconds of the measuring process (cold: of the forewarn process), median; (ratio to the "
          "smallest store). Wall-clock medians are in the JSON lines above.")


if __name__ == "__main__":
    main()
