"""Ingest into a real SQLite store: expansion, batching, idempotency, URLs, bad input, the CLI."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forewarn.cli import app
from forewarn.cli import commands as _commands  # noqa: F401  (registers the commands)
from forewarn.errors import FetchError
from forewarn.ingest import ingest
from forewarn.settings import Settings
from forewarn.sources import ReadOptions
from forewarn.sources.fetch import check_url, fetch
from forewarn.store import Store

from .test_sources import PAGE, RSS, TELEGRAM, write

SETTINGS = Settings(batch_size=3)
pytestmark = pytest.mark.backends


def jsonl(path: Path, count: int, *, ids: bool = True) -> str:
    rows = ({"id": f"r{i}", "text": f"record number {i}"} if ids else {"text": f"record number {i}"}
            for i in range(count))
    return write(path, "".join(json.dumps(r) + "\n" for r in rows))


# -- library ------------------------------------------------------------------------------------------------
def test_ingest_batches_and_is_idempotent(tmp_path: Path, store: Store) -> None:
    source = jsonl(tmp_path / "a.jsonl", 10)
    seen: list[int] = []
    first = ingest([source], store, SETTINGS, progress=lambda s: seen.append(s.read))
    assert (first.read, first.new, first.duplicate, first.quarantined) == (10, 10, 0, 0)
    assert seen[:3] == [3, 6, 9] and seen[-1] == 10  # one callback per batch of settings.batch_size
    again = ingest([source], store, SETTINGS)
    assert (again.read, again.new, again.duplicate) == (10, 0, 10)
    assert store.stats()["documents"] == 10


def test_records_without_ids_are_deduplicated_by_content(tmp_path: Path, store: Store) -> None:
    first = jsonl(tmp_path / "one" / "x.jsonl", 5, ids=False)
    copy = jsonl(tmp_path / "two" / "y.jsonl", 5, ids=False)  # same records in another file
    assert ingest([first], store, SETTINGS).new == 5
    summary = ingest([copy], store, SETTINGS)
    assert (summary.new, summary.duplicate) == (0, 5)


def test_directories_globs_and_missing_sources(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "news"
    write(folder / "a.txt", "Title A\nBody A")
    write(folder / "sub" / "b.md", "# Title B\nBody B")
    write(folder / "ignored.png", b"\x89PNG")
    jsonl(tmp_path / "g1.jsonl", 2)
    summary = ingest([str(folder), str(tmp_path / "g*.jsonl"), str(tmp_path / "missing.txt")], store, SETTINGS)
    assert (summary.new, summary.quarantined) == (4, 1)
    titles = {d.title for d in store.search_documents(limit=10)}
    assert {"Title A", "Title B"} <= titles
    [problem] = list(store.iter_quarantined())
    assert problem.origin.endswith("missing.txt") and "no such file" in problem.reason


def test_unreadable_source_is_quarantined_and_the_rest_goes_in(tmp_path: Path, store: Store) -> None:
    bad = write(tmp_path / "bad.rss", "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><rss>&a;</rss>")
    good = jsonl(tmp_path / "good.jsonl", 2)
    summary = ingest([bad, good], store, SETTINGS)
    assert (summary.new, summary.quarantined) == (2, 1)
    assert "entities" in next(store.iter_quarantined()).reason


def test_language_is_detected_when_the_source_does_not_say(tmp_path: Path, store: Store) -> None:
    rows = [{"id": "ru", "text": "Боевики готовят провокацию с применением химического оружия в Идлибе."},
            {"id": "ar", "text": "الإرهابيون يحضرون لفبركة هجوم كيميائي في إدلب بمساعدة الخوذ البيضاء"},
            {"id": "de", "text": "ein Text", "lang": "de"}]
    path = write(tmp_path / "l.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    ingest([path], store, SETTINGS)
    found = {d.source_ref: d.language for d in store.search_documents(limit=10)}
    assert found == {"ru": "ru", "ar": "ar", "de": "de"}


# -- URLs ---------------------------------------------------------------------------------------------------
class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *_args: object) -> None:
        pass

    def guess_type(self, path: str | Path) -> str:
        return "application/rss+xml" if str(path).endswith(".rss") else super().guess_type(path)


@pytest.fixture
def web(tmp_path: Path) -> Iterator[str]:
    """A local HTTP server over tmp_path/site, in a thread."""
    site = tmp_path / "site"
    site.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_feed_and_page_urls(tmp_path: Path, web: str, store: Store) -> None:
    write(tmp_path / "site" / "feed.rss", RSS)
    write(tmp_path / "site" / "article", PAGE)  # no extension: kind comes from the content
    options = ReadOptions(allow_private=True)
    summary = ingest([f"{web}/feed.rss", f"{web}/article"], store, SETTINGS, options=options)
    assert (summary.new, summary.quarantined) == (3, 0)
    page = [d for d in store.search_documents("canisters", limit=5)]
    assert page and page[0].source_ref == "https://news.example/2018/09/chlorine" and page[0].origin == f"{web}/article"


def test_private_addresses_are_refused_without_the_flag(tmp_path: Path, web: str, store: Store) -> None:
    write(tmp_path / "site" / "feed.rss", RSS)
    with pytest.raises(FetchError, match="non-public address: 127.0.0.1 is loopback"):
        fetch(f"{web}/feed.rss", Settings())
    for url in ("http://localhost/", "http://10.0.0.1/", "http://169.254.169.254/latest", "http://[::1]/"):
        with pytest.raises(FetchError, match="refused"):
            check_url(url, allow_private=False)
    with pytest.raises(FetchError, match="only http"):
        check_url("file:///etc/passwd", allow_private=True)
    summary = ingest([f"{web}/feed.rss"], store, SETTINGS)
    assert (summary.new, summary.quarantined) == (0, 1)
    assert "--allow-private" in next(store.iter_quarantined()).reason


def test_fetch_size_cap_and_http_errors(tmp_path: Path, web: str) -> None:
    write(tmp_path / "site" / "big.html", "x" * 5000)
    with pytest.raises(FetchError, match="limit"):
        fetch(f"{web}/big.html", Settings(max_fetch_bytes=1000), allow_private=True)
    with pytest.raises(FetchError, match="404"):
        fetch(f"{web}/nothing-here", Settings(), allow_private=True)
    fetched = fetch(f"{web}/big.html", Settings(), allow_private=True)
    assert len(fetched.content) == 5000 and fetched.content_type.startswith("text/html")


# -- CLI ----------------------------------------------------------------------------------------------------
runner = CliRunner()


def test_cli_ingest_json_documents_and_quarantine(tmp_path: Path, database_url: str) -> None:
    db = database_url
    source = write(tmp_path / "telegram" / "result.json", json.dumps(TELEGRAM, ensure_ascii=False))
    broken = write(tmp_path / "t.jsonl", '{"id": "1", "text": "fine"}\n{"id": "2", "te')
    result = runner.invoke(app, ["--db", db, "ingest", source, broken, "--json", "--no-detect"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary == {"read": 3, "new": 3, "duplicate": 0, "quarantined": 1, "claims": 0}
    assert "t.jsonl @ line:2" in result.stderr and "invalid JSON" in result.stderr
    listed = runner.invoke(app, ["documents", "провокацию", "--json", "--db", db])
    [doc] = json.loads(listed.stdout)
    assert doc["source"] == "telegram:1234567" and doc["date_kind"] == "published" and doc["text"]
    assert set(doc) >= {"id", "source_ref", "outlet", "url", "published_at", "language", "title"}
    problems = json.loads(runner.invoke(app, ["quarantine", "--json", "--db", db]).stdout)
    assert problems[0]["position"] == "line:2"


def test_cli_runs_later_stages_unless_told_not_to(tmp_path: Path, database_url: str) -> None:
    source = jsonl(tmp_path / "a.jsonl", 2)
    result = runner.invoke(app, ["ingest", source, "--json", "--db", database_url])
    assert result.exit_code == 0, result.output
    assert "stages" in json.loads(result.stdout)


def test_cli_exits_non_zero_only_when_nothing_was_read(tmp_path: Path, database_url: str) -> None:
    db = database_url
    result = runner.invoke(app, ["ingest", str(tmp_path / "nothing.jsonl"), "--db", db, "--no-detect"])
    assert result.exit_code != 0 and "no such file" in result.stderr
    assert "Traceback" not in result.output
    unknown = runner.invoke(app, ["ingest", str(tmp_path), "--format", "nope", "--db", db])
    assert unknown.exit_code == 2 and "unknown format 'nope'" in unknown.output
