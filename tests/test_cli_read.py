"""The read commands as a user sees them: tables that fit 80 columns when piped, --json and --csv for
machines, warning ids by prefix, one claim shape everywhere."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from forewarn.cli import app, commands  # noqa: F401  (registers the commands)
from forewarn.errors import ConfigError, NotFoundError

runner = CliRunner()
READ_COMMANDS = [["documents"], ["documents", "chlorine"], ["claims"], ["claims", "--place", "Idlib"],
                 ["warnings"], ["stats"], ["quarantine"], ["incidents"]]


def run(db: Path, *args: str) -> str:
    result = runner.invoke(app, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_tables_fit_80_columns_when_piped(sample_db: Path, command: list[str]) -> None:
    printed = run(sample_db, *command)
    widest = max((len(line) for line in printed.splitlines()), default=0)
    assert widest <= 80, f"{widest} columns:\n{printed}"


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_json_and_csv_for_machines(sample_db: Path, command: list[str]) -> None:
    as_json = json.loads(run(sample_db, *command, "--json"))
    rows = list(csv.DictReader(io.StringIO(run(sample_db, *command, "--csv"))))
    if command == ["stats"]:
        assert as_json["documents"] == 60 and {"figure": "documents", "value": "60"} in rows
    else:
        assert isinstance(as_json, list) and len(rows) == len(as_json)
        assert all(row["id"] == record["id"] for row, record in zip(rows, as_json, strict=True) if "id" in row)
    both = runner.invoke(app, ["--db", str(sample_db), *command, "--json", "--csv"])
    assert isinstance(both.exception, ConfigError) and "cannot be used together" in str(both.exception)


def test_claims_carry_source_and_loose_text_filters(sample_db: Path) -> None:
    found = json.loads(run(sample_db, "claims", "--claimant", "ministry", "--accused", "white helmets", "--json"))
    assert found and all("Ministry" in c["claimant"] and "White Helmets" in c["accused"] for c in found)
    assert all(c["document"]["id"] == c["document_id"] and c["document"]["source"] for c in found)
    assert json.loads(run(sample_db, "claims", "--claimant", "nobody at all", "--json")) == []
    newest = json.loads(run(sample_db, "claims", "--sort", "-published", "--limit", "3", "--json"))
    assert [c["published_at"] for c in newest] == sorted((c["published_at"] for c in newest), reverse=True)


def test_warnings_show_by_prefix_lists_statements_and_sources(sample_db: Path) -> None:
    listed = json.loads(run(sample_db, "warnings", "--open", "--json"))
    shown = run(sample_db, "warnings", "show", listed[0]["id"][:4])
    assert f"{listed[0]['place_name']} ({listed[0]['level']}) — OPEN" in shown
    assert "statements behind the warning" in shown and "sources:" in shown
    assert all(claim["document"]["url"] in shown for claim in as_json_of(sample_db, listed[0]["id"])["evidence"]
               if claim["document"]["url"])
    as_json = json.loads(run(sample_db, "warnings", "show", listed[0]["id"][:4], "--json"))
    assert as_json["id"] == listed[0]["id"] and as_json["evidence"][0]["document"]["url"]
    assert as_json["statements"] and len(as_json["languages"]) >= 2  # relayed in more than one language
    missing = runner.invoke(app, ["--db", str(sample_db), "warnings", "show", "ffffffff"])
    assert isinstance(missing.exception, NotFoundError)


def as_json_of(db: Path, warning_id: str) -> dict[str, Any]:
    shown: dict[str, Any] = json.loads(run(db, "warnings", "show", warning_id, "--json"))
    return shown


def test_a_real_pipe_at_80_columns(sample_db: Path) -> None:
    """Through a real pipe (not CliRunner): rich sees no terminal and still wraps to 80 columns."""
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": ""}
    done = subprocess.run([sys.executable, "-m", "forewarn", "--db", str(sample_db), "claims", "--kind",
                           "PREEMPTIVE"], capture_output=True, text=True, env=env, timeout=120, check=True)
    lines = done.stdout.splitlines()
    assert len(lines) > 48 and max(len(line) for line in lines) <= 80
