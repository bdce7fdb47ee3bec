"""The OpenAPI docs page, served offline: Swagger UI's files come from the fastapi-offline package (no CDN),
and the page starts it from a script file, so the strict Content-Security-Policy needs no inline script."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

SWAGGER = Path(fastapi_offline.__file__).parent / "static"
DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>forewarn API</title>
<link rel="stylesheet" href="/api/docs-assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs-assets/swagger-ui-bundle.js"></script>
<script src="/api/docs-start.js"></script></body></html>
"""
START = """window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
  layout: "BaseLayout", presets: [SwaggerUIBundle.presets.apis]});
"""
# Swagger UI sets style attributes from its own code and ships an inline SVG sprite: the docs page alone
# allows inline styles and data: images; scripts stay 'self' only.
DOCS_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
               "connect-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'")

router = APIRouter(include_in_schema=False)


@router.get("/api/docs")
def docs_page() -> HTMLResponse:
    return HTMLResponse(DOCS_PAGE, headers={"Content-Security-Policy": DOCS_POLICY})


@router.get("/api/docs-start.js")
def docs_start() -> Response:
    return Response(START, media_type="text/javascript")


def mount_docs(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/api/docs-assets", StaticFiles(directory=SWAGGER), name="docs-assets")
