"""`forewarn serve`: the app under uvicorn, on loopback unless told otherwise."""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import ConfigError
from ..settings import Settings
from ..store import Store

LOOPBACK_NAMES = ("localhost",)


@dataclass(frozen=True)
class ServeOptions:
    host: str
    port: int
    token: str | None  # None: read-only
    read_only: bool


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
            read_only: bool) -> ServeOptions:
    chosen_port = settings.serve_port if port is None else port
    if not 0 < chosen_port < 65536:
        raise ConfigError(f"--port must be between 1 and 65535, not {chosen_port}")
    chosen = None if read_only else (token or settings.api_token or secrets.token_urlsafe(24))
    return ServeOptions(host or settings.serve_host, chosen_port, chosen, read_only)


def serve(settings: Settings, chosen: ServeOptions, announce: Callable[[str], None]) -> None:
    """Run until interrupted."""
    import uvicorn

    from .app import create_app

    store = Store(settings.db_url)
    app = create_app(settings, store, token=chosen.token, read_only=chosen.read_only,
                     allowed_hosts=allowed_hosts(chosen.host, chosen.port))
    base = f"http://{'localhost' if is_loopback(chosen.host) else chosen.host}:{chosen.port}"
    announce(f"dashboard  {base}/")
    announce(f"API docs   {base}/api/docs   (OpenAPI: {base}/openapi.json)")
    if chosen.read_only:
        announce("read-only: uploads and feedback are off")
    else:
        announce(f"writes     need the token: {chosen.token}")
        announce(f"           sign in to the dashboard at {base}/login")
    if not is_loopback(chosen.host):
        announce(f"warning    listening on {chosen.host}: other machines can reach this server")
    try:
        uvicorn.run(app, host=chosen.host, port=chosen.port, log_level="warning", access_log=False,
                    server_header=False)
    finally:
        store.close()
