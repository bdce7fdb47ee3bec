"""The gazetteer: places with a hierarchy and a fast multilingual matcher over their names.

A `Gazetteer` is built from the entries of one or more regions (`forewarn.places.regions` reads them from data
folders); nothing here knows any region. Names are indexed by their words' forms (`matching`); a scan does one
dictionary lookup per word and walks a prefix set only where a name can start, keeping the longest name that
passes the case rule. Blocked names ("State Duma", «Госдума») are matched and dropped. See docs/places.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from ..errors import NotFoundError
from ..model import Place, PlaceRef
from .matching import Token, learn_cyrillic, script_of, tokenize

if TYPE_CHECKING:
    from ..store import Store

# How specific each level is (lower = more specific): ties between names go to the more specific place.
LEVEL_ORDER: dict[str, int] = {
    "town": 0, "subdistrict": 1, "district": 2, "region": 3, "governorate": 4, "country": 5,
}  # fmt: skip


@dataclass(frozen=True)
class PlaceMatch:
    place: Place
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class Entry:
    """A place as a region's data gives it, before indexing: `curated_aliases` are always indexed, the
    generated `other_aliases` only when they pass the region's word lists."""

    place: Place
    members: tuple[str, ...] = ()
    population: int = 0
    curated_aliases: tuple[str, ...] = ()
    other_aliases: tuple[str, ...] = ()
    region: str = ""
    capital_of: str = ""  # ISO country code when the place is a capital (a metonym for its government)


@dataclass(frozen=True)
class Words:
    """A region's word lists (data/regions/<name>/words.txt): common words (never a one-word generated
    alias), generic words (may start a name in lower case), denied generated alias keys, blocked names
    (matched, then dropped), the inflections its Cyrillic names take, and capitals that are not places."""

    common: frozenset[str] = frozenset()
    generic: tuple[str, ...] = ()
    denied: frozenset[str] = frozenset()
    blocked: tuple[str, ...] = ()
    inflections: tuple[str, ...] = ("ru",)
    capitals: tuple[tuple[str, str], ...] = ()  # (country, name)

    def __or__(self, other: Words) -> Words:
        return Words(
            self.common | other.common,
            tuple(dict.fromkeys((*self.generic, *other.generic))),
            self.denied | other.denied,
            tuple(dict.fromkeys((*self.blocked, *other.blocked))),
            tuple(dict.fromkeys((*self.inflections, *other.inflections))),
            tuple(dict.fromkeys((*self.capitals, *other.capitals))),
        )


@dataclass
class _RegionFilter:
    common: frozenset[str]
    denied: frozenset[str]
    keys: set[str] = field(default_factory=set)


