"""The gazetteer: places of one or more regions (Syria, Ukraine, …) and the world's countries, with a
hierarchy and a fast multilingual matcher.

- `regions`: regions as data folders (bundled in `forewarn/data/regions/`, or in folders named by the
  `region_dirs` setting) and `load_gazetteer(regions, extra_dirs)`, cached per argument set.
- `gazetteer`: the `Gazetteer` (find, resolve, ref, ancestors, descendants, contains, capitals, nearest).
- `matching`: the canonical forms of words in Latin, Cyrillic (Russian and Ukrainian) and Arabic script.

See docs/places.md.
"""

from .gazetteer import LEVEL_ORDER, Entry, Gazetteer, PlaceMatch, Words, sync_places
from .matching import russian_forms, token_forms, tokenize, ukrainian_forms
from .regions import Region, clear_cache, discover_regions, gazetteer_for, load_gazetteer, read_region

__all__ = [
    "LEVEL_ORDER",
    "Entry",
    "Gazetteer",
    "PlaceMatch",
    "Region",
    "Words",
    "clear_cache",
    "discover_regions",
    "gazetteer_for",
    "load_gazetteer",
    "read_region",
    "russian_forms",
    "sync_places",
    "token_forms",
    "tokenize",
    "ukrainian_forms",
]
