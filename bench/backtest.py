"""The backtest on the real streams: precision beside the naive baseline, the checks the issue asks for, timing.

    .venv/bin/python bench/backtest.py                          # every stream (bench/streams.py), built in a tmp dir
    .venv/bin/python bench/backtest.py --stream timeline
    .venv/bin/python bench/backtest.py --db my.db               # an existing store (claims linked, incidents loaded)
    .venv/bin/python bench/backtest.py --input heldout.csv      # any files (a held-out timeline), built the same way

For each stream: a store is built (ingest, detect, link, confirmed and alleged incidents), then the backtest
against the confirmed attacks reports the rule beside the naive baseline (warnings, hits, precision and their
ratio, recall, median lead), and checks:

- Douma, 7 April 2018: preceded by a warning for Douma, Eastern Ghouta or Rif Dimashq at least 30 days ahead?
- the Idlib warnings of August-September 2018: told as "warned, nothing confirmed"?
- no warning at a place that none of its statements names.

Then, on the last stream, `forewarn backtest --json` is timed twice in fresh processes (start-up and the gazetteer
load included), with a check that the output is identical, and once with `--to 2018-06-30`. Figures:
docs/warnings.md. The rule is the settings' default, fixed in advance: nothing here tunes it.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from streams import REPO, STREAMS, build  # noqa: E402

FOREWARN = [sys.executable, "-m", "forewarn"]
DOUMA = date(2018, 4, 7)
DOUMA_PLACES = ("geonames:170592", "forewarn:douma-district", "forewarn:eastern-ghouta", "SY-RD")


def checks(db: Path) -> dict[str, Any]:
    from forewarn.backtest import backtest_store
    from forewarn.places import Gazetteer
    from forewarn.settings import Settings
    from forewarn.store import Store

    with Store(f"sqlite:///{db}") as store:
        result = backtest_store(store, Settings(), Gazetteer.default())
        claims = {c.id: c for c in store.iter_claims(kind="PREEMPTIVE")}
    data = result.to_json()
    horizon = result.parameters["horizon_days"]
    douma = [w for w in data["warnings"]
             if w["place_id"] in DOUMA_PLACES and 30 <= (DOUMA - date.fromisoformat(w["opened_at"])).days <= horizon]
    idlib = next((e for e in data["episodes"] if e["id"] == "idlib-2018"), {"warnings": []})
    august = [w for w in idlib["warnings"] if "2018-08-01" <= w["opened_at"] <= "2018-09-30"]
    unnamed = [r.warning.place_name for r in result.records
               if not any(ref.id == r.warning.place_id for c in r.warning.claim_ids for ref in claims[c].places)]
    model, naive = data["summary"], data["baseline"]
    ratio = model["precision"] / naive["precision"] if model["precision"] is not None and naive["precision"] else None
    return {
        "rule": model,
        "baseline": naive,
        "precision_ratio": ratio,
        "douma_warned_30_days_ahead": [f"{w['place_name']} from {w['opened_at']}" for w in douma],
        "idlib_aug_sep_2018": [f"{w['place_name']} from {w['opened_at']}: {w['outcome']}" for w in august],
        "warnings_at_unnamed_places": unnamed,
        "warnings": [f"{w['place_name']} ({w['level']}) {w['opened_at']}: {'hit' if w['hit'] else 'false alarm'}"
                     for w in data["warnings"]],  # fmt: skip
    }


def report(label: str, found: dict[str, Any]) -> None:
    model, naive = found["rule"], found["baseline"]

    def row(name: str, s: dict[str, Any]) -> str:
        return (f"{name}: {s['warnings']} warnings, {s['hits']} hits, precision {s['precision']}, recall "
                f"{s['recall']} ({s['caught']}/{s['incidents']}), median lead {s['median_lead_days']}")  # fmt: skip

    ratio = found["precision_ratio"]
    print(f"[{label}]")
    print("   ", row("rule    ", model))
    print("   ", row("baseline", naive))
    print(f"    precision ratio rule / baseline: {'n/a' if ratio is None else f'{ratio:.2f}'}")
    print(f"    Douma 2018-04-07 warned >= 30 days ahead: {found['douma_warned_30_days_ahead'] or 'no'}")
    print(f"    Idlib Aug-Sep 2018: {found['idlib_aug_sep_2018'] or 'no warning'}")
    print(f"    warnings at a place no statement names: {found['warnings_at_unnamed_places'] or 'none'}")
    for line in found["warnings"]:
        print(f"      {line}")


def timed(args: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([*FOREWARN, *args], capture_output=True, text=True, check=True, cwd=REPO)
    return time.perf_counter() - started, done.stdout


def timing(db: Path) -> None:
    runs = [timed(["--db", str(db), "backtest", "--json"]) for _ in range(2)]
    cut_seconds, _ = timed(["--db", str(db), "backtest", "--json", "--to", "2018-06-30"])
    digests = {hashlib.sha256(out.encode()).hexdigest()[:16] for _, out in runs}
    print(f"backtest --json: {runs[0][0]:.2f} s, re-run {runs[1][0]:.2f} s; identical output: {len(digests) == 1}")
    print(f"backtest --json --to 2018-06-30: {cut_seconds:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: build each stream's)")
    parser.add_argument("--stream", choices=sorted(STREAMS), action="append", help="only these streams")
    parser.add_argument("--input", action="append", default=[], help="build a stream of these files instead")
    options = parser.parse_args()
    if options.input:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "input.db"
            build(db, "input", files=tuple(options.input))
            report("input: " + ", ".join(Path(f).name for f in options.input), checks(db))
        return
    if options.db:
        report(options.db.name, checks(options.db))
        timing(options.db)
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp)
        for stream in options.stream or ["timeline", "realweb", "corpora+timeline"]:
            db = Path(tmp) / f"{stream}.db"
            build(db, stream)
            report(stream, checks(db))
        timing(db)


if __name__ == "__main__":
    main()