class Gazetteer:
    """Places with a hierarchy (parent_id, plus region membership) and a name index.

    Build one with `forewarn.places.load_gazetteer(regions, extra_dirs)` (cached) or `Gazetteer.default()` (all
    bundled regions); `words` maps each region's name to its word lists (the world layer's included)."""

    def __init__(self, entries: Iterable[Entry], words: Mapping[str, Words] | None = None,
                 regions: tuple[str, ...] = ()) -> None:  # fmt: skip
        self.regions = regions
        self.fingerprint: str | None = None  # what it was built from (places/cache.py), when loaded from regions
        self._entries = {entry.place.id: entry for entry in entries}
        self._words = dict(words or {})
        self.words = _union(self._words.values()) if self._words else Words()
        self._places: dict[str, Place] = {}
        for entry in self._entries.values():
            aliases = tuple(dict.fromkeys((*entry.curated_aliases, *entry.other_aliases)))
            place = entry.place
            self._places[place.id] = Place(place.id, place.name, place.level, place.parent_id, place.country,
                                           place.lat, place.lon, aliases)  # fmt: skip
        self._children: dict[str, list[str]] = {}
        self._regions_of: dict[str, list[str]] = {}
        for entry in self._entries.values():
            if entry.place.parent_id:
                self._children.setdefault(entry.place.parent_id, []).append(entry.place.id)
            for member in entry.members:
                self._regions_of.setdefault(member, []).append(entry.place.id)
        self._index: dict[str, tuple[str, ...]] = {}
        self._prefixes: set[str] = set()  # every alias key and each of its leading word sequences
        self._build_index()
        self._capitals = self._capital_keys()
        self._descendants: dict[str, frozenset[str]] = {}
        self._fuzzy: dict[str, tuple[list[str], list[str]]] = {}
        self._towns = [p for p in self._places.values() if p.level == "town" and p.lat is not None]

    @classmethod
    def default(cls) -> Gazetteer:
        """Every bundled region, loaded once per process (`load_gazetteer()`)."""
        from .regions import load_gazetteer

        return load_gazetteer()

    @property
    def common_words(self) -> frozenset[str]:
        return self.words.common

    # ------------------------------------------------------------------------------------------- index

    def _filter(self, region: str) -> _RegionFilter:
        words = self._words.get(region, self.words)
        return _RegionFilter(words.common, words.denied)

    def _build_index(self) -> None:
        filters = {region: self._filter(region) for region in {e.region for e in self._entries.values()}}
        entries = list(self._entries.values())
        tokenized: dict[str, list[Token]] = {}  # every name is cut into words once

        def tokens_of(alias: str) -> list[Token]:
            found = tokenized.get(alias)
            if found is None:
                found = tokenized[alias] = tokenize(alias)
            return found

        sources = [(alias, e, 0) for e in entries for alias in e.curated_aliases]
        sources += [(alias, e, 1) for e in entries for alias in e.other_aliases]
        sources += [
            (alias, e, 2)
            for e in entries
            for alias in article_free_variants(
                ((a, tokens_of(a)) for a in (*e.curated_aliases, *e.other_aliases)), filters[e.region].common
            )
        ]
        inflections = {region: self._words.get(region, self.words).inflections for region in filters}
        named = {(alias, inflections[entry.region]) for alias, entry, _ in sources}
        named |= {(name, self.words.inflections) for name in self.words.blocked}
        named |= {(name, self.words.inflections) for _, name in self.words.capitals}
        self._ru = learn_cyrillic(
            {
                (f, langs)
                for alias, langs in named
                for _, _, forms in tokens_of(alias)
                for f in forms
                if script_of(f[0]) == "ru"
            }
        )
        keys: dict[str, str] = {}

        def key_of(alias: str) -> str:
            found = keys.get(alias)
            if found is None:
                ru = self._ru
                found = keys[alias] = " ".join(
                    ru.get(forms[0], forms[0]) if "\u0400" <= forms[0][0] <= "\u04ff" else forms[0]
                    for _, _, forms in tokens_of(alias)
                )
            return found

        self._generic = frozenset(self._key(word) for word in self.words.generic)
        for region_filter in filters.values():
            region_filter.keys = {self._key(w) for w in region_filter.common} | region_filter.common
        ranked: dict[str, dict[str, tuple[int, int, int]]] = {}
        for alias, entry, source in sources:
            key = key_of(alias)
            if key and self._indexable(key, entry, source, filters[entry.region]):
                rank = (source, -entry.population, LEVEL_ORDER[entry.place.level])
                slot = ranked.setdefault(key, {})
                slot[entry.place.id] = min(rank, slot.get(entry.place.id, rank))
        for name in self.words.blocked:
            ranked.setdefault(self._key(name), {})[""] = (-1, 0, 0)
        for key, candidates in ranked.items():
            self._index[key] = tuple(sorted(candidates, key=candidates.__getitem__))
            words = key.split(" ")
            self._prefixes.update(" ".join(words[:n]) for n in range(1, len(words) + 1))

    @staticmethod
    def _indexable(key: str, entry: Entry, source: int, words: _RegionFilter) -> bool:
        """Curated names always; generated ones unless denied, common words, or (for one-word names of villages
        GeoNames gives no population) shorter than five letters: "Dali", "Raju" are more often people."""
        if source == 0:
            return True
        if key in words.denied:
            return False
        if " " in key:
            return True
        return len(key) >= 4 and key not in words.keys and (entry.population > 0 or len(key) >= 5)

    def _tokens(self, text: str) -> list[Token]:
        ru = self._ru
        return [
            (start, end, tuple(ru.get(f, f) for f in forms)) if "\u0400" <= forms[0][0] <= "\u04ff" else
            (start, end, forms)
            for start, end, forms in tokenize(text)
        ]  # fmt: skip

    def _key(self, name: str) -> str:
        """The index key of a name: its words' canonical forms, space-joined."""
        return " ".join(forms[0] for _, _, forms in self._tokens(name))

    # ------------------------------------------------------------------------------------------- lookup

    def get(self, place_id: str) -> Place:
        try:
            return self._places[place_id]
        except KeyError:
            raise NotFoundError(f"unknown place id: {place_id!r}") from None

    def places(self) -> Iterable[Place]:
        return self._places.values()

    def find(self, text: str, language: str = "") -> list[PlaceMatch]:
        """Places named in `text`: non-overlapping, longest first, offsets into `text`. Latin and Cyrillic
        names must start with a capital letter (unless the text is all capitals); `language` is accepted for
        symmetry with the other stages (the script of each word decides its normalisation)."""
        del language
        return list(self._scan(text, case_sensitive=not text.isupper()))

    def _scan(self, text: str, case_sensitive: bool, country: str = "") -> Iterator[PlaceMatch]:
        tokens = self._tokens(text)
        prefixes = self._prefixes
        i, count = 0, len(tokens)
        while i < count:
            forms = tokens[i][2]
            if forms[0] not in prefixes and (len(forms) == 1 or not any(f in prefixes for f in forms)):
                i += 1
                continue
            found = self._longest_at(text, tokens, i, case_sensitive, country)
            if found is None:
                i += 1
                continue
            length, place_id = found
            if place_id:
                start, end = tokens[i][0], tokens[i + length - 1][1]
                yield PlaceMatch(self._places[place_id], start, end, text[start:end])
            i += length

    def _longest_at(
        self, text: str, tokens: list[Token], i: int, case_sensitive: bool, country: str
    ) -> tuple[int, str] | None:
        """The longest name starting at word i that passes the case rule: (words, place id or "" if blocked)."""
        best: tuple[int, str] | None = None
        for form in tokens[i][2]:
            key, length = form, 1
            matches = []
            while key in self._prefixes:
                if key in self._index:
                    matches.append((length, key))
                if i + length >= len(tokens):
                    break
                key = f"{key} {tokens[i + length][2][0]}"
                length += 1
            for length, key in reversed(matches):
                if best is not None and length <= best[0]:
                    break
                place_id = self._pick(self._index[key], country)
                if place_id is None:
                    continue
                if place_id and case_sensitive and not self._capitalised(text, tokens[i : i + length]):
                    continue
                best = (length, place_id)
                break
        return best

    def _capitalised(self, text: str, tokens: list[Token]) -> bool:
        """The case rule: the first word that is not generic ("city", "of", "провинции") must start with a
        capital letter; a lower-case leading article must be "al"/"el" or hyphenated ("al-Bab", not "at Bab").
        Arabic has no case and always passes."""
        for index, (start, end, forms) in enumerate(tokens):
            initial = text[start]
            if script_of(initial) == "ar":
                return True
            if forms[0] in self._generic and initial.islower():
                if index == 0 and forms[0] in ("al", "аль") and not _attached_article(text, start, end):
                    return False
                continue
            return initial.isupper()
        return True

    def _pick(self, candidates: tuple[str, ...], country: str) -> str | None:
        if candidates[0] == "":
            return ""
        for place_id in candidates:
            if place_id and (not country or self._places[place_id].country == country):
                return place_id
        return None

    def resolve(self, name: str, country: str = "SY") -> Place | None:
        """The best place for a free-text name ("Khan Sheikhoun", "Ghouta (Zamalka / Ein Tarma)"): the whole
        name as an alias, else the first place named in it (narrowed by later places inside it), else a close
        spelling (rapidfuzz ratio ≥ 92)."""
        name = name.strip()
        if not name:
            return None
        candidates = self._index.get(self._key(name))
        place_id = self._pick(candidates, country) if candidates else None
        if place_id:
            return self._places[place_id]
        named = self._refined([m.place for m in self._scan(name, case_sensitive=False, country=country)])
        if named is not None:
            return named
        head = re.split(r"\s*[(/,;]|\s+-\s+", name, maxsplit=1)[0]
        return self._fuzzy_resolve(head, country) or self._fuzzy_resolve(name, country)

    def _refined(self, places: list[Place]) -> Place | None:
        """The first place named, narrowed by later ones inside it: "Aleppo - al-Sukkari" → al-Sukkari,
        "Ghouta (Zamalka / Ein Tarma)" → Zamalka, "Douma (Karm al-Rasas area)" → Douma."""
        best = places[0] if places else None
        for place in places[1:]:
            if best is not None and place.id != best.id and self.contains(best.id, place.id):
                best = place
        return best

    def _fuzzy_resolve(self, name: str, country: str, cutoff: float = 92.0) -> Place | None:
        """Closest alias by rapidfuzz ratio. The cutoff and the six-letter minimum were set on Syrian Archive
        names (docs/places.md): at 92 about three fuzzy answers in four land within 15 km of the named place."""
        key = self._key(name)
        if len(key) < 6:
            return None
        keys, ids = self._fuzzy_choices(country)
        best = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
        return self._places[ids[best[2]]] if best else None

    def _fuzzy_choices(self, country: str) -> tuple[list[str], list[str]]:
        if country not in self._fuzzy:
            keys, ids = [], []
            for key, candidates in self._index.items():
                place_id = self._pick(candidates, country)
                if place_id:
                    keys.append(key)
                    ids.append(place_id)
            self._fuzzy[country] = (keys, ids)
        return self._fuzzy[country]

    # --------------------------------------------------------------------------------------- hierarchy

    def _admin_chain(self, place_id: str) -> list[str]:
        chain, seen = [], {place_id}
        parent = self.get(place_id).parent_id
        while parent and parent not in seen and parent in self._places:
            chain.append(parent)
            seen.add(parent)
            parent = self._places[parent].parent_id
        return chain

    def _depth(self, place_id: str) -> int:
        return len(self._admin_chain(place_id))

    def ancestors(self, place_id: str) -> list[Place]:
        """Enclosing places, innermost first, up to the country: the parent_id chain plus the informal regions
        listing the place (or one of its ancestors) as a member, ordered by how much each contains."""
        chain = self._admin_chain(place_id)
        inside = {place_id, *chain}
        regions = {r for p in inside for r in self._regions_of.get(p, ())} - inside
        regions |= {r2 for r in regions for r2 in self._regions_of.get(r, ())} - inside
        found = [*chain, *regions]
        found.sort(key=lambda p: (len(self._descendant_ids(p)), -self._depth(p)))
        return [self._places[p] for p in found]

    def descendants(self, place_id: str) -> set[str]:
        """The place and everything inside it: children by parent_id and, for a region, its members (and
        theirs). Member links are followed only from regions, never from a region met as a child, so Jobar (a
        member of Eastern Ghouta) is not counted inside Rif Dimashq."""
        return set(self._descendant_ids(place_id))

    def _descendant_ids(self, place_id: str) -> frozenset[str]:
        if place_id not in self._descendants:
            self.get(place_id)
            found: set[str] = set()
            stack = [(place_id, True)]
            while stack:
                current, follow_members = stack.pop()
                if current in found:
                    continue
                found.add(current)
                stack.extend((child, False) for child in self._children.get(current, ()))
                if follow_members:
                    stack.extend((m, True) for m in self._entries[current].members if m in self._places)
            self._descendants[place_id] = frozenset(found)
        return self._descendants[place_id]

    def contains(self, outer_id: str, inner_id: str) -> bool:
        return inner_id in self._descendant_ids(outer_id)

    def ref(self, place_id: str) -> PlaceRef:
        """The place with its governorate (itself for a governorate; empty above or outside Syria)."""
        place = self.get(place_id)
        chain = [place, *(self._places[p] for p in self._admin_chain(place_id))]
        gov = next((p for p in chain if p.level == "governorate"), None)
        return PlaceRef(place.id, place.name, place.level, gov.name if gov else "", gov.id if gov else "",
                        place.country, place.lat, place.lon)  # fmt: skip

    # ----------------------------------------------------------------------------------------- capitals

    def _capital_keys(self) -> dict[str, str]:
        keys: dict[str, str] = {}
        for entry in self._entries.values():
            if entry.capital_of:
                for alias in (*entry.curated_aliases, *entry.other_aliases):
                    key = self._key(alias)
                    if self._index.get(key, ("",))[0] == entry.place.id:
                        keys.setdefault(key, entry.capital_of)
        for country, name in self.words.capitals:
            keys.setdefault(self._key(name), country)
        return keys

    def capital_of(self, place_id: str) -> str:
        """The ISO code of the country whose capital the place is, or "". A capital's name is often its
        government ("Kyiv is preparing a provocation", "Damascus denies"), not a place ("in Kyiv"): this says
        which matches can be such metonyms; the extractor decides from the sentence."""
        entry = self._entries.get(place_id)
        return entry.capital_of if entry else ""

    def capital_named(self, name: str) -> str:
        """The country whose capital `name` is, in any spelling or inflection the gazetteer knows ("Kiev",
        «Киеве», «Києва», "Damascus"), including capitals that are not places here ("Moscow", «Вашингтон»,
        from the [capitals] word lists); "" otherwise."""
        return self._capitals.get(self._key(name), "")

    def nearest(self, lat: float, lon: float, max_km: float = 10.0) -> Place | None:
        """The closest town within max_km (great-circle distance), for placing incidents by coordinates."""
        best, best_km = None, max_km
        for town in self._towns:
            km = _haversine_km(lat, lon, town.lat or 0.0, town.lon or 0.0)
            if km <= best_km:
                best, best_km = town, km
        return best


def _attached_article(text: str, start: int, end: int) -> bool:
    return text[start:end].casefold() in ("al", "el") or text[end : end + 1] in ("-", "‑")


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _union(words: Iterable[Words]) -> Words:
    total = Words(inflections=())
    for item in words:
        total = total | item
    return total


def article_free_variants(aliases: Iterable[tuple[str, list[Token]]], common: frozenset[str]) -> list[str]:
    """Names like "Al-Lataminah" are also written "Lataminah": the name without its leading article when
    what is left is long and not a common word. `aliases`: (name, its tokens)."""
    variants = []
    for alias, tokens in aliases:
        if len(tokens) >= 2 and tokens[0][2][0] in ("al", "аль"):
            rest = alias[tokens[1][0] :]
            if len(rest) >= 5 and rest.casefold() not in common:
                variants.append(rest)
    return variants


def sync_places(store: Store, gazetteer: Gazetteer | None = None) -> int:
    """Write the gazetteer to the store's `places` table (so it can be browsed, e.g. in Datasette)."""
    return store.replace_places((gazetteer or Gazetteer.default()).places())
