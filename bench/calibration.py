"""Placebo calibration of the warning rule on the real streams: the false alarms per place-year it really gives.

    .venv/bin/python bench/calibration.py                     # every stream, 500 date and 200 place permutations
    .venv/bin/python bench/calibration.py --stream timeline --permutations 100
    .venv/bin/python bench/calibration.py --db my.db          # an existing store instead

For each stream (bench/streams.py) a store is built in a temporary directory (ingest, detect, link), then
`forewarn.calibration.placebo` deals the pre-emptive statements' days (and, separately, their places) out again
at random and replays the rule (the settings' defaults, B = 0.5) on each placebo stream. Figures: docs/warnings.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from streams import STREAMS, build  # noqa: E402


def run(db: Path, label: str, permutations: int, place_permutations: int) -> None:
    from forewarn.calibration import placebo
    from forewarn.places import Gazetteer
    from forewarn.settings import Settings
    from forewarn.store import Store
    from forewarn.warning import SurgeRule

    rule = SurgeRule.from_settings(Settings())
    with Store(f"sqlite:///{db}") as store:
        claims = list(store.iter_claims())
    for shuffle, count in (("dates", permutations), ("places", place_permutations)):
        started = time.perf_counter()
        result = placebo(claims, Gazetteer.default(), rule, permutations=count, shuffle=shuffle)
        print(f"[{label}] {shuffle} shuffled ({time.perf_counter() - started:.0f} s):")
        for line in result.describe():
            print("   ", line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: build each stream's)")
    parser.add_argument("--stream", choices=sorted(STREAMS), action="append", help="only these streams")
    parser.add_argument("--permutations", type=int, default=500, help="date permutations per stream")
    parser.add_argument("--place-permutations", type=int, default=200, help="place permutations per stream")
    options = parser.parse_args()
    if options.db:
        run(options.db, options.db.name, options.permutations, options.place_permutations)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for stream in options.stream or ["timeline", "realweb", "corpora+timeline"]:
            db = Path(tmp) / f"{stream}.db"
            build(db, stream)
            run(db, stream, options.permutations, options.place_permutations)


if __name__ == "__main__":
    main()
