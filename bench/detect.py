"""Throughput and peak memory of ingest+detect on synthetic news, beside two yardsticks.

    .venv/bin/python bench/detect.py            # 100 MB (the figure recorded in docs/benchmarks.md)
    .venv/bin/python bench/detect.py --mb 5     # a quick smoke run

Generates JSON Lines of synthetic news (mostly ordinary war reporting; about 1 document in 40 carries a
staging claim, about 1 in 12 mentions a chemical in passing) into a temporary directory, then measures, each
in a fresh subprocess so peak memory is its own:
  read      reading and json-parsing the same bytes (the floor any pipeline pays);
  keyword   read + parse + a plain baseline flagging any text with a chemical word and a staging word;
  ingest         forewarn.ingest.ingest into a new SQLite file, no detection (readers, language id, dedup,
                 batched writes, FTS index);
  detect         forewarn.detect.run_detection over that store (documents read back, claims written);
  ingest+detect  what `forewarn ingest` does before the later stages: forewarn.ingest.ingest with a detector into
                 another new SQLite file, each batch's new documents detected in memory before they are written
                 with their claims (no document read back) — the figure the issues' targets are about;
  backfill       forewarn.backfill (local engine) into a third SQLite file: the same work over partitions;
and "ingest, then detect", the sum of the two separate stages (the old path), with every stage's time as a
ratio to the plain keyword pass measured in the same run ("x keyword"), by wall clock and by CPU time (on a
shared machine the CPU ratio is the one that carries over). `--stages` runs a subset (read and keyword always run).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

TOWNS = ("Idlib", "Saraqib", "Jisr al-Shughur", "Khan Shaykhun", "Maarat al-Numan", "Hama", "Latakia", "Aleppo",
         "Douma", "Harasta", "Daraa", "Homs", "Deir ez-Zor", "Raqqa", "Manbij", "Afrin", "Tal Rifaat", "Ariha")
ACTORS = ("Government forces", "Rebel fighters", "Turkish-backed groups", "Kurdish-led forces", "Russian jets",
          "Pro-government militias", "Opposition factions", "Coalition aircraft")
EVENTS = (
    "{actor} shelled villages near {town} on {day}, killing {n} civilians, a war monitor said.",
    "{actor} advanced towards {town} after heavy clashes that lasted through the night.",
    "Aid agencies said {n} families had fled {town} in the past week as fighting intensified.",
    "Local officials in {town} reported that {n} people were wounded when a market was hit.",
    "{actor} said they had repelled an attack on positions south of {town}.",
    "Hospitals in {town} are running short of fuel and medicine, doctors told reporters.",
    "The United Nations called for a humanitarian pause to allow convoys to reach {town}.",
    "Talks in Astana ended without agreement on the future of {town} and the surrounding countryside.",
    "Prices of bread and fuel in {town} have doubled since the start of the month, residents said.",
    "{actor} captured {n} villages in the countryside of {town}, according to state television.",
)
PASSING_CHEMICAL = (
    "A fire broke out at a chemical fertiliser plant outside {town}, but no one was hurt.",
    "Farmers near {town} say toxic waste from an old factory has polluted their wells.",
    "Gas cylinders for cooking are scarce in {town}, residents said.",
)
CLAIMS = (
    "The Russian defence ministry said militants had brought canisters of chlorine into {town} and that a "
    "foreign film crew had arrived to record a staged attack.",
    "Terrorists are preparing to stage a chemical attack in {town} in the coming days, the Russian Centre for "
    "Reconciliation said.",
    "White Helmets plotting false flag chemical attack in {town}.",
    "The chemical attack in {town} last April was staged by the White Helmets, the ministry said.",
)
CHEMICAL_WORDS = re.compile(r"\b(?:chemical|toxic|chlorine|sarin|poison\w*|gas)\b", re.IGNORECASE)
STAGING_WORDS = re.compile(r"\b(?:stag\w+|fake\w*|fabricat\w+|provocation\w*|false flag|film\w*)\b", re.IGNORECASE)


# -- generation -----------------------------------------------------------------------------------------------
def _sentence(rng: random.Random, templates: tuple[str, ...]) -> str:
    day = rng.choice(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"))
    return rng.choice(templates).format(actor=rng.choice(ACTORS), town=rng.choice(TOWNS), n=rng.randint(2, 90),
                                        day=day)


def _article(rng: random.Random, index: int) -> dict[str, str]:
    sentences = [_sentence(rng, EVENTS) for _ in range(rng.randint(12, 30))]
    roll = rng.random()
    if roll < 0.025:
        sentences.insert(rng.randint(0, len(sentences)), _sentence(rng, CLAIMS))
    elif roll < 0.11:
        sentences.insert(rng.randint(0, len(sentences)), _sentence(rng, PASSING_CHEMICAL))
    published = date(2016, 1, 1) + timedelta(days=index % 1800)
    return {"id": f"bench-{index}", "title": _sentence(rng, EVENTS)[:90], "text": " ".join(sentences),
            "date": published.isoformat(), "outlet": rng.choice(("Wire A", "Wire B", "Daily C")), "language": "en"}


def generate(path: Path, megabytes: float, seed: int = 7) -> tuple[int, int]:
    """Write about `megabytes` of JSONL; returns (documents, bytes)."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    written = count = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < target:
            line = json.dumps(_article(rng, count), ensure_ascii=False) + "\n"
            handle.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count, written


# -- measured stages (each runs in its own process) -----------------------------------------------------------
def stage_read(path: Path, _db: Path) -> dict[str, int]:
    docs = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            json.loads(line)
            docs += 1
    return {"docs": docs}


