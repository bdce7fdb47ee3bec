"""A real `forewarn serve` (uvicorn) on 127.0.0.1 in a child process, for the browser and schema tests.

The server runs the installed command line exactly as a user starts it; the helper waits for /healthz and
stops the process (and only it) when the block ends.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

START_SECONDS = 120.0  # the machine may be loaded: the first import of the pipeline is slow


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server(db: Path | str, *, token: str = "", read_only: bool = False,
                   log: Path | None = None) -> Iterator[str]:
    """Serve the store `db` (a path or a database URL); yields the base URL (http://127.0.0.1:<port>)."""
    with server_process(db, token=token, read_only=read_only, log=log) as (base, _):
        yield base


@contextmanager
def serving_copy(db: Path, folder: Path, *, token: str = "") -> Iterator[str]:
    """A private copy of the SQLite store `db` in `folder`, served (its log in folder/server.log), so the tests
    that write through the server leave `db` as it was."""
    copy = folder / db.name
    shutil.copy(db, copy)
    with running_server(copy, token=token, log=folder / "server.log") as base:
        yield base


@contextmanager
def server_process(db: Path | str, *, token: str = "", read_only: bool = False, log: Path | None = None,
                   workers: int = 1, source: Path | None = None) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`running_server`, also yielding the server's process (bench/api.py reads its CPU time and its workers').
    `source`: run forewarn from this checkout's src/ instead (bench/api.py --reference)."""
    port = free_port()
    command = [sys.executable, "-m", "forewarn", "--db", str(db), "serve", "--host", "127.0.0.1", "--port", str(port)]
    if token:
        command += ["--token", token]
    if read_only:
        command.append("--read-only")
    if workers > 1:
        command += ["--workers", str(workers)]
    output = log.open("wb") if log else subprocess.DEVNULL
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source / "src"), env.get("PYTHONPATH")]))
    process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base, process)
        yield base, process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            output.close()  # type: ignore[union-attr]


def _wait(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"forewarn serve exited with {process.returncode} before answering")
        try:
            if httpx.get(f"{base}/healthz", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"forewarn serve did not answer on {base} within {START_SECONDS:.0f} s")
