from __future__ import annotations

import csv
import random
import subprocess
import sys
from pathlib import Path

import pytest

from forewarn.errors import NotFoundError
from forewarn.places import Gazetteer, PlaceMatch, load_gazetteer, sync_places
from forewarn.store import Store

REPO = Path(__file__).resolve().parent.parent
REGIONS = REPO / "src" / "forewarn" / "data" / "regions"
DOUMA = "geonames:170592"
IDLIB_CITY = "geonames:169389"
JISR = "geonames:169023"
KHAN_SHAYKHUN = "geonames:168325"
LTAMENAH = "forewarn:ltamenah"
EASTERN_GHOUTA = "forewarn:eastern-ghouta"


@pytest.fixture(scope="module", params=["default", "syria"])
def gazetteer(request: pytest.FixtureRequest) -> Gazetteer:
    """Every Syrian result must be the same with all bundled regions loaded and with Syria alone."""
    return Gazetteer.default() if request.param == "default" else load_gazetteer(["syria"])


def ids(gazetteer: Gazetteer, text: str) -> list[str]:
    return [m.place.id for m in gazetteer.find(text)]


SPELLINGS = {
    JISR: "Jisr al-Shughur;Jisr ash-Shughur;Jisr al-Shugur;Jisr Al Shughour;Jisr ash Shughūr;Jisr esh-Shughur;"
    "Джиср-эш-Шугур;جسر الشغور",
    KHAN_SHAYKHUN: "Khan Shaykhun;Khan Sheikhoun;Khan Shaikhoun;Khan Sheikhun;Khān Shaykhūn;Хан-Шейхун;خان شيخون",
    LTAMENAH: "Ltamenah;Al-Lataminah;Latamneh;Al-Latamneh;Lataminah;Эль-Латамна;اللطامنة",
    DOUMA: "Douma;Duma;Дума;دوما",
    EASTERN_GHOUTA: "Eastern Ghouta;East Ghouta;eastern Ghouta;Восточная Гута;الغوطة الشرقية",
    "forewarn:zamalka": "Zamalka;Замалка;زملكا",
    "forewarn:ayn-tarma": "Ayn Tarma;Ein Tarma;Ain Tarma;Айн-Тарма;عين ترما",
    "geonames:169897": "Harasta;Хараста;حرستا",
    "forewarn:jobar": "Jobar;Jawbar;Джобар;جوبر",
    "forewarn:qaboun": "Qaboun;Qabun;Кабун;القابون",
    "SY-ID": "Idlib;Idleb;Idlib province;Idlib governorate;Idlib de-escalation zone;Идлиб;провинция Идлиб;إدلب;"
    "محافظة إدلب",
    IDLIB_CITY: "the city of Idlib;Idlib city;город Идлиб;مدينة إدلب",
    "geonames:164816": "Saraqib;Saraqeb;Саракиб;سراقب",
    "geonames:168620": "Kafr Zita;Kafr Zeita;Kafr Zayta;Кафр-Зита;كفرزيتا;كفر زيتا",
    "geonames:170063": "Aleppo;Алеппо;حلب",
    "geonames:170017": "Hama;Хама;حماة",
    "geonames:169577": "Homs;Хомс;حمص",
    "geonames:173576": "Latakia;Lattakia;Латакия;اللاذقية",
    "geonames:168661": "Kafr Nabl;Kafranbel;Кафр-Нубль;كفرنبل",
    "geonames:167611": "Maarat al-Numan;Ma'arrat al-Nu'man;Maarat an-Numan;Мааррат-эн-Нууман;معرة النعمان",
    "geonames:164782": "Sarmin;Sermin;Сармин;سرمين",
    "forewarn:talmenes": "Talmenes;Tal Minnis;Тальменес;تلمنس",
    "geonames:174018": "Al-Bab;al-Bab;Al Bab;Эль-Баб;مدينة الباب",
    "SY": "Syria;Сирия;سوريا;سورية",
    "geonames:170654": "Damascus;Дамаск;دمشق",
    "forewarn:southern-syria": "southern Syria;юг Сирии;جنوب سوريا",
    "forewarn:northern-hama-countryside": "northern Hama countryside;ريف حماة الشمالي",
    "forewarn:qalamoun": "Qalamoun;Каламун;القلمون",
    "forewarn:western-ghouta": "Western Ghouta;Западная Гута;الغوطة الغربية",
    "RU": "Russia;Россия;روسيا",
    "US": "United States;США;الولايات المتحدة",
    "TR": "Turkey;Турция;تركيا",
}


