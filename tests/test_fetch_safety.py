"""URL safety for every fetch (ingest and watch): schemes, non-public addresses in every spelling, DNS answers
checked once and connected to, every redirect hop re-checked, and one wall-clock deadline per URL (R14)."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forewarn.cli import app
from forewarn.cli import commands as _commands  # noqa: F401  (registers the commands)
from forewarn.errors import FetchError
from forewarn.ingest import ingest
from forewarn.settings import Settings
from forewarn.sources.fetch import address_problem, check_url, fetch, has_scheme
from forewarn.store import Store

from .feedserver import Item, Route, Site, serve

REFUSED = [
    "127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "192.0.0.170", "192.0.2.1", "198.18.0.1", "224.0.0.1", "240.0.0.1", "255.255.255.255",
    "::1", "::", "fe80::1", "fe80::1%eth0", "fc00::1", "fd12:3456::1", "ff02::1", "2001:db8::1",
    "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::127.0.0.1",  # IPv4-mapped and -compatible
    "2002:7f00:1::", "2002:a00:1::1", "2002:a9fe:a9fe::",  # 6to4 of 127.0.0.1, 10.0.0.1, 169.254.169.254
    "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::808:808",  # NAT64 (well-known and local-use prefixes)
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo whose client is 127.0.0.1
]
PUBLIC = ["8.8.8.8", "93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8", "2002:808:808::1", "64:ff9b::808:808"]


@pytest.mark.parametrize("address", REFUSED)
def test_non_public_addresses_in_every_spelling_are_refused(address: str) -> None:
    assert address_problem(address), address


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address: str) -> None:
    assert address_problem(address) == ""


def test_wrapped_addresses_say_what_they_wrap() -> None:
    assert address_problem("2002:7f00:1::") == "2002:7f00:1:: (6to4 of 127.0.0.1) is loopback"
    with pytest.raises(FetchError, match=r"6to4 of 127\.0\.0\.1\) is loopback"):
        check_url("http://[2002:7f00:1::]/", allow_private=False)  # R14


@pytest.mark.parametrize("host", ["2130706433", "0x7f000001", "0177.0.0.1", "127.1", "localhost"])
def test_numeric_host_spellings_resolve_and_are_refused(host: str) -> None:
    with pytest.raises(FetchError, match="127.0.0.1 is loopback"):
        check_url(f"http://{host}/feed", allow_private=False)


def test_other_schemes_are_refused_as_urls_not_looked_for_as_files(tmp_path: Path) -> None:
    for url in ("file:///etc/passwd", "gopher://example.org/1", "ftp://example.org/feed.xml", "FILE:///x"):
        assert has_scheme(url)
        with pytest.raises(FetchError, match="only http:// and https:// URLs are fetched"):
            check_url(url, allow_private=True)
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "s.db"), "ingest", "file:///etc/passwd",
                                      "gopher://example.org/1", "--no-detect"])
    assert result.exit_code == 3
    assert "no such file" not in result.output  # R14: the message says what is wrong
    assert "not file:// (to read a local file, give its path)" in result.stderr
    assert "not gopher://" in result.stderr


class StubResolver:
    """DNS answers chosen by the test (nothing leaves the machine); counts lookups."""

    def __init__(self, answers: dict[str, list[list[str]]]) -> None:
        self.answers = answers
        self.calls: list[str] = []

    def __call__(self, host: str, _port: int) -> list[str]:
        self.calls.append(host)
        answers = self.answers[host]
        return answers[min(len(self.calls) - 1, len(answers) - 1)] if len(answers) > 1 else answers[0]


def feed_site(site: Site) -> None:
    site.add("/feed.rss", Route(items=[Item("one", "Title one", "Body of the first item.")]))


def test_a_host_resolving_to_a_private_address_is_refused_before_any_request() -> None:
    resolver = StubResolver({"evil.example": [["127.0.0.1"]], "intranet.example": [["10.0.0.7"]],
                             "mixed.example": [["93.184.216.34", "127.0.0.1"]]})
    with serve() as site:
        feed_site(site)
        port = site.base.rsplit(":", 1)[1]
        for host, problem in (("evil.example", "127.0.0.1 is loopback"), ("intranet.example", "10.0.0.7 is private"),
                              ("mixed.example", "127.0.0.1 is loopback")):
            with pytest.raises(FetchError, match=f"{host} resolves to a non-public address: {problem}"):
                fetch(f"http://{host}:{port}/feed.rss", Settings(), resolver=resolver)
        assert site.hits["/feed.rss"] == 0
        allowed = fetch(f"http://evil.example:{port}/feed.rss", Settings(), allow_private=True, resolver=resolver)
        assert allowed.status == 200 and b"Title one" in allowed.content


def test_the_connection_goes_to_the_checked_address_with_the_real_host_name() -> None:
    """Resolved once per hop; the second answer of a rebinding DNS server is never asked for or used."""
    resolver = StubResolver({"feed.example": [["127.0.0.1"], ["10.9.9.9"]]})
    settings = Settings(allow_networks="127.0.0.1/32")
    with serve() as site:
        feed_site(site)
        port = site.base.rsplit(":", 1)[1]
        fetched = fetch(f"http://feed.example:{port}/feed.rss", settings, resolver=resolver)
        assert fetched.status == 200 and fetched.final_url == f"http://feed.example:{port}/feed.rss"
        assert resolver.calls == ["feed.example"]
        assert site.hosts == [f"feed.example:{port}"]


def test_every_redirect_hop_is_checked_again() -> None:
    resolver = StubResolver({"feed.example": [["127.0.0.1"]], "intranet.example": [["10.0.0.7"]],
                             "evil.example": [["127.0.0.1"]]})
    settings = Settings(allow_networks="127.0.0.1/32")  # the test server itself, nothing else
    with serve() as site:
        feed_site(site)
        port = site.base.rsplit(":", 1)[1]
        targets = {
            "/to-intranet": ("http://intranet.example/admin", "10.0.0.7 is private"),
            "/to-metadata": ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is link-local"),
            "/to-loopback6": (f"http://[::1]:{port}/feed.rss", "::1 is loopback"),
            "/to-mapped": (f"http://[::ffff:127.0.0.2]:{port}/feed.rss", "IPv4-mapped of 127.0.0.2"),
            "/to-file": ("file:///etc/passwd", "not file://"),
        }
        for path, (target, problem) in targets.items():
            site.add(path, Route(mode="redirect", redirect_to=target))
            with pytest.raises(FetchError, match="refused") as caught:
                fetch(f"http://feed.example:{port}{path}", settings, resolver=resolver)
            assert problem in str(caught.value)
        # explicitly allowed, the same kind of redirect is followed
        site.add("/to-evil", Route(mode="redirect", redirect_to=f"http://evil.example:{port}/feed.rss"))
        followed = fetch(f"http://feed.example:{port}/to-evil", Settings(), allow_private=True, resolver=resolver)
        assert followed.final_url == f"http://evil.example:{port}/feed.rss" and followed.status == 200


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A test CA and a certificate for feed.example signed by it (openssl, as on any Debian machine)."""
    ca_key, ca, key, csr, cert = (folder / n for n in ("ca.key", "ca.pem", "leaf.key", "leaf.csr", "leaf.pem"))
    extensions = folder / "leaf.ext"
    extensions.write_text("subjectAltName = DNS:feed.example\n", encoding="ascii")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]  # quick to make, unlike RSA
    for command in (
        ["req", "-x509", *ec, "-keyout", ca_key, "-out", ca, "-days", "2", "-subj", "/CN=forewarn test CA"],
        ["req", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=feed.example"],
        ["x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-out", cert, "-days", "2",
         "-extfile", extensions],
    ):
        subprocess.run(["openssl", *map(str, command)], check=True, capture_output=True)
    return ca, cert, key


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_https_to_the_checked_address_still_verifies_the_real_host_name(tmp_path: Path) -> None:
    """The connection goes to the pinned address, yet TLS is checked against the URL's host name: the right
    name passes, another name served by the same address fails, whatever DNS says."""
    ca, cert, key = make_certificates(tmp_path)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    resolver = StubResolver({"feed.example": [["127.0.0.1"]], "other.example": [["127.0.0.1"]]})
    settings = Settings(allow_networks="127.0.0.1/32", ca_bundle=str(ca))
    with serve(tls=tls) as site:
        feed_site(site)
        port = site.base.rsplit(":", 1)[1]
        fetched = fetch(f"https://feed.example:{port}/feed.rss", settings, resolver=resolver)
        assert fetched.status == 200 and b"Title one" in fetched.content
        with pytest.raises(FetchError, match="CERTIFICATE_VERIFY_FAILED|certificate verify failed|hostname"):
            fetch(f"https://other.example:{port}/feed.rss", settings, resolver=resolver)
        with pytest.raises(FetchError, match="CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
            fetch(f"https://feed.example:{port}/feed.rss", Settings(allow_networks="127.0.0.1/32"), resolver=resolver)
    assert site.hosts == [f"feed.example:{port}"]


def test_a_dripping_server_is_abandoned_at_the_deadline_and_the_ingest_goes_on(tmp_path: Path) -> None:
    """R14: one byte every 2 s used to stall an ingest for ever (the timeout was per read)."""
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "1", "text": "a good record"}\n{"id": "2", "text": "another"}\n', encoding="utf-8")
    settings = Settings(fetch_deadline=3.0, allow_private=True, batch_size=10)
    with serve() as site, Store(f"sqlite:///{tmp_path / 'd.db'}") as store:
        site.add("/drip.rss", Route(mode="drip", items=[Item("x", "Dripped", "One byte at a time.")]))
        started = time.monotonic()
        summary = ingest([site.url("/drip.rss"), str(good)], store, settings)
        elapsed = time.monotonic() - started
        [problem] = list(store.iter_quarantined())
    assert 3.0 <= elapsed < 7.0
    assert (summary.new, summary.quarantined) == (2, 1)
    assert "abandoned after 3 s (fetch_deadline)" in problem.reason
