"""A fixed-seed sample of bench/fuzz.py on every change: mutated inputs for every reader go through ingest
into a real SQLite store; nothing may escape as an exception, take longer than 10 s, or be caught by the
isolation as an "unexpected error" (a defect). The full run (10,000+ inputs per reader, per-input RSS) is
`bench/fuzz.py`, its figures in docs/hardening.md."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from forewarn.settings import Settings
from forewarn.store import Store

from .fuzzing import READERS, ingest_one, inputs, unexpected, warm_up

EXAMPLES = 20  # per reader: about a minute for the 11 readers
HANG_SECONDS = 10.0


@pytest.mark.parametrize("name", sorted(READERS))
def test_mutated_inputs_never_escape_never_hang(name: str) -> None:
    config = Settings(parse_timeout=HANG_SECONDS)
    with tempfile.TemporaryDirectory() as workdir, Store(f"sqlite:///{workdir}/fuzz.db") as store:
        warm_up(Path(workdir), store, config)

        @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
                  phases=(Phase.generate,), suppress_health_check=list(HealthCheck))
        @given(data=inputs(name))
        def one_input(data: bytes) -> None:
            started = time.monotonic()
            ingest_one(name, data, Path(workdir), store, config)
            assert time.monotonic() - started < HANG_SECONDS
            assert not unexpected(store), unexpected(store)

        one_input()