@pytest.mark.parametrize(
    ("place_id", "spelling"), [(pid, s) for pid, spellings in SPELLINGS.items() for s in spellings.split(";")]
)
def test_every_spelling_is_found_in_a_sentence(gazetteer: Gazetteer, place_id: str, spelling: str) -> None:
    text = f"Militants near {spelling} prepare a provocation."
    matches = gazetteer.find(text)
    assert [m.place.id for m in matches] == [place_id], (spelling, matches)
    assert matches[0].surface == text[matches[0].start : matches[0].end]
    assert spelling.endswith(matches[0].surface) or matches[0].surface in spelling


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Боевики готовят провокацию в Идлибе.", ["SY-ID"]),
        ("Ситуация в Восточной Гуте и в Думе.", [EASTERN_GHOUTA, DOUMA]),
        ("в районе Джиср-эш-Шугура", [JISR]),
        ("под Хан-Шейхуном и в Латакии", [KHAN_SHAYKHUN, "geonames:173576"]),
        ("в провинции Идлиб", ["SY-ID"]),
        ("из Алеппо в Хаму, затем в Хомсе", ["geonames:170063", "geonames:170017", "geonames:169577"]),
        ("в Эль-Латамне и Кафр-Зите", [LTAMENAH, "geonames:168620"]),
        ("в Сирии и России", ["SY", "RU"]),
    ],
)
def test_russian_inflections(gazetteer: Gazetteer, text: str, expected: list[str]) -> None:
    assert ids(gazetteer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("هجوم كيميائي في دوما", [DOUMA]),
        ("استفزاز بإدلب", ["SY-ID"]),
        ("في حلب وإدلب", ["geonames:170063", "SY-ID"]),
        ("والغوطة الشرقية", [EASTERN_GHOUTA]),
        ("للغوطة الشرقية", [EASTERN_GHOUTA]),
        ("بجسر الشغور", [JISR]),
        ("في مدينة إدلب", [IDLIB_CITY]),
        ("وخان شيخون", [KHAN_SHAYKHUN]),
        ("إِدْلِب", ["SY-ID"]),  # diacritics
        ("ادلـــب", ["SY-ID"]),  # tatweel
    ],
)
def test_arabic_clitics_and_normalisation(gazetteer: Gazetteer, text: str, expected: list[str]) -> None:
    assert ids(gazetteer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We will tell you at the center of the market, as the bab of the gate.",
        "The hama and the homs were common words in lower case here: duma, idlib, aleppo.",
        "Tell them the Center will open in March.",
        "The State Duma passed a law; Duma deputies and the Russian Duma agreed.",
        "Депутаты Госдумы и Государственной думы, спикер Думы, Госдуме.",
        "أعلن مجلس الدوما الروسي",
        "فتح الباب أمام المفاوضات في التل المجاور",
        "в мире, в городе, у моря",
        "Hayat Tahrir al-Sham and Ahrar al-Sham fighters, Jabhat Fateh al-Sham",  # the Levant, not Damascus
        "he told Al Mayadeen TV and the Al-Mayadeen channel",  # the TV channel, not the town
        "The convoy waiting at Bab al-Hawa",  # "at Bab" is not Al-Bab
        "تبنى التنظيم الهجوم، وتحدث حول الوضع خلال زيارة، وهذا حراك",  # claimed, about, visit, movement
        "Our Southern Front partners met in Tallinn.",
        "Volodin, speaker of the Duma lower house; a member of the Defence Committee of the Duma; Russia's Duma.",
        "in Latin America and New Jersey",
    ],
)
def test_common_words_and_the_russian_parliament_do_not_match(gazetteer: Gazetteer, text: str) -> None:
    assert gazetteer.find(text) == []


def test_no_common_word_matches_when_capitalised(gazetteer: Gazetteer) -> None:
    words = sorted(gazetteer.common_words)
    assert len(words) > 400
    assert [w for w in words if gazetteer.find(f"{w.capitalize()} was said.")] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Poisoning in Salisbury and Amesbury, tested at Porton Down", ["forewarn:salisbury", "forewarn:amesbury",
                                                                         "forewarn:porton-down"]),
        ("в Харькове и Омске, в Солсбери", ["forewarn:kharkiv", "forewarn:omsk", "forewarn:salisbury"]),
        ("provocation in Donbass and Kharkov", ["forewarn:donbas", "forewarn:kharkiv"]),
    ],
)  # fmt: skip
def test_places_of_other_chemical_narratives(text: str, expected: list[str]) -> None:
    gazetteer = Gazetteer.default()
    assert ids(gazetteer, text) == expected
    assert all(gazetteer.ancestors(place_id)[-1].level == "country" for place_id in expected)


def test_all_caps_text_still_matches(gazetteer: Gazetteer) -> None:
    assert ids(gazetteer, "CHEMICAL ATTACK STAGED IN DOUMA AND IDLIB") == [DOUMA, "SY-ID"]


