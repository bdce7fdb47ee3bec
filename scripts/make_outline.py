"""Build the dashboard's map outline (src/forewarn/data/outline/countries.geojson) from Natural Earth.

Source: Natural Earth 1:50m admin-0 countries (public domain), as redistributed in TopoJSON by the npm package
`world-atlas` 2.0.2 (`npm pack world-atlas@2.0.2`, then `tar xzf`). The script decodes the TopoJSON, keeps the
countries that reach into the dashboard's frame (the Levant to the Black Sea), simplifies each ring
(Douglas-Peucker, ~2 km) and rounds to 0.01 degrees, so the shipped file stays small.

    python scripts/make_outline.py package/countries-50m.json src/forewarn/data/outline/countries.geojson
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

FRAME = (20.0, 27.0, 52.0, 56.0)  # lon min, lat min, lon max, lat max
TOLERANCE = 0.02  # degrees


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker; a closed ring is split at its point farthest from the start, so both halves have a
    baseline."""
    if len(points) < 4:
        return points
    if points[0] == points[-1]:
        x0, y0 = points[0]
        far = max(range(len(points)), key=lambda i: (points[i][0] - x0) ** 2 + (points[i][1] - y0) ** 2)
        if 0 < far < len(points) - 1:
            return _douglas_peucker(points[: far + 1], tolerance)[:-1] + _douglas_peucker(points[far:], tolerance)
    return _douglas_peucker(points, tolerance)


def _douglas_peucker(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        best, where = 0.0, -1
        for i in range(first + 1, last):
            x0, y0 = points[i]
            dx, dy = x2 - x1, y2 - y1
            length = (dx * dx + dy * dy) ** 0.5 or 1e-12
            distance = abs(dy * x0 - dx * y0 + x2 * y1 - y2 * x1) / length
            if distance > best:
                best, where = distance, i
        if best > tolerance:
            keep[where] = True
            stack += [(first, where), (where, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def in_frame(points: list[tuple[float, float]]) -> bool:
    return any(FRAME[0] <= x <= FRAME[2] and FRAME[1] <= y <= FRAME[3] for x, y in points)


def main(source: str, target: str) -> None:
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        kept = []
        for polygon in polygons:
            rings = [simplify(ring(r, arcs), TOLERANCE) for r in polygon]
            if rings and in_frame(rings[0]) and len(rings[0]) >= 4:
                kept.append([[[round(x, 2), round(y, 2)] for x, y in r] for r in rings if len(r) >= 4])
        if kept:
            name = geometry.get("properties", {}).get("name", "")
            features.append({"type": "Feature", "properties": {"name": name},
                             "geometry": {"type": "MultiPolygon", "coordinates": kept}})
    collection = {"type": "FeatureCollection", "features": sorted(features, key=lambda f: f["properties"]["name"])}
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(features)} countries, {Path(target).stat().st_size:,} bytes -> {target}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
