"""A warning's evidence, paged by distinct statement (forewarn.queries.statements): the pages together are the
evidence read from every claim at once, a page reads only its own claims in full, and the API, the CLI and the
dashboard page through it."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from forewarn import queries
from forewarn.cli import app
from forewarn.cli import commands as _commands  # noqa: F401  (registers the commands)
from forewarn.evidence import warning_evidence
from forewarn.model import Claim, Document, Warning
from forewarn.queries import statements as pages
from forewarn.settings import Settings
from forewarn.store import Store
from forewarn.warning import refresh_warnings

from .synthetic import gazetteer
from .test_api import client_for
from .test_evidence import copy

OUTLETS = ("TASS", "RT", "Sputnik", "SANA")


def story() -> list[tuple[Document, Claim]]:
    """25 statements about Idlib in ten days, some relayed by up to three outlets; one briefing whose two
    sentences the linker left apart (they fold into one statement); one quoted from earlier (made before)."""
    pairs = []
    for n in range(25):
        day = f"2018-09-{1 + n * 10 // 25:02d}"
        for k in range(1 + n % 3):
            text = f"Militants in Idlib prepare staged chemical attack number {n}, the ministry said."
            pairs.append(copy(day, "Idlib", outlet=OUTLETS[k], url=f"https://{OUTLETS[k].lower()}.example/{n}",
                              statement=f"s{n:02d}", text=text))
    doc, first = pairs[0]
    second = replace(first, statement_id="s99", evidence=replace(first.evidence, start=first.evidence.end + 1,
                                                                 end=first.evidence.end + 20, sentence="More."))
    doc, late = pairs[-1]
    quoted = replace(late, made_on=date(2018, 9, 2), quoted=True)
    return [*pairs[:-1], (doc, quoted), (pairs[0][0], second)]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "pages.db"
    pairs = story()
    with Store(f"sqlite:///{path}") as store:
        store.add_documents(list({doc.id: doc for doc, _ in pairs}.values()))
        claims = [c for _, c in pairs]
        store.replace_claims({c.document_id for c in claims}, claims, "test")
        refresh_warnings(store, gazetteer(), Settings())
    return path


def biggest(store: Store) -> Warning:
    return max((v.warning for v in queries.iter_warnings(store)), key=lambda w: len(w.claim_ids))


def every_page(store: Store, warning_id: str, limit: int) -> list[queries.WarningView]:
    found, cursor = [], None
    while True:
        view = queries.get_warning(store, warning_id, limit=limit, statements_cursor=cursor)
        found.append(view)
        if (cursor := view.statements_cursor) is None:
            return found


def test_the_pages_together_are_the_evidence_read_from_every_claim(db: Path) -> None:
    with Store(f"sqlite:///{db}") as store:
        warning = biggest(store)
        views = queries.claims_by_id(store, warning.claim_ids)
        links = {v.claim.document_id: v.source.url for v in views if v.source.url}
        expected = warning_evidence(warning, [v.claim for v in views], links).statements
        assert len(expected) >= 20 and len(expected) < len(warning.claim_ids)  # copies and the briefing fold
        assert any(len(s.members) == 2 for s in expected)  # s00 and s99: one briefing
        everything = queries.get_warning(store, warning.id, limit=None)
        assert everything.evidence is not None and everything.evidence.statements == expected
        assert everything.statements_cursor is None and everything.summary is not None
        for limit in (1, 3, 7, queries.MAX_STATEMENT_LIMIT):
            found = every_page(store, warning.id, limit)
            assert all(v.evidence is not None and len(v.evidence.statements) <= limit for v in found)
            assert [s for v in found for s in v.evidence.statements] == list(expected), limit  # type: ignore[union-attr]
            assert {v.summary for v in found} == {everything.summary}  # every page counts all of it
            for view in found:  # each page carries exactly the claims of its statements
                assert view.evidence is not None
                members = {m for s in view.evidence.statements for m in s.members}
                assert {c.claim.statement_id for c in view.claims} == members
        summary = everything.summary
        assert summary.statements == len(expected) and summary.claims == len(warning.claim_ids)
        assert summary.copies == sum(len(s.relays) for s in expected)
        assert set(summary.outlets) == set(OUTLETS[:3]) and summary.languages == ("en",)


def test_a_page_reads_only_its_own_claims_in_full(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def recording(store: Store, claim_ids: Any) -> list[queries.ClaimView]:
        wanted = list(claim_ids)
        asked.extend(wanted)
        return queries.claims_by_id(store, wanted)

    monkeypatch.setattr(pages, "claims_by_id", recording)
    with Store(f"sqlite:///{db}") as store:
        warning = biggest(store)
        view = queries.get_warning(store, warning.id, limit=2)
    assert view.evidence is not None and len(view.evidence.statements) == 2
    assert sorted(asked) == sorted(c.id for c in view.claims) and len(asked) < len(warning.claim_ids) / 5


def test_a_bad_statements_cursor_or_limit_is_refused(db: Path) -> None:
    from forewarn.errors import ConfigError

    with Store(f"sqlite:///{db}") as store:
        warning = biggest(store)
        with pytest.raises(ConfigError):
            queries.get_warning(store, warning.id, statements_cursor="not-a-cursor")
        with pytest.raises(ConfigError):
            queries.get_warning(store, warning.id, limit=queries.MAX_STATEMENT_LIMIT + 1)


def test_the_api_pages_a_warnings_statements_by_link(db: Path) -> None:
    api: TestClient = client_for(db)
    with Store(f"sqlite:///{db}") as store:
        warning = biggest(store)
    whole = api.get(f"/api/v1/warnings/{warning.id}", params={"limit": queries.MAX_STATEMENT_LIMIT}).json()
    assert whole["statements_next"] is None and whole["summary"]["statements"] == len(whole["statements"])
    first = api.get(f"/api/v1/warnings/{warning.id[:8]}").json()  # the default page
    assert len(first["statements"]) == queries.STATEMENT_LIMIT < first["summary"]["statements"]
    assert first["summary"] == whole["summary"] and first["languages"] == ["en"]
    assert first["summary"]["claims"] == len(first["claim_ids"]) == len(warning.claim_ids)
    assert {c["id"] for c in first["evidence"]} == {i for s in first["statements"] for i in s["claim_ids"]}
    seen, link = list(first["statements"]), first["statements_next"]
    assert link == f"/api/v1/warnings/{warning.id}/statements?cursor={first['statements_cursor']}&limit=20"
    while link:
        page = api.get(link.replace("limit=20", "limit=2")).json()
        assert page["warning_id"] == warning.id and len(page["statements"]) <= 2 and page["summary"] == whole["summary"]
        assert {c["id"] for c in page["evidence"]} == {i for s in page["statements"] for i in s["claim_ids"]}
        seen += page["statements"]
        link = page["next"]
    assert seen == whole["statements"]  # every statement once, in order, the same JSON whichever page
    assert api.get(f"/api/v1/warnings/{warning.id}/statements", params={"cursor": "x"}).status_code == 400
    assert api.get(f"/api/v1/warnings/{warning.id}", params={"limit": 101}).status_code == 422
    assert api.get("/api/v1/warnings/ffffffffffff/statements").status_code == 404


def test_the_cli_shows_every_statement_or_the_first_few(db: Path) -> None:
    runner = CliRunner()
    with Store(f"sqlite:///{db}") as store:
        warning = biggest(store)
    full = json.loads(runner.invoke(app, ["warnings", "show", warning.id, "--json", "--db", str(db)]).stdout)
    assert full["statements_cursor"] is None and len(full["statements"]) == full["summary"]["statements"]
    few = runner.invoke(app, ["warnings", "show", warning.id, "--limit", "2", "--db", str(db)],
                        env={"COLUMNS": "200"})
    assert few.exit_code == 0, few.output
    assert f"the first 2 of {full['summary']['statements']} statements" in few.stdout


def test_the_warning_page_links_to_more_statements(db: Path) -> None:
    web = client_for(db)
    with Store(f"sqlite:///{db}") as store:
        warning = biggest(store)
    first = web.get(f"/warnings/{warning.id}")
    assert first.status_code == 200 and "more statements" in first.text
    shown = set(re.findall(r'data-claim="([0-9a-f]+)"', first.text))
    more = re.search(r'href="(/warnings/[0-9a-f]+\?statements_cursor=[^"]+)"', first.text)
    assert more is not None
    second = web.get(more.group(1).replace("&amp;", "&"))
    assert second.status_code == 200 and "back to the first" in second.text
    later = set(re.findall(r'data-claim="([0-9a-f]+)"', second.text))
    assert later and not later & shown  # the next statements, not the same again
