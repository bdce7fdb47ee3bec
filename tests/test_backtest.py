from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from forewarn.backtest import run_backtest
from forewarn.cli import (
    app,
    commands,  # noqa: F401  (registers every command)
)
from forewarn.errors import NotFoundError
from forewarn.model import Claim, Incident
from forewarn.signals import claim_day
from forewarn.store import Store
from forewarn.warning import SurgeRule

from .synthetic import claim, gazetteer, place_id

RULE = SurgeRule()
runner = CliRunner()


def incident(day: str, name: str, governorate: str = "") -> Incident:
    found = gazetteer().get(place_id(name))
    return Incident(date.fromisoformat(day), name, governorate, found.id, found.lat, found.lon)


def story() -> list[Claim]:
    """Warnings before Douma (a hit), in Jisr al-Shughur (a false alarm) and in Idlib late 2018."""
    return [
        claim("2018-02-13", "Douma", statement="d1"),
        claim("2018-02-14", "Douma", statement="d2", outlet="RT"),
        claim("2018-02-14", "Douma", statement="d2", outlet="Sputnik"),
        claim("2018-04-09", "Douma", kind="RETROSPECTIVE", statement="r1"),
        claim("2018-06-20", "Jisr al-Shughur", statement="j1"),
        claim("2018-06-22", "Jisr al-Shughur", statement="j2"),
        claim("2018-09-01", "Idlib", statement="i1"),
        claim("2018-09-02", "Idlib", statement="i2"),
        claim("2018-09-03", "Idlib", statement="i3", date_kind="event"),
    ]


INCIDENTS = [
    incident("2018-02-04", "Saraqib", "Idlib"),
    incident("2018-04-07", "Douma", "Rif Dimashq"),
    incident("2018-10-20", "Saraqib", "Idlib"),
]


def backtest(claims: list[Claim], **options: Any) -> dict[str, Any]:
    return run_backtest(claims, INCIDENTS, gazetteer(), RULE, **options).to_json()


def test_each_incident_is_caught_or_missed_with_its_lead_time_and_level() -> None:
    result = backtest(story())
    outcome = {(i["date"], i["place"]): i for i in result["incidents"]}
    douma = outcome[("2018-04-07", "Douma")]
    assert (douma["caught"], douma["lead_days"], douma["match_level"]) == (True, 52, "town")
    assert douma["match_basis"] == "same place"
    assert outcome[("2018-02-04", "Saraqib")]["caught"] is False
    late = outcome[("2018-10-20", "Saraqib")]
    # Idlib opens on its third statement (2018-09-03): June's Jisr al-Shughur claims raised its own baseline
    assert (late["caught"], late["match_level"], late["lead_days"]) == (True, "governorate", 47)


