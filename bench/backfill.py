"""Backfill speed: the local engine beside a Dask LocalCluster of 1 and of 2 workers, on the same corpus, with
the stored claims compared.

    nice -n 10 .venv/bin/python bench/backfill.py --docs 1000000      # the run recorded in docs/benchmarks.md
    nice -n 10 .venv/bin/python bench/backfill.py --docs 20000        # a quick run

Writes synthetic news as JSON Lines (bench/detect.py's generator: ordinary war reporting, about 1 document in
40 with a staging claim, 1 in 12 naming a chemical in passing; `--sentences` sets the length) into a temporary
directory, then runs `forewarn.backfill.backfill` once per configuration, each in a fresh subprocess with a
new SQLite store (the order alternates with `--rounds 2`). Times are the whole backfill call: planning, the
cluster's start and stop, read + detect on the workers, the single writer; the global stages (linking,
signals, warnings) are timed apart, since they are the same serial code whatever the engine. Every
configuration's claims are compared with the local engine's (ids, documents, kinds, scores, evidence).
CPU seconds beside the times: the writer process's (with the local engine, all of the work) and the cluster's
processes' (counted once the cluster is closed and they are reaped), since on a shared machine a second worker
may get no second core and the wall clock then says nothing about the engine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the other bench scripts, imported as modules


def generate(path: Path, docs: int, sentences: tuple[int, int]) -> int:
    """`docs` articles of bench/detect.py's kind, `sentences` long; returns the bytes written."""
    import incremental  # bench/incremental.py, beside this script

    incremental.write_corpus(path, 0, docs, sentences=sentences)
    return path.stat().st_size


def claims_digest(db: Path) -> tuple[int, str]:
    from forewarn.store import Store

    with Store(f"sqlite:///{db}") as store:
        rows = sorted((c.id, c.document_id, c.kind, c.score, c.evidence.start, c.evidence.end, c.claimant,
                       tuple(p.id for p in c.places)) for c in store.iter_claims())
    return len(rows), hashlib.sha256(repr(rows).encode("utf-8")).hexdigest()[:16]


def child(config: str, corpus: Path, db: Path, partition_mb: float) -> None:
    from forewarn import pipeline
    from forewarn.backfill import backfill
    from forewarn.settings import load_settings
    from forewarn.store import Store

    engine, _, workers = config.partition(":")
    settings = load_settings(None, db=f"sqlite:///{db}")
    with Store(settings.db_url) as store:
        before_self, before_children = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        summary = backfill([str(corpus)], store, settings, engine=engine, workers=int(workers) if workers else None,
                           partition_bytes=int(partition_mb * 1e6), stages=False)  # type: ignore[arg-type]
        parts = time.perf_counter() - started
        writer_cpu = _cpu(resource.RUSAGE_SELF) - before_self  # the writer (and, engine local, the detection)
        workers_cpu = _cpu(resource.RUSAGE_CHILDREN) - before_children  # the cluster's processes, once reaped
        started = time.perf_counter()
        pipeline.process(store, settings)
        stages = time.perf_counter() - started
    count, digest = claims_digest(db)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest reaped child
    print(json.dumps({"docs": summary.ingest.new, "partitions": summary.partitions, "seconds": parts,
                      "writer_cpu": writer_cpu, "workers_cpu": workers_cpu,
                      "stages_seconds": stages, "claims": count, "digest": digest, "peak_mb": own,
                      "worker_peak_mb": workers_peak}))


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def measure(config: str, corpus: Path, db: Path, partition_mb: float) -> dict[str, float | str]:
    db.unlink(missing_ok=True)
    command = [sys.executable, __file__, "--child", config, "--input", str(corpus), "--db", str(db),
               "--partition-mb", str(partition_mb)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{config} failed:\n{done.stderr[-4000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--sentences", default="3,8", help="sentences per article: MIN,MAX (default 3,8)")
    parser.add_argument("--configs", default="local,dask:1,dask:2")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each configuration, in alternating order")
    parser.add_argument("--partition-mb", type=float, default=16.0)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.input, args.db, args.partition_mb)
        return
    configs = args.configs.split(",")
    low, high = (int(x) for x in args.sentences.split(","))
    with tempfile.TemporaryDirectory(prefix="forewarn-backfill-") as tmp:
        corpus = Path(tmp) / "news.jsonl"
        size = generate(corpus, args.docs, (low, high))
        print(f"corpus: {args.docs:,} documents, {size / 1e6:.1f} MB of JSONL")
        runs: dict[str, list[dict[str, float | str]]] = {c: [] for c in configs}
        for round_ in range(args.rounds):
            for config in configs if round_ % 2 == 0 else configs[::-1]:
                runs[config].append(measure(config, corpus, Path(tmp) / "bench.db", args.partition_mb))
                print(f"  {config}: {runs[config][-1]}", flush=True)
    report(runs, size)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def report(runs: dict[str, list[dict[str, float | str]]], size: int) -> None:
    first = next(iter(runs))
    reference = _median([float(r["seconds"]) for r in runs[first]])
    one_worker = _median([float(r["seconds"]) for r in runs["dask:1"]]) if "dask:1" in runs else None
    print(f"{'config':<10}{'docs':>10}{'parts':>7}{'seconds':>10}{'docs/s':>9}{'MB/s':>7}{'vs ' + first:>10}"
          f"{'vs dask:1':>11}{'writer cpu':>11}{'workers cpu':>12}{'stages s':>10}{'peak MB':>9}{'worker MB':>10}"
          f"{'claims':>8}  same claims")
    digest = runs[first][0]["digest"]
    for config, results in runs.items():
        seconds = _median([float(r["seconds"]) for r in results])
        r = results[0]
        speedup = f"{one_worker / seconds:.2f}x" if one_worker else ""
        same = all(x["digest"] == digest for x in results)
        print(f"{config:<10}{int(r['docs']):>10,}{int(r['partitions']):>7}{seconds:>10.1f}"
              f"{float(r['docs']) / seconds:>9,.0f}{size / 1e6 / seconds:>7.2f}{reference / seconds:>9.2f}x"
              f"{speedup:>11}{_median([float(x['writer_cpu']) for x in results]):>11.1f}"
              f"{_median([float(x['workers_cpu']) for x in results]):>12.1f}"
              f"{_median([float(x['stages_seconds']) for x in results]):>10.1f}"
              f"{max(float(x['peak_mb']) for x in results):>9.0f}"
              f"{max(float(x['worker_peak_mb']) for x in results):>10.0f}"
              f"{int(r['claims']):>8}  {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
