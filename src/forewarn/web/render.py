"""Rendering the dashboard's pages: one Jinja2 environment (autoescape on for every template, undefined names
an error), the helpers templates call, and the session cookie on every page.

Templates get JSON-ready dicts from forewarn.serialise (the shapes the API returns), so a page shows the same
fields the API and the exports do.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .. import __version__
from ..errors import NotFoundError
from ..feedback import shown_value
from ..queries import local_names
from . import text
from .sessions import Session, Sessions, set_cookie

if TYPE_CHECKING:
    from ..api.state import ServerState

WEB_DATA = Path(__file__).resolve().parent.parent / "data" / "web"
TEMPLATES = WEB_DATA / "templates"
STATIC = WEB_DATA / "static"


def day(value: str | date | None) -> str:
    """An ISO date or time as its day (YYYY-MM-DD)."""
    if not value:
        return ""
    return value.isoformat()[:10] if isinstance(value, date) else str(value)[:10]


def moment(value: str | datetime | None) -> str:
    """An ISO time as "YYYY-MM-DD HH:MM UTC" (the day alone when it has no time)."""
    if not value:
        return ""
    shown = value.isoformat() if isinstance(value, datetime) else str(value)
    return f"{shown[:10]} {shown[11:16]} UTC" if len(shown) >= 16 else shown[:10]


def query_string(base: dict[str, Any], **changes: Any) -> str:
    """`base` with `changes` as a URL query string (None and "" values left out; lists repeated)."""
    merged = {**base, **changes}
    pairs = []
    for key, value in merged.items():
        if value is None or value == "":
            continue
        for item in value if isinstance(value, list | tuple) else [value]:
            pairs.append((key, str(item)))
    return urlencode(pairs)


class Renderer:
    def __init__(self, state: ServerState, sessions: Sessions) -> None:
        self.state = state
        self.sessions = sessions
        self.env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.filters.update(day=day, moment=moment, snippet=text.snippet, shown=shown_value)
        helpers: dict[str, Callable[..., Any]] = {
            "direction": text.direction, "lang": text.language_tag, "safe_url": text.safe_url,
            "local_names": self.local_names, "query_string": query_string,
        }
        self.env.globals.update(helpers, version=__version__)

    def local_names(self, place_id: str) -> list[tuple[str, str]]:
        """A place's Russian and Arabic names with their language, shown beside its English one."""
        try:
            names = local_names(self.state.gazetteer.get(place_id))
        except NotFoundError:
            return []
        return [(name, text.script_language(name)) for name in names]

    def session(self, request: Request) -> tuple[Session, bool]:
        """The request's session, or a new one (True: its cookie must be set)."""
        found = self.sessions.find(request)
        return (found, False) if found is not None else (self.sessions.new(), True)

    def page(self, request: Request, template: str, *, status: int = 200, section: str = "",
             session: Session | None = None, **context: Any) -> HTMLResponse:
        fresh = False
        if session is None:
            session, fresh = self.session(request)
        html = self.env.get_template(template).render(
            request_path=request.url.path, section=section, session=session, messages=session.take_messages(),
            writable=self.state.writable, read_only=self.state.read_only, **context,
        )
        response = HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})
        if fresh:
            set_cookie(request, response, session)
        return response

    def error(self, request: Request, status: int, message: str) -> HTMLResponse:
        return self.page(request, "error.html", status=status, status_code=status, message=message)
