"""The app factory: one FastAPI app serving the JSON API (/api/v1, OpenAPI at /openapi.json, docs at
/api/docs) and the dashboard (forewarn.web, at /). Tests build it in process (FastAPI's TestClient) or run
it under uvicorn alike. The API's GET answers carry ETags naming the store's state, and a client that sends
one back while the store is unchanged gets 304 Not Modified without a query (caching.py; SQLite stores).

Routers: the read and write endpoints here, and any optional router listed
in OPTIONAL_ROUTERS that is installed (the TAXII 2.1 server of forewarn.export.taxii), or passed in `routers`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from fastapi import APIRouter, FastAPI
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..settings import Settings
from ..store import Store
from .caching import ConditionalGets, StoreVersion
from .docs import mount_docs
from .responses import ERRORS, Json, install_error_handlers
from .security import SecurityHeaders
from .state import ServerState

if TYPE_CHECKING:
    from ..places import Gazetteer

# "module:attribute" of routers mounted when their module exists (other features plug in here).
OPTIONAL_ROUTERS = ("forewarn.export.taxii:router", "forewarn.export.api:router")
DESCRIPTION = """Pre-emptive chemical-attack "staging" claims, the warnings they open, and the evidence behind them.

Listings are keyset-paged: pass a page's `next_cursor` back as `cursor`. Writes need `Authorization: Bearer
<token>` (the token `forewarn serve` was started with) and are off on a read-only server."""


def optional_routers() -> list[APIRouter]:
    found = []
    for spec in OPTIONAL_ROUTERS:
        module_name, _, attribute = spec.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue  # not installed / not built yet
            raise
        found.append(getattr(module, attribute))
    return found


def create_app(settings: Settings, store: Store | None = None, *, gazetteer: Gazetteer | None = None,
               token: str | None = None, read_only: bool = False, allowed_hosts: Sequence[str] | None = None,
               routers: Iterable[APIRouter] = ()) -> FastAPI:
    """The forewarn web app over `store` (default: the store the settings name).

    `allowed_hosts` guards against DNS rebinding (a web page tricking the browser into talking to a server on
    127.0.0.1): requests whose Host header is not listed are refused. `forewarn serve` passes the host it binds."""
    from ..places import Gazetteer
    from ..web import mount_web
    from . import read, write

    app = FastAPI(title="forewarn", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None,
                  default_response_class=Json)
    app.state.forewarn = ServerState(store or Store(settings.db_url), gazetteer or Gazetteer.default(), settings,
                                     token=token or None, read_only=read_only)
    install_error_handlers(app)
    for router in (read.router, write.router):
        app.include_router(router)
    for router in (*optional_routers(), *routers):  # their errors come through the same handlers: say so
        app.include_router(router, responses=ERRORS)
    mount_docs(app)
    mount_web(app, app.state.forewarn)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> Json:
        return Json({"ok": True, "version": __version__})

    version = StoreVersion.of(app.state.forewarn.store.engine.url.render_as_string(hide_password=False))
    app.state.forewarn.version = version  # also keys the memoised reads (the backtest, the TAXII feed)
    if version is not None:  # ETags and 304s on the API's GETs (caching.py); inside SecurityHeaders: 304s get them
        app.add_middleware(ConditionalGets, version=version)
    app.add_middleware(SecurityHeaders)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    return app
