from __future__ import annotations

from pathlib import Path

import pytest

from forewarn.errors import ConfigError
from forewarn.settings import Settings, load_settings


def test_defaults_then_file_then_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FOREWARN_DB", raising=False)
    config = tmp_path / "forewarn.toml"
    config.write_text('[forewarn]\ndb = "from-file.db"\nbatch_size = 50\n', encoding="utf-8")
    assert load_settings(config).db == "from-file.db"
    assert load_settings(config).batch_size == 50
    assert load_settings(config, db="flag.db").db == "flag.db"
    assert load_settings(config, db=None).db == "from-file.db"


def test_sqlite_paths_become_urls() -> None:
    assert Settings(db="x.db").db_url == "sqlite:///x.db"
    assert Settings(db="postgresql+psycopg://u@h/db").db_url == "postgresql+psycopg://u@h/db"


def test_bad_config_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("db = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad)
    unknown = tmp_path / "unknown.toml"
    unknown.write_text("colour = 'red'", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown setting"):
        load_settings(unknown)
    with pytest.raises(ConfigError, match="batch_size"):
        load_settings(None, batch_size="many")
