"""Watched sources: sources.toml, the `forewarn sources` commands, folder and page sources, and one document
per article whether it was read from a feed, its page, a file or a URL."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forewarn import schema
from forewarn.canonical import same_article, url_key
from forewarn.cli import app, main
from forewarn.cli import commands as _commands  # noqa: F401  (registers the commands)
from forewarn.errors import ConfigError
from forewarn.ingest import ingest
from forewarn.settings import Settings
from forewarn.store import Store
from forewarn.watch import SteppedClock, Watcher, make_spec, specs_from_toml
from forewarn.watch.book import SourceBook

from .feedserver import Route, serve
from .test_sources import PAGE, TELEGRAM, write
from .test_watch import watch_settings

runner = CliRunner()


def forewarn(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    """The real entry point (errors mapped to exit codes and one-line messages): (exit code, stderr)."""
    monkeypatch.setattr(sys, "argv", ["forewarn", *args])
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, capsys.readouterr().err

SOURCES_TOML = """
[defaults]
interval = "15m"
tier = "state media"

[[source]]
name = "statenews"
url = "https://statenews.example.org/en/rss.xml"
language = "en"
outlet = "Statenews"

[[source]]
url = "https://ministry.example/en/news/"
kind = "page"
follow = "/en/news/\\\\d{4}/"
tier = "official"
interval = 3600

