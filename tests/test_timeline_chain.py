"""The whole chain on a timeline of claims in the realweb timeline's format, with our own sentences modelled on
the public pattern of 2018 and 2022: ingest, detection, linking, warnings, the backtest and its episodes."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from forewarn.backtest import backtest_store
from forewarn.incidents import read_incidents
from forewarn.pipeline import process
from forewarn.places import Gazetteer
from forewarn.settings import Settings
from forewarn.store import Store

MOD = "Russian Ministry of Defence"
ROWS = [  # date, claimant, outlet, language, url slug, excerpt (our own wording)
    ("2018-02-25", MOD, "TASS", "en", "g1",
     "The Russian Defence Ministry said militants in Eastern Ghouta were preparing a provocation with toxic "
     "substances in order to accuse government troops of using chemical weapons."),
    ("2018-02-27", "Russian Centre for Reconciliation", "Sputnik", "en", "g2",
     "The Russian Centre for Reconciliation said the White Helmets had brought chlorine containers into Eastern "
     "Ghouta to stage a chemical attack and film it for Western media."),
    ("2018-03-13", "Russian General Staff", "TASS", "en", "g3",
     "The Russian General Staff said militants in Eastern Ghouta were preparing to stage a chemical attack against "
     "civilians and blame the Syrian army."),
    ("2018-08-26", MOD, "TASS", "en", "i1",
     "The Russian Defence Ministry said militants were preparing to stage a chemical attack with chlorine in Idlib "
     "province to provoke Western strikes."),
    ("2018-08-28", "Russian Foreign Ministry", "RIA Novosti", "en", "i2",
     "The Russian Foreign Ministry said terrorists in Idlib province were preparing a serious provocation with "
     "chlorine-containing chemicals to serve as a pretext for Western strikes."),
    ("2018-09-11", "Russian Centre for Reconciliation", "Sputnik", "en", "i3",
     "The Russian Centre for Reconciliation said militants had started filming a staged chemical attack in Jisr "
     "al-Shughur in Idlib province to blame Damascus."),
    ("2022-03-20", MOD, "TASS", "en", "u1",
     "The Russian Defence Ministry said Ukrainian nationalists had mined ammonia tanks at a chemical plant in Sumy "
     "to stage a provocation and accuse Russia."),
    ("2022-03-22", MOD, "Sputnik", "en", "u2",
     "The Russian Defence Ministry said Ukrainian nationalists were preparing a provocation with toxic chemicals in "
     "Kharkiv to accuse the Russian army."),
    ("2022-03-23", MOD, "RIA Novosti", "en", "u3",
     "The Russian Defence Ministry said Ukrainian nationalists planned to blow up a chlorine store in Odesa to "
     "stage a chemical incident and blame Russia."),
]
INCIDENTS = (
    "incident_date,place,alt_names,governorate,lat,lon,agent,finding,attributed_to,report\n"
    "2018-04-07,Douma,Duma,Rif Dimashq,33.57175,36.40270,chlorine,OPCW FFM,,S/1731/2019\n"
)


def write_timeline(path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["date", "claimant", "outlet", "language", "place", "agent", "url", "excerpt"])
    for day, claimant, outlet, language, slug, text in ROWS:
        writer.writerow([day, claimant, outlet, language, "", "", f"https://wire.example/{slug}", text])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def test_a_timeline_warns_before_douma_tells_idlib_apart_and_never_warns_for_ukraine(tmp_path: Path) -> None:
    timeline, incidents = tmp_path / "timeline.csv", tmp_path / "confirmed.csv"
    write_timeline(timeline)
    incidents.write_text(INCIDENTS, encoding="utf-8")
    settings = Settings(db=str(tmp_path / "chain.db"))
    gazetteer = Gazetteer.default()
    with Store(settings.db_url) as store:
        from forewarn.ingest import ingest

        ingest([str(timeline)], store, settings)
        process(store, settings)
        store.add_incidents(read_incidents(incidents, gazetteer, status="confirmed").incidents)
        result = backtest_store(store, settings, gazetteer).to_json()
    opened = {w["place_name"]: w["opened_at"] for w in result["warnings"]}
    ghouta = [w for w in result["warnings"] if w["place_id"] == "forewarn:eastern-ghouta"]
    assert ghouta and (date(2018, 4, 7) - date.fromisoformat(ghouta[0]["opened_at"])).days >= 30, opened
    douma = next(i for i in result["incidents"] if i["date"] == "2018-04-07")
    assert douma["caught"] and douma["lead_days"] >= 30
    idlib = next(e for e in result["episodes"] if e["id"] == "idlib-2018")
    assert idlib["warnings"] and all(w["outcome"].startswith("warned, nothing confirmed") for w in idlib["warnings"])
    # three claims about places inside Ukraine, none naming Ukraine itself: no warning for Ukraine or Kyiv
    assert not {"Ukraine", "Kyiv"} & set(opened), opened
    assert result["summary"]["precision"] > result["baseline"]["precision"]
