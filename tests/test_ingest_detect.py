"""Detection inside the ingest batch (`ingest(..., detector=...)`, what `forewarn ingest` and the API upload do):
each batch's new documents are detected in memory before they are written, and the store ends exactly as
ingest followed by the detection stage leaves it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib.resources import as_file, files
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forewarn.cli import app, commands  # noqa: F401  (importing commands registers them)
from forewarn.demo import SAMPLE_SOURCES
from forewarn.detect import Detector
from forewarn.ingest import ingest
from forewarn.model import Claim, Document
from forewarn.pipeline import detector_for, process
from forewarn.settings import Settings
from forewarn.store import Store

from .test_backfill import _corpus, _serial, _store_state


class CountingDetector(Detector):
    """The default detector, counting the documents it reads."""

    read_ids: list[str]

    def detect_batch(self, docs: Sequence[Document]) -> list[list[Claim]]:
        self.read_ids.extend(d.id for d in docs)
        return super().detect_batch(docs)


def _counting(settings: Settings) -> CountingDetector:
    plain = detector_for(settings)
    detector = CountingDetector(**plain.get_params())
    detector.read_ids = []
    return detector


@pytest.mark.backends("sqlite", "postgresql")
def test_detection_in_the_batch_equals_ingest_then_detect(store: Store, tmp_path: Path) -> None:
    corpus = str(_corpus(tmp_path / "news.jsonl", 300))
    with as_file(files("forewarn") / "data" / "sample") as sample:
        sources = [corpus, *(str(sample / name) for name in SAMPLE_SOURCES)]
        expected = _serial(sources, tmp_path / "serial.db")
        settings = Settings(batch_size=50)
        detector = _counting(settings)
        summary = ingest(sources, store, settings, detector=detector)
    assert summary.new == len(expected["documents"]) and summary.claims > 0
    # every stored document was read once, in memory, but the two summaries merged with their full article
    # (stored unread: the claims in hand were of the summary); duplicates by id or content were not read, and
    # the only others read are copies of an article at a URL already stored (the writer finds those)
    stored = {d.id: d for d in store.iter_documents()}
    assert len(detector.read_ids) == len(set(detector.read_ids))
    extra = set(detector.read_ids) - set(stored)
    assert len(extra) < 5 and len(detector.read_ids) - len(extra) == summary.new
    left = list(store.iter_documents(undetected_by=detector.version))
    assert sorted(d.url for d in left) == ["https://wire.example/30", "https://wire.example/31"]
    figures = process(store, settings, detector=detector)
    assert figures["claims_written"] + summary.claims == len(expected["claims"])
    assert _store_state(store) == expected
    # a second run finds every record stored: nothing is detected again but those same-URL copies
    read_before = len(detector.read_ids)
    again = ingest(sources, store, settings, detector=detector)
    assert again.new == 0 and again.claims == 0 and set(detector.read_ids[read_before:]) <= extra
    assert _store_state(store) == expected


def test_cli_ingest_detects_inside_the_batch(tmp_path: Path) -> None:
    corpus = str(_corpus(tmp_path / "news.jsonl", 120))
    expected = _serial([corpus], tmp_path / "serial.db")
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["--db", f"sqlite:///{db}", "ingest", corpus, "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["claims"] > 0  # written with their documents
    assert summary["stages"]["claims_written"] == len(expected["claims"])
    with Store(f"sqlite:///{db}") as store:
        assert _store_state(store) == expected
