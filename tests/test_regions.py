"""Regions as data: discovery, selection, user folders, errors, settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forewarn.errors import ConfigError
from forewarn.places import Gazetteer, discover_regions, gazetteer_for, load_gazetteer
from forewarn.settings import load_settings

TOY_MANIFEST = """
name = "toyland"
description = "A made-up region for the tests"
countries = ["XT"]
inflections = ["ru", "uk"]
[admin1]
"01" = "XT-NO"
"""
TOY_CURATED = """id,name,level,parent_id,country,lat,lon,coords,members,aliases,same_as,capital_of
XT,Toyland,country,,XT,10.0,20.0,approx,,Toyland;Тойландия;Тойландія,,
XT-NO,Nordmark Province,governorate,XT,XT,11.0,20.0,approx,,Nordmark province;Nordmark;провинция Нордмарк,,
forewarn:brixham-valley,Brixham Valley,region,XT-NO,XT,11.1,20.1,approx,geonames:9000001;forewarn:quillby,\
Brixham Valley;Долина Бриксхем,,
forewarn:quillby,Quillby,town,XT-NO,XT,11.2,20.2,approx,,Quillby;Квиллби;Квіллбі,,
forewarn:toyburg,Toyburg,town,XT-NO,XT,11.3,20.3,approx,,Toyburg;Тойбург,geonames:9000002,XT
"""
TOY_GENERATED = {
    "towns": [
        [9000001, "Wexmoor", "XT-NO", 11.15, 20.15, 1200, ["Vexmoor", "Вексмур"]],
        [9000002, "Toyburg", "XT-NO", 11.3, 20.3, 90000, ["Toiburg", "Тойбург"]],
    ]
}
TOY_WORDS = """
[common]
# "Pebble" is a village here and a word everywhere.
pebble
[blocked]
Quillby Football Club
[capitals]
XQ = Otherstadt; Отерштадт
"""


def write_toy(folder: Path) -> Path:
    region = folder / "toyland"
    region.mkdir(parents=True)
    (region / "region.toml").write_text(TOY_MANIFEST, encoding="utf-8")
    (region / "curated.csv").write_text(TOY_CURATED, encoding="utf-8")
    (region / "generated.json").write_text(json.dumps(TOY_GENERATED), encoding="utf-8")
    (region / "words.txt").write_text(TOY_WORDS, encoding="utf-8")
    return region


def test_a_region_added_by_a_data_folder_alone_works_end_to_end(tmp_path: Path) -> None:
    write_toy(tmp_path)
    assert "toyland" in discover_regions([tmp_path])
    gazetteer = load_gazetteer(["toyland"], extra_dirs=[tmp_path])
    assert gazetteer.regions == ("toyland",)
    text = "Militants prepare a provocation in Quillby and in Vexmoor, Nordmark province, not far from Syria."
    assert [m.place.id for m in gazetteer.find(text)] == ["forewarn:quillby", "geonames:9000001", "XT-NO", "SY"]
    # Russian and Ukrainian inflection of the region's own names
    found = gazetteer.find("Боевики готовят провокацию в Квиллби и в Долине Бриксхем; у Квіллбі, в Тойбурге")
    assert [m.place.id for m in found] == ["forewarn:quillby", "forewarn:brixham-valley", "forewarn:quillby",
                                           "forewarn:toyburg"]  # fmt: skip
    ref = gazetteer.ref("forewarn:quillby")
    assert (ref.governorate_id, ref.governorate, ref.country) == ("XT-NO", "Nordmark Province", "XT")
    assert gazetteer.contains("forewarn:brixham-valley", "geonames:9000001")  # a member
    assert [p.id for p in gazetteer.ancestors("geonames:9000001")] == ["forewarn:brixham-valley", "XT-NO", "XT"]
    # same_as: the curated id replaces the generated one and keeps its names and population
    assert gazetteer.resolve("Toiburg", country="XT").id == "forewarn:toyburg"  # type: ignore[union-attr]
    with pytest.raises(Exception, match="unknown place id"):
        gazetteer.get("geonames:9000002")
    assert gazetteer.capital_of("forewarn:toyburg") == "XT"
    assert gazetteer.capital_named("Тойбурге") == "XT"
    assert gazetteer.capital_named("Otherstadt") == "XQ"
    assert gazetteer.find("Quillby Football Club won.") == []  # blocked
    assert gazetteer.find("in Idlib") == [] and "SY-ID" not in {p.id for p in gazetteer.places()}  # not chosen


def test_the_toy_region_joins_every_bundled_region_when_none_is_named(tmp_path: Path) -> None:
    write_toy(tmp_path)
    gazetteer = load_gazetteer(extra_dirs=[tmp_path])
    assert set(gazetteer.regions) >= {"syria", "ukraine", "toyland"}
    assert [m.place.id for m in gazetteer.find("From Idlib to Quillby")] == ["SY-ID", "forewarn:quillby"]


def test_loading_is_cached_per_argument_set(tmp_path: Path) -> None:
    write_toy(tmp_path)
    assert load_gazetteer(["syria"]) is load_gazetteer(("syria",))
    assert load_gazetteer() is Gazetteer.default()
    assert load_gazetteer(["toyland"], [tmp_path]) is not load_gazetteer(["syria"])


def test_settings_select_regions_and_folders(tmp_path: Path) -> None:
    write_toy(tmp_path / "mine")
    config = tmp_path / "forewarn.toml"
    config.write_text(f'[forewarn]\nregions = ["toyland"]\nregion_dirs = ["{tmp_path / "mine"}"]\n', encoding="utf-8")
    settings = load_settings(config)
    assert settings.regions == ("toyland",) and settings.region_dirs == (str(tmp_path / "mine"),)
    assert gazetteer_for(settings).regions == ("toyland",)
    assert load_settings(config, regions="syria, ukraine").regions == ("syria", "ukraine")


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda r: (r / "region.toml").write_text("name = [", encoding="utf-8"), "not valid|cannot read region"),
        (lambda r: (r / "region.toml").write_text('description = "x"', encoding="utf-8"), "'name' must be"),
        (lambda r: (r / "region.toml").write_text('name = "toyland"\ninflections = ["xx"]', encoding="utf-8"),
         "unknown inflections"),
        (lambda r: (r / "curated.csv").write_text("id,name\nX,Y\n", encoding="utf-8"), "lacks the columns"),
        (lambda r: (r / "curated.csv").write_text(TOY_CURATED.replace(",town,", ",hamlet,"), encoding="utf-8"),
         "unknown level 'hamlet'"),
        (lambda r: (r / "curated.csv").write_text(TOY_CURATED.replace("11.2,20.2", "north,20.2"), encoding="utf-8"),
         "line 5: 'north' is not a number"),
        (lambda r: (r / "curated.csv").write_text(TOY_CURATED.replace(",XT-NO,XT,11.2", ",XT-ZZ,XT,11.2"),
                                                   encoding="utf-8"), "unknown place 'XT-ZZ'"),
        (lambda r: (r / "generated.json").write_text('{"towns": [[1, 2]]}', encoding="utf-8"), "expected shape"),
        (lambda r: (r / "words.txt").write_text("[colours]\nred\n", encoding="utf-8"), "unknown sections"),
        (lambda r: (r / "words.txt").write_text("[capitals]\nMoscow\n", encoding="utf-8"), "ISO = name"),
    ],
)  # fmt: skip
def test_a_broken_region_is_a_clear_config_error(tmp_path: Path, breakage: object, message: str) -> None:
    region = write_toy(tmp_path)
    breakage(region)  # type: ignore[operator]
    with pytest.raises(ConfigError, match=message):
        load_gazetteer(["toyland"], extra_dirs=[tmp_path])


def test_unknown_region_and_missing_folder_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown region.*'atlantis'.*known: syria"):
        load_gazetteer(["atlantis"])
    with pytest.raises(ConfigError, match="does not exist"):
        load_gazetteer(extra_dirs=[tmp_path / "nowhere"])
