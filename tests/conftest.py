"""Shared fixtures.

Databases
---------
`store` is a real, migrated `Store`; `database_url` is the URL of a fresh, empty database. Both run on SQLite
only, unless the test (or its module, with `pytestmark = pytest.mark.backends`) is marked `backends`: then it
runs once per backend, as `test_x[sqlite]` and `test_x[postgresql]`. `@pytest.mark.backends("sqlite")` on one
test of such a module keeps that test on SQLite (e.g. it opens the file with sqlite3).

    pytestmark = pytest.mark.backends          # every test here on SQLite and on PostgreSQL

    def test_something(store: Store) -> None:  # a fresh database each time
        ...

    def test_cli(database_url: str) -> None:   # e.g. `forewarn --db <database_url> …` in a subprocess
        ...

The PostgreSQL server is started once per test session, by the tests themselves (tests/postgres.py: Debian's
`postgresql` binaries, initdb + pg_ctl in a temporary directory, an unprivileged account when run as root);
each test gets a database of its own, dropped afterwards. Without the binaries (or psycopg) the PostgreSQL
cases skip with the reason, except where FOREWARN_REQUIRE_POSTGRES=1 (set by .ci/run), where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from forewarn.store import Store

from .postgres import PostgresServer, find_binaries

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "backends(*names): run the `store`/`database_url` fixtures on each backend (default: both)"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    marker = metafunc.definition.get_closest_marker("backends")
    if marker is not None and "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", marker.args or BACKENDS, scope="function")


@pytest.fixture
def shared_data() -> Path:
    """../shared/data beside the clone; tests that need it skip cleanly where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present (a user's clone): real-data checks skipped")
    return SHARED_DATA


def _unavailable(reason: str) -> None:
    if os.environ.get("FOREWARN_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required here (FOREWARN_REQUIRE_POSTGRES=1) but {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throw-away PostgreSQL cluster for the whole session (started on first use)."""
    binaries = find_binaries()
    if binaries is None:
        _unavailable("no PostgreSQL server binaries (apt-get install postgresql)")
        raise AssertionError("unreachable")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (pip install 'forewarn[postgres]')")
    server = PostgresServer(binaries).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def backend() -> str:
    """The database kind under test; parametrised by the `backends` marker, SQLite otherwise."""
    return "sqlite"


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of a fresh, empty database of the backend under test."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'forewarn.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database()
    try:
        yield url
    finally:
        server.drop_database(url)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """A real, migrated store: a SQLite file in a temporary directory, or a fresh PostgreSQL database."""
    with Store(database_url) as opened:
        yield opened


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store holding the bundled sample after the whole pipeline (the demo), built once per session.
    Tests that write to it must copy it first (see `sample_copy`)."""
    from forewarn.demo import run_demo
    from forewarn.settings import Settings

    folder = tmp_path_factory.mktemp("sample")
    path = folder / "sample.db"
    with Store(f"sqlite:///{path}") as opened:
        run_demo(opened, Settings(db=str(path)), folder / "report")
    return path


@pytest.fixture(scope="session")
def sample_postgres_url(postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A PostgreSQL database holding the bundled sample after the whole pipeline, built once per session (the
    PostgreSQL twin of `sample_db`; tests that share it must leave it as they found it, or write last)."""
    from forewarn.demo import run_demo
    from forewarn.settings import Settings

    url = postgres_server.create_database()
    with Store(url) as opened:
        run_demo(opened, Settings(db=url), tmp_path_factory.mktemp("sample-postgres") / "report")
    return url


@pytest.fixture
def sample_copy(sample_db: Path, tmp_path: Path) -> Path:
    """A private copy of the sample store, for tests that write."""
    import sqlite3

    target = tmp_path / "sample.db"
    with sqlite3.connect(sample_db) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target
