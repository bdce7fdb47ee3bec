"""The region map as geometry for server-side SVG: country outlines (Natural Earth, public domain, shipped in
forewarn/data/outline) and the places claims cite, sized by their recent claims, warned places marked.

One map per gazetteer region that names countries (the bundled Syria and Ukraine, and any region a user adds):
the frame is the region's countries with a margin, so neighbours show at the edges. The projection is
equirectangular with longitudes shrunk by the cosine of the middle latitude (true enough at this scale).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..errors import NotFoundError
from ..queries.records import PlaceCount

if TYPE_CHECKING:
    from ..places import Gazetteer

MAP_WIDTH = 860
MARGIN = 0.12  # of the frame's size, on each side
MAX_RADIUS = 26.0
LABELLED = 14  # places named on the map (the most cited, and every warned one), room allowing
CHAR_WIDTH = 6.4  # of a label's letter at the map's 11 px, for keeping labels apart
Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class MapRegion:
    name: str  # the gazetteer region ("syria")
    countries: frozenset[str]  # ISO codes
    outline_names: tuple[str, ...]  # the countries' names in the outline data
    label: str


def map_regions(region_dirs: Iterable[str], gazetteer: Gazetteer) -> dict[str, MapRegion]:
    """The gazetteer regions that name countries, by name (the base "world" layer is no map)."""
    from ..places import discover_regions

    found = {}
    for name, region in sorted(discover_regions(tuple(region_dirs)).items()):
        if region.base or not region.countries:
            continue
        names = []
        for code in region.countries:
            try:
                names.append(gazetteer.get(code).name)
            except NotFoundError:
                continue
        found[name] = MapRegion(name, frozenset(region.countries), tuple(names),
                                ", ".join(names) or region.description or name.capitalize())
    return found


@dataclass(frozen=True)
class Outline:
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # lon, lat
    bbox: tuple[float, float, float, float]  # lon min, lat min, lon max, lat max


@lru_cache(maxsize=1)
def outlines() -> tuple[Outline, ...]:
    """The shipped country outlines (read once)."""
    text = resources.files("forewarn").joinpath("data/outline/countries.geojson").read_text(encoding="utf-8")
    found = []
    for feature in json.loads(text)["features"]:
        rings = tuple(tuple((float(x), float(y)) for x, y in ring) for ring in _rings(feature["geometry"]))
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        found.append(Outline(feature["properties"]["name"], rings, (min(xs), min(ys), max(xs), max(ys))))
    return tuple(found)


def _rings(geometry: dict[str, Any]) -> Iterable[Ring]:
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon


@dataclass(frozen=True)
class Projection:
    bbox: tuple[float, float, float, float]
    width: float = MAP_WIDTH

    @property
    def shrink(self) -> float:
        return math.cos(math.radians((self.bbox[1] + self.bbox[3]) / 2))

    @property
    def scale(self) -> float:
        return self.width / ((self.bbox[2] - self.bbox[0]) * self.shrink)

    @property
    def height(self) -> float:
        return (self.bbox[3] - self.bbox[1]) * self.scale

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.bbox[0]) * self.shrink * self.scale, (self.bbox[3] - lat) * self.scale


def frame(countries: Sequence[Outline], fallback: Iterable[tuple[float, float]] = ()) -> tuple[float, ...]:
    """The bounding box of these countries (or of the fallback points) with a margin on each side."""
    boxes = [c.bbox for c in countries]
    points = list(fallback)
    if points:
        boxes.append((min(p[0] for p in points), min(p[1] for p in points),
                      max(p[0] for p in points), max(p[1] for p in points)))
    if not boxes:
        boxes = [(35.5, 32.0, 42.5, 37.5)]
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    dx, dy = max(east - west, 0.5) * MARGIN, max(north - south, 0.5) * MARGIN
    return west - dx, south - dy, east + dx, north + dy


@dataclass(frozen=True)
class Shape:
    name: str
    path: str
    focus: bool  # one of the region's own countries


@dataclass(frozen=True)
class Spot:
    place_id: str
    name: str
    x: float
    y: float
    r: float
    preemptive: int
    retrospective: int
    warned: bool

    @property
    def title(self) -> str:
        warned = "; open warning" if self.warned else ""
        return f"{self.name}: {self.preemptive} pre-emptive, {self.retrospective} retrospective{warned}"


@dataclass(frozen=True)
class Map:
    width: int
    height: int
    shapes: tuple[Shape, ...]
    spots: tuple[Spot, ...]
    labels: tuple[MapLabel, ...] = ()


def _path(projection: Projection, ring: Sequence[tuple[float, float]]) -> str:
    points = [projection.point(lon, lat) for lon, lat in ring]
    return "M" + " L".join(f"{x:.1f} {y:.1f}" for x, y in points) + " Z"


@lru_cache(maxsize=16)
def _shapes(bbox: tuple[float, float, float, float], focus: frozenset[str]) -> tuple[Shape, ...]:
    projection = Projection(bbox)
    found = []
    for outline in outlines():
        west, south, east, north = outline.bbox
        if east < bbox[0] or west > bbox[2] or north < bbox[1] or south > bbox[3]:
            continue
        path = " ".join(_path(projection, ring) for ring in outline.rings)
        found.append(Shape(outline.name, path, outline.name in focus))
    return tuple(found)


def radius(claims: int) -> float:
    """A circle whose area grows with the claims (a place with none, only warned, gets a small dot)."""
    return min(3.0 + 2.6 * math.sqrt(claims), MAX_RADIUS)


def region_map(country_names: Sequence[str], counts: Sequence[PlaceCount]) -> Map:
    """The map of a region whose countries are called `country_names` in the outline data, with `counts`
    (places of the region) drawn on it."""
    wanted = set(country_names)
    countries = [o for o in outlines() if o.name in wanted]
    placed = [c for c in counts if c.place.lat is not None and c.place.lon is not None]
    bbox = frame(countries, () if countries else ((c.place.lon or 0.0, c.place.lat or 0.0) for c in placed))
    box = (bbox[0], bbox[1], bbox[2], bbox[3])
    projection = Projection(box)
    ranked = sorted(placed, key=lambda c: (not c.warned, -(c.preemptive + c.retrospective), c.place.name))
    spots = []
    for count in ranked:
        x, y = projection.point(count.place.lon or 0.0, count.place.lat or 0.0)
        spots.append(Spot(count.place.id, count.place.name, round(x, 1), round(y, 1),
                          round(radius(count.preemptive + count.retrospective), 1), count.preemptive,
                          count.retrospective, count.warned))
    labels = place_labels(spots, projection.width, projection.height)
    drawn = sorted(spots, key=lambda s: -s.r)  # big circles under small ones
    return Map(MAP_WIDTH, round(projection.height), _shapes(box, frozenset(wanted)), tuple(drawn), tuple(labels))


@dataclass(frozen=True)
class MapLabel:
    x: float
    y: float
    text: str
    anchor: str  # SVG text-anchor: start (right of the circle) or end (left of it)
    warned: bool


def place_labels(spots: Sequence[Spot], width: float, height: float, most: int = LABELLED) -> list[MapLabel]:
    """Names beside the circles, in the order given (warned and most cited first), each on the first side
    (right, left, above, below) where it overlaps no label already placed; a name that fits nowhere is left
    to the circle's tooltip and the table under the map."""
    placed: list[tuple[float, float, float, float]] = []
    found: list[MapLabel] = []
    for spot in spots:
        if len(found) >= most:
            break
        w, h = len(spot.name) * CHAR_WIDTH, 12.0
        r = spot.r
        options = [
            (spot.x + r + 3, spot.y + 4, "start", (spot.x + r + 3, spot.y - 8, spot.x + r + 3 + w, spot.y + 4)),
            (spot.x - r - 3, spot.y + 4, "end", (spot.x - r - 3 - w, spot.y - 8, spot.x - r - 3, spot.y + 4)),
            (spot.x - w / 2, spot.y - r - 4, "start", (spot.x - w / 2, spot.y - r - 4 - h, spot.x + w / 2,
                                                       spot.y - r - 4)),
            (spot.x - w / 2, spot.y + r + 13, "start", (spot.x - w / 2, spot.y + r + 1, spot.x + w / 2,
                                                        spot.y + r + 13)),
        ]
        for x, y, anchor, box in options:
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
            if inside and not any(_overlap(box, other) for other in placed):
                placed.append(box)
                found.append(MapLabel(round(x, 1), round(y, 1), spot.name, anchor, spot.warned))
                break
    return found


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
