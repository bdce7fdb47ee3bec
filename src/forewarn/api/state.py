"""What every route needs, held by the app (no globals): the store, the gazetteer, the settings and the
write policy."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fastapi import Request

from ..errors import AccessError, AuthError
from ..settings import Settings
from ..store import Store

if TYPE_CHECKING:
    from ..places import Gazetteer
    from .caching import StoreVersion


@dataclass
class ServerState:
    store: Store
    gazetteer: Gazetteer
    settings: Settings
    token: str | None = None  # writes need it; None with read_only False: writes are off all the same
    read_only: bool = False
    cache: dict[Any, Any] = field(default_factory=dict)  # small memo of expensive reads (the backtest)
    generation: int = 0  # bumped by every write through this server, so memoised reads are redone
    version: StoreVersion | None = None  # the store's change counter (SQLite), see caching.py

    def store_state(self) -> str | None:
        """A name for the store's current state that changes with any commit by anyone (this server, another
        process), for keying memoised reads; None where the backend has no change counter."""
        return self.version.tag() if self.version is not None else None

    def changed(self) -> None:
        self.generation += 1
        self.cache.clear()

    def check_write(self, presented: str | None) -> None:
        """Allow a write only with the server's token, compared in constant time; never on a read-only server."""
        if self.read_only:
            raise AccessError("this server is read-only (started with --read-only)")
        if not self.token:
            raise AccessError("writes are off: start the server with --token to allow them")
        if not presented or not hmac.compare_digest(presented.encode("utf-8"), self.token.encode("utf-8")):
            raise AuthError("a write needs the server's token: send 'Authorization: Bearer <token>'")

    @property
    def writable(self) -> bool:
        return bool(self.token) and not self.read_only


def state_of(request: Request) -> ServerState:
    state: ServerState = request.app.state.forewarn
    return state


async def server(request: Request) -> ServerState:
    """The server state, as a dependency. Async because it waits for nothing: FastAPI runs a plain `def`
    dependency in its thread pool, a hop there and back on every request."""
    return state_of(request)


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None
