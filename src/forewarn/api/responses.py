"""JSON responses and the error mapping: ForewarnError subclasses become their `http_status` with a plain
message; anything else is a 500 that says only "internal error" (details go to the server log, never to the
client)."""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import AuthError, ForewarnError
from .models import ErrorOut

log = logging.getLogger("forewarn.api")


class Json(JSONResponse):
    """Compact UTF-8 JSON (Arabic and Russian readable, not \\u-escaped)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Bad parameters (an unknown sort, a bad cursor, a bad value)."},
    404: {"model": ErrorOut, "description": "No such record or place."},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"model": ErrorOut, "description": "The token is missing or wrong."},
    403: {"model": ErrorOut, "description": "The server is read-only, or was started without a token."},
    413: {"model": ErrorOut, "description": "The upload is over the size cap."},
    422: {"model": ErrorOut, "description": "The upload could not be read at all."},
}


def error_response(status: int, message: str) -> Json:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return Json({"error": message, "status": status}, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    from ..cli.output import redact

    async def forewarn_error(_request: Request, exc: Exception) -> Json:
        assert isinstance(exc, ForewarnError)
        status = exc.http_status if 400 <= exc.http_status < 600 else 500
        if status >= 500:
            log.error("request failed: %s", redact(exc))
            return error_response(status, "the store could not answer; see the server log")
        return error_response(status if not isinstance(exc, AuthError) else 401, redact(exc))

    async def http_error(_request: Request, exc: Exception) -> Json:
        assert isinstance(exc, StarletteHTTPException)
        return error_response(exc.status_code, str(exc.detail))

    async def unexpected(request: Request, exc: Exception) -> Json:
        log.exception("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal error")

    app.add_exception_handler(ForewarnError, forewarn_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)
