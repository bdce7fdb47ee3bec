"""A throw-away PostgreSQL server for the tests: Debian's binaries, a cluster in a temporary directory.

initdb and the server refuse to run as root, and CI runs as root, so as root the cluster belongs to an
unprivileged account (Debian's `postgres`, or one made here). The server listens on 127.0.0.1 at a free port
only, with fsync off (a test cluster need not survive a power cut). Connections over TCP need a password
(scram-sha-256), so every test URL carries one, and the password-masking tests are real.

Each test gets a namespace of its own: a fresh schema in one database, put first on the search path by its URL
(`?options=-csearch_path=…`). To forewarn it is an empty database; creating one costs milliseconds, where
CREATE DATABASE costs about half a second on this machine.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

USER = "forewarn"
PASSWORD = "test-secret-7f3a"
DATABASE = "forewarn_tests"
SYSTEM_ACCOUNTS = ("postgres", "forewarn-pg")


def find_binaries() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin holding initdb and pg_ctl (Debian's layout), else PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


def _account() -> pwd.struct_passwd | None:
    """Who runs the server: ourselves, unless we are root."""
    if os.geteuid() != 0:
        return None
    for name in SYSTEM_ACCOUNTS:
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SYSTEM_ACCOUNTS[1]],
                   check=True, capture_output=True)
    return pwd.getpwnam(SYSTEM_ACCOUNTS[1])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """Start with `start()`, make an empty database per test with `create_database()`, `stop()` at the end."""

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.account = _account()
        self.root = Path(tempfile.mkdtemp(prefix="forewarn-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._names = itertools.count(1)
        self._admin: object | None = None

    def _run(self, *command: str) -> None:
        kwargs: dict[str, object] = {}
        if self.account is not None:
            kwargs = {"user": self.account.pw_uid, "group": self.account.pw_gid, "extra_groups": []}
        done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=self.root, **kwargs)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")

    def start(self) -> PostgresServer:
        if self.account is not None:
            os.chown(self.root, self.account.pw_uid, self.account.pw_gid)
        password_file = self.root / "password"
        password_file.write_text(PASSWORD + "\n")
        if self.account is not None:
            os.chown(password_file, self.account.pw_uid, self.account.pw_gid)
        self._run(str(self.binaries / "initdb"), "-D", str(self.data), "-U", USER, "--pwfile", str(password_file),
                  "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8",
                  "--no-sync")
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", options, "-w", "-t", "60", "start")
        self._execute(f'CREATE DATABASE "{DATABASE}" TEMPLATE template0', database="postgres")
        return self

    def url(self, schema: str = "public", *, password: str = PASSWORD) -> str:
        """A SQLAlchemy URL whose tables live in `schema`."""
        return (f"postgresql+psycopg://{USER}:{password}@127.0.0.1:{self.port}/{DATABASE}"
                f"?options=-csearch_path%3D{schema}")

    def _execute(self, sql: str, database: str = DATABASE) -> None:
        import psycopg

        deadline = time.monotonic() + 10
        dsn = f"postgresql://{USER}:{PASSWORD}@127.0.0.1:{self.port}/{database}"
        while True:
            try:
                with psycopg.connect(dsn, autocommit=True) as conn:
                    conn.execute(sql)
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def create_database(self) -> str:
        """A new, empty namespace; returns the URL that makes it forewarn's whole database."""
        name = f"test_{os.getpid()}_{next(self._names)}"
        self._execute(f'CREATE SCHEMA "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("%3D", 1)[1]
        self._execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