[[source]]
path = "drop"
tier = "relay"
"""


def test_sources_toml_with_defaults_and_inferred_kinds(tmp_path: Path) -> None:
    path = write(tmp_path / "sources.toml", SOURCES_TOML)
    feed, page, folder = specs_from_toml(Path(path), 600)
    assert (feed.kind, feed.interval, feed.tier, feed.language, feed.outlet) == ("feed", 900, "state media", "en",
                                                                                 "Statenews")
    assert (page.kind, page.interval, page.tier, page.follow) == ("page", 3600, "official", r"/en/news/\d{4}/")
    assert page.name == "ministry.example:en-news"
    assert (folder.kind, folder.tier, folder.name) == ("folder", "relay", "folder:drop")
    assert Path(folder.location).is_absolute()


@pytest.mark.parametrize(("entry", "message"), [
    ('url = "https://x.example/feed"\ncolour = "red"', "unknown key"),
    ('url = "https://x.example/feed"\ninterval = "soon"', "expected seconds or a duration"),
    ('url = "https://x.example/feed"\ninterval = 0.1', "under the 1 s minimum"),
    ('url = "file:///etc/passwd"\nkind = "feed"', "only http:// and https://"),
    ('url = "gopher://x.example/"', "only http:// and https://"),
    ('url = "https://x.example/feed"\ntier = "friendly"', "expected one of official"),
    ('url = "https://x.example/"\nkind = "page"\nfollow = "("', "follow pattern"),
    ('url = "https://x.example/feed"\nkind = "stream"', "source kind 'stream'"),
    ('name = "a b"\nurl = "https://x.example/feed"', "source name 'a b'"),
    ('kind = "feed"', "needs url"),
])
def test_bad_sources_toml_entries_are_named_and_refused(tmp_path: Path, entry: str, message: str) -> None:
    path = write(tmp_path / "bad.toml", f"[[source]]\n{entry}\n")
    with pytest.raises(ConfigError, match=message) as caught:
        specs_from_toml(Path(path), 600)
    assert "bad.toml, source 1" in str(caught.value)


def test_repeated_names_and_undecodable_files_are_refused(tmp_path: Path) -> None:
    twice = write(tmp_path / "twice.toml", '[[source]]\nname = "a"\nurl = "https://x.example/1"\n'
                                           '[[source]]\nname = "a"\nurl = "https://x.example/2"\n')
    with pytest.raises(ConfigError, match="repeated: a"):
        specs_from_toml(Path(twice), 600)
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b'[[source]]\nurl = "https://x.example/\xe9"\n')
    with pytest.raises(ConfigError, match="not valid TOML"):
        specs_from_toml(latin, 600)


def test_sources_commands_add_list_import_remove_health(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "s.db")
    (tmp_path / "drop").mkdir()
    added = runner.invoke(app, ["--db", db, "sources", "add", "https://agency.example/rss", "--name", "agency",
                                "--interval", "5m", "--tier", "state-media", "--language", "ru"])
    assert added.exit_code == 0, added.output
    assert "added agency (feed, every 5m)" in added.stdout
    code, message = forewarn(capsys, monkeypatch, "--db", db, "sources", "add", "https://agency.example/rss",
                             "--name", "agency")
    assert code == 4 and "a source called 'agency' exists already" in message
    code, message = forewarn(capsys, monkeypatch, "--db", db, "sources", "add", "file:///etc/passwd")
    assert code == 2 and "only http:// and https://" in message
    imported = runner.invoke(app, ["--db", db, "sources", "import", write(tmp_path / "sources.toml", SOURCES_TOML),
                                   "--json"])
    assert json.loads(imported.stdout) == {"added": ["statenews", "ministry.example:en-news", "folder:drop"],
                                           "updated": [], "removed": []}
    listed = json.loads(runner.invoke(app, ["--db", db, "sources", "list", "--json"]).stdout)
    assert [s["name"] for s in listed] == ["agency", "folder:drop", "ministry.example:en-news", "statenews"]
    assert listed[0]["tier"] == "state media" and listed[0]["interval"] == 300
    # list --toml round-trips through import
    as_toml = runner.invoke(app, ["--db", db, "sources", "list", "--toml"]).stdout
    other = str(tmp_path / "other.db")
    runner.invoke(app, ["--db", other, "sources", "import", write(tmp_path / "round.toml", as_toml)])
    assert json.loads(runner.invoke(app, ["--db", other, "sources", "list", "--json"]).stdout) == listed
    health = json.loads(runner.invoke(app, ["--db", db, "sources", "health", "--json"]).stdout)
    assert {h["status"] for h in health} == {"new"}
    assert set(health[0]) >= {"last_success", "last_error", "consecutive_failures", "items_per_day", "next_poll",
                              "stale_since"}
    pruned = runner.invoke(app, ["--db", db, "sources", "import", str(tmp_path / "sources.toml"), "--prune", "--json"])
    assert json.loads(pruned.stdout)["removed"] == ["agency"]
    assert runner.invoke(app, ["--db", db, "sources", "remove", "statenews"]).exit_code == 0
    code, message = forewarn(capsys, monkeypatch, "--db", db, "sources", "remove", "statenews")
    assert code == 5 and "no source called 'statenews'" in message
    assert runner.invoke(app, ["--db", db, "alerts"]).stdout.strip() == "no alerts"


def run_once(store: Store, settings: Settings, clock: SteppedClock, seconds: float = 61) -> None:
    clock.advance(seconds)
    asyncio.run(Watcher(store, settings, clock=clock).run(once=True))


def test_a_drop_folder_reads_new_and_changed_files_once_settled(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    write(drop / "telegram" / "result.json", json.dumps(TELEGRAM, ensure_ascii=False))
    write(drop / "notes.jsonl", '{"id": "n1", "text": "first note"}\n')
    old = time.time() - 60
    for path in drop.rglob("*.*"):
        os.utime(path, (old, old))
    settings = watch_settings(tmp_path)
    clock = SteppedClock(datetime.now(UTC))
    with Store(f"sqlite:///{tmp_path / 'f.db'}") as store:
        SourceBook(store).add(make_spec(str(drop), name="drop", interval=60, tier="relay", language="ru"),
                              clock.now())
        run_once(store, settings, clock, 0)
        assert store.count("documents") == 3
        write(drop / "notes.jsonl", '{"id": "n1", "text": "first note"}\n{"id": "n2", "text": "second"}\n')
        write(drop / "late.jsonl", '{"id": "l1", "text": "still being copied"}\n')  # modified just now
        clock._now = datetime.now(UTC)  # the files' own clock: written less than SETTLE_SECONDS ago
        run_once(store, settings, clock, 0)
        assert store.count("documents") == 3  # both files are still settling
        run_once(store, settings, clock, 61)
        assert store.count("documents") == 5
        run_once(store, settings, clock, 61)
        [state] = SourceBook(store).all()
        docs = {d.source_ref: d for d in store.search_documents(limit=10)}
    assert state.items == 5 and len(state.state["files"]) == 3
    assert docs["2"].extra["tier"] == "relay" and docs["2"].extra["watch_source"] == "drop"
    assert docs["n2"].language == "ru"  # the hint, where the record says nothing


def listing(*paths: str) -> bytes:
    links = "".join(f'<li><a href="{p}">story {p}</a></li>' for p in paths)
    return (f"<html><body><nav><a href='/about'>About</a> <a href='https://elsewhere.example/x'>x</a></nav>"
            f"<ul>{links}</ul></body></html>").encode()


def article(n: int) -> bytes:
    body = PAGE.replace("https://news.example/2018/09/chlorine", f"https://ministry.example/news/2026/{n}")
    return body.replace("Militants bring chlorine", f"Story {n}: militants bring chlorine").encode()


def test_a_listing_page_leads_to_its_new_articles_only(tmp_path: Path) -> None:
    settings = watch_settings(tmp_path, fetch_deadline=10.0, fetch_timeout=10.0)
    clock = SteppedClock()
    with serve() as site, Store(f"sqlite:///{tmp_path / 'p.db'}") as store:
        page = site.add("/news/", Route(body=listing("/news/2026/1", "/news/2026/2"), content_type="text/html"))
        for n in (1, 2, 3):
            site.add(f"/news/2026/{n}", Route(body=article(n), content_type="text/html"))
        site.add("/about", Route(body=b"<html><body>about us</body></html>", content_type="text/html"))
        SourceBook(store).add(make_spec(site.url("/news/"), kind="page", name="ministry", interval=60), clock.now())
        run_once(store, settings, clock)
        assert store.count("documents") == 2
        run_once(store, settings, clock)  # listing unchanged: a 304, nothing else fetched
        assert site.sent[("/news/", 304)] == 1 and site.hits["/news/2026/1"] == 1
        page.body = listing("/news/2026/3", "/news/2026/1", "/news/2026/2")
        run_once(store, settings, clock)
        titles = sorted(d.title for d in store.search_documents(limit=10))
    assert titles == [f"Story {n}: militants bring chlorine to Jisr al-Shughur" for n in (1, 2, 3)]
    assert site.hits["/news/2026/1"] == 1 and site.hits["/news/2026/3"] == 1 and site.hits["/about"] == 0


# -- one article, many roads ----------------------------------------------------------------------------------
def test_url_keys_ignore_what_does_not_name_the_article() -> None:
    key = url_key("https://news.example/2018/09/chlorine")
    for same in ("http://www.News.Example:80/2018/09/chlorine/", "https://news.example/2018/09/chlorine#top",
                 "https://news.example/2018/09/chlorine?utm_source=rss&utm_medium=feed",
                 "https://news.example/2018/09/chlorine/amp", "https://news.example//2018/09/chlorine"):
        assert url_key(same) == key, same
    assert url_key("https://news.example/2018/09/chlorine?id=2") != key
    assert url_key("https://news.example:8443/2018/09/chlorine") != key
    assert url_key("mailto:x@news.example") == url_key("not a url") == ""
    assert same_article("A title", "short lead", "a title", "other text entirely")
    lead = "The Russian defence ministry said on Saturday that militants had delivered eight canisters…"
    assert same_article("", lead, "", lead.rstrip("…") + " of chlorine to the town, where a staged attack was planned.")
    assert not same_article("Live: day 3", "Morning: shelling in the north.", "Live: day 4", "Evening: talks.")


FEED_WITH_LEAD = """<?xml version="1.0"?><rss version="2.0"><channel><title>News Example</title>
<link>https://news.example/</link><item><guid>urn:news:chlorine</guid>
<title>Militants bring chlorine to Jisr al-Shughur</title><link>https://news.example/2018/09/chlorine?utm_source=rss</link>
<description>The Russian defence ministry said on Saturday that militants had delivered eight canisters…</description>
</item></channel></rss>"""


def test_a_feed_item_and_its_page_are_one_document_with_the_fuller_text(tmp_path: Path) -> None:
    settings = Settings(allow_private=True, batch_size=10)
    with serve() as site, Store(f"sqlite:///{tmp_path / 'one.db'}") as store:
        site.add("/feed.rss", Route(body=FEED_WITH_LEAD.encode()))
        site.add("/chlorine", Route(body=PAGE.encode(), content_type="text/html"))
        first = ingest([site.url("/feed.rss")], store, settings)
        page = ingest([site.url("/chlorine")], store, settings)
        again = ingest([site.url("/feed.rss"), site.url("/chlorine")], store, settings)
        feed_file = ingest([write(tmp_path / "saved.rss", FEED_WITH_LEAD.replace("<link>https://news.example/</link>",
                                                                                 ""))], store, settings)
        [doc] = store.search_documents(limit=5)
    assert (first.new, page.new, page.duplicate, again.new, feed_file.new) == (1, 0, 1, 0, 0)
    assert doc.source == "feed:https://news.example/" and doc.source_ref == "urn:news:chlorine"  # its first id
    assert "foreign specialists" in doc.text  # the page's full text replaced the feed's lead
    assert doc.extra["fuller_text_from"] == site.url("/chlorine")
    with sqlite3.connect(tmp_path / "one.db") as conn:
        assert conn.execute("SELECT detector_version FROM documents").fetchone() == (None,)  # read again
        assert conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'specialists'"
                            ).fetchone() == (1,)


def test_migrating_an_older_store_fills_in_url_keys(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store(f"sqlite:///{db}", migrate=False) as old:
        old.migrate(schema.MIGRATIONS.index(schema._v8_document_url_keys))  # the version before url_key
    with sqlite3.connect(db) as conn:  # the documents table before url_key (migrations are frozen DDL)
        conn.execute("INSERT INTO documents (id, source, source_ref, outlet, url, date_kind, language, title, text, "
                     "content_hash, native_id, origin, position, extra, ingested_at) VALUES ('x', 's', 'r', '', "
                     "'https://www.news.example/a/?utm_source=x', 'published', '', 't', 'b', 'h', 1, '', '', '{}', "
                     "?)", (datetime.now(UTC) - timedelta(days=1),))
    with Store(f"sqlite:///{db}") as store:
        assert store.version() >= 5
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT url_key FROM documents").fetchone() == ("news.example/a",)
