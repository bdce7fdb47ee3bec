"""Backfill (forewarn.backfill): partitions read and detected locally or on a real dask.distributed LocalCluster
leave the store exactly as the serial path (`ingest` + `process`) leaves it: documents, quarantine, claims,
statements and warnings."""

from __future__ import annotations

import json
import random
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from forewarn.backfill import Partition, backfill, detect_part, line_spans, plan, read_part
from forewarn.cli import app, commands  # noqa: F401  (importing commands registers them)
from forewarn.demo import SAMPLE_SOURCES
from forewarn.errors import BackfillError
from forewarn.ingest import ingest
from forewarn.model import Document, Quarantined
from forewarn.pipeline import process
from forewarn.settings import Settings
from forewarn.sources import ReadOptions, read
from forewarn.store import Store

CLAIM_LINES = (
    "Militants are preparing to stage a chemical attack in {town} in the coming days, the defence ministry said.",
    "The chemical attack in {town} last spring was staged by the White Helmets, the ministry said.",
    "White Helmets plotting a false flag chlorine attack in {town}, the Russian Centre for Reconciliation said.",
)
NEWS_LINES = (
    "Shelling near {town} killed {n} civilians on Monday, a monitor said.",
    "Aid convoys reached {town} after a week of talks.",
    "Prices of bread in {town} doubled this month, residents said.",
)
TOWNS = ("Saraqib", "Douma", "Idlib", "Khan Shaykhun", "Harasta", "Latakia")


