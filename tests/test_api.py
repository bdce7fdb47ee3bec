"""The REST API in process (FastAPI's TestClient) over a real store built from the bundled sample, on SQLite and on
PostgreSQL. The store is shared by the module's tests (one per backend): the tests that write come last, and the
feedback test puts back what it changed."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from forewarn.api import create_app
from forewarn.settings import Settings
from forewarn.store import Store

TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def client_for(db: Path | str, **options: object) -> TestClient:
    settings = Settings(db=str(db), max_upload_bytes=200_000)
    return TestClient(create_app(settings, Store(db), **options), raise_server_exceptions=False)  # type: ignore[arg-type]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def sample_store(request: pytest.FixtureRequest, sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample, after the pipeline, in a database of each backend, for this module's tests."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("sample_postgres_url"))
    copy = tmp_path_factory.mktemp("api") / "sample.db"
    shutil.copy(sample_db, copy)
    return str(copy)


@pytest.fixture
def api(sample_store: str) -> Iterator[TestClient]:
    with client_for(sample_store, token=TOKEN) as client:
        yield client


def test_claims_filters_paging_and_sources(api: TestClient) -> None:
    first = api.get("/api/v1/claims", params={"kind": "PREEMPTIVE", "place": "Idlib", "limit": 5}).json()
    assert len(first["items"]) == 5 and first["next_cursor"]
    assert all(c["kind"] == "PREEMPTIVE" and c["document"]["title"] is not None for c in first["items"])
    seen = [c["id"] for c in first["items"]]
    cursor = first["next_cursor"]
    while cursor:
        page = api.get("/api/v1/claims", params={"kind": "PREEMPTIVE", "place": "Idlib", "limit": 5,
                                                 "cursor": cursor}).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
    everything = api.get("/api/v1/claims", params={"kind": "PREEMPTIVE", "place": "Idlib", "limit": 500}).json()
    assert len(seen) == len(set(seen)) == len(everything["items"]) and everything["next_cursor"] is None
    helmets = api.get("/api/v1/claims", params=[("accused", "White Helmets"), ("language", "ru"),
                                                 ("language", "ar")]).json()["items"]
    assert helmets and all("White Helmets" in c["accused"] and c["language"] in ("ru", "ar") for c in helmets)
    facets = api.get("/api/v1/claims/facets/claimant").json()
    assert facets[0]["value"] == "Russian Ministry of Defence" and facets[0]["count"] > 10
    copies = api.get(f"/api/v1/claims/{helmets[0]['id']}/statement").json()
    assert helmets[0]["id"] in [c["id"] for c in copies["claims"]]


def test_warnings_places_documents_incidents_backtest(api: TestClient) -> None:
    listed = api.get("/api/v1/warnings", params={"open": "true"}).json()["items"]
    assert listed and all(w["open"] for w in listed) and "Jisr al-Shughur" in [w["place_name"] for w in listed]
    shown = api.get(f"/api/v1/warnings/{listed[0]['id'][:5]}").json()
    assert shown["evidence"] and shown["statements"] and len(shown["languages"]) >= 2
    # each statement as an analyst reads it (forewarn.evidence): its sentence and every copy (a claimant only
    # when the detector names one: an outlet may speak for itself)
    assert all(s["sentence"] and s["relays"] and "claimant" in s for s in shown["statements"])
    for narrative in {w["narrative"] for w in listed}:
        chosen = api.get("/api/v1/warnings", params={"narrative": narrative}).json()["items"]
        assert chosen and all(w["narrative"] == narrative for w in chosen)
    idlib = api.get("/api/v1/places/SY-ID").json()
    assert set(idlib["open_warnings"]) == {w["id"] for w in listed} and "Идлиб" in idlib["local_names"]
    assert api.get("/api/v1/places/Idlib").json()["id"] == "SY-ID"  # names work too
    series = api.get("/api/v1/places/SY-ID/series").json()
    assert sum(p["preemptive"] for p in series) > 0
    geo = api.get("/api/v1/places.geojson").json()
    assert geo["type"] == "FeatureCollection" and any(f["properties"]["warned"] for f in geo["features"])
    found = api.get("/api/v1/documents", params={"q": "chlorine"}).json()["items"]
    assert found and api.get(f"/api/v1/documents/{found[0]['id']}").json()["claims"]
    assert len(api.get("/api/v1/incidents").json()) == 3
    backtest = api.get("/api/v1/backtest").json()
    assert backtest["summary"]["warnings"] == len(api.get("/api/v1/warnings").json()["items"])
    assert api.get("/api/v1/stats").json()["documents"] == 60


def test_the_readme_api_examples_answer(api: TestClient) -> None:
    """The README's curl lines, as written: every GET answers with data, the feedback body is a valid FeedbackIn."""
    from forewarn.api.models import FeedbackIn

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    urls = re.findall(r"curl -s '(http://127\.0\.0\.1:8765/api/v1/[^']+)'", readme)
    assert len(urls) >= 4
    for url in urls:
        answer = api.get(url.removeprefix("http://127.0.0.1:8765"))
        assert answer.status_code == 200 and answer.json(), url
    body = re.search(r"-d '(\{[^']+\})'", readme)
    assert body and FeedbackIn.model_validate(json.loads(body.group(1))).verdict == "wrong"


