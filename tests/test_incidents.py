from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from forewarn.errors import SourceError
from forewarn.incidents import candidate_names, load_incidents, read_incidents
from forewarn.store import Store

from .synthetic import gazetteer, place_id

HEADER = "incident_date,place,alt_names,governorate,lat,lon,agent,finding,attributed_to,report\n"


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "confirmed.csv"  # the name says the status (see test_incident_status below)
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_compound_names_yield_their_parts_most_specific_first() -> None:
    names = candidate_names("Aleppo - al-Sukkari", "Sukkari")
    assert names == ["Aleppo - al-Sukkari", "Sukkari", "al-Sukkari", "Aleppo"]
    assert candidate_names("Douma (Karm al-Rasas area)", "")[0] == "Douma"


def test_places_resolve_by_name_alternative_name_or_coordinates(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "2018-04-07,Douma,Duma,Rif Dimashq,33.57175,36.40270,chlorine,FFM,SyAAF,S/1731/2019\n"
        "2017-04-04,Nowhere Hamlet,Khan Sheikhoun,Idlib,35.44,36.65,sarin,FFM,,\n"
        "2018-02-04,Unnamed Field,,Idlib,35.8645,36.8059,chlorine,FFM,,\n"
        "2016-01-01,Unknown Spot,,Hama,,,chlorine,COI,,\n",
    )
    loaded = read_incidents(path, gazetteer())
    by_place = {i.place: i for i in loaded.incidents}
    assert by_place["Douma"].place_id == place_id("Douma")
    assert by_place["Nowhere Hamlet"].place_id == place_id("Khan Shaykhun")
    assert by_place["Unnamed Field"].place_id == place_id("Saraqib")
    assert loaded.resolved_by[by_place["Unnamed Field"].id].startswith("coordinates")
    assert by_place["Unknown Spot"].place_id == "SY-HM"
    assert by_place["Douma"].date == date(2018, 4, 7) and by_place["Douma"].lat == pytest.approx(33.57175)


def test_a_name_in_another_governorate_is_not_accepted(tmp_path: Path) -> None:
    # "Idlib" names a governorate other than the one the row states: fall back to Hama itself.
    loaded = read_incidents(write(tmp_path, "2016-01-01,Idlib,,Hama,,,chlorine,,,\n"), gazetteer())
    assert loaded.incidents[0].place_id == "SY-HM"


def test_bad_rows_are_quarantined_not_fatal(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "someday,Douma,,Rif Dimashq,,,,,,\n"
        "2018-04-07,,,Rif Dimashq,,,,,,\n"
        "2018-04-07,Douma,,Rif Dimashq,north,999,,,,\n",
    )
    loaded = read_incidents(path, gazetteer())
    assert len(loaded.incidents) == 1 and loaded.incidents[0].lat is None
    assert sorted(q.position for q in loaded.quarantined) == ["row 2", "row 3"]
    assert "incident_date" in loaded.quarantined[0].reason


def test_a_file_that_is_not_an_incidents_csv_is_a_source_error(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SourceError):
        read_incidents(path, gazetteer())
    with pytest.raises(SourceError):
        read_incidents(tmp_path / "missing.csv", gazetteer())


def test_the_real_confirmed_attacks_all_resolve(shared_data: Path, store: Store) -> None:
    incidents = load_incidents(shared_data / "incidents" / "confirmed.csv", gazetteer())
    assert len(incidents) == 26
    assert all(i.place_id for i in incidents)
    douma = [i for i in incidents if i.date == date(2018, 4, 7)]
    assert douma[0].place_id == place_id("Douma")
    for incident in incidents:  # each resolved place lies in its stated governorate
        chain = {incident.place_id, *(a.id for a in gazetteer().ancestors(incident.place_id))}
        assert any(p.startswith("SY-") for p in chain)
    store.replace_incidents(incidents)
    assert list(store.iter_incidents()) == sorted(incidents, key=lambda i: (i.date, i.place))
