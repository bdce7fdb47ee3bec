"""Regions as data: each a folder with a manifest, its generated extract, its curated table and word lists.

    <folder>/region.toml      name, description, countries, inflections, GeoNames admin-1 → ISO 3166-2, sources
    <folder>/generated.json   written by a build script (scripts/build_gazetteer.py), never by hand (optional)
    <folder>/curated.csv      our own rows: places, refinements of generated ones, aliases (optional)
    <folder>/words.txt        common/generic/denied/blocked words and capitals (optional)

Bundled regions live in `forewarn/data/regions/`; users add theirs in folders named by the `region_dirs`
setting (a folder holding region folders, or one region folder). A region marked `base = true` (the world's
countries) is loaded under every selection. Adding a region touches no code. See docs/places.md.
"""

from __future__ import annotations

import csv
import json
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from ..errors import ConfigError
from ..model import Place, PlaceLevel
from . import cache as index_cache
from .gazetteer import Entry, Gazetteer, Words
from .matching import INFLECTIONS

if TYPE_CHECKING:
    from ..settings import Settings

MANIFEST = "region.toml"
LEVELS = frozenset(get_args(PlaceLevel))
CURATED_COLUMNS = ("id", "name", "level", "parent_id", "country", "lat", "lon", "coords", "members", "aliases")


@dataclass(frozen=True)
class Region:
    """One region's manifest and where its files are."""

    name: str
    folder: Traversable
    description: str = ""
    countries: tuple[str, ...] = ()
    admin1: Mapping[str, str] = field(default_factory=dict)  # GeoNames admin-1 code → ISO 3166-2 id
    inflections: tuple[str, ...] = ("ru",)
    base: bool = False
    sources: Mapping[str, str] = field(default_factory=dict)

    def text(self, name: str) -> str | None:
        path = self.folder.joinpath(name)
        if not path.is_file():
            return None
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"region {self.name!r}: cannot read {name}: {exc}") from exc

    def words(self) -> Words:
        return parse_words(self.text("words.txt") or "", self.inflections, f"region {self.name!r} words.txt")


