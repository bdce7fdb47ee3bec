"""One bad record among 20 good costs no good record, for every kind of damage in tests/corruption.py (each
kind once per reader here; bench/loss.py runs 300 trials per reader, figures in docs/hardening.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .corruption import FORMATS, run_trials


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_one_bad_record_among_twenty_loses_no_good_record(fmt: str, tmp_path: Path) -> None:
    lost = run_trials(fmt, len(FORMATS[fmt].damage), tmp_path)
    assert {kind: sum(counts) for kind, counts in lost.items() if sum(counts)} == {}