def test_each_warning_is_a_hit_or_a_false_alarm_and_the_summary_adds_up() -> None:
    result = backtest(story())
    verdicts = {(w["place_name"], w["hit"]) for w in result["warnings"]}
    assert verdicts == {("Douma", True), ("Jisr al-Shughur", False), ("Idlib Governorate", True)}
    summary = result["summary"]
    assert (summary["warnings"], summary["hits"], summary["false_alarms"]) == (3, 2, 1)
    assert summary["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert summary["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert summary["median_lead_days"] == (52 + 47) / 2
    idlib = next(w for w in result["warnings"] if w["place_id"] == "SY-ID")
    assert idlib["event_dated_claims"] == 1
    douma = next(w for w in result["warnings"] if w["place_name"] == "Douma")
    assert douma["statements"] == 2 and douma["claims"] == 3 and douma["outlets"] == ["RT", "Sputnik", "TASS"]


def test_the_naive_baseline_warns_at_every_mention() -> None:
    baseline = backtest(story())["baseline"]
    # Douma (Feb, then the retrospective claim in April), Jisr al-Shughur, Idlib
    assert baseline["warnings"] == 4
    assert baseline["caught"] == 2


def test_the_horizon_bounds_a_hit() -> None:
    short = backtest(story(), horizon_days=30)
    assert not any(i["caught"] for i in short["incidents"])
    assert short["summary"]["precision"] == 0.0


def test_incidents_outside_the_period_are_listed_but_not_scored() -> None:
    result = backtest(story(), start=date(2018, 3, 1))
    first = result["incidents"][0]
    assert (first["in_range"], first["caught"]) == (False, False)
    assert result["summary"]["incidents"] == 2
    assert all(w["opened_at"] >= "2018-03-01" for w in result["warnings"])


def test_no_look_ahead_documents_after_the_cut_change_nothing() -> None:
    cut = date(2018, 6, 30)
    everything = story() + [claim("2018-07-01", "Jisr al-Shughur", statement="j3")]
    known_then = [c for c in everything if (claim_day(c) or date.max) <= cut]
    assert backtest(everything, end=cut) == backtest(known_then, end=cut)
    opened_then = {(w["place_id"], w["opened_at"]) for w in backtest(known_then, end=cut)["warnings"]}
    opened_later = {(w["place_id"], w["opened_at"]) for w in backtest(everything)["warnings"]}
    assert opened_then == {p for p in opened_later if p[1] <= cut.isoformat()}


def test_json_is_deterministic_and_has_the_documented_shape() -> None:
    first = json.dumps(backtest(story()), sort_keys=True)
    assert first == json.dumps(backtest(list(reversed(story()))), sort_keys=True)
    result = json.loads(first)
    assert {"incidents", "warnings", "summary", "baseline", "rule", "narrative_surges"} <= set(result)
    assert {"caught", "lead_days", "match_level"} <= set(result["incidents"][0])
    assert {"place_id", "opened_at", "closed_at", "hit"} <= set(result["warnings"][0])
    assert {"precision", "recall", "median_lead_days"} <= set(result["summary"])
    assert "false alarm" in result["rule"]


def store_with(store: Store, claims: list[Claim]) -> None:
    store.replace_claims({c.document_id for c in claims}, claims, "test")
    store.replace_incidents(INCIDENTS)


def test_cli_backtest_to_a_date_ignores_later_documents(tmp_path: Path) -> None:
    full, early = str(tmp_path / "full.db"), str(tmp_path / "early.db")
    everything = story()
    with Store(f"sqlite:///{full}") as opened:
        store_with(opened, everything)
    with Store(f"sqlite:///{early}") as opened:
        store_with(opened, [c for c in everything if (claim_day(c) or date.max) <= date(2018, 6, 30)])
    outputs = []
    for db in (full, early):
        result = runner.invoke(app, ["backtest", "--to", "2018-06-30", "--json", "--db", db])
        assert result.exit_code == 0, result.output
        outputs.append(json.loads(result.stdout))
    assert outputs[0]["warnings"] == outputs[1]["warnings"]
    assert [w["place_name"] for w in outputs[0]["warnings"]] == ["Douma", "Jisr al-Shughur"]


def test_cli_backtest_needs_incidents(tmp_path: Path) -> None:
    db = str(tmp_path / "none.db")
    result = runner.invoke(app, ["backtest", "--db", db])
    assert result.exit_code != 0
    bad = runner.invoke(app, ["backtest", "--to", "June", "--db", db])
    assert bad.exit_code != 0


def test_cli_warnings_and_incidents(tmp_path: Path, shared_data: Path) -> None:
    db = str(tmp_path / "cli.db")
    with Store(f"sqlite:///{db}") as opened:
        opened.replace_claims({c.document_id for c in story()}, story(), "test")
    loaded = runner.invoke(app, ["incidents", "load", str(shared_data / "incidents" / "confirmed.csv"), "--db", db])
    assert loaded.exit_code == 0 and "26 incidents loaded" in loaded.stdout
    listed = json.loads(runner.invoke(app, ["incidents", "--json", "--db", db]).stdout)
    assert len(listed) == 26 and all(i["place_id"] for i in listed)
    assert runner.invoke(app, ["warnings", "update", "--db", db]).exit_code == 0
    warnings = json.loads(runner.invoke(app, ["warnings", "--json", "--db", db]).stdout)
    assert [w["place_name"] for w in warnings] == ["Douma", "Jisr al-Shughur", "Idlib Governorate"]
    near_douma = json.loads(runner.invoke(app, ["warnings", "--place", "Eastern Ghouta", "--json", "--db", db]).stdout)
    assert [w["place_name"] for w in near_douma] == ["Douma"]
    still_open = json.loads(runner.invoke(app, ["warnings", "--open", "--json", "--db", db]).stdout)
    assert [w["place_name"] for w in still_open] == ["Idlib Governorate"]
    shown = json.loads(runner.invoke(app, ["warnings", "show", warnings[0]["id"], "--json", "--db", db]).stdout)
    assert len(shown["evidence"]) == 3 and shown["evidence"][0]["evidence"]["sentence"]  # one claim shape (serialise)
    assert [s["copies"] for s in shown["statements"]] == [1, 2]  # the RT and Sputnik copies fold into one
    assert shown["statements"][1]["outlets"] == ["RT", "Sputnik"] and shown["statements"][0]["sentence"]
    missing = runner.invoke(app, ["warnings", "show", "nope", "--db", db])
    assert isinstance(missing.exception, NotFoundError)
    backtest_run = runner.invoke(app, ["backtest", "--json", "--db", db])
    assert len(json.loads(backtest_run.stdout)["incidents"]) == 26


@pytest.mark.slow
@pytest.mark.shared
def test_real_corpora_backtest_reports_every_incident_and_is_repeatable(shared_data: Path, store: Store) -> None:
    from forewarn.detect import run_detection
    from forewarn.incidents import load_incidents
    from forewarn.ingest import ingest
    from forewarn.settings import Settings

    sources = [
        str(shared_data / "euvsdisinfo" / "posts.csv"),
        str(shared_data / "euvsdisinfo" / "full_dataset.csv"),
        str(shared_data / "fakes" / "fakes.csv"),
    ]
    ingest(sources, store, Settings())
    run_detection(store)
    incidents = load_incidents(shared_data / "incidents" / "confirmed.csv", gazetteer())
    runs = [run_backtest(store.iter_claims(), incidents, gazetteer(), RULE).to_json() for _ in range(2)]
    assert runs[0] == runs[1]
    assert len(runs[0]["incidents"]) == 26
    assert all(isinstance(w["hit"], bool) for w in runs[0]["warnings"])
    assert runs[0]["baseline"]["warnings"] >= runs[0]["summary"]["warnings"]
