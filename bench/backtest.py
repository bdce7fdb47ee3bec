"""Wall time of `forewarn backtest --json` on the three real corpora, and that a re-run gives identical output.

    .venv/bin/python bench/backtest.py                  # builds a store in a temporary directory first
    .venv/bin/python bench/backtest.py --db my.db       # an existing store (claims linked, incidents loaded)

Building the store: ingest EUvsDisinfo posts.csv + full_dataset.csv + FA-KES fakes.csv from ../shared/data,
run detection and linking, load confirmed.csv. Then runs the backtest command twice in fresh processes (so the
figure includes start-up and the gazetteer load) and `--to 2018-06-30` once. Figures: docs/warnings.md.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
FOREWARN = [sys.executable, "-m", "forewarn"]


def build(db: Path) -> None:
    from forewarn.detect import run_detection
    from forewarn.incidents import load_incidents
    from forewarn.ingest import ingest
    from forewarn.link import run_linking
    from forewarn.places import Gazetteer
    from forewarn.settings import Settings
    from forewarn.store import Store

    sources = [SHARED / "euvsdisinfo" / "posts.csv", SHARED / "euvsdisinfo" / "full_dataset.csv",
               SHARED / "fakes" / "fakes.csv"]  # fmt: skip
    with Store(f"sqlite:///{db}") as store:
        started = time.perf_counter()
        ingest([str(s) for s in sources], store, Settings(db=str(db)))
        run_detection(store)
        run_linking(store)
        store.replace_incidents(load_incidents(SHARED / "incidents" / "confirmed.csv", Gazetteer.default()))
        stats = store.stats()
        print(f"store built in {time.perf_counter() - started:.1f} s: {stats['documents']} documents, "
              f"{stats['claims']} claims {stats['claims_by_kind']}, {stats['incidents']} incidents")  # fmt: skip


def timed(args: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([*FOREWARN, *args], capture_output=True, text=True, check=True, cwd=REPO)
    return time.perf_counter() - started, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: build one)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = options.db or Path(tmp) / "bench.db"
        if options.db is None:
            build(db)
        runs = [timed(["--db", str(db), "backtest", "--json"]) for _ in range(2)]
        cut_seconds, _ = timed(["--db", str(db), "backtest", "--json", "--to", "2018-06-30"])
    digests = {hashlib.sha256(out.encode()).hexdigest()[:16] for _, out in runs}
    print(f"backtest --json: {runs[0][0]:.2f} s, re-run {runs[1][0]:.2f} s; identical output: {len(digests) == 1}")
    print(f"backtest --json --to 2018-06-30: {cut_seconds:.2f} s")


if __name__ == "__main__":
    main()
