"""Untrusted text never drives the terminal (R8, R9), the error printer never reads markup (R11), config files
that are not UTF-8 are a clear error (R10), and no message echoes a password or an SQL dump."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forewarn.cli import app, commands  # noqa: F401  (registers the commands)
from forewarn.cli.output import json_text, redact, safe
from forewarn.model import Warning
from forewarn.store import Store

from .synthetic import claim, place_id

HOSTILE = (
    "[/]",
    "[link=javascript:alert(1)]click[/link]",
    "\x1b]8;;http://evil.example\x07hidden link\x1b]8;;\x07",
    "\x1b[31mred\x1b[0m",
    "over\rwrite\x08",
    "\u202eevil\u202c",
    "\x9b31m",  # C1 CSI
)
RAW_CONTROLS = ("\x1b", "\x07", "\x08", "\r", "\u202e", "\x9b")


def assert_clean(output: str) -> None:
    leaked = [c for c in RAW_CONTROLS if c in output]
    assert not leaked, f"raw control characters reached the terminal: {leaked!r}"


def test_safe_escapes_every_control_visibly_and_keeps_ordinary_text() -> None:
    ordinary = "Reuters: Douma, 7 April — «химическая атака» [1]"
    assert safe(ordinary) == ordinary
    assert safe("a\x1b[31mb") == "a\\x1b[31mb"
    assert safe("\u202eabc\ud800") == "\\u202eabc\\ud800"
    assert safe("two\nlines\tand tab") == "two\nlines\tand tab"
    assert safe("two\nlines\tand tab", newlines=False) == "two\\nlines\\tand tab"
    decoded = json.loads(json_text({"outlet": HOSTILE[2] + HOSTILE[6] + "\ud800"}))
    assert decoded["outlet"] == HOSTILE[2] + HOSTILE[6] + "\ud800"  # JSON keeps the value, escaped
    assert_clean(json_text(list(HOSTILE)))


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    """Documents, claims and a warning whose outlets, claimants and titles are hostile."""
    db = tmp_path / "hostile.db"
    rows = [{"id": f"h{i}", "title": f"{text} title", "text": f"Body {i} {text}", "outlet": text}
            for i, text in enumerate(HOSTILE)]
    (tmp_path / "hostile.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["--db", str(db), "ingest", str(tmp_path / "hostile.jsonl"), "--no-detect"])
    assert result.exit_code == 0, result.output
    claims = [claim("2018-03-13", "Douma", claimant=text, outlet=text, statement=str(i))
              for i, text in enumerate(HOSTILE)]
    with Store(f"sqlite:///{db}") as store:
        store.replace_claims({c.document_id for c in claims}, claims, "test")
        store.replace_warnings([Warning(
            place_id=place_id("Douma"), place_name="Douma [/]", level="town", opened_at=date(2018, 3, 13),
            last_evidence_at=date(2018, 3, 13), score=3.0, claim_ids=tuple(c.id for c in claims),
            outlets=HOSTILE, claimants=HOSTILE, context=HOSTILE,
        )])
    return db


@pytest.mark.parametrize("command", [
    ["documents"], ["claims"], ["warnings"], ["quarantine"], ["stats"],
])
def test_read_commands_print_hostile_text_verbatim_and_escaped(hostile_db: Path, command: list[str]) -> None:
    result = CliRunner().invoke(app, ["--db", str(hostile_db), *command])
    assert result.exit_code == 0, result.output
    assert_clean(result.output)
    if command == ["documents"]:
        assert "[/]" in result.output and "[link=javascript:alert(1)]" in result.output  # shown, not interpreted
        assert "\\x1b]8;;http://evil.example\\x07" in result.output  # visible escape


def test_warning_show_with_markup_in_outlets_and_claimants(hostile_db: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["--db", str(hostile_db), "warnings", "--json"])
    warning_id = json.loads(listed.output)[0]["id"]
    result = runner.invoke(app, ["--db", str(hostile_db), "warnings", "show", warning_id])
    assert result.exit_code == 0, result.output  # R8: MarkupError before
    assert "claimants: [/], [link=javascript:alert(1)]click[/link]" in result.output
    assert_clean(result.output)
    as_json = runner.invoke(app, ["--db", str(hostile_db), "warnings", "show", warning_id, "--json"])
    assert_clean(as_json.output)
    assert json.loads(as_json.output)["outlets"] == list(HOSTILE)


def forewarn(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "forewarn", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)


def test_error_printer_never_reads_markup_in_paths_and_config_must_be_utf8(tmp_path: Path) -> None:
    odd = tmp_path / "[/x]" / "[bold]"
    odd.mkdir(parents=True)
    bad_config = odd / "latin.toml"
    bad_config.write_bytes('db = "caf\xe9.db"\n'.encode("latin-1"))
    run = forewarn("--config", str(bad_config), "stats", cwd=tmp_path)  # R10 + R11
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and "is not UTF-8" in run.stderr
    assert f"{bad_config}" in run.stderr  # the path printed as it is, brackets and all
    missing = forewarn("--config", str(odd / "missing.toml"), "stats", cwd=tmp_path)
    assert missing.returncode == 2 and "[/x]/[bold]/missing.toml" in missing.stderr, missing.stderr


def test_no_message_echoes_a_password_or_sql() -> None:
    message = ("(sqlite3.IntegrityError) UNIQUE constraint failed: documents.id\n[SQL: INSERT INTO documents (id) "
               "VALUES (?)]\n[parameters: ('secret text',)]\n(Background on this error at: https://sqlalche.me/e/20/gkpj)")
    assert redact(message) == "(sqlite3.IntegrityError) UNIQUE constraint failed: documents.id"
    assert redact("postgresql://analyst:hunter2@db.internal:5432/fw") == "postgresql://analyst:***@db.internal:5432/fw"


@pytest.mark.parametrize("url", [
    "postgresql://analyst:hunter2@127.0.0.1:1/forewarn",  # default driver, maybe not installed
    "postgresql+nosuchdriver://analyst:hunter2@127.0.0.1:1/forewarn",
])
def test_a_database_url_with_a_password_is_never_printed(tmp_path: Path, url: str) -> None:
    run = forewarn("--db", url, "stats", cwd=tmp_path)
    assert run.returncode == 4, run.stderr
    assert "hunter2" not in run.stderr + run.stdout and "analyst:***@" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr and "sqlalche.me" not in run.stderr
