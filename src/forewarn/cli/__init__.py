"""The `forewarn` command: a thin shell that parses flags, calls the library and maps errors to exit codes.

Each command family lives in its own module and registers itself on `app`; this module only holds the
global options (--db, --config) and the error mapping.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any

import typer
from rich.console import Console

from ..errors import ForewarnError
from ..settings import Settings, load_settings
from ..store import Store

app = typer.Typer(
    name="forewarn",
    help="Early warning of chemical attacks from pre-emptive 'staging' claims in state media.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err = Console(stderr=True)
out = Console(highlight=False, soft_wrap=True)


@dataclass
class Context:
    settings: Settings
    _store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.settings.db_url)
        return self._store


@app.callback()
def _global_options(
    ctx: typer.Context,
    db: str = typer.Option(None, "--db", help="SQLite file or SQLAlchemy URL (default: ./forewarn.db)."),
    config: str = typer.Option(None, "--config", help="TOML config file (default: ./forewarn.toml if present)."),
) -> None:
    ctx.obj = Context(load_settings(config, db=db))


def context(ctx: typer.Context) -> Context:
    """The shared context, wherever --db was given (before or after the subcommand)."""
    root = ctx.find_root()
    if not isinstance(root.obj, Context):
        root.obj = Context(load_settings())
    return root.obj


def with_db(ctx: typer.Context, db: str | None) -> Context:
    """Apply a --db given after the subcommand (`forewarn ingest --db x.db …`)."""
    state = context(ctx)
    if db:
        state.settings = load_settings(None, db=db)
        state._store = None
    return state


DB_OPTION = typer.Option(None, "--db", help="SQLite file or SQLAlchemy URL (overrides the global --db).")


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def main() -> None:
    """Entry point: run the app, turning ForewarnError into a one-line message and its exit code."""
    from . import commands  # noqa: F401  (registers the commands)

    try:
        app()  # standalone: click prints usage errors itself and exits with code 2
    except ForewarnError as exc:
        err.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
        sys.exit(exc.exit_code)
