"""Build ``smenet/statistics/data/member_shapes.json``: the 57 OIC member states, simplified.

Run once (the output is committed; the application never downloads anything):

    npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_member_shapes.py package/countries-50m.json

Source: Natural Earth 1:50m admin-0 countries (public domain) as TopoJSON in the npm package
``world-atlas`` 2.0.2 (ISO 3166-1 numeric codes as ids). The script decodes the TopoJSON arcs,
projects them with the Equal Earth projection centred on 40° E (the OIC spans Guyana to
Indonesia), simplifies each ring (Douglas–Peucker, 0.4 px at the map's 1000 px width), drops
islands smaller than a pixel, and writes one SVG path per member state with 0.1 px-rounded
coordinates, plus a marker point for states too small to see (Bahrain, the Maldives …).
"""

from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEMBERS = ROOT / "smenet" / "registry" / "data" / "oic_member_states.csv"
OUT = ROOT / "smenet" / "statistics" / "data" / "member_shapes.json"
WIDTH = 1000.0
CENTRAL_MERIDIAN = 40.0
TOLERANCE = 0.4
MIN_RING_AREA = 1.0  # square pixels
SMALL = 9.0  # a state whose shape is narrower and lower than this gets a marker

# Equal Earth (Šavrič, Patterson, Jenny 2018)
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam = math.radians(((lon - CENTRAL_MERIDIAN + 180) % 360) - 180)
    phi = math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, -y


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs: list, indices: list[int]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for index in indices:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        out.extend(points[1:] if out else points)
    return out


def polygons(geometry: dict, arcs: list) -> list[list[list[tuple[float, float]]]]:
    if geometry["type"] == "Polygon":
        return [[ring(arcs, r) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in poly] for poly in geometry["arcs"]]
    return []


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy) or 1e-12
        worst, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
            if distance > worst:
                worst, index = distance, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_ring(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """A closed ring: split at the point farthest from the first, simplify both halves."""
    if len(points) < 5:
        return points
    x0, y0 = points[0]
    far = max(range(len(points)), key=lambda i: math.hypot(points[i][0] - x0, points[i][1] - y0))
    first = simplify(points[: far + 1], tolerance)
    second = simplify(points[far:], tolerance)
    return first[:-1] + second


def area(points: list[tuple[float, float]]) -> float:
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
            )
        )
        / 2
    )


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    with MEMBERS.open(encoding="utf-8", newline="") as handle:
        members = {row["numeric"]: row["iso3"] for row in csv.DictReader(handle)}
    projected: dict[str, list[list[tuple[float, float]]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        iso3 = members.get(geometry.get("id"))
        if not iso3:
            continue
        rings = []
        for poly in polygons(geometry, arcs):
            for r in poly:
                rings.append([equal_earth(lon, lat) for lon, lat in r])
        projected.setdefault(iso3, []).extend(rings)
    missing = sorted(set(members.values()) - set(projected))
    if missing:
        raise SystemExit(f"no shape for {missing}")
    xs = [x for rings in projected.values() for r in rings for x, _y in r]
    ys = [y for rings in projected.values() for r in rings for _x, y in r]
    x0, y0 = min(xs), min(ys)
    scale = (WIDTH - 20) / (max(xs) - x0)
    height = round((max(ys) - y0) * scale + 20)
    shapes = {}
    for iso3, rings in sorted(projected.items()):
        pixel_rings = [
            [((x - x0) * scale + 10, (y - y0) * scale + 10) for x, y in r] for r in rings
        ]
        biggest = max(pixel_rings, key=area)
        kept = []
        for r in pixel_rings:
            if r is not biggest and area(r) < MIN_RING_AREA:
                continue
            simple = simplify_ring(r, TOLERANCE)
            rounded = []
            for x, y in simple:
                point = (round(x, 1), round(y, 1))
                if not rounded or rounded[-1] != point:
                    rounded.append(point)
            if len(rounded) >= 3:
                kept.append(rounded)
        if not kept:  # a speck of an island state: keep its largest ring as it is
            kept.append([(round(x, 1), round(y, 1)) for x, y in biggest])
        d = "".join("M" + "L".join(f"{x:g} {y:g}" for x, y in r) + "Z" for r in kept)
        bx = [x for x, _ in biggest]
        by = [y for _, y in biggest]
        cx = sum(bx) / len(bx)
        cy = sum(by) / len(by)
        all_x = [x for r in kept for x, _ in r]
        all_y = [y for r in kept for _, y in r]
        small = (max(all_x) - min(all_x)) < SMALL and (max(all_y) - min(all_y)) < SMALL
        shapes[iso3] = {"d": d, "centre": [round(cx, 1), round(cy, 1)], "small": small}
    OUT.write_text(
        json.dumps(
            {
                "source": "Natural Earth 1:50m admin-0 countries (public domain), via world-atlas 2.0.2",
                "projection": f"Equal Earth, central meridian {CENTRAL_MERIDIAN:g}° E",
                "width": WIDTH,
                "height": height,
                "shapes": shapes,
            },
            separators=(",", ":"),
        )
        + "\n"
    )
    print(f"{len(shapes)} shapes, {OUT.stat().st_size / 1024:.0f} KiB → {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "package/countries-50m.json")
