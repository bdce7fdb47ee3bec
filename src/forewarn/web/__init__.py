"""The analysts' dashboard: server-rendered pages (Jinja2, autoescaped) on the API's FastAPI app.

Pages are plain HTML and server-side SVG under the strict Content-Security-Policy of api.security: no script
runs in them (none is needed), no style attribute, nothing from another origin. Form posts (sign in with the
write token, feedback on a claim) carry a per-session CSRF token. See forewarn.web.pages for the pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .render import STATIC, Renderer
from .sessions import Sessions

if TYPE_CHECKING:
    from ..api.state import ServerState


def mount_web(app: FastAPI, state: ServerState) -> Renderer:
    """Add the dashboard's pages, forms and static files to `app`; errors on its pages become HTML pages."""
    from . import forms, pages

    renderer = Renderer(state, Sessions())
    app.state.web = renderer
    app.state.error_page = renderer.error
    app.include_router(pages.router)
    app.include_router(forms.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return renderer


__all__ = ["Renderer", "mount_web"]
