"""The curated Python API: every exported name resolves, `import forewarn` stays light, and the example in
docs/python.md runs as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import forewarn

from .conftest import REPO


def test_every_exported_name_resolves_and_all_lists_them() -> None:
    exported = forewarn._EXPORTS
    assert sorted(forewarn.__all__) == sorted(exported)
    for name in exported:
        assert getattr(forewarn, name) is not None


def test_import_forewarn_loads_neither_the_database_layer_nor_the_detector() -> None:
    code = ("import sys, forewarn; "
            "print(sorted(m for m in ('sqlalchemy', 'sklearn', 'forewarn.detect') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_open_store_takes_a_plain_path(tmp_path: Path) -> None:
    with forewarn.open_store(tmp_path / "plain.db") as store:
        assert store.url == f"sqlite:///{tmp_path / 'plain.db'}"
    with forewarn.Store(str(tmp_path / "again.db")) as store:  # the class takes paths too
        assert store.count("documents") == 0


def test_the_documented_example_runs() -> None:
    text = (REPO / "docs" / "python.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    assert blocks, "docs/python.md has no python example"
    for block in blocks:
        run = subprocess.run([sys.executable, "-c", block], capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        assert re.search(r"\d+ documents, \d+ claims, \d+ warnings", run.stdout), run.stdout
