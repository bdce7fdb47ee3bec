"""The REST API and its app factory (`create_app`); `forewarn serve` runs it under uvicorn."""

from .app import OPTIONAL_ROUTERS, create_app

__all__ = ["OPTIONAL_ROUTERS", "create_app"]
