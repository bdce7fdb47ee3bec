"""The `forewarn` command: a thin shell that parses flags, calls the library and maps errors to exit codes.

Each command family lives in its own module and registers itself on `app`; this module only holds the
global options (--db, --config) and the error mapping.
"""

from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import typer

from ..errors import ForewarnError
from ..settings import Settings, load_settings
from .output import console, debug_logging, json_text, print_error, safe

if TYPE_CHECKING:
    from ..store import Store

app = typer.Typer(
    name="forewarn",
    help="Early warning of chemical attacks from pre-emptive 'staging' claims in state media.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err = console(stderr=True)  # markup off, see cli/output.py: untrusted text is printed verbatim and escaped
out = console()
DEBUG_FLAG = "--debug"


@dataclass
class Context:
    settings: Settings
    _store: Store | None = None
    debug: bool = False  # --debug: print tracebacks of unexpected errors

    @property
    def store(self) -> Store:
        if self._store is None:
            from ..store import Store  # on first use: `forewarn --help` needs no database layer

            self._store = Store(self.settings.db_url)
        return self._store


@app.callback()
def _global_options(
    ctx: typer.Context,
    db: str = typer.Option(None, "--db", help="SQLite file or SQLAlchemy URL (default: ./forewarn.db)."),
    config: str = typer.Option(None, "--config", help="TOML config file (default: ./forewarn.toml if present)."),
    debug: bool = typer.Option(False, DEBUG_FLAG, help="Print the traceback of unexpected errors."),
) -> None:
    ctx.obj = Context(load_settings(config, db=db), debug=debug)
    if debug:
        debug_logging(err)


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
    sys.stdout.write(json_text(value) + "\n")


def main() -> None:
    """Entry point: run the app, turning ForewarnError into a one-line message and its exit code, and any
    other exception into a one-line "internal error" (its traceback with --debug)."""
    from . import commands  # noqa: F401  (registers the commands)

    try:
        app()  # standalone: click prints usage errors itself and exits with code 2
    except ForewarnError as exc:
        print_error(exc, err)
        sys.exit(exc.exit_code)
    except Exception as exc:  # a bug: say so plainly, never a raw dump of internals
        if DEBUG_FLAG in sys.argv[1:]:
            err.print(safe("".join(traceback.format_exception(exc))), end="")
        hint = "" if DEBUG_FLAG in sys.argv[1:] else f" (run with {DEBUG_FLAG} for the traceback)"
        print_error(f"{type(exc).__name__}: {exc}{hint}", err, label="internal error")
        sys.exit(ForewarnError.exit_code)