def _corpus(path: Path, count: int, seed: int = 11) -> Path:
    """JSON Lines with what a real collection holds: claims, plain news, copies without an id of their own
    (de-duplicated by content, across partitions), repeated ids, the same article under one URL, bad lines."""
    rng = random.Random(seed)
    lines: list[str] = []
    for index in range(count):
        template = rng.choice(CLAIM_LINES if rng.random() < 0.2 else NEWS_LINES)
        body = " ".join(t.format(town=rng.choice(TOWNS), n=rng.randint(2, 50))
                        for t in (template, *rng.sample(NEWS_LINES, 2)))
        record: dict[str, Any] = {"title": f"Report {index % 97}", "text": body,
                                  "date": f"2018-0{1 + index % 9}-1{index % 10}", "outlet": "Wire"}
        roll = rng.random()
        if roll < 0.75:
            record["id"] = f"r{index}"
        elif roll < 0.8:
            record["id"] = f"r{index // 2}"  # an id seen before: a duplicate
        elif roll < 0.85:
            record["url"] = f"https://news.example/{index % 13}"
        lines.append(json.dumps(record))
        if index in (count // 10, count // 10 + 1):  # a feed summary now, the full article at its URL later
            lines.append(json.dumps({"id": f"summary{index}", "url": f"https://wire.example/{index}",
                                     "title": f"Plot in {TOWNS[index % 6]}", "text": "Shelling went on."}))
        if index in (count - 3, count // 10 + 2):  # the second is in the same partition as its summary
            first = count // 10 + (index == count - 3)
            text = "Shelling went on. " + CLAIM_LINES[0].format(town=TOWNS[first % 6])
            lines.append(json.dumps({"id": f"full{index}", "url": f"https://wire.example/{first}",
                                     "title": f"Plot in {TOWNS[first % 6]}", "text": text}))
        if rng.random() < 0.02:
            lines.append('{"title": "broken", "text": ')  # invalid JSON: quarantined
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _store_state(store: Store) -> dict[str, Any]:
    claims = list(store.iter_claims())
    docs = list(store.iter_documents())
    return {
        "documents": sorted((d.id, d.title, d.text, d.url, d.published_at) for d in docs),
        "quarantine": sorted((q.origin, q.position, q.reason) for q in store.iter_quarantined()),
        "claims": sorted((c.id, c.document_id, c.kind, c.score, c.claimant, c.agent,
                          tuple(p.id for p in c.places), c.evidence) for c in claims),
        "statements": sorted(sorted(c.id for c in claims if c.statement_id == s)
                             for s in {c.statement_id for c in claims}),
        "warnings": sorted((w.id, w.place_id, w.opened_at, w.closed_at, round(w.score, 9), w.claim_ids)
                           for w in store.iter_warnings()),
    }


def _serial(sources: list[str], db: Path) -> dict[str, Any]:
    settings = Settings(batch_size=50)
    with Store(f"sqlite:///{db}") as store:
        ingest(sources, store, settings)
        process(store, settings)
        return _store_state(store)


def test_spans_cut_at_line_ends_and_number_lines_as_a_whole_read(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news.jsonl", 300)
    size = corpus.stat().st_size
    spans = line_spans(corpus, size, 4000)
    assert len(spans) > 5
    assert spans[0][0] == 0 and spans[-1][1] == size
    raw = corpus.read_bytes()
    for (start, end, first), following in zip(spans, spans[1:], strict=False):
        assert end == following[0] and raw[end - 1 : end] == b"\n"
        assert following[2] == first + raw[start:end].count(b"\n")
    options = ReadOptions()
    whole = list(read(str(corpus), None, options))
    parts = [r for span in spans for r in read_part(Partition(str(corpus), None, *span), options)]
    assert [(r.position, getattr(r, "id", None)) for r in parts] == [(r.position, getattr(r, "id", None))
                                                                      for r in whole]


def test_a_line_ending_exactly_at_the_cut_stays_in_its_span(tmp_path: Path) -> None:
    corpus = tmp_path / "exact.jsonl"
    corpus.write_bytes(b'{"text": "a"}\n' * 10)  # 14 bytes a line
    assert line_spans(corpus, 140, 28) == [(0, 28, 1), (28, 56, 3), (56, 84, 5), (84, 112, 7), (112, 140, 9)]


def test_plan_splits_large_json_lines_only(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news.jsonl", 200)
    small = tmp_path / "notes.txt"
    small.write_text("One note about Idlib.", encoding="utf-8")
    planned = list(plan([str(corpus), str(small), str(tmp_path / "missing.jsonl")], partition_bytes=5000))
    on_corpus = [p for p in planned if isinstance(p, Partition) and p.origin == str(corpus)]
    assert len(on_corpus) > 3 and all(p.end is not None for p in on_corpus)
    assert Partition(str(small)) in planned
    assert any(isinstance(p, Quarantined) and "no such file" in p.reason for p in planned)


def test_detect_part_is_pure_and_finds_the_claims(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news.jsonl", 60)
    part = detect_part(Partition(str(corpus)), ReadOptions())
    docs = [r for r in part.records if isinstance(r, Document)]
    assert docs and part.claims and set(part.claims) <= {d.id for d in docs}
    assert part.version
    assert detect_part(Partition(str(corpus)), ReadOptions()) == part


def test_local_backfill_equals_serial_ingest(tmp_path: Path) -> None:
    corpus = str(_corpus(tmp_path / "news.jsonl", 400))
    expected = _serial([corpus], tmp_path / "serial.db")
    assert expected["claims"] and expected["quarantine"]
    merged = [d for d in expected["documents"] if d[3].startswith("https://wire.example/")]
    assert len(merged) == 2 and all("preparing to stage" in d[2] for d in merged)  # the fuller texts were kept
    settings = Settings(batch_size=50)
    with Store(f"sqlite:///{tmp_path / 'local.db'}") as store:
        summary = backfill([corpus], store, settings, partition_bytes=6000)
        assert summary.partitions > 5 and summary.claims_written > 0
        assert summary.ingest.new == len(expected["documents"])
        assert _store_state(store) == expected
        again = backfill([corpus], store, settings, partition_bytes=6000)
        assert again.ingest.new == 0 and again.claims_written == 0
        assert _store_state(store) == expected


def test_unknown_engine_is_a_clear_error(tmp_path: Path) -> None:
    corpus = str(_corpus(tmp_path / "news.jsonl", 5))
    with Store(f"sqlite:///{tmp_path / 'x.db'}") as store, pytest.raises(BackfillError, match="unknown engine"):
        backfill([corpus], store, Settings(), engine="spark")  # type: ignore[arg-type]


@pytest.mark.slow
def test_dask_backfill_on_a_local_cluster_equals_serial_ingest(tmp_path: Path) -> None:
    """One real LocalCluster of two worker processes: a large JSON Lines file cut into byte ranges and the
    bundled sample's files (feeds, pages, a Telegram export, text notes) give the same store as the serial
    path."""
    pytest.importorskip("dask.distributed")
    corpus = str(_corpus(tmp_path / "news.jsonl", 400))
    with as_file(files("forewarn") / "data" / "sample") as sample:
        sources = [corpus, *(str(sample / name) for name in SAMPLE_SOURCES)]
        expected = _serial(sources, tmp_path / "serial.db")
        settings = Settings(batch_size=50)
        with Store(f"sqlite:///{tmp_path / 'dask.db'}") as store:
            summary = backfill(sources, store, settings, engine="dask", workers=2, partition_bytes=6000)
            assert summary.partitions > 5
            assert summary.claims_written > 0 and summary.stages["warnings"] > 0
            assert _store_state(store) == expected


def test_cli_backfill_local(tmp_path: Path) -> None:
    corpus = str(_corpus(tmp_path / "news.jsonl", 120))
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(app, ["--db", db, "backfill", corpus, "--partition-mb", "0.01", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["partitions"] > 1 and summary["new"] > 0 and summary["claims_written"] > 0
    # every new document was detected inside its batch, but the two summaries the store merged with their full
    # article (stored unread: the claims in hand were of the summary), which the detection stage reads
    assert summary["stages"]["claims_written"] == 2
    assert summary["new"] + summary["duplicate"] == summary["read"]


@pytest.mark.parametrize(("flags", "message"), [
    (["--engine", "spark"], "unknown engine"),
    (["--workers", "2"], "need --engine dask"),
    (["--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "not both"),
])
def test_cli_backfill_refuses_bad_flags(tmp_path: Path, flags: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "x.db"), "backfill", "x.jsonl", *flags])
    assert result.exit_code == 2 and message in result.output


@pytest.mark.backends("postgresql")
def test_backfill_on_postgresql_equals_serial_ingest_on_sqlite(store: Store, tmp_path: Path) -> None:
    corpus = str(_corpus(tmp_path / "news.jsonl", 200))
    expected = _serial([corpus], tmp_path / "serial.db")
    summary = backfill([corpus], store, Settings(batch_size=50), partition_bytes=6000)
    assert summary.partitions > 3 and summary.claims_written > 0
    assert _store_state(store) == expected
