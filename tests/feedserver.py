"""A local HTTP server on loopback serving feeds and pages that change, fail, hang, drip, answer 304 or 429,
redirect and are oversized: the faults `forewarn watch` must survive. Used by the watch tests and bench."""

from __future__ import annotations

import hashlib
import ssl
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Item:
    guid: str
    title: str
    text: str
    link: str = ""
    published: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass
class Route:
    """What one path serves. `mode` is changed by the test between polls."""

    items: list[Item] = field(default_factory=list)
    title: str = "Feed"
    site: str = "https://outlet.example/"
    mode: str = "ok"  # ok | fail | hang | drip | 429 | 503 | redirect | oversized | not-a-feed
    honour_etag: bool = True
    retry_after: str = "120"
    redirect_to: str = ""  # a path on this server, or a full URL
    hang_seconds: float = 5.0
    body: bytes | None = None  # serve these bytes instead of a feed (pages)
    content_type: str = "application/rss+xml"

    def feed(self) -> bytes:
        entries = "".join(
            f'<item><guid isPermaLink="false">urn:test:{escape(i.guid)}</guid><title>{escape(i.title)}</title>'
            f"<link>{escape(i.link or self.site + i.guid)}</link>"
            f"<pubDate>{format_datetime(i.published)}</pubDate>"
            f"<description>{escape(i.text)}</description></item>"
            for i in self.items
        )
        return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(self.title)}'
                f"</title><link>{escape(self.site)}</link><description>test feed</description>{entries}"
                "</channel></rss>").encode()

    def content(self) -> bytes:
        return self.body if self.body is not None else self.feed()


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.sent: Counter[tuple[str, int]] = Counter()  # (path, status)
        self.hosts: list[str] = []  # the Host header of each request
        self.posts: list[tuple[str, dict[str, str], bytes]] = []  # (path, headers, body) of each POST
        self.lock = threading.RLock()
        self.base = ""
        self.on_request: Callable[[str], None] | None = None  # called (under the lock) before each request

    def add(self, path: str, route: Route | None = None) -> Route:
        self.routes[path] = route or Route()
        return self.routes[path]

    def url(self, path: str) -> str:
        return self.base + path


class _Handler(BaseHTTPRequestHandler):
    site: Site
    protocol_version = "HTTP/1.1"

    def log_message(self, *_args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = self.path.split("?", 1)[0]
        with self.site.lock:
            if self.site.on_request:
                self.site.on_request(path)
            self.site.hits[path] += 1
            self.site.hosts.append(self.headers.get("Host", ""))
            route = self.site.routes.get(path)
        if route is None:
            return self._send(path, 404, b"not found", "text/plain")
        mode = route.mode
        if mode == "fail":
            return self._send(path, 500, b"server error", "text/plain")
        if mode in ("429", "503"):
            return self._send(path, int(mode), b"slow down", "text/plain", {"Retry-After": route.retry_after})
        if mode == "redirect":
            target = route.redirect_to if "://" in route.redirect_to else self.site.url(route.redirect_to)
            return self._send(path, 302, b"", "text/plain", {"Location": target})
        if mode == "hang":
            time.sleep(route.hang_seconds)
        if mode == "drip":
            return self._drip(path, route)
        if mode == "oversized":
            return self._oversized(path)
        body = route.content() if mode != "not-a-feed" else b"<html><body>maintenance</body></html>"
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if route.honour_etag and self.headers.get("If-None-Match") == etag:
            return self._send(path, 304, b"", route.content_type, {"ETag": etag})
        type_ = route.content_type if mode != "not-a-feed" else "text/html"
        self._send(path, 200, body, type_, {"ETag": etag} if route.honour_etag else {})

    def do_POST(self) -> None:  # noqa: N802 (a webhook receiver)
        path = self.path.split("?", 1)[0]
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        route = self.site.routes.get(path)
        with self.site.lock:
            self.site.posts.append((path, dict(self.headers.items()), body))
        status = 500 if route is not None and route.mode == "fail" else 204
        self._send(path, status, b"", "text/plain")

    def _send(self, path: str, status: int, body: bytes, content_type: str,
              headers: dict[str, str] | None = None) -> None:
        with self.site.lock:
            self.site.sent[(path, status)] += 1
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Connection", "close")
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _drip(self, path: str, route: Route) -> None:
        """One byte every two seconds, for ever (until the client gives up)."""

        def chunks() -> Iterator[bytes]:
            for byte in route.content() * 100:
                yield bytes([byte])
                time.sleep(2.0)

        self._stream(path, {"Content-Length": "150000"}, chunks())

    def _oversized(self, path: str) -> None:
        """A body with no Content-Length that never ends well: 64 KiB chunks until the client stops reading."""
        self._stream(path, {"Connection": "close"}, (b"<!-- padding -->" * 4096 for _ in range(2000)))

    def _stream(self, path: str, headers: dict[str, str], chunks: Iterator[bytes]) -> None:
        with self.site.lock:
            self.site.sent[(path, 200)] += 1
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            for chunk in chunks:
                self.wfile.write(chunk)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


@contextmanager
def serve(host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> Iterator[Site]:
    """A Site served on an ephemeral loopback port (HTTPS with `tls`), in a thread; stopped on exit."""
    site = Site()
    handler = type("Handler", (_Handler,), {"site": site})
    server = ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    site.base = f"{'https' if tls else 'http'}://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
