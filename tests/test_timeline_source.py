"""A dated timeline of claims (the realweb timeline.csv shape) is a first-class input."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from forewarn.cli import app
from forewarn.cli import commands as _commands  # noqa: F401  (registers the commands)
from forewarn.ingest import ingest
from forewarn.model import Document, Quarantined
from forewarn.settings import Settings
from forewarn.sources import read
from forewarn.store import Store

HEADER = "date,claimant,outlet,language,place,agent,url,excerpt\n"
ROWS = (
    '2018-03-13,Russian General Staff,Example Wire,en,Douma,chlorine,https://wire.example/a1,'
    '"The General Staff said militants were preparing to stage a chlorine attack in Douma."\n'
    "2018-03-14,Russian MoD,Example Wire,en,Douma,,https://wire.example/a2,\n"  # no excerpt: quarantined
    '2018-09-11,Russian MoD,Пример,ru,Идлиб,хлор,https://wire.example/a3,"Боевики готовят провокацию в Идлибе."\n'
)


def test_a_timeline_csv_is_recognised_by_its_header_and_read_row_by_row(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    records = list(read(str(path)))
    first, bad, third = records
    assert isinstance(first, Document) and isinstance(third, Document) and isinstance(bad, Quarantined)
    assert (first.source, first.source_ref, first.url) == ("timeline:claims.csv", "https://wire.example/a1",
                                                           "https://wire.example/a1")  # fmt: skip
    assert first.published_at == datetime(2018, 3, 13, tzinfo=UTC) and first.outlet == "Example Wire"
    assert first.text.startswith("The General Staff said") and first.language == "en"
    # the compiler's annotations are kept for the reader, not used as claims
    assert dict(first.extra) == {"claimant": "Russian General Staff", "place": "Douma", "agent": "chlorine"}
    assert third.language == "ru" and "excerpt" in bad.reason


def test_ingest_reads_the_real_timeline_and_the_realweb_corpus(tmp_path: Path, shared_data: Path) -> None:
    db = str(tmp_path / "realweb.db")
    timeline, corpus = shared_data / "realweb" / "timeline.csv", shared_data / "realweb" / "realweb.jsonl"
    result = CliRunner().invoke(app, ["ingest", str(timeline), str(corpus), "--no-detect", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["read"], summary["quarantined"]) == (55 + 246, 0)
    with Store(f"sqlite:///{db}") as store:
        again = ingest([str(timeline)], store, Settings(db=db))
        assert (again.new, again.duplicate) == (0, 55)
        sources = {d.source for d in store.iter_documents()}
    assert sources == {"timeline:timeline.csv", "jsonl:realweb.jsonl"}
