"""`forewarn serve`: the REST API and the dashboard."""

from __future__ import annotations

import typer

from . import DB_OPTION, app, out, with_db
from .output import safe


@app.command()
def serve(
    ctx: typer.Context,
    host: str = typer.Option(None, "--host", help="Address to listen on (default 127.0.0.1: this machine only)."),
    port: int = typer.Option(None, "--port", help="Port (default 8765)."),
    read_only: bool = typer.Option(False, "--read-only", help="Refuse every write (uploads, feedback)."),
    token: str = typer.Option(None, "--token", help="The token writes need (default: api_token, or a new one)."),
    workers: int = typer.Option(1, "--workers", help="Processes answering requests (above 1 needs --read-only)."),
    db: str = DB_OPTION,
) -> None:
    """Serve the JSON API (OpenAPI docs at /api/docs) and the analysts' dashboard over the store."""
    from ..api.server import options
    from ..api.server import serve as run

    state = with_db(ctx, db)
    chosen = options(state.settings, host=host, port=port, token=token, read_only=read_only,
                     workers=workers)
    run(state.settings, chosen, lambda line: out.print(safe(line, newlines=False)))
