"""TAXII 2.1: `taxii2-client` polls a real `forewarn serve` (uvicorn on 127.0.0.1, read-only, over the sample
store) and receives the objects of `forewarn export stix`, paged, with added_after and the TAXII headers."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from forewarn.export import export_text
from forewarn.places import Gazetteer
from forewarn.settings import Settings
from forewarn.store import Store

TAXII = "application/taxii+json;version=2.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def served(sample_db: Path) -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "forewarn", "--db", str(sample_db), "serve", "--host", "127.0.0.1",
               "--port", str(port), "--read-only"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                said = process.stderr.read().decode() if process.stderr else ""
                raise AssertionError(f"forewarn serve exited: {said}")
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            raise AssertionError("forewarn serve did not start within 120 s")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_taxii2_client_polls_the_same_objects_paged(served: str, sample_db: Path) -> None:
    from taxii2client.v21 import Server, as_pages

    server = Server(f"{served}/taxii2/")
    assert server.title == "forewarn TAXII 2.1"
    (root,) = server.api_roots
    assert TAXII in root.versions
    (collection,) = root.collections
    assert collection.can_read and not collection.can_write
    pages = list(as_pages(collection.get_objects, per_request=40))
    assert len(pages) > 2 and all(p["more"] for p in pages[:-1]) and not pages[-1]["more"]
    polled = [o for page in pages for o in page["objects"]]
    with Store(f"sqlite:///{sample_db}") as store:
        text, _ = export_text(store, "stix", gazetteer=Gazetteer.default(), settings=Settings())
    exported = {o["id"]: o for o in json.loads(text)["objects"]}
    assert len(polled) == len({o["id"] for o in polled}) == len(exported)  # every object once, none lost
    assert {o["id"]: o for o in polled} == exported

    manifest = [m for page in as_pages(collection.get_manifest, per_request=100) for m in page["objects"]]
    assert len(manifest) == len(exported)
    middle = sorted(m["date_added"] for m in manifest)[len(manifest) // 2]
    later = [o for page in as_pages(collection.get_objects, per_request=40, added_after=middle)
             for o in page["objects"]]
    added = {m["id"]: m["date_added"] for m in manifest}
    assert later and {o["id"] for o in later} == {i for i, stamp in added.items() if stamp > middle}


def test_taxii_responses_carry_the_media_type_and_date_added_headers(served: str) -> None:
    from forewarn.export.taxii import COLLECTION_ID

    url = f"{served}/taxii2/api/collections/{COLLECTION_ID}/objects/"
    reply = httpx.get(url, params={"limit": 5, "match[type]": "location"}, headers={"Accept": TAXII}, timeout=60)
    assert reply.status_code == 200 and reply.headers["content-type"] == TAXII
    body = reply.json()
    assert {o["type"] for o in body["objects"]} == {"location"} and body["more"] and body["next"]
    assert reply.headers["X-TAXII-Date-Added-First"] <= reply.headers["X-TAXII-Date-Added-Last"]
    one = body["objects"][0]["id"]
    single = httpx.get(f"{url}{one}/", headers={"Accept": TAXII}, timeout=60).json()
    assert [o["id"] for o in single["objects"]] == [one]
    assert httpx.get(f"{served}/taxii2/api/collections/nope/objects/", timeout=60).status_code == 404
    assert httpx.get(url, params={"added_after": "yesterday"}, timeout=60).status_code == 400
