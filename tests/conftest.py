from __future__ import annotations

from pathlib import Path

import pytest

from forewarn.store import Store

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """../shared/data beside the clone; tests that need it skip cleanly where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present (a user's clone): real-data checks skipped")
    return SHARED_DATA


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A real SQLite file store in a temporary directory."""
    with Store(f"sqlite:///{tmp_path / 'forewarn.db'}") as opened:
        yield opened