def test_longest_match_wins_and_offsets_point_into_the_text(gazetteer: Gazetteer) -> None:
    text = "Shelling near Idlib province, in Jisr ash-Shughur and in Khan Sheikhoun's south."
    matches = gazetteer.find(text)
    assert [m.surface for m in matches] == ["Idlib province", "Jisr ash-Shughur", "Khan Sheikhoun"]
    assert all(isinstance(m, PlaceMatch) and text[m.start : m.end] == m.surface for m in matches)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Khan Sheikhoun", KHAN_SHAYKHUN),
        ("Jisr ash-Shughur", JISR),
        ("Duma", DOUMA),
        ("Ghouta (Zamalka / Ein Tarma)", "forewarn:zamalka"),
        ("Ghouta", EASTERN_GHOUTA),
        ("Aleppo - al-Sukkari", "forewarn:al-sukkari"),
        ("Douma (Karm al-Rasas area)", DOUMA),
        ("Syria (Khan Sheikhoun, Apr 2017)", KHAN_SHAYKHUN),
        ("Al-Lataminah", LTAMENAH),
        ("Ltamenah", LTAMENAH),
        ("latamneh", LTAMENAH),
        ("Khan Shaykhoun", KHAN_SHAYKHUN),
        ("Jisr as-Shugour", JISR),  # close spelling: fuzzy
        ("Idlib", "SY-ID"),
    ],
)
def test_resolve(gazetteer: Gazetteer, name: str, expected: str) -> None:
    place = gazetteer.resolve(name)
    assert place is not None and place.id == expected


