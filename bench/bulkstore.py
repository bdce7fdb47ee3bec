"""A store of up to a million documents in minutes, for the benches: the real pipeline on a few thousand varied
documents, whose documents and claims are then copied in bulk.

    nice -n 10 .venv/bin/python bench/bulkstore.py /tmp/big.db --docs 1000000   # build (or grow) a store
    (bench/incremental.py calls `extend` to grow its store between sizes)

What the synthetic store is, exactly:
  templates  `TEMPLATES` articles of bench/detect.py's generator (war reporting in English, 3-8 sentences each,
             18 Syrian towns, about 1 in 130 with a staging claim sentence that survives the cut), ingested and
             detected by the real pipeline (the learned detector, the gazetteer) into `templates.db` beside the
             store, once; its claims are what that detector found.
  copies     document i is template i % TEMPLATES under its own id (`bulk-i`), on its own day (2016-01-01 +
             i % 1800 days, so the documents of a size are spread over five years, as the generator spreads
             them), from one of nine outlets (drawn per copy), with one more generated sentence of ordinary
             reporting appended (so the texts differ: the full-text index is not of a handful of texts). The
             template's claims are carried over as the detector found them (sentence, span, kind, claimant,
             places, score), re-dated with the document (a quotation's date moved by the same days), unlinked.
             `verify` detects a sample of copies again with the real detector and reports how many give
             exactly the carried claims.
  then       the real later stages over the whole store (`pipeline.process`): linking (copies of one sentence
             in other outlets within three days become one statement), signals and warnings.
Writes go through `Store.insert_detected` in batches of 5,000 (dedup, counters and change-log triggers all
run); only the FTS5 insert trigger is dropped during the load and the index rebuilt once at the end
(`'rebuild'`: the index the trigger would have built). SQLite only.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the other bench scripts, imported as modules
TEMPLATES = 10_000
SPAN_DAYS = 1800
START = date(2016, 1, 1)
BATCH = 5_000
OUTLETS = ("Wire A", "Wire B", "Daily C", "Agency D", "Channel E", "Weekly F", "Radio G", "Portal H", "Herald I")


def templates(folder: Path, settings: Any, count: int = TEMPLATES) -> tuple[list[Any], dict[str, list[Any]], str]:
    """The template documents, their claims by document id, and the detector version that read them; built
    through the real pipeline into folder/templates-COUNT.db the first time."""
    from forewarn.backfill import backfill
    from forewarn.store import Store

    path = folder / f"templates-{count}.db"
    with Store(f"sqlite:///{path}") as store:
        if store.count("documents") < count:
            corpus = folder / "templates.jsonl"
            import incremental  # a bench script beside this one (bench/ is not a package)

            incremental.write_corpus(corpus, 0, count)
            _full_stops(corpus)
            backfill([str(corpus)], store, settings, stages=False)
            corpus.unlink()
        documents = list(store.iter_documents())
        claims: dict[str, list[Any]] = defaultdict(list)
        for claim in store.iter_claims():
            claims[claim.document_id].append(claim)
        with store.engine.connect() as conn:
            version = conn.execute(text("SELECT max(detector_version) FROM documents")).scalar()
        assert version, "the templates were not detected"
    return documents, dict(claims), str(version)


def copies(documents: list[Any], claims: dict[str, list[Any]], first: int, last: int, seed: int = 13
           ) -> Iterator[tuple[Any, list[Any]]]:
    """Documents first..last-1 of the synthetic store, each with its carried claims."""
    import detect as gen  # bench/detect.py's generator

    rng = random.Random(seed + first)
    for i in range(first, last):
        template = documents[i % len(documents)]
        day = START + timedelta(days=i % SPAN_DAYS)
        moment = datetime.combine(day, template.published_at.timetz()) if template.published_at else None
        document = replace(template, source="bulk.jsonl", source_ref=f"bulk-{i}", origin="bulk.jsonl",
                           position=str(i + 1), outlet=rng.choice(OUTLETS), published_at=moment,
                           text=f"{template.text} {gen._sentence(rng, gen.EVENTS)}", url="", ingested_at=None)
        shift = (day - template.published_at.date()) if template.published_at else timedelta(0)
        carried = [replace(c, document_id=document.id, published_at=moment, outlet=document.outlet,
                           source_ref=document.source_ref, statement_id="",
                           made_on=c.made_on + shift if c.made_on else None)
                   for c in claims.get(template.id, ())]  # fmt: skip
        yield document, carried


def _full_stops(corpus: Path) -> None:
    """End every text with a full stop (the generator's cut leaves the last sentence without one), so the sentence
    a copy appends stays a sentence of its own and the template's claims keep their spans."""
    lines = corpus.read_text(encoding="utf-8").splitlines()
    with corpus.open("w", encoding="utf-8") as handle:
        for line in lines:
            record = json.loads(line)
            record["text"] = record["text"].rstrip().rstrip(".") + "."
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def extend(store: Any, settings: Any, folder: Path, want: int, *, stages: bool = True, count: int = TEMPLATES
           ) -> dict[str, float]:
    """Grow `store` (SQLite) to `want` documents of the synthetic store; returns seconds per phase."""
    from forewarn import pipeline

    timings: dict[str, float] = {}
    started = time.perf_counter()
    documents, claims, version = templates(folder, settings, count)
    timings["templates s"] = time.perf_counter() - started
    have = store.count("documents")
    started = time.perf_counter()
    with store.engine.begin() as conn:
        trigger = conn.execute(text("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                    "AND name = 'documents_fts_ai'")).scalar()  # fmt: skip
        conn.execute(text("DROP TRIGGER IF EXISTS documents_fts_ai"))
    try:
        batch: list[Any] = []
        found: dict[str, list[Any]] = {}
        for document, carried in copies(documents, claims, have, want):
            batch.append(document)
            if carried:
                found[document.id] = carried
            if len(batch) >= BATCH:
                store.insert_detected(batch, found, version)
                batch, found = [], {}
        if batch:
            store.insert_detected(batch, found, version)
        timings["copies s"] = time.perf_counter() - started
    finally:
        with store.engine.begin() as conn:
            if trigger:
                conn.execute(text(trigger))
            started = time.perf_counter()
            conn.execute(text("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')"))
            timings["full-text rebuild s"] = time.perf_counter() - started
    if stages:
        started = time.perf_counter()
        pipeline.process(store, settings)
        timings["later stages s"] = time.perf_counter() - started
    return timings


def verify(documents: list[Any], claims: dict[str, list[Any]], settings: Any, sample: int = 300, seed: int = 3
           ) -> tuple[int, int]:
    """(copies whose claims the real detector finds exactly as carried, copies checked): half the sample with
    claims, half without."""
    from forewarn.detect import Detector, detect_documents
    from forewarn.places import Gazetteer

    rng = random.Random(seed)
    count = 100 * len(documents)
    with_claims = [i for i in range(len(documents)) if documents[i].id in claims]
    picked = [rng.choice(with_claims) + len(documents) * rng.randrange(100) for _ in range(sample // 2)]
    picked += [rng.randrange(count) for _ in range(sample - len(picked))]
    pairs = [next(copies(documents, claims, i, i + 1)) for i in sorted(set(picked))]
    detector = Detector.from_settings(settings, Gazetteer.default())
    same = 0
    for (_, carried), (_, detected) in zip(pairs, detect_documents([d for d, _ in pairs], detector),
                                                  strict=True):  # fmt: skip
        same += _essence(carried) == _essence(detected)
    return same, len(pairs)


def _essence(claims: list[Any]) -> list[tuple[Any, ...]]:
    return sorted((c.id, c.kind, c.claimant, tuple(p.id for p in c.places), c.made_on) for c in claims)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path, help="the SQLite file to build or grow")
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--templates", type=int, default=TEMPLATES, help="documents run through the pipeline")
    parser.add_argument("--verify", type=int, default=300, help="copies detected again to check (0: none)")
    args = parser.parse_args(argv)
    from forewarn.settings import load_settings
    from forewarn.store import Store

    url = f"sqlite:///{args.db}"
    settings = load_settings(None, db=url)
    args.db.parent.mkdir(parents=True, exist_ok=True)
    with Store(url) as store:
        timings = extend(store, settings, args.db.parent, args.docs, count=args.templates)
        print({k: round(v, 1) for k, v in timings.items()}, "documents", store.count("documents"),
              "claims", store.count("claims"), flush=True)
    if args.verify:
        documents, claims, _ = templates(args.db.parent, settings, args.templates)
        same, checked = verify(documents, claims, settings, args.verify)
        print(f"verify: {same} of {checked} sampled copies give exactly the carried claims when detected again")


if __name__ == "__main__":
    main()
