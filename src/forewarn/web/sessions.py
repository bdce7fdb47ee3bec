"""Dashboard sessions: a random id in an HttpOnly, SameSite=Strict cookie; everything else stays in the server.

A session holds the CSRF token its forms carry, whether the analyst signed in with the write token, the
analyst's name (recorded with their feedback) and one-shot messages for the next page. Nothing secret or
trusted is in the cookie, so there is no signing key to manage, and signing out or a restart ends the
session for good. A single-process server (uvicorn, as `forewarn serve` runs it) is what this is for.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from threading import Lock
from urllib.parse import urlsplit

from fastapi import Request, Response

from ..errors import AccessError

COOKIE = "forewarn_session"
IDLE_SECONDS = 12 * 3600
MAX_SESSIONS = 10_000  # the oldest are forgotten beyond this (a client that never keeps cookies makes many)


@dataclass
class Session:
    id: str
    csrf: str
    signed_in: bool = False
    analyst: str = ""
    messages: list[str] = field(default_factory=list)
    seen: float = field(default_factory=time.monotonic)

    def flash(self, message: str) -> None:
        self.messages.append(message)

    def take_messages(self) -> list[str]:
        taken, self.messages = self.messages, []
        return taken


class Sessions:
    def __init__(self, *, idle_seconds: float = IDLE_SECONDS, max_sessions: int = MAX_SESSIONS) -> None:
        self._items: OrderedDict[str, Session] = OrderedDict()
        self._lock = Lock()
        self.idle_seconds = idle_seconds
        self.max_sessions = max_sessions

    def find(self, request: Request) -> Session | None:
        key = request.cookies.get(COOKIE, "")
        with self._lock:
            session = self._items.get(key)
            if session is None:
                return None
            now = time.monotonic()
            if now - session.seen > self.idle_seconds:
                del self._items[key]
                return None
            session.seen = now
            self._items.move_to_end(key)
            return session

    def new(self) -> Session:
        session = Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32))
        with self._lock:
            self._items[session.id] = session
            while len(self._items) > self.max_sessions:
                self._items.popitem(last=False)
        return session

    def renewed(self, old: Session) -> Session:
        """A new id and CSRF token for a session whose rights change (signing in): an id an attacker planted
        before the sign-in is worth nothing after it."""
        self.drop(old)
        fresh = self.new()
        fresh.analyst, fresh.messages = old.analyst, old.messages
        return fresh

    def drop(self, session: Session) -> None:
        with self._lock:
            self._items.pop(session.id, None)


def set_cookie(request: Request, response: Response, session: Session) -> None:
    response.set_cookie(COOKIE, session.id, max_age=IDLE_SECONDS, path="/", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")


def check_form(request: Request, session: Session | None, presented: str) -> Session:
    """Refuse a form post that is not from one of this server's own pages: it must come with the session's
    CSRF token (compared in constant time) and, when the browser says where it comes from, from this origin."""
    if session is None:
        raise AccessError("your session has expired: reload the page and try again")
    if not presented or not hmac.compare_digest(presented.encode("utf-8"), session.csrf.encode("utf-8")):
        raise AccessError("this form is stale or was not sent by this dashboard: reload the page and try again")
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise AccessError("a form from another site cannot write here")
    return session


def local_path(target: str | None, default: str = "/") -> str:
    """`target` if it is a path on this server (a redirect after a form must never leave it), else `default`."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    if any(ord(ch) < 32 for ch in target):
        return default
    return target
