"""Incident sets: confirmed and alleged lists kept side by side, marked with their status and source; loading
adds (replacing only when asked); the backtest scores confirmed attacks unless told otherwise and says so."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forewarn import schema
from forewarn.cli import (
    app,
    commands,  # noqa: F401  (registers every command)
)
from forewarn.errors import ConfigError
from forewarn.incidents import read_incidents, status_from_name
from forewarn.store import Store

from .synthetic import gazetteer
from .test_backtest import story

runner = CliRunner()
HEADER = "incident_date,place,alt_names,governorate,lat,lon,agent,finding,attributed_to,report"


def write(path: Path, *rows: str, header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("confirmed.csv", "confirmed"),
        ("alleged_unconfirmed.csv", "alleged"),  # "unconfirmed" is not "confirmed"
        ("2019-allegations.csv", "alleged"),
        ("opcw_verified.csv", "confirmed"),
        ("incidents.csv", None),
    ],
)
def test_a_file_name_says_its_status_or_nothing(name: str, status: str | None) -> None:
    assert status_from_name(Path("/data") / name) == status


def test_status_comes_from_the_flag_then_the_row_then_the_name(tmp_path: Path) -> None:
    row = "2018-04-07,Douma,,Rif Dimashq,,,chlorine,,,"
    confirmed = write(tmp_path / "confirmed.csv", row)
    assert [i.status for i in read_incidents(confirmed, gazetteer()).incidents] == ["confirmed"]
    assert [i.status for i in read_incidents(confirmed, gazetteer(), status="alleged").incidents] == ["alleged"]
    mixed = write(
        tmp_path / "incidents.csv",
        row + ",alleged",
        "2017-04-04,Khan Shaykhun,,Idlib,,,sarin,,,,Confirmed",
        "2016-08-01,Saraqib,,Idlib,,,,,,,rumoured",
        header=HEADER + ",status",
    )
    loaded = read_incidents(mixed, gazetteer(), source="field notes")
    assert {(i.place, i.status, i.source) for i in loaded.incidents} == {
        ("Douma", "alleged", "field notes"),
        ("Khan Shaykhun", "confirmed", "field notes"),
    }
    assert [q.position for q in loaded.quarantined] == ["row 4"] and "rumoured" in loaded.quarantined[0].reason
    assert read_incidents(confirmed, gazetteer()).incidents[0].source == "confirmed.csv"


def test_a_file_that_does_not_say_its_status_is_refused(tmp_path: Path) -> None:
    unknown = write(tmp_path / "incidents.csv", "2018-04-07,Douma,,Rif Dimashq,,,chlorine,,,")
    with pytest.raises(ConfigError, match="--status"):
        read_incidents(unknown, gazetteer())
    with pytest.raises(ConfigError, match="confirmed or alleged"):
        read_incidents(unknown, gazetteer(), status="probable")
    db = str(tmp_path / "f.db")
    result = runner.invoke(app, ["incidents", "load", str(unknown), "--db", db])
    assert isinstance(result.exception, ConfigError) and "--status" in str(result.exception)
    assert "1 incidents loaded (1 alleged)" in invoke("incidents", "load", str(unknown), "--status", "alleged",
                                                        "--db", db)  # fmt: skip


def test_loading_adds_updates_in_place_and_replaces_only_when_asked(tmp_path: Path, store: Store) -> None:
    first = read_incidents(write(tmp_path / "confirmed.csv", "2018-04-07,Douma,,Rif Dimashq,,,chlorine,,,"),
                           gazetteer()).incidents  # fmt: skip
    second = read_incidents(write(tmp_path / "alleged.csv", "2016-08-01,Saraqib,,Idlib,,,,,,"), gazetteer()).incidents
    assert store.add_incidents(first) == {"added": 1, "updated": 0, "stored": 1}
    assert store.add_incidents(second) == {"added": 1, "updated": 0, "stored": 2}
    assert store.add_incidents(first) == {"added": 0, "updated": 1, "stored": 2}  # a re-load never duplicates
    assert [i.place for i in store.iter_incidents(status="alleged")] == ["Saraqib"]
    assert [i.place for i in store.iter_incidents(status="confirmed")] == ["Douma"]
    assert store.add_incidents(second, replace=True) == {"added": 1, "updated": 0, "stored": 1}
    assert [i.place for i in store.iter_incidents()] == ["Saraqib"]


def test_incidents_stored_before_statuses_existed_stay_confirmed(tmp_path: Path) -> None:
    """A database at the version before statuses (incidents without status or source) migrates with its
    incidents kept as the confirmed attacks they were loaded as."""
    path = tmp_path / "old.db"
    before = next(n for n, step in enumerate(schema.MIGRATIONS) if step.__name__.endswith("_incident_status"))
    with Store(f"sqlite:///{path}", migrate=False) as old:
        old.migrate(target=before)
    with sqlite3.connect(path) as conn:
        present = {row[1] for row in conn.execute("PRAGMA table_info(incidents)")}
        if "status" in present:  # a version 1 that builds today's tables: take the incidents back to then
            conn.executescript(
                "DROP INDEX ix_incidents_status; ALTER TABLE incidents DROP COLUMN status;"
                "ALTER TABLE incidents DROP COLUMN source;"
            )
        conn.execute(
            "INSERT INTO incidents (id, date, place, governorate, place_id, agent, finding, attributed_to, report)"
            " VALUES ('x', '2018-04-07', 'Douma', 'Rif Dimashq', '', 'chlorine', '', '', '')"
        )
    with Store(f"sqlite:///{path}") as migrated:
        assert migrated.version() == schema.LATEST_VERSION
        (incident,) = migrated.iter_incidents(status="confirmed")
    assert (incident.place, incident.status, incident.source) == ("Douma", "confirmed", "")


@pytest.fixture
def claims_db(tmp_path: Path) -> str:
    db = str(tmp_path / "cli.db")
    with Store(f"sqlite:///{db}") as opened:
        opened.replace_claims({c.document_id for c in story()}, story(), "test")
    return db


def scored(backtest: dict) -> dict:
    """A backtest's JSON without its episodes (which also tell the stored allegations)."""
    return {key: value for key, value in backtest.items() if key != "episodes"}