def stage_keyword(path: Path, _db: Path) -> dict[str, int]:
    docs = flagged = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = f"{record['title']}\n{record['text']}"
            flagged += bool(CHEMICAL_WORDS.search(text) and STAGING_WORDS.search(text))
            docs += 1
    return {"docs": docs, "flagged": flagged}


def stage_ingest(path: Path, db: Path) -> dict[str, int]:
    from forewarn.ingest import ingest
    from forewarn.settings import load_settings
    from forewarn.store import Store

    settings = load_settings(None, db=f"sqlite:///{db}")
    with Store(settings.db_url) as store:
        summary = ingest([str(path)], store, settings)
    return {"docs": summary.new}


def stage_detect(_path: Path, db: Path) -> dict[str, int]:
    from forewarn.detect import run_detection
    from forewarn.store import Store

    with Store(f"sqlite:///{db}") as store:
        claims = run_detection(store)
        docs = int(store.stats()["documents"])
    return {"docs": docs, "flagged": claims}


def stage_ingest_detect(path: Path, db: Path) -> dict[str, int]:
    """forewarn.ingest.ingest with detection inside each batch (what `forewarn ingest` runs before linking)."""
    from forewarn.ingest import ingest
    from forewarn.pipeline import detector_for
    from forewarn.settings import load_settings
    from forewarn.store import Store

    detected = db.with_name("ingest-detect.db")
    settings = load_settings(None, db=f"sqlite:///{detected}")
    with Store(settings.db_url) as store:
        summary = ingest([str(path)], store, settings, detector=detector_for(settings))
    return {"docs": summary.new, "flagged": summary.claims}


def stage_backfill(path: Path, db: Path) -> dict[str, int]:
    """ingest + detect in one pass (forewarn.backfill, local engine): each batch detected before it is
    written, no document read back from the store."""
    from forewarn.backfill import backfill
    from forewarn.settings import load_settings
    from forewarn.store import Store

    backfilled = db.with_name("backfill.db")
    settings = load_settings(None, db=f"sqlite:///{backfilled}")
    with Store(settings.db_url) as store:
        summary = backfill([str(path)], store, settings, stages=False)
    return {"docs": summary.ingest.new, "flagged": summary.claims_written}


STAGES = {"read": stage_read, "keyword": stage_keyword, "ingest": stage_ingest, "detect": stage_detect,
          "ingest+detect": stage_ingest_detect, "backfill": stage_backfill}
ALWAYS = ("read", "keyword")


def child(stage: str, path: Path, db: Path) -> None:
    started = time.perf_counter()
    result = STAGES[stage](path, db)
    elapsed = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_mb = usage.ru_maxrss / 1024  # Linux reports KiB
    print(json.dumps({**result, "seconds": elapsed, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": peak_mb}))


def measure(stage: str, path: Path, db: Path) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", stage, "--input", str(path), "--db", str(db)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"stage {stage} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- report ---------------------------------------------------------------------------------------------------
def table(results: dict[str, dict[str, float]], size: int) -> str:
    rows = [f"{'stage':<24}{'docs':>9}{'seconds':>10}{'docs/s':>10}{'MB/s':>8}{'x keyword':>10}{'cpu s':>8}"
            f"{'cpu MB/s':>9}{'x kw cpu':>9}{'peak MB':>9}{'flagged':>9}"]
    keyword, keyword_cpu = results["keyword"]["seconds"], results["keyword"]["cpu"]
    for name, r in results.items():
        flagged = str(int(r["flagged"])) if "flagged" in r else ""
        rows.append(f"{name:<24}{int(r['docs']):>9}{r['seconds']:>10.2f}{r['docs'] / r['seconds']:>10.0f}"
                    f"{size / 1e6 / r['seconds']:>8.2f}{r['seconds'] / keyword:>10.2f}{r['cpu']:>8.1f}"
                    f"{size / 1e6 / r['cpu']:>9.2f}{r['cpu'] / keyword_cpu:>9.2f}{r['peak_mb']:>9.0f}"
                    f"{flagged:>9}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=100.0, help="size of the synthetic corpus in MB")
    parser.add_argument("--stages", default=",".join(STAGES), help="comma-separated stages to run (default: all)")
    parser.add_argument("--child", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.input, args.db)
        return
    with tempfile.TemporaryDirectory(prefix="forewarn-bench-") as tmp:
        corpus, db = Path(tmp) / "news.jsonl", Path(tmp) / "bench.db"
        docs, size = generate(corpus, args.mb)
        print(f"corpus: {docs:,} documents, {size / 1e6:.1f} MB of JSONL in {corpus}")
        chosen = [name for name in STAGES if name in ALWAYS or name in args.stages.split(",")]
        if "detect" in chosen and "ingest" not in chosen:
            raise SystemExit("the detect stage reads the store the ingest stage writes: run both")
        results = {name: measure(name, corpus, db) for name in chosen}
        if "detect" in results:
            ingest, detect = results["ingest"], results["detect"]
            results["ingest, then detect"] = {
                "docs": ingest["docs"], "seconds": ingest["seconds"] + detect["seconds"],
                "cpu": ingest["cpu"] + detect["cpu"], "peak_mb": max(ingest["peak_mb"], detect["peak_mb"]),
                "flagged": detect["flagged"]}
            for name in ("ingest+detect", "backfill"):  # last: beside the two-pass path they replace
                if name in results:
                    results[name] = results.pop(name)
        print(table(results, size))
        print("flagged = documents flagged (keyword) / claims written (detect)")


if __name__ == "__main__":
    main()
