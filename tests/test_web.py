"""The dashboard in process (FastAPI's TestClient) over a real SQLite store built from the bundled sample: every
page, the sign-in and CSRF rules, feedback through the form, untrusted text escaped. The browser-level checks
(no request leaves the machine, no console error, right-to-left rendering, click-through) are in
tests/test_browser.py."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from forewarn import queries
from forewarn.api import create_app
from forewarn.model import Place
from forewarn.queries.records import PlaceCount
from forewarn.settings import Settings
from forewarn.store import Store
from forewarn.web import charts, maps, text
from forewarn.web.sessions import local_path

TOKEN = "web-test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
XSS_LINE = {
    "id": "xss-1", "date": "2018-09-11", "url": "javascript:alert(7)",
    "title": f"{PAYLOAD} Militants prepare chemical provocation in Saraqib",
    "text": "Militants are preparing to stage a chemical attack in Saraqib, the Russian defence ministry said. "
            f"{PAYLOAD}",
    "outlet": f'Evil"><svg onload=alert(5)> Wire {PAYLOAD}',
}


def client_for(db: Path | str, **options: object) -> TestClient:
    settings = Settings(db=str(db))
    app = create_app(settings, Store(db), **options)  # type: ignore[arg-type]
    return TestClient(app, raise_server_exceptions=False, base_url="http://127.0.0.1:8765")


@pytest.fixture
def web(sample_copy: Path) -> Iterator[TestClient]:
    with client_for(sample_copy, token=TOKEN) as client:
        yield client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def sign_in(client: TestClient, next_page: str = "/") -> None:
    form = client.get("/login")
    done = client.post("/login", data={"token": TOKEN, "analyst": "Ana", "csrf": csrf_of(form.text),
                                       "next": next_page}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == next_page


def pages(client: TestClient) -> list[str]:
    warning = client.get("/api/v1/warnings", params={"open": "true"}).json()["items"][0]
    claim = client.get(f"/api/v1/warnings/{warning['id']}").json()["evidence"][0]
    return ["/", "/map", "/map?region=ukraine&days=365", "/search", "/search?q=chlorine",
            "/search?what=documents&q=chlorine", "/search?kind=PREEMPTIVE&place=Idlib&language=ar", "/backtest",
            "/login", "/places/SY-ID", "/places/Douma", f"/warnings/{warning['id']}", f"/claims/{claim['id']}",
            f"/documents/{claim['document_id']}"]


def test_every_page_renders_under_the_strict_policy(web: TestClient) -> None:
    for url in pages(web):
        response = web.get(url)
        assert response.status_code == 200, (url, response.text[:500])
        assert response.headers["content-type"].startswith("text/html")
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe" not in policy, url
        html = response.text
        assert "<script" not in html and " style=" not in html and "<style" not in html, url
        assert not re.search(r"\son[a-z]+=", html), url  # no inline event handler
        assert not re.search(r'\ssrc="(?:[a-z]+:)?//', html) and not re.search(r'<link[^>]+href="(?:[a-z]+:)?//', html)
    overview = web.get("/").text
    assert "Jisr al-Shughur" in overview and "<svg" in overview and "Джиср-Шугур" in overview  # the Russian name too


def test_every_page_renders_on_postgresql(sample_postgres_url: str) -> None:
    with client_for(sample_postgres_url, token=TOKEN) as client:
        for url in pages(client):
            response = client.get(url)
            assert response.status_code == 200, (url, response.text[:500])
        assert "Jisr al-Shughur" in client.get("/").text and client.get("/map").text.count("<circle") >= 3


def test_pages_show_the_evidence(web: TestClient) -> None:
    warning = web.get("/api/v1/warnings", params={"open": "true"}).json()["items"][0]
    detail = web.get(f"/api/v1/warnings/{warning['id']}").json()
    html = web.get(f"/warnings/{warning['id']}").text
    assert html.count('class="claim"') == len(detail["evidence"]) == len(warning["claim_ids"])
    assert "<mark>" in html and 'dir="rtl" lang="ar"' in html  # sentences highlighted, Arabic right-to-left
    for claim in detail["evidence"]:
        assert f'href="/documents/{claim["document_id"]}"' in html
    for outlet in detail["outlets"]:
        assert outlet.replace('"', "&#34;") in html
    place = web.get("/places/SY-ID").text
    assert "Идлиб" in place and "إدلب" in place and 'class="preemptive"' in place
    assert web.get("/map").text.count("<circle") >= 3
    found = web.get("/search", params={"q": "chlorine", "what": "documents"}).text
    assert found.count('class="doc-link"') >= 3


def test_errors_are_pages_on_the_dashboard_and_json_on_the_api(web: TestClient) -> None:
    missing = web.get("/warnings/ffffffffffff")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "Traceback" not in missing.text and "no warning" in missing.text
    assert web.get("/api/v1/warnings/ffffffffffff").json()["status"] == 404
    bad = web.get("/search", params={"since": "yesterday"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text
    assert web.get("/map", params={"days": "many"}).status_code == 400
    assert web.get("/nowhere").status_code == 404


def test_sign_in_needs_the_token_and_the_csrf_token(web: TestClient) -> None:
    form = web.get("/login")
    csrf = csrf_of(form.text)
    assert "forewarn_session" in form.headers["set-cookie"] and "HttpOnly" in form.headers["set-cookie"]
    assert "samesite=strict" in form.headers["set-cookie"].lower()
    assert web.post("/login", data={"token": TOKEN, "csrf": "forged"}).status_code == 403
    wrong = web.post("/login", data={"token": "guess", "csrf": csrf})
    assert wrong.status_code == 401 and "not this server" in wrong.text and TOKEN not in wrong.text
    foreign = web.post("/login", data={"token": TOKEN, "csrf": csrf}, headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403
    old_session = web.cookies.get("forewarn_session")
    done = web.post("/login", data={"token": TOKEN, "csrf": csrf, "next": "//evil.example/"}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/"  # never redirected off the server
    assert web.cookies.get("forewarn_session") != old_session  # a new session id on signing in
    assert "signed in" in web.get("/").text


def test_feedback_form_marks_a_claim_wrong_and_the_warning_changes(web: TestClient) -> None:
    warning = web.get("/api/v1/warnings", params={"open": "true"}).json()["items"][0]
    page = f"/warnings/{warning['id']}"
    assert "Mark wrong" not in web.get(page).text  # signed out: a sign-in link instead of the buttons
    target = warning["claim_ids"][0]
    csrf = csrf_of(web.get("/login").text)
    anonymous = web.post(f"/claims/{target}/feedback", data={"verdict": "wrong", "csrf": csrf})
    assert anonymous.status_code == 401  # a session, but not signed in
    sign_in(web, page)
    html = web.get(page).text
    assert "Mark wrong" in html
    done = web.post(f"/claims/{target}/feedback", data={"verdict": "wrong", "csrf": csrf_of(html), "back": page},
                    follow_redirects=False)
    assert done.status_code == 303
    after = web.get(done.headers["location"]).text
    assert "marked wrong" in after
    assert f'data-claim="{target}"' not in after
    assert all(target not in w["claim_ids"] for w in web.get("/api/v1/warnings").json()["items"])
    history = web.get("/api/v1/feedback", params={"claim": target}).json()
    assert history[-1]["verdict"] == "wrong" and history[-1]["analyst"] == "Ana"
    assert "wrong" in web.get(f"/claims/{target}").text


def test_correcting_fields_from_the_form(web: TestClient) -> None:
    claim = web.get("/api/v1/claims", params={"kind": "PREEMPTIVE", "limit": 1}).json()["items"][0]
    sign_in(web)
    page = web.get(f"/claims/{claim['id']}").text
    form = {"csrf": csrf_of(page), "verdict": "corrected", "kind": claim["kind"], "stance": claim["stance"],
            "claimant": "Syrian Arab News Agency", "accused": "; ".join(claim["accused"]), "agent": claim["agent"],
            "place": "Saraqib", "predicted_date": "", "back": f"/claims/{claim['id']}"}
    done = web.post(f"/claims/{claim['id']}/feedback", data=form)
    assert done.status_code == 200 and "corrected (claimant, place)" in done.text
    review = web.get(f"/api/v1/claims/{claim['id']}").json()["review"]
    assert review["verdict"] == "corrected" and review["corrections"] == {"claimant": "Syrian Arab News Agency",
                                                                          "place": "Saraqib"}
    unchanged = {**form, "csrf": csrf_of(done.text), "claimant": claim["claimant"], "place": claim["places"][0]["name"]}
    assert "Nothing was changed" in web.post(f"/claims/{claim['id']}/feedback", data=unchanged).text
    bad = {**form, "csrf": csrf_of(done.text), "predicted_date": "soon"}
    assert "Not saved" in web.post(f"/claims/{claim['id']}/feedback", data=bad).text


def test_feedback_is_refused_on_a_read_only_server(sample_copy: Path) -> None:
    with client_for(sample_copy, read_only=True) as client:
        login = client.get("/login").text
        assert "nothing to sign in for" in login and "read-only" in client.get("/").text
        claim = client.get("/api/v1/claims", params={"limit": 1}).json()["items"][0]["id"]
        refused = client.post(f"/claims/{claim}/feedback", data={"verdict": "wrong", "csrf": "x"})
        assert refused.status_code == 403


def test_untrusted_text_is_escaped_everywhere(web: TestClient) -> None:
    body = (json.dumps(XSS_LINE) + "\n").encode("utf-8")
    assert web.post("/api/v1/documents", headers=AUTH, files={"file": ("xss.jsonl", body)}).status_code == 201
    found = web.get("/api/v1/documents", params={"q": "provocation Saraqib"}).json()["items"]
    document = next(d for d in found if d["source_ref"] == "xss-1")
    claims = web.get("/api/v1/claims", params={"q": "provocation Saraqib"}).json()["items"]
    urls = [f"/documents/{document['id']}", "/search?what=documents&q=provocation", "/search?q=Saraqib",
            *(f"/claims/{c['id']}" for c in claims if c["document_id"] == document["id"])]
    assert len(urls) > 3, "the payload document should hold a claim"
    for url in urls:
        html = web.get(url).text
        assert "<script" not in html and "<img" not in html and "<svg onload" not in html, url
        assert "&lt;script&gt;" in html, url
        assert 'href="javascript:' not in html, url


@pytest.mark.parametrize("target,expected", [
    ("/warnings/abc", "/warnings/abc"), ("//evil.example/x", "/"), ("https://evil.example", "/"),
    ("/\\evil.example", "/"), ("", "/"), ("/ok?x=1", "/ok?x=1"), ("/a\nb", "/"),
])
def test_redirects_stay_on_the_server(target: str, expected: str) -> None:
    assert local_path(target) == expected


def test_text_helpers() -> None:
    assert text.direction("ar") == "rtl" and text.direction("ru") == "auto" and text.direction("") == "auto"
    assert text.safe_url("javascript:alert(1)") == "" and text.safe_url("https://a.example/x") == "https://a.example/x"
    assert text.safe_url("data:text/html,x") == "" and text.safe_url("http:///nohost") == ""
    full = "Title\nFirst words here. The staged attack is coming. More words after."
    start = full.index("The staged")
    end = full.index("coming.") + len("coming.")
    cut = text.passage(full, start, end, "The staged attack is coming.", chars=12)
    assert cut.sentence == "The staged attack is coming." and cut.cut_before and cut.cut_after
    assert text.passage(full, 0, 3, "something else").before == ""  # offsets that do not match: the sentence alone
    title, body = text.document_parts("Title", "First. Second.", [(0, 5, "a"), (13, 20, "b")])
    assert [s.marked for s in title] == [True] and [s.text for s in body if s.marked] == ["Second."]
    assert [s.text for s in text.marked_segments("abcdef", [(1, 3, "x"), (2, 4, "y"), (9, 12, "z")])] == \
        ["a", "bc", "def"]


def test_map_labels_never_overlap_and_stay_inside() -> None:
    places = [Place(f"p{i}", f"Place number {i}", "town", country="SY", lat=35.0 + i * 0.02, lon=36.6 + i * 0.02)
              for i in range(30)]
    drawn = maps.region_map(["Syria"], [PlaceCount(p, 10 - i % 10, 1, i == 3) for i, p in enumerate(places)])
    assert len(drawn.spots) == 30 and drawn.shapes and any(s.focus for s in drawn.shapes)
    boxes = []
    for label in drawn.labels:
        width = len(label.text) * maps.CHAR_WIDTH
        left = label.x if label.anchor == "start" else label.x - width
        boxes.append((left, label.y - 12, left + width, label.y))
        assert left >= 0 and left + width <= drawn.width
    assert all(not maps._overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert "Place number 3" in [label.text for label in drawn.labels]  # the warned place is named first


def test_timeline_geometry() -> None:
    row = charts.Row("Idlib", days=(charts.Day(date(2018, 9, 1), 3, 0), charts.Day(date(2018, 9, 5), 0, 2)),
                     bands=(charts.Band(date(2018, 9, 2), None, "open warning"),),
                     attacks=(charts.Attack(date(2018, 9, 6), "attack"),))
    start, end = charts.span_of([row]) or (date.min, date.max)
    chart = charts.timeline([row], start, end)
    pre = [r for r in chart.rects if r.css == "preemptive"]
    retro = [r for r in chart.rects if r.css == "retrospective"]
    band = next(r for r in chart.rects if r.css == "warning")
    assert pre[0].y + pre[0].height == pytest.approx(retro[0].y)  # above and below one line
    assert band.x + band.width == pytest.approx(charts.WIDTH - 10, abs=0.1)  # open: to the end
    assert chart.marks[0].x > retro[0].x and chart.ticks


def test_narrative_volume_counts_each_statement_once(sample_db: Path) -> None:
    with Store(sample_db) as store:
        weeks = queries.narrative_weeks(store)
        statements = {c.claim.statement_id or c.id for c in queries.iter_claims(store)}
    assert sum(w.preemptive + w.retrospective for w in weeks) == len(statements)
    assert all(w.week.weekday() == 0 for w in weeks)


def test_backtest_page_by_narrative_and_incident_set(web: TestClient) -> None:
    replay = web.get("/api/v1/backtest").json()
    html = web.get("/backtest").text
    assert 'name="narrative"' in html and 'name="incidents"' in html
    assert replay["episodes"] and all(str(escape(e["name"])) in html for e in replay["episodes"])
    for chosen in ("alleged", "all"):  # the same answer from the API and the page, an error shown on the page
        answer = web.get("/api/v1/backtest", params={"incidents": chosen})
        page = web.get("/backtest", params={"incidents": chosen})
        assert page.status_code == answer.status_code
        if answer.status_code == 200:
            assert answer.json()["parameters"]["incidents"] == chosen
        else:
            assert answer.status_code < 500 and 'role="alert"' in page.text and 'name="narrative"' in page.text
    assert web.get("/api/v1/backtest", params={"incidents": "nonsense"}).status_code == 400
    other = web.get("/api/v1/backtest", params={"narrative": "biological"}).json()
    assert all(e["narrative"] == "biological" for e in other["episodes"])