def test_the_alleged_set_after_the_confirmed_one_keeps_both_and_the_confirmed_figures(
    shared_data: Path, claims_db: str, tmp_path: Path
) -> None:
    confirmed = str(shared_data / "incidents" / "confirmed.csv")
    alleged = str(shared_data / "incidents" / "alleged_unconfirmed.csv")
    invoke("incidents", "load", confirmed, "--db", claims_db)
    before = json.loads(invoke("backtest", "--json", "--db", claims_db))
    said = invoke("incidents", "load", alleged, "--db", claims_db)
    assert "10 incidents loaded (10 alleged) from alleged_unconfirmed.csv: 10 added, 0 updated, 36 stored" in said
    listed = json.loads(invoke("incidents", "--json", "--db", claims_db))
    assert len(listed) == 36
    assert {(i["status"], i["source"]) for i in listed} == {
        ("confirmed", "confirmed.csv"),
        ("alleged", "alleged_unconfirmed.csv"),
    }
    assert len(json.loads(invoke("incidents", "--status", "alleged", "--json", "--db", claims_db))) == 10

    after = json.loads(invoke("backtest", "--json", "--db", claims_db))
    # every figure, every incident row, every warning: the allegations are not scored; only the episodes, which
    # tell confirmed and alleged incidents apart, now list them
    assert scored(after) == scored(before)
    told = [i["status"] for e in after["episodes"] for i in e["incidents"]]
    assert "alleged" in told and "alleged" not in [i["status"] for e in before["episodes"] for i in e["incidents"]]
    assert after["parameters"]["incidents"] == "confirmed"
    assert after["data"]["incidents_by_status"] == {"confirmed": 26}
    assert after["data"]["incident_sources"] == {"confirmed.csv": 26}
    assert "incidents scored: confirmed (26 confirmed; from confirmed.csv)" in invoke("backtest", "--db", claims_db)

    # the same figures as a store that only ever held the confirmed set
    alone = str(tmp_path / "alone.db")
    with Store(f"sqlite:///{alone}") as opened:
        opened.replace_claims({c.document_id for c in story()}, story(), "test")
    invoke("incidents", "load", confirmed, "--db", alone)
    assert scored(json.loads(invoke("backtest", "--json", "--db", alone))) == scored(after)

    every = json.loads(invoke("backtest", "--incidents", "all", "--json", "--db", claims_db))
    assert every["data"]["incidents_by_status"] == {"alleged": 10, "confirmed": 26}
    assert len(every["incidents"]) == 36
    only = json.loads(invoke("backtest", "--incidents", "alleged", "--json", "--db", claims_db))
    assert {i["status"] for i in only["incidents"]} == {"alleged"} and only["parameters"]["incidents"] == "alleged"
    bad = runner.invoke(app, ["backtest", "--incidents", "probable", "--db", claims_db])
    assert isinstance(bad.exception, ConfigError)

    replaced = invoke("incidents", "load", alleged, "--replace", "--db", claims_db)
    assert "10 stored (stored set replaced)" in replaced
    none_confirmed = runner.invoke(app, ["backtest", "--db", claims_db])
    assert isinstance(none_confirmed.exception, ConfigError)
    assert "no confirmed incidents" in str(none_confirmed.exception)
