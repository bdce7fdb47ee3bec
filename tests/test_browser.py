"""The dashboard in a real browser: Debian's Chromium driven by Playwright, against `forewarn serve` (uvicorn)
on 127.0.0.1 over a store built from the bundled sample.

Every request the browser makes is checked: anything not for 127.0.0.1 is refused and fails the test; so does
any console error (a Content-Security-Policy violation is one) or script dialog. Chromium is the system's
(`apt-get install chromium`, done by .ci/run); Playwright's own browser download is never used.

With FOREWARN_SCREENSHOTS=<folder> the first test also saves the README's screenshots there
(`make screenshots` writes docs/screenshots/).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.servers import serving_copy
from tests.test_web import PAYLOAD, XSS_LINE

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the dev extra")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "browser-test-token-0123456789"
TIMEOUT_MS = 60_000  # a loaded machine
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (.ci/run installs it)"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, sample_db: Path) -> Iterator[str]:
    with serving_copy(sample_db, tmp_path_factory.mktemp("browser"), token=TOKEN) as base:
        yield base


class Watch:
    """What the browser did that a test must not see: requests leaving 127.0.0.1, console errors, dialogs."""

    def __init__(self) -> None:
        self.offsite: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []

    def guard(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.offsite.append(url)
            route.abort()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh user-data dir
    with playwright_api.sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=ARGS, headless=True, viewport={"width": 1000, "height": 680},
            locale="en-GB", timezone_id="UTC",
        )
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[tuple[Any, Watch]]:
    browser.clear_cookies()
    watch = Watch()
    browser.route("**/*", watch.guard)
    page = browser.new_page()
    page.on("console", lambda message: watch.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.on("dialog", lambda dialog: (watch.dialogs.append(dialog.message), dialog.dismiss()))
    yield page, watch
    page.close()
    browser.unroute("**/*")
    assert watch.requests, "the route guard saw no request"
    assert not watch.offsite, f"requests left 127.0.0.1: {watch.offsite}"
    assert not watch.errors, f"console errors: {watch.errors}"
    assert not watch.dialogs, f"script dialogs opened: {watch.dialogs}"


def api(base: str, path: str, **params: Any) -> Any:
    response = httpx.get(f"{base}/api/v1{path}", params=params, timeout=60)
    response.raise_for_status()
    return response.json()


def open_page(page: Any, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, (url, response.status if response else None)


def screenshot(page: Any, name: str) -> None:
    """Saved only with FOREWARN_SCREENSHOTS set: a small palette PNG of the visible part of the page."""
    folder = os.environ.get("FOREWARN_SCREENSHOTS")
    if not folder:
        return
    from PIL import Image

    path = Path(folder) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=64)
        small.save(path, optimize=True)


def test_every_page_opens_offline_without_errors(server: str, watched: tuple[Any, Watch]) -> None:
    page, _ = watched
    warning = api(server, "/warnings", open="true")["items"][0]
    claim = api(server, f"/warnings/{warning['id']}")["evidence"][0]
    shots = {"/": "overview", "/map": "map", "/places/SY-ID": "place", f"/warnings/{warning['id']}": "warning"}
    for url in ["/", "/map", "/map?region=ukraine", "/places/SY-ID", "/places/Jisr%20al-Shughur",
                f"/warnings/{warning['id']}", f"/claims/{claim['id']}", f"/documents/{claim['document_id']}",
                "/search", "/search?q=chlorine", "/search?what=documents&q=Douma", "/backtest", "/login"]:
        open_page(page, server + url)
        assert page.locator("h1").first.is_visible(), url
        if url in shots:
            screenshot(page, shots[url])
    open_page(page, server + "/api/docs")  # Swagger UI from the package's own files
    page.locator(".swagger-ui .info .title").wait_for()
    assert "forewarn" in page.locator(".swagger-ui .info .title").inner_text()


def test_click_overview_place_warning_source(server: str, watched: tuple[Any, Watch]) -> None:
    page, _ = watched
    open_page(page, server + "/")
    page.locator("section").filter(has_text="Open warnings").locator("td a[href^='/places/']").first.click()
    page.wait_for_url("**/places/**")
    assert "Timeline" in page.locator("main").inner_text()
    page.locator("a.warning-link").first.click()
    page.wait_for_url("**/warnings/**")
    assert page.locator("article.claim").count() >= 2 and page.locator("article.claim mark").count() >= 2
    expected = page.locator("article.claim a.doc-link").first.get_attribute("href")
    page.locator("article.claim a.doc-link").first.click()
    page.wait_for_url(f"**{expected}")
    assert page.locator(".doc-text mark").count() >= 1  # the claim's sentence highlighted in the source
    original = page.locator("a.external").first.get_attribute("href") or ""
    assert original.startswith("https://") and page.locator("a.external").first.get_attribute("rel") == \
        "noopener noreferrer nofollow"


def test_marking_a_claim_wrong_changes_the_warning(server: str, watched: tuple[Any, Watch]) -> None:
    page, _ = watched
    warning = api(server, "/warnings", open="true")["items"][0]
    url = f"/warnings/{warning['id']}"
    open_page(page, f"{server}/login?next={url}")
    page.fill("input[name=token]", TOKEN)
    page.fill("input[name=analyst]", "Browser Analyst")
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"**{url}")
    before = int(page.locator(".claim-count").inner_text())
    first = page.locator("article.claim").first
    target = first.get_attribute("data-claim")
    first.locator("button.wrong").click()
    page.wait_for_load_state()
    assert "marked wrong" in page.locator(".flash").first.inner_text()
    assert page.locator(f"article[data-claim='{target}']").count() == 0  # it left the warning at once
    if "/warnings/" in page.url and page.locator(".claim-count").count():
        assert int(page.locator(".claim-count").inner_text()) < before or page.url != f"{server}{url}"
    assert all(target not in w["claim_ids"] for w in api(server, "/warnings")["items"])
    assert api(server, f"/claims/{target}")["review"]["analyst"] == "Browser Analyst"


def test_untrusted_text_renders_as_inert_text(server: str, watched: tuple[Any, Watch]) -> None:
    page, _ = watched
    body = (json.dumps(XSS_LINE) + "\n").encode("utf-8")
    done = httpx.post(f"{server}/api/v1/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                      files={"file": ("xss.jsonl", body)}, timeout=120)
    assert done.status_code == 201, done.text
    document = next(d for d in api(server, "/documents", q="provocation Saraqib")["items"]
                    if d["source_ref"] == "xss-1")
    claims = [c for c in api(server, "/claims", q="provocation Saraqib")["items"] if c["document_id"] == document["id"]]
    assert claims, "the payload document should hold a claim"
    for url in [f"/documents/{document['id']}", f"/claims/{claims[0]['id']}", "/search?what=documents&q=provocation",
                "/search?q=provocation"]:
        open_page(page, server + url)
        main = page.locator("main")
        assert PAYLOAD in main.inner_text(), url  # shown as the text it is
        assert main.locator("img, script, [onload], [onerror]").count() == 0, url
        assert page.locator("a[href^='javascript:']").count() == 0, url
    open_page(page, f"{server}/documents/{document['id']}")
    assert 'Evil"><svg onload=alert(5)>' in page.locator(".outlet").first.inner_text()


def test_arabic_renders_right_to_left(server: str, watched: tuple[Any, Watch]) -> None:
    page, _ = watched
    open_page(page, server + "/search?language=ar")
    arabic = page.locator("q.sentence[lang=ar]").first
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert arabic.evaluate("e => e.getBoundingClientRect().right") > page.locator("main").evaluate(
        "e => e.getBoundingClientRect().left + e.clientWidth / 2")  # it starts at the right
    open_page(page, server + "/search?language=en")
    assert page.locator("q.sentence").first.evaluate("e => getComputedStyle(e).direction") == "ltr"
    open_page(page, server + "/places/SY-ID")
    name = page.locator("h1 .local[lang=ar]")
    assert name.inner_text() == "إدلب" and name.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert "Idlib Governorate" in page.locator("h1").inner_text()  # beside its English form