def read_region(folder: Traversable) -> Region:
    """The region described by `folder/region.toml`; a clear ConfigError for a broken manifest."""
    where = f"{folder}/{MANIFEST}"
    try:
        data: dict[str, Any] = tomllib.loads(folder.joinpath(MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read region manifest {where}: {exc}") from exc
    name = data.get("name")
    if not isinstance(name, str) or not name.strip() or "/" in name:
        raise ConfigError(f"region manifest {where}: 'name' must be a non-empty string")
    inflections = tuple(data.get("inflections", ["ru"]))
    unknown = [lang for lang in inflections if lang not in INFLECTIONS]
    if unknown:
        raise ConfigError(f"region manifest {where}: unknown inflections {unknown}; known: {sorted(INFLECTIONS)}")
    admin1 = data.get("admin1", {})
    if not isinstance(admin1, dict) or not all(isinstance(v, str) for v in admin1.values()):
        raise ConfigError(f"region manifest {where}: 'admin1' must map GeoNames codes to ISO 3166-2 ids")
    return Region(
        name=name.strip(),
        folder=folder,
        description=str(data.get("description", "")),
        countries=tuple(str(c) for c in data.get("countries", ())),
        admin1=dict(admin1),
        inflections=inflections,
        base=bool(data.get("base", False)),
        sources={str(k): str(v) for k, v in data.get("sources", {}).items()},
    )


def bundled_folder() -> Traversable:
    return resources.files("forewarn").joinpath("data", "regions")


def discover_regions(extra_dirs: Iterable[str | Path] = ()) -> dict[str, Region]:
    """Every region: the bundled ones, then those in `extra_dirs` (a user region replaces a bundled one of the
    same name, so a user can correct a shipped region without editing the package)."""
    found = {region.name: region for region in _regions_in(bundled_folder())}
    for extra in extra_dirs:
        folder = Path(extra).expanduser()
        if not folder.is_dir():
            raise ConfigError(f"region folder {folder} does not exist or is not a folder")
        for region in [read_region(folder)] if (folder / MANIFEST).is_file() else _regions_in(folder):
            found[region.name] = region
    return found


def _regions_in(folder: Traversable) -> list[Region]:
    children = sorted((child for child in folder.iterdir() if child.joinpath(MANIFEST).is_file()),
                      key=lambda child: child.name)  # fmt: skip
    return [read_region(child) for child in children]


# ------------------------------------------------------------------------------------------------- words


def parse_words(text: str, inflections: tuple[str, ...] = ("ru",), where: str = "words.txt") -> Words:
    """Sections of a words file: "[name]" headers, "#" comments, one entry per line ([common], [generic] and
    Arabic [denied] lines may hold several words; [capitals] lines are "ISO = name; name; …")."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif line and not line.startswith("#"):
            if current is None:
                raise ConfigError(f"{where} line {number}: an entry before any [section] header")
            current.append(line)
    unknown = set(sections) - {"common", "generic", "denied", "blocked", "capitals"}
    if unknown:
        raise ConfigError(f"{where}: unknown sections {sorted(unknown)}")
    capitals = []
    for line in sections.get("capitals", []):
        country, _, names = line.partition("=")
        if not names.strip():
            raise ConfigError(f"{where}: a [capitals] line must read 'ISO = name; name; …', not {line!r}")
        capitals += [(country.strip(), name.strip()) for name in names.split(";") if name.strip()]
    return Words(
        common=frozenset(word for line in sections.get("common", []) for word in line.split()),
        generic=tuple(word for line in sections.get("generic", []) for word in line.split()),
        denied=frozenset(
            word
            for line in sections.get("denied", [])
            for word in (line.split() if "\u0600" <= line[0] <= "\u06ff" else [line])
        ),
        blocked=tuple(sections.get("blocked", [])),
        inflections=inflections,
        capitals=tuple(capitals),
    )


# ----------------------------------------------------------------------------------------------- entries


def read_entries(region: Region, entries: dict[str, Entry]) -> None:
    """Add the region's generated places, then apply its curated rows, to `entries` (which may hold the
    places of regions read before it: a curated row may refine any of them)."""
    generated = region.text("generated.json")
    if generated is not None:
        try:
            _add_generated(region, json.loads(generated), entries)
        except (ValueError, TypeError, KeyError) as exc:
            raise ConfigError(f"region {region.name!r}: generated.json is not in the expected shape: {exc}") from exc
    curated = region.text("curated.csv")
    if curated is not None:
        _apply_curated(region, curated, entries)


def _add_generated(region: Region, data: Mapping[str, Any], entries: dict[str, Entry]) -> None:
    name = region.name
    for iso, country in data.get("countries", ()):
        entries[iso] = Entry(Place(iso, country, "country", None, iso), curated_aliases=(country,), region=name)
    for place_id, place_name, level, parent, lat, lon, aliases in data.get("places", ()):
        country = parent.split("-")[0] if parent else ""
        place = Place(place_id, place_name, _level(level, name, place_id), parent or None,
                      country or (region.countries[0] if region.countries else ""), lat, lon)  # fmt: skip
        entries[place_id] = Entry(place, curated_aliases=(place_name, *aliases), region=name)
    home = region.countries[0] if region.countries else ""
    for geonameid, town, parent, lat, lon, population, aliases in data.get("towns", ()):
        place = Place(f"geonames:{geonameid}", town, "town", parent, home, lat, lon)
        entries[place.id] = Entry(place, population=population, other_aliases=(town, *aliases), region=name)


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(part.strip() for part in (cell or "").split(";") if part.strip()))


def _float(cell: str | None, where: str) -> float | None:
    if not cell or not cell.strip():
        return None
    try:
        return float(cell)
    except ValueError:
        raise ConfigError(f"{where}: {cell!r} is not a number") from None


def _level(level: str, region: str, place_id: str) -> PlaceLevel:
    if level not in LEVELS:
        raise ConfigError(f"region {region!r}, place {place_id!r}: unknown level {level!r}; known: {sorted(LEVELS)}")
    return level  # type: ignore[return-value]


def _apply_curated(region: Region, text: str, entries: dict[str, Entry]) -> None:
    reader = csv.DictReader(text.splitlines())
    missing = set(CURATED_COLUMNS) - set(reader.fieldnames or ())
    if missing:
        raise ConfigError(f"region {region.name!r}: curated.csv lacks the columns {sorted(missing)}")
    for number, row in enumerate(reader, 2):
        where = f"region {region.name!r} curated.csv line {number}"
        if not row["id"]:
            raise ConfigError(f"{where}: empty id")
        aliases = _split(row["aliases"])
        same_as = entries.pop(row["same_as"], None) if row.get("same_as") else None
        old = entries.get(row["id"]) or same_as
        capital = row.get("capital_of") or (old.capital_of if old else "")
        if old is not None:  # refining a known place: its name, parent, more aliases (or taking over a generated one)
            place = old.place
            level = _level(row["level"], region.name, row["id"]) if row["level"] else place.level
            place = Place(
                row["id"],
                row["name"] or place.name,
                level,
                row["parent_id"] or place.parent_id,
                row["country"] or place.country,
                _float(row["lat"], where) if row["lat"] else place.lat,
                _float(row["lon"], where) if row["lon"] else place.lon,
            )
            curated = (*aliases, *old.curated_aliases)
            if same_as is not None:
                curated = (row["name"], *curated)
            members = _split(row["members"]) or old.members
            entries[place.id] = Entry(place, members, old.population, curated, old.other_aliases, old.region or
                                      region.name, capital)  # fmt: skip
            continue
        if not row["name"]:
            raise ConfigError(f"{where}: a new place needs a name")
        place = Place(row["id"], row["name"], _level(row["level"], region.name, row["id"]), row["parent_id"] or None,
                      row["country"], _float(row["lat"], where), _float(row["lon"], where))  # fmt: skip
        entries[place.id] = Entry(place, _split(row["members"]), curated_aliases=(row["name"], *aliases),
                                  region=region.name, capital_of=capital)  # fmt: skip


def _check_links(entries: Mapping[str, Entry]) -> None:
    for entry in entries.values():
        for linked in (entry.place.parent_id, *entry.members):
            if linked and linked not in entries:
                raise ConfigError(f"region {entry.region!r}, place {entry.place.id!r}: unknown place {linked!r}")


# ----------------------------------------------------------------------------------------------- loading


def load_gazetteer(regions: Sequence[str] | None = None, extra_dirs: Sequence[str | Path] = ()) -> Gazetteer:
    """The gazetteer of the named regions (None: every region found) plus the base layer, from the bundled
    regions and those in `extra_dirs`. Cached per argument set: call `clear_cache()` after editing data."""
    names = tuple(dict.fromkeys(regions)) if regions is not None else None
    return _load(names, tuple(str(Path(d).expanduser().resolve()) for d in extra_dirs))


def gazetteer_for(settings: Settings) -> Gazetteer:
    """The gazetteer that `settings.regions` and `settings.region_dirs` select."""
    return load_gazetteer(settings.regions or None, settings.region_dirs)


def clear_cache() -> None:
    _load.cache_clear()


@cache
def _load(names: tuple[str, ...] | None, extra_dirs: tuple[str, ...]) -> Gazetteer:
    available = discover_regions(extra_dirs)
    bases = [region for region in available.values() if region.base]
    if names is None:
        chosen = [region for name, region in sorted(available.items()) if not region.base]
    else:
        unknown = [name for name in names if name not in available]
        if unknown:
            raise ConfigError(f"unknown region(s) {unknown}; known: {', '.join(sorted(available))}")
        chosen = [available[name] for name in names if not available[name].base]
    key = index_cache.fingerprint([*bases, *chosen])
    cached = index_cache.load(key)
    if cached is not None:
        return cached
    gazetteer = _build(bases, chosen)
    gazetteer.fingerprint = key
    index_cache.save(key, gazetteer)
    return gazetteer


def _build(bases: list[Region], chosen: list[Region]) -> Gazetteer:
    base_words = Words(inflections=())
    for region in bases:
        base_words = base_words | region.words()
    entries: dict[str, Entry] = {}
    words: dict[str, Words] = {}
    for region in [*bases, *chosen]:
        read_entries(region, entries)
        own = base_words if region.base else base_words | region.words()
        words[region.name] = replace(own, inflections=region.inflections)
    _check_links(entries)
    return Gazetteer(entries.values(), words, tuple(region.name for region in chosen))
