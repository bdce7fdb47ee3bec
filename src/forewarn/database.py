"""Engines, dialect differences and database errors, so store.py reads the same on SQLite and PostgreSQL.

- URLs: `postgresql://` means psycopg 3 (the `forewarn[postgres]` extra), never the old psycopg2 default.
- Errors: every message names the database with its password masked, and carries the driver's own words
  without SQLAlchemy's SQL dump, parameters or "Background on this error" link.
- Writes: `insert_ignoring` and `upsert` are INSERT … ON CONFLICT on both dialects, so concurrent writers
  de-duplicate atomically in the database instead of check-then-insert in Python.
- Locks: `exclusive` serialises writers that must see each other's work (migrations, the global stages):
  BEGIN IMMEDIATE on SQLite, a transaction-scoped advisory lock on PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, Table, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.sql.dml import Insert

from .errors import StoreError

DRIVERS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}
SUPPORTED = ("sqlite", "postgresql")
_PASSWORD_IN_URL = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")
_BACKGROUND = re.compile(r"\s*\(Background on this error at: [^)]*\)")
_SQL_DUMP = re.compile(r"\s*\[SQL: .*", re.DOTALL)
LOCK_KEY = 7_244_530_118  # any constant: the advisory lock forewarn's exclusive sections share


def mask(url: str) -> str:
    """The URL with its password replaced by ***, whether or not SQLAlchemy can parse it."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return _PASSWORD_IN_URL.sub(r"\1***@", url)


def _password(url: str) -> str | None:
    try:
        return make_url(url).password
    except (ArgumentError, ValueError):
        match = _PASSWORD_IN_URL.search(url)
        return match.group(0)[len(match.group(1)) : -1] if match else None


def describe(exc: BaseException, url: str = "") -> str:
    """A one-line, secret-free account of a database error for users."""
    message = str(exc.orig) if isinstance(exc, DBAPIError) and exc.orig is not None else str(exc)
    message = _SQL_DUMP.sub("", _BACKGROUND.sub("", message)).strip()
    message = " ".join(line.strip() for line in message.splitlines() if line.strip())
    secret = _password(url) if url else None
    if secret and len(secret) >= 4:  # a shorter one would mangle ordinary words; URLs are masked below anyway
        message = message.replace(secret, "***")
    return _PASSWORD_IN_URL.sub(r"\1***@", message)


def store_error(what: str, exc: BaseException, url: str) -> StoreError:
    return StoreError(f"{what} {mask(url)}: {describe(exc, url)}")


def normalise_url(url: str) -> str:
    """Pick psycopg 3 for a bare postgresql:// URL (SQLAlchemy would otherwise ask for psycopg2)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL or SQLite path: {mask(url)} ({describe(exc, url)})") from exc
    driver = DRIVERS.get(parsed.drivername)
    return parsed.set(drivername=driver).render_as_string(hide_password=False) if driver else url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers (web, Datasette) do not block the ingest
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for a SQLAlchemy URL; a missing driver names the extra that installs it."""
    url = normalise_url(url)
    backend = make_url(url).get_backend_name()
    if backend not in SUPPORTED:
        raise StoreError(
            f"unsupported database {mask(url)}: forewarn runs on SQLite (a file path or sqlite:///PATH) "
            "and PostgreSQL (postgresql://USER:PASSWORD@HOST/DATABASE)"
        )
    try:
        engine = create_engine(url, pool_pre_ping=backend == "postgresql")
    except (ModuleNotFoundError, NoSuchModuleError) as exc:
        hint = " (forewarn uses psycopg 3: write postgresql://…)" if "psycopg2" in str(exc) else ""
        raise StoreError(
            f"no database driver for {mask(url)} ({describe(exc, url)}): pip install 'forewarn[postgres]'{hint}"
        ) from exc
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise store_error("cannot open database", exc, url) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def exclusive(conn: Connection) -> None:
    """Call first in a transaction: no other forewarn writer runs an exclusive section until it commits."""
    if conn.dialect.name == "sqlite":
        # pysqlite begins transactions lazily, before the first write; begin now, and take the write lock.
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({LOCK_KEY})")


def _insert(conn: Connection, table: Table) -> Any:
    # Imported here: the postgresql package pulls in every PostgreSQL driver's dialect (half a second).
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(table)
    if conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table)
    raise StoreError(f"unsupported database {conn.dialect.name!r}: forewarn runs on SQLite and PostgreSQL")


def insert_ignoring(conn: Connection, table: Table) -> Insert:
    """INSERT … ON CONFLICT DO NOTHING: rows that collide with any unique key are skipped, atomically."""
    statement: Insert = _insert(conn, table).on_conflict_do_nothing()
    return statement


def upsert(conn: Connection, table: Table, keys: Sequence[str]) -> Insert:
    """INSERT … ON CONFLICT (keys) DO UPDATE every other column: the row ends as given, whoever wrote first."""
    statement = _insert(conn, table)
    columns = {c.name: statement.excluded[c.name] for c in table.columns if c.name not in keys}
    result: Insert = statement.on_conflict_do_update(index_elements=list(keys), set_=columns)
    return result
