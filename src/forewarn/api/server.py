"""`forewarn serve`: the app under uvicorn, on loopback unless told otherwise."""

from __future__ import annotations

import ipaddress
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import event

from ..errors import ConfigError
from ..settings import Settings
from ..store import Store

if TYPE_CHECKING:
    from fastapi import FastAPI

LOOPBACK_NAMES = ("localhost",)
MAX_WORKERS = 64
# How `forewarn serve --workers N` hands its settings to the worker processes uvicorn starts (each imports
# worker_app below and builds its own app and store connection). Read-only servers only: no secret travels.
WORKER_ENV = "FOREWARN_SERVE_WORKER"
READ_PRAGMAS = ("PRAGMA mmap_size=1073741824", "PRAGMA cache_size=-16384")  # up to 1 GiB mapped; 16 MiB cache


@dataclass(frozen=True)
class ServeOptions:
    host: str
    port: int
    token: str | None  # None: read-only
    read_only: bool
    workers: int = 1  # processes answering on the one socket (read-only servers only)


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, port: int) -> list[str]:
    """Host headers the server answers to: the names of the address it binds (DNS-rebinding guard). A server
    bound to all addresses (0.0.0.0) answers any name: the operator chose to expose it."""
    if host in ("0.0.0.0", "::", ""):
        return ["*"]
    names = {host, f"{host}:{port}"}
    if is_loopback(host):
        names |= {"localhost", f"localhost:{port}", "127.0.0.1", f"127.0.0.1:{port}", "[::1]", f"[::1]:{port}"}
    return sorted(names)


def options(settings: Settings, *, host: str | None, port: int | None, token: str | None,
            read_only: bool, workers: int = 1) -> ServeOptions:
    chosen_port = settings.serve_port if port is None else port
    if not 0 < chosen_port < 65536:
        raise ConfigError(f"--port must be between 1 and 65535, not {chosen_port}")
    if not 1 <= workers <= MAX_WORKERS:
        raise ConfigError(f"--workers must be between 1 and {MAX_WORKERS}, not {workers}")
    if workers > 1 and not read_only:
        # Dashboard sessions (sign-in, the forms' CSRF tokens) live in one process's memory: a sign-in on one
        # worker would be unknown to the next.
        raise ConfigError("--workers above 1 needs --read-only (a writable server keeps its sign-ins in one "
                          "process)")
    chosen = None if read_only else (token or settings.api_token or secrets.token_urlsafe(24))
    return ServeOptions(host or settings.serve_host, chosen_port, chosen, read_only, workers)


def tuned_for_serving(store: Store) -> Store:
    """SQLite connections that read well for a server: the file memory-mapped (a claim page reads some fifty
    claims and their documents from all over the file; through mmap each costs a memory read, not a system
    call and a copy: a third off the page's row fetch, measured) and a larger page cache per connection."""
    if store.engine.dialect.name != "sqlite":
        return store

    def tune(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        for pragma in READ_PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    event.listen(store.engine, "connect", tune)
    store.engine.dispose()  # a connection opened before (the migration's) is opened again, tuned
    return store


def build_app(settings: Settings, chosen: ServeOptions, store: Store) -> FastAPI:
    from .app import create_app

    tuned_for_serving(store)
    return create_app(settings, store, token=chosen.token, read_only=chosen.read_only,
                      allowed_hosts=allowed_hosts(chosen.host, chosen.port))


def worker_app() -> FastAPI:
    """The app of one worker process of `forewarn serve --workers N` (uvicorn imports and calls this in each):
    the settings and options the parent was started with, and a store connection of its own."""
    spec = json.loads(os.environ[WORKER_ENV])
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in spec["settings"].items()}
    settings = Settings(**values)
    return build_app(settings, ServeOptions(**spec["options"]), Store(settings.db_url, migrate=False))


def serve(settings: Settings, chosen: ServeOptions, announce: Callable[[str], None]) -> None:
    """Run until interrupted."""
    import uvicorn

    store = Store(settings.db_url)  # migrated here, once, before any worker starts
    base = f"http://{'localhost' if is_loopback(chosen.host) else chosen.host}:{chosen.port}"
    announce(f"dashboard  {base}/")
    announce(f"API docs   {base}/api/docs   (OpenAPI: {base}/openapi.json)")
    if chosen.read_only:
        announce("read-only: uploads and feedback are off")
        if chosen.workers > 1:
            announce(f"workers    {chosen.workers} processes")
    else:
        announce(f"writes     need the token: {chosen.token}")
        announce(f"           sign in to the dashboard at {base}/login")
    if not is_loopback(chosen.host):
        announce(f"warning    listening on {chosen.host}: other machines can reach this server")
    app: FastAPI | str
    if chosen.workers == 1:
        app = build_app(settings, chosen, store)
    else:  # each worker builds its own app and store connection (uvicorn starts workers from an import string)
        store.close()
        spec = {"settings": asdict(replace(settings, api_token="")), "options": asdict(chosen)}
        os.environ[WORKER_ENV] = json.dumps(spec)
        app = f"{__name__}:worker_app"
    try:
        uvicorn.run(app, factory=chosen.workers > 1, workers=chosen.workers, host=chosen.host, port=chosen.port,
                    log_level="warning", access_log=False, server_header=False)
    finally:
        store.close()
