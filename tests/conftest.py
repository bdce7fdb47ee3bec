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


@pytest.fixture
def sample_copy(sample_db: Path, tmp_path: Path) -> Path:
    """A private copy of the sample store, for tests that write."""
    import sqlite3

    target = tmp_path / "sample.db"
    with sqlite3.connect(sample_db) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target
