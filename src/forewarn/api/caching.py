"""Conditional GETs for the JSON API: every 200 answer to a GET under /api/v1/ carries an ETag naming the
store's state, and a request whose If-None-Match names the state the store is still in gets 304 Not Modified
before any query runs (an analyst's dashboard or a script polling a listing, a warning, the map).

The state is the store's change counter as this process sees it: SQLite's `PRAGMA data_version` on a
connection of the server's own that never writes, whose value changes whenever any other connection commits
(another process's ingest or detection, this server's own uploads and feedback, a CLI review). Each change
starts a new generation; the tag is the process's random token and the generation (`W/"<token>-<n>"`), so a tag
one worker process gave is never taken as current by another, nor after a restart (those are misses, never
wrong answers). The tag is read before the request runs: a change during it leaves the answer with the older
tag, which the next request does not match. PostgreSQL has no such counter: no ETags there.

Answers carry `Cache-Control: no-cache` (keep it, but ask again each time) and vary by nothing but the URL.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from sqlalchemy.engine import make_url

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
PREFIX = "/api/v1/"


class StoreVersion:
    """The store's change counter as this process sees it (see the module's docstring)."""

    def __init__(self, path: str) -> None:
        # Autocommit: a connection inside a read transaction would keep seeing the snapshot it opened.
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._token = secrets.token_hex(6)
        self._seen: int | None = None
        self._generation = 0

    @classmethod
    def of(cls, database_url: str) -> StoreVersion | None:
        """The counter of a SQLite file store; None for another backend or an in-memory database."""
        url = make_url(database_url)
        if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
            return None
        return cls(url.database)

    def tag(self) -> str:
        """The ETag of the store's current state."""
        value = self._conn.execute("PRAGMA data_version").fetchone()[0]
        if value != self._seen:
            self._seen = value
            self._generation += 1
        return f'W/"{self._token}-{self._generation}"'

    def close(self) -> None:
        self._conn.close()


def matches(header: str, tag: str) -> bool:
    """Whether an If-None-Match header names `tag` (weak comparison, as RFC 9110 has it for GET)."""
    if header.strip() == "*":
        return True
    bare = tag.removeprefix("W/")
    return any(candidate.strip().removeprefix("W/") == bare for candidate in header.split(","))


class ConditionalGets:
    """ASGI middleware: ETags on the API's GET answers, 304 for a request that already holds the current one."""

    def __init__(self, app: ASGIApp, version: StoreVersion) -> None:
        self.app = app
        self.version = version

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or not scope["path"].startswith(PREFIX):
            await self.app(scope, receive, send)
            return
        tag = self.version.tag()
        headers = [(b"etag", tag.encode("ascii")), (b"cache-control", b"no-cache")]
        asked = next((value for name, value in scope["headers"] if name == b"if-none-match"), None)
        if asked is not None and matches(asked.decode("latin-1"), tag):
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return

        async def tagged(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                message["headers"] = [*message.get("headers", []), *headers]
            await send(message)

        await self.app(scope, receive, tagged)