def test_resolve_gives_none_for_nonsense(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("Qwertyuiop") is None
    assert gazetteer.resolve("") is None


def test_hierarchy(gazetteer: Gazetteer) -> None:
    assert [p.id for p in gazetteer.ancestors(DOUMA)] == [
        "forewarn:douma-district",
        EASTERN_GHOUTA,
        "SY-RD",
        "SY",
    ]
    assert [p.id for p in gazetteer.ancestors(KHAN_SHAYKHUN)][:2] == [
        "forewarn:maarat-al-numan-district",
        "forewarn:southern-idlib",
    ]
    assert [p.id for p in gazetteer.ancestors(JISR)] == [
        "forewarn:jisr-al-shughur-district",
        "SY-ID",
        "forewarn:northwestern-syria",
        "SY",
    ]
    assert [p.id for p in gazetteer.ancestors("forewarn:jobar")] == ["SY-DI", EASTERN_GHOUTA, "SY"]
    assert gazetteer.contains("forewarn:northwestern-syria", "forewarn:kabani")  # via Jabal al-Akrad's members
    assert gazetteer.contains("forewarn:northwestern-syria", KHAN_SHAYKHUN)
    assert {DOUMA, "forewarn:zamalka", "forewarn:ayn-tarma", "geonames:169897", "forewarn:jobar"} <= (
        gazetteer.descendants(EASTERN_GHOUTA)
    )
    assert gazetteer.contains("SY-ID", JISR)
    assert gazetteer.contains("SY-ID", IDLIB_CITY)
    assert not gazetteer.contains(IDLIB_CITY, JISR)
    assert gazetteer.contains("SY", DOUMA)
    assert gazetteer.contains(EASTERN_GHOUTA, "forewarn:jobar")
    assert not gazetteer.contains("SY-RD", "forewarn:jobar")  # Jobar is in Damascus, only counted in the region
    assert gazetteer.contains("forewarn:southern-syria", "geonames:170905")  # Daraa city
    assert gazetteer.contains("SY-HM", LTAMENAH)
    assert gazetteer.descendants(DOUMA) == {DOUMA}


def test_ref_get_and_nearest(gazetteer: Gazetteer) -> None:
    ref = gazetteer.ref(KHAN_SHAYKHUN)
    assert (ref.governorate_id, ref.governorate, ref.country) == ("SY-ID", "Idlib Governorate", "SY")
    assert ref.lat is not None and ref.lon is not None
    assert gazetteer.ref("SY-ID").governorate_id == "SY-ID"
    assert gazetteer.ref("SY").governorate_id == ""
    with pytest.raises(NotFoundError):
        gazetteer.get("geonames:0")
    near = gazetteer.nearest(33.572, 36.403, max_km=5)
    assert near is not None and near.id == DOUMA
    assert gazetteer.nearest(0.0, 0.0, max_km=50) is None


def test_every_governorate_and_place_has_a_path_to_its_country(gazetteer: Gazetteer) -> None:
    governorates = [p for p in gazetteer.places() if p.level == "governorate" and p.country == "SY"]
    assert len(governorates) == 14
    for place in gazetteer.places():
        if place.country == "SY" and place.id != "SY":
            assert gazetteer.ancestors(place.id)[-1].id == "SY", place


@pytest.mark.parametrize("region", sorted(p.name for p in REGIONS.iterdir() if (p / "curated.csv").exists()))
def test_curated_table_is_consistent(region: str) -> None:
    gazetteer = Gazetteer.default()
    rows = list(csv.DictReader((REGIONS / region / "curated.csv").open(encoding="utf-8")))
    row_ids = [row["id"] for row in rows]
    assert len(row_ids) == len(set(row_ids)), f"duplicate ids in {region}/curated.csv"
    for row in rows:
        place = gazetteer.get(row["id"])
        assert place.parent_id is None or place.parent_id in {p.id for p in gazetteer.places()}, row["id"]
        for member in filter(None, row["members"].split(";")):
            gazetteer.get(member)
        if row["id"].startswith("forewarn:") and place.level == "town":
            assert place.lat is not None and place.lon is not None and row["coords"], row["id"]


def test_generated_files_are_what_the_build_script_writes(tmp_path: Path) -> None:
    """Every region's generated.json must be reproducible from its packages by scripts/build_gazetteer.py."""
    script = REPO / "scripts" / "build_gazetteer.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True, capture_output=True)
    shipped = sorted(p.parent.name for p in REGIONS.glob("*/generated.json"))
    assert sorted(p.parent.name for p in tmp_path.glob("*/generated.json")) == shipped
    for region in shipped:
        assert (tmp_path / region / "generated.json").read_bytes() == (REGIONS / region / "generated.json").read_bytes()


def test_sync_places_writes_the_table(gazetteer: Gazetteer, store: Store) -> None:
    written = sync_places(store, gazetteer)
    assert written == len(list(gazetteer.places())) > 500


# ------------------------------------------------------------------------------------ real data (shared)


def resolve_incident(gazetteer: Gazetteer, row: dict[str, str]) -> str | None:
    """The id of a place inside the incident's governorate: by name, then alternative names, then coordinates."""
    names = [row["place"], *row["alt_names"].split(";")]
    governorate = gazetteer.resolve(f"{row['governorate']} Governorate")
    assert governorate is not None and governorate.level == "governorate", row["governorate"]
    for name in names:
        place = gazetteer.resolve(name)
        if place is not None and gazetteer.contains(governorate.id, place.id):
            return place.id
    if row["lat"] and row["lon"]:
        place = gazetteer.nearest(float(row["lat"]), float(row["lon"]), max_km=5)
        if place is not None and gazetteer.contains(governorate.id, place.id):
            return place.id
    return None


@pytest.mark.parametrize("filename", ["confirmed.csv", "alleged_unconfirmed.csv"])
def test_incidents_resolve_inside_their_governorate(gazetteer: Gazetteer, shared_data: Path, filename: str) -> None:
    with (shared_data / "incidents" / filename).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_name = [row for row in rows if (p := gazetteer.resolve(row["place"])) is not None and
               gazetteer.ref(p.id).governorate.startswith(row["governorate"].split()[0][:4])]  # fmt: skip
    resolved = {row["incident_date"] + " " + row["place"]: resolve_incident(gazetteer, row) for row in rows}
    misses = [name for name, place_id in resolved.items() if place_id is None]
    print(f"{filename}: {len(rows) - len(misses)}/{len(rows)} resolved ({len(by_name)} by name alone); misses {misses}")
    assert len(rows) - len(misses) >= len(rows) - 2


def test_syrianarchive_coverage(gazetteer: Gazetteer, shared_data: Path) -> None:
    """How many Syrian Archive names (GPL data, read here only) resolve to a place within 15 km of the
    archive's point. A measure, not a gate."""
    with (shared_data / "gazetteer" / "syrianarchive_locations_2015.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    sample = random.Random(7).sample(rows, 400)
    hits = near = 0
    for row in sample:
        place = gazetteer.resolve(row["name_en"]) or gazetteer.resolve(row["name_ar"])
        if place is None:
            continue
        hits += 1
        if place.lat is not None and _km(place.lat, place.lon or 0, float(row["latitude"]), float(row["longitude"])):
            near += 1
    print(f"syrianarchive sample: {hits}/{len(sample)} resolved, {near} within 15 km")
    assert hits > 0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> bool:
    return abs(lat1 - lat2) < 0.14 and abs(lon1 - lon2) < 0.17


@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        ("боевики в Кансафре готовят провокацию", "forewarn:kansafra"),
        ("в районе Серакаба", "geonames:164816"),
        ("في خربة الجوز", "forewarn:khirbet-al-joz"),
        ("в Джисир-эш-Шугуре", "geonames:169023"),
        ("قرية جرجناز", "forewarn:jarjanaz"),
        ("ومحيط بسنقول", "forewarn:basanqul"),
    ],
)
def test_villages_named_in_briefings(text: str, place_id: str) -> None:
    """Small Idlib villages and spellings that Russian MoD briefings and Syrian state media use."""
    assert place_id in {m.place.id for m in Gazetteer.default().find(text)}
