"""The real streams the backtest and calibration benchmarks replay, and how to build a store of each.

Imported by bench/backtest.py and bench/calibration.py (run from the repository root or anywhere: the scripts put
their own folder on sys.path).
"""

from __future__ import annotations

import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"

CORPORA = ("euvsdisinfo/posts.csv", "euvsdisinfo/full_dataset.csv", "fakes/fakes.csv")
STREAMS: dict[str, tuple[str, ...]] = {
    # the realweb timeline alone: 55 dated, place-named pre-emptive claims (the measurement)
    "timeline": ("realweb/timeline.csv",),
    # the timeline with the whole realweb corpus (246 labelled statements, many with inferred dates)
    "realweb": ("realweb/timeline.csv", "realweb/realweb.jsonl"),
    # EUvsDisinfo and FA-KES beside the timeline
    "corpora+timeline": (*CORPORA, "realweb/timeline.csv"),
    "corpora": CORPORA,
}


def build(db: Path, stream: str, quiet: bool = False, files: tuple[str, ...] = ()) -> None:
    """Ingest the stream's files (or `files`, e.g. a held-out timeline kept outside the repository), detect, link,
    and load the confirmed and alleged incidents."""
    from forewarn.detect import run_detection
    from forewarn.incidents import read_incidents
    from forewarn.ingest import ingest
    from forewarn.link import run_linking
    from forewarn.places import Gazetteer
    from forewarn.settings import Settings
    from forewarn.store import Store

    started = time.perf_counter()
    with Store(f"sqlite:///{db}") as store:
        paths = list(files) or [str(SHARED / name) for name in STREAMS[stream]]
        ingest(paths, store, Settings(db=str(db)))
        run_detection(store)
        run_linking(store)
        for name, status in (("confirmed.csv", "confirmed"), ("alleged_unconfirmed.csv", "alleged")):
            loaded = read_incidents(SHARED / "incidents" / name, Gazetteer.default(), status=status)
            store.add_incidents(loaded.incidents)
        stats = store.stats()
    if not quiet:
        print(f"[{stream}] store built in {time.perf_counter() - started:.1f} s: {stats['documents']} documents, "
              f"{stats['claims']} claims {stats['claims_by_kind']}, {stats['incidents']} incidents")  # fmt: skip
