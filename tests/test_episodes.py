"""The backtest per episode: claims, warnings and what followed them, confirmed and alleged told apart."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import matplotlib.image
import pytest
from typer.testing import CliRunner

from forewarn.backtest import run_backtest
from forewarn.cli import app
from forewarn.cli import commands as _commands  # noqa: F401  (registers the commands)
from forewarn.episodes import NOTHING_CONFIRMED, Episode, load_episodes
from forewarn.errors import ConfigError
from forewarn.report import lead_times, write_report
from forewarn.store import Store
from forewarn.warning import SurgeRule

from .synthetic import claim, gazetteer
from .test_backtest import incident

EPISODES = [
    Episode("ghouta", "Eastern Ghouta 2018", date(2018, 1, 1), date(2018, 5, 31), ("SY-RD",)),
    Episode("idlib", "Idlib 2018", date(2018, 6, 1), date(2018, 12, 31), ("SY-ID", "SY-HM")),
    Episode("quiet", "Latakia 2018", date(2018, 1, 1), date(2018, 12, 31), ("SY-LA",)),
]
CLAIMS = [
    claim("2018-02-20", "Eastern Ghouta", statement="g1"),
    claim("2018-02-22", "Eastern Ghouta", statement="g2", outlet="RT"),
    claim("2018-02-22", "Eastern Ghouta", statement="g2", outlet="Sputnik Arabic"),
    claim("2018-08-28", "Idlib", statement="i1"),
    claim("2018-08-30", "Jisr al-Shughur", statement="i2"),
    claim("2018-09-01", "Idlib", statement="i3"),
    claim("2018-10-10", "Ltamenah", statement="h1"),
    claim("2018-10-12", "Ltamenah", statement="h2"),
]
CONFIRMED = [incident("2018-04-07", "Douma", "Rif Dimashq")]
ALLEGED = [replace(incident("2018-11-20", "Ltamenah", "Hama"), status="alleged")]


def episodes() -> dict[str, dict]:
    result = run_backtest(CLAIMS, CONFIRMED, gazetteer(), SurgeRule(), episodes=EPISODES, others=ALLEGED)
    return {e["id"]: e for e in result.to_json()["episodes"]}


def test_each_episode_says_what_was_claimed_where_and_when() -> None:
    ghouta = episodes()["ghouta"]["claims"]
    assert (ghouta["statements"], ghouta["copies"], ghouta["first"], ghouta["last"]) == (2, 3, "2018-02-20",
                                                                                       "2018-02-22")  # fmt: skip
    assert ghouta["places"] == [{"place": "Eastern Ghouta", "statements": 2}] and ghouta["outlets"] == 3
    idlib = episodes()["idlib"]["claims"]
    assert [p["place"] for p in idlib["places"]][:2] == ["Idlib Governorate", "Ltamenah"]


def test_confirmed_alleged_and_nothing_confirmed_are_told_apart() -> None:
    found = episodes()
    (ghouta,) = found["ghouta"]["warnings"]
    assert ghouta["outcome"] == "confirmed attack followed"
    assert ghouta["followed_by"] == [{"date": "2018-04-07", "place": "Douma", "status": "confirmed", "lead_days": 44}]
    by_place = {w["place_name"]: w for w in found["idlib"]["warnings"]}
    assert by_place["Idlib Governorate"]["outcome"] == NOTHING_CONFIRMED  # the claims of Aug-Sep: nothing followed
    assert by_place["Ltamenah"]["outcome"] == "alleged attack followed (not confirmed)"
    douma = found["ghouta"]["incidents"][0]
    assert (douma["status"], douma["warned"], douma["lead_days"]) == ("confirmed", True, 44)
    assert found["idlib"]["incidents"][0]["status"] == "alleged"
    assert found["quiet"]["verdict"] == "0 statements; no warning opened" and found["quiet"]["warnings"] == []
    assert found["idlib"]["baseline"]["warnings"] >= 2


def test_the_shipped_episodes_load_and_a_bad_file_is_a_config_error(tmp_path: Path) -> None:
    shipped = load_episodes()
    assert len({e.id for e in shipped}) == len(shipped) >= 6
    assert {"ghouta-2018", "idlib-2018", "idlib-2019-2021", "ukraine-2022-2023"} <= {e.id for e in shipped}
    for episode in shipped:
        for place in episode.region:
            gazetteer().get(place)  # every region is a gazetteer place
    bad = tmp_path / "episodes.toml"
    bad.write_text('[[episode]]\nid = "x"\nstart = 2018-05-01\nend = 2018-01-01\nregion = ["SY"]\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_episodes(bad)
    bad.write_text('[[episode]]\nid = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_episodes(bad)


def test_cli_and_report_tell_the_episodes_and_the_lead_times(tmp_path: Path) -> None:
    db = str(tmp_path / "episodes.db")
    with Store(f"sqlite:///{db}") as store:
        store.replace_claims({c.document_id for c in CLAIMS}, CLAIMS, "test")
        store.add_incidents([*CONFIRMED, *ALLEGED])
    definitions = tmp_path / "mine.toml"
    definitions.write_text('[[episode]]\nid = "g"\nname = "Ghouta, mine"\nstart = 2018-01-01\nend = 2018-05-31\n'
                           'region = ["SY-RD"]\n', encoding="utf-8")  # fmt: skip
    runner = CliRunner()
    shown = runner.invoke(app, ["backtest", "--episodes", "--episodes-file", str(definitions), "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "episode Ghouta, mine" in shown.stdout and "confirmed attack followed" in shown.stdout
    data = json.loads(runner.invoke(app, ["backtest", "--json", "--db", db]).stdout)
    assert {e["id"] for e in data["episodes"]} == {e.id for e in load_episodes()}

    result = run_backtest(CLAIMS, CONFIRMED, gazetteer(), SurgeRule(), episodes=EPISODES, others=ALLEGED)
    assert lead_times(result) == {"forewarn rule": [44], "naive baseline": [46]}
    page = write_report(result, tmp_path / "report").read_text(encoding="utf-8")
    assert "Episodes" in page and "Idlib 2018" in page and NOTHING_CONFIRMED.split(" (")[0] in page
    pixels = matplotlib.image.imread(tmp_path / "report" / "leadtimes.png")
    assert pixels.shape[1] >= 1200 and pixels.std() > 0.01
