"""A named past incident is only an incident after the day it happened: before 7 April 2018 "Douma" is a town.

The texts are our own. The past-incident cue pulls a claim towards RETROSPECTIVE ("the Douma attack was
staged"); a February 2018 claim that militants *in Douma* are preparing a provocation must not carry it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from forewarn.detect import Detector
from forewarn.errors import ConfigError
from forewarn.model import Document
from forewarn.narratives import load_narratives, read_narrative

TEXT = ("The defence ministry said militants in Douma were moving chlorine canisters and a film crew into the "
        "town to stage an attack.")


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector(model=None)


def _past_incidents(detector: Detector, day: date | None) -> list[tuple[str, ...]]:
    published = datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None
    doc = Document(source="test", source_ref="douma", text=TEXT, language="en", published_at=published)
    return [read.candidate.cues.found.get("past_incident", ()) for read in detector.read(doc)]


def test_the_bundled_incidents_carry_their_dates() -> None:
    chemical = load_narratives().get("chemical")
    days = {incident.name: incident.day for incident in chemical.incident_dates}
    assert days["douma"] == date(2018, 4, 7)
    assert days["khan-shaykhun"] == date(2017, 4, 4)
    assert [i.name for i in chemical.incidents_after(date(2018, 3, 1))] == [
        name for name, day in days.items() if day > date(2018, 3, 1)]


def test_douma_before_the_attack_is_a_place_not_an_incident(detector: Detector) -> None:
    assert any(_past_incidents(detector, date(2018, 5, 2))), "after 7 April 2018 Douma names the attack"
    assert not any(_past_incidents(detector, date(2018, 2, 20))), "in February 2018 Douma is only a town"


def test_an_undated_text_keeps_the_cue(detector: Detector) -> None:
    assert any(_past_incidents(detector, None))


def test_only_the_later_incident_is_dropped(detector: Detector) -> None:
    doc = Document(source="test", source_ref="two", language="en",
                   published_at=datetime(2018, 2, 20, tzinfo=UTC),
                   text="Like the Khan Shaykhun fake, militants in Douma are preparing a chlorine provocation.")
    surfaces = [s for read in detector.read(doc) for s in read.candidate.cues.found.get("past_incident", ())]
    assert surfaces and all("douma" not in s for s in surfaces)


def test_a_bad_incident_date_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "narrative.toml").write_text(
        "[narrative]\nname = 'bad'\n[agents.x]\nen = ['\\\\bx\\\\b']\n"
        "[incident_dates.x]\ndate = 'April 2018'\nnames = 'x'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="TOML date"):
        read_narrative(folder)
