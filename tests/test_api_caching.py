"""Conditional GETs (forewarn.api.caching): the API's GET answers carry an ETag naming the store's state; sent
back while the store is unchanged it gets 304 before any query, and any commit — through this server, through
another connection, from another process — makes the old tag stale, so the next answer is the new data."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from forewarn.api import create_app
from forewarn.api.caching import StoreVersion, matches
from forewarn.settings import Settings
from forewarn.store import Store

TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def client_for(db: Path, **options: object) -> TestClient:
    return TestClient(create_app(Settings(db=str(db)), Store(db), **options))  # type: ignore[arg-type]


def revalidate(api: TestClient, url: str, tag: str) -> int:
    return api.get(url, headers={"If-None-Match": tag}).status_code


def test_an_unchanged_store_answers_304_and_any_commit_makes_the_tag_stale(sample_copy: Path) -> None:
    with client_for(sample_copy, token=TOKEN) as api:
        first = api.get("/api/v1/claims", params={"limit": 5})
        assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
        tag = first.headers["etag"]
        assert tag.startswith('W/"')
        again = api.get("/api/v1/claims", params={"limit": 5}, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
        assert "content-security-policy" in again.headers  # the security headers on a 304 too
        warning = api.get("/api/v1/warnings").json()["items"][0]["id"]
        assert revalidate(api, f"/api/v1/warnings/{warning}", tag) == 304  # one state, every URL

        # A write through this server: the feedback changes the claim, the tag goes stale.
        claim = first.json()["items"][0]["id"]
        done = api.post(f"/api/v1/claims/{claim}/feedback", headers=AUTH, json={"verdict": "wrong"})
        assert done.status_code == 200
        fresh = api.get("/api/v1/claims", params={"limit": 5}, headers={"If-None-Match": tag})
        assert fresh.status_code == 200 and fresh.headers["etag"] != tag
        assert fresh.json()["items"][0]["review"]["verdict"] == "wrong"
        tag = fresh.headers["etag"]

        # Another connection of another process (an ingest beside the server): stale again, the new data served.
        script = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                  "c.execute(\"UPDATE documents SET title = 'Retitled' WHERE id = ?\", (sys.argv[2],)); c.commit()")
        document = fresh.json()["items"][0]["document_id"]
        subprocess.run([sys.executable, "-c", script, str(sample_copy), document], check=True)
        url = f"/api/v1/documents/{document}"
        changed = api.get(url, headers={"If-None-Match": tag})
        assert changed.status_code == 200 and changed.json()["title"] == "Retitled"
        assert revalidate(api, url, changed.headers["etag"]) == 304


def test_only_the_apis_successful_gets_are_tagged(sample_copy: Path) -> None:
    with client_for(sample_copy, token=TOKEN) as api:
        tag = api.get("/api/v1/stats").headers["etag"]
        assert "etag" not in api.get("/").headers  # dashboard pages carry per-session forms
        assert "etag" not in api.get("/api/v1/claims/ffffffffff").headers  # a 404
        assert "etag" not in api.get("/healthz").headers
        refused = api.post("/api/v1/claims/ffffffffff/feedback", headers={**AUTH, "If-None-Match": tag},
                           json={"verdict": "wrong"})
        assert refused.status_code == 404  # a write is never answered 304


def test_a_tag_is_current_only_in_the_process_that_gave_it(sample_copy: Path) -> None:
    """Two workers (or a restart) on one store: each its own tags, so a tag from one is a miss on the other."""
    with client_for(sample_copy, read_only=True) as one, client_for(sample_copy, read_only=True) as other:
        tag = one.get("/api/v1/claims").headers["etag"]
        assert revalidate(one, "/api/v1/claims", tag) == 304
        assert revalidate(other, "/api/v1/claims", tag) == 200


def test_if_none_match_lists_and_backends() -> None:
    tag = 'W/"abc-3"'
    assert matches('W/"abc-3"', tag) and matches('"abc-3"', tag) and matches('"x", W/"abc-3"', tag)
    assert matches("*", tag) and not matches('W/"abc-2"', tag) and not matches("", tag)
    assert StoreVersion.of("postgresql+psycopg://u@localhost/forewarn") is None  # no change counter: no ETags
    assert StoreVersion.of("sqlite://") is None


def test_the_counter_sees_other_connections_commits(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=wal")
        conn.execute("CREATE TABLE t (x)")
    version = StoreVersion(str(path))
    tag = version.tag()
    assert version.tag() == tag
    writer = sqlite3.connect(path)
    writer.execute("INSERT INTO t VALUES (1)")
    assert version.tag() == tag  # not committed yet
    writer.commit()
    assert version.tag() != tag
    writer.close()
    version.close()


def test_memoised_reads_follow_another_processs_review(sample_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The backtest memo is keyed on the same counter: a review written by another process (which changes no
    count) is seen at once."""
    import forewarn.backtest

    calls: list[object] = []
    real = forewarn.backtest.backtest_store

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(forewarn.backtest, "backtest_store", counted)
    with client_for(sample_copy, read_only=True) as api:
        first = api.get("/api/v1/backtest").json()
        assert api.get("/api/v1/backtest").json() == first and len(calls) == 1  # memoised
        claim = api.get("/api/v1/claims", params={"limit": 1}).json()["items"][0]["id"]
        script = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO claim_reviews"
                  "(claim_id, verdict, updated_at) VALUES (?, 'wrong', '2026-12-03 12:00:00')\", (sys.argv[2],));"
                  " c.commit()")
        subprocess.run([sys.executable, "-c", script, str(sample_copy), claim], check=True)
        api.get("/api/v1/backtest")
        assert len(calls) == 2  # recomputed over the reviewed claims