def test_errors_are_plain_json_never_a_trace(api: TestClient) -> None:
    cases = {
        "/api/v1/warnings/ffffffffffff": 404,
        "/api/v1/claims?place=Atlantis%20Nowhere": 404,
        "/api/v1/claims?cursor=bm9wZQ": 400,
        "/api/v1/claims?sort=random": 400,
        "/api/v1/claims?since=yesterday": 422,
        "/api/v1/claims?since=5": 422,  # not a Unix time: a day is YYYY-MM-DD
        "/api/v1/claims?kind=PREEMPTIVE&kind=RETROSPECTIVE": 400,  # one value, given twice
        "/api/v1/backtest?from=2018": 422,
        "/api/v1/claims/not-hex!": 404,
    }
    for url, status in cases.items():
        response = api.get(url)
        assert response.status_code == status, (url, response.text)
        assert "Traceback" not in response.text and "sqlalchemy" not in response.text.lower()
        assert set(response.json()) == {"error", "status"}


def test_security_headers(api: TestClient) -> None:
    response = api.get("/api/v1/stats")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe" not in policy
    assert response.headers["x-frame-options"] == "DENY" and response.headers["x-content-type-options"] == "nosniff"
    docs = api.get("/api/docs")
    assert docs.status_code == 200 and "<script>" not in docs.text and "cdn" not in docs.text.lower()
    assert api.get("/api/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert api.get("/openapi.json").json()["info"]["title"] == "forewarn"


def test_writes_need_the_token_and_are_off_read_only(sample_store: str) -> None:
    payload = {"verdict": "wrong"}
    with client_for(sample_store, token=TOKEN) as client:
        claim_id = client.get("/api/v1/claims", params={"limit": 1}).json()["items"][0]["id"]
        url = f"/api/v1/claims/{claim_id}/feedback"
        assert client.post(url, json=payload).status_code == 401
        assert client.post(url, json=payload, headers={"Authorization": "Bearer wrong"}).status_code == 401
    with client_for(sample_store, token=TOKEN, read_only=True) as client:
        assert client.post(url, json=payload, headers=AUTH).status_code == 403
    with client_for(sample_store) as client:  # no token: writes are off
        assert client.post(url, json=payload, headers=AUTH).status_code == 403


def test_marking_a_claim_wrong_changes_the_warning_at_once(api: TestClient) -> None:
    api_warnings_before = api.get("/api/v1/warnings").json()["items"]
    warning = api.get("/api/v1/warnings", params={"open": "true"}).json()["items"][0]
    before = len(warning["claim_ids"])
    target = warning["claim_ids"][0]
    done = api.post(f"/api/v1/claims/{target}/feedback", headers=AUTH,
                    json={"verdict": "wrong", "analyst": "tester", "note": "not a staging claim"})
    assert done.status_code == 200, done.text
    assert done.json()["claim"]["review"]["verdict"] == "wrong"
    everything = api.get("/api/v1/warnings").json()["items"]
    assert all(target not in w["claim_ids"] for w in everything)  # it left every warning at once
    same_place = [w for w in everything if w["place_id"] == warning["place_id"]]
    assert sum(len(w["claim_ids"]) for w in same_place) < before or not same_place
    log = api.get("/api/v1/feedback").json()
    assert log[-1]["claim_id"] == target and log[-1]["analyst"] == "tester"
    assert api.get("/api/v1/claims", params={"review": "wrong"}).json()["items"][0]["id"] == target
    corrected = api.post(f"/api/v1/claims/{target}/feedback", headers=AUTH,
                         json={"verdict": "corrected", "corrections": {"place": "Saraqib"}})
    assert corrected.status_code == 200 and corrected.json()["claim"]["review"]["corrections"] == {"place": "Saraqib"}
    bad = api.post(f"/api/v1/claims/{target}/feedback", headers=AUTH,
                   json={"verdict": "corrected", "corrections": {"score": 1}})
    assert bad.status_code == 400
    right = api.post(f"/api/v1/claims/{target}/feedback", headers=AUTH, json={"verdict": "right"})
    assert right.status_code == 200  # marked right again, it counts as it did before
    restored = api.get("/api/v1/warnings").json()["items"]
    assert sorted((w["id"], w["claim_ids"]) for w in restored) == \
        sorted((w["id"], w["claim_ids"]) for w in api_warnings_before)


def test_upload_ingests_and_caps_size(api: TestClient) -> None:
    line = {"id": "up-1", "title": "Upload", "text": "Militants are preparing to stage a chlorine attack in Saraqib, "
            "the Russian defence ministry said.", "date": "2018-09-20", "outlet": "Upload Wire"}
    body = (json.dumps(line) + "\n").encode("utf-8")
    done = api.post("/api/v1/documents", headers=AUTH, files={"file": ("news.jsonl", body)})
    assert done.status_code == 201, done.text
    assert done.json()["new"] == 1 and done.json()["stages"]["claims_written"] >= 1
    again = api.post("/api/v1/documents", headers=AUTH, files={"file": ("news.jsonl", body)})
    assert again.json()["duplicate"] == 1
    big = api.post("/api/v1/documents", headers=AUTH, files={"file": ("big.jsonl", b"x" * 300_000)})
    assert big.status_code == 413 and "cap" in big.json()["error"]

