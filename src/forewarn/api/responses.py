"""JSON responses and the error mapping: ForewarnError subclasses become their `http_status` with a plain
message; anything else is a 500 that says only "internal error" (details go to the server log, never to the
client)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import AuthError, ForewarnError
from .models import ErrorOut

log = logging.getLogger("forewarn.api")
JSON_PATHS = ("/api/", "/openapi.json", "/healthz", "/taxii")  # errors here are JSON, elsewhere pages


class Json(JSONResponse):
    """Compact UTF-8 JSON (Arabic and Russian readable, not \\u-escaped), by orjson: a page of 50 claims is
    85 KB, which the standard library's encoder took about 2 ms to write (a sixth of the request)."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Bad parameters (an unknown sort, a bad cursor, a bad value)."},
    404: {"model": ErrorOut, "description": "No such record or place."},
    422: {"model": ErrorOut, "description": "A parameter or the body does not have the shape the schema says."},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"model": ErrorOut, "description": "The token is missing or wrong."},
    403: {"model": ErrorOut, "description": "The server is read-only, or was started without a token."},
    413: {"model": ErrorOut, "description": "The upload is over the size cap."},
    422: {"model": ErrorOut, "description": "The body does not have the shape the schema says, or the upload "
                                           "could not be read at all."},
}


def error_response(status: int, message: str) -> Json:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return Json({"error": message, "status": status}, status_code=status, headers=headers)


def validation_message(exc: RequestValidationError) -> str:
    """What was wrong with the request, by parameter; never the value sent (it may be anything)."""
    parts = []
    for error in exc.errors()[:10]:
        where = " ".join(str(part) for part in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "the request does not match the schema"


def respond(request: Request, status: int, message: str) -> Response:
    """The error as JSON, or as an HTML page on the dashboard's paths (when the app has one: app.state.error_page)."""
    page: Callable[[Request, int, str], Response] | None = getattr(request.app.state, "error_page", None)
    if page is not None and not request.url.path.startswith(JSON_PATHS):
        return page(request, status, message)
    return error_response(status, message)


def install_error_handlers(app: FastAPI) -> None:
    from ..cli.output import redact

    async def forewarn_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ForewarnError)
        status = exc.http_status if 400 <= exc.http_status < 600 else 500
        if status >= 500:
            log.error("request failed: %s", redact(exc))
            return respond(request, status, "the store could not answer; see the server log")
        return respond(request, status if not isinstance(exc, AuthError) else 401, redact(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        return respond(request, exc.status_code, str(exc.detail))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if request.url.path.startswith(JSON_PATHS):
            return error_response(422, validation_message(exc))
        return respond(request, 400, "a parameter of this page has a value it cannot use")

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        return respond(request, 500, "internal error")

    app.add_exception_handler(ForewarnError, forewarn_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, unexpected)
