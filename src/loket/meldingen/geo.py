"""The municipality on the map: its boundary (a GeoJSON file named by LOKET_GEMEENTEGRENS) and
whether a point lies inside it. Pure Python (ray casting): one polygon of a few hundred points
needs no GIS database."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Ring = list[tuple[float, float]]  # (lon, lat), as GeoJSON writes them


@functools.cache
def _load(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImproperlyConfigured(
            f"LOKET_GEMEENTEGRENS: {path} is geen leesbaar GeoJSON-bestand ({exc})."
        ) from exc
    if data.get("type") == "FeatureCollection":
        return data
    if data.get("type") == "Feature":
        return {"type": "FeatureCollection", "features": [data]}
    return {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": data}]}


def gemeentegrens() -> dict[str, Any]:
    """The boundary as a GeoJSON FeatureCollection (WGS84)."""
    return _load(str(settings.LOKET_GEMEENTEGRENS))


def _polygons() -> list[list[Ring]]:
    polygons: list[list[Ring]] = []
    for feature in gemeentegrens()["features"]:
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            parts = [geometry["coordinates"]]
        elif geometry.get("type") == "MultiPolygon":
            parts = geometry["coordinates"]
        else:
            continue
        polygons.extend(
            [[(float(x), float(y)) for x, y, *_ in ring] for ring in rings] for rings in parts
        )
    return polygons


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def in_gemeente(lat: float, lon: float) -> bool:
    """Whether the point lies inside the municipality (in an outer ring, not in a hole)."""
    return any(
        _in_ring(lon, lat, rings[0]) and not any(_in_ring(lon, lat, hole) for hole in rings[1:])
        for rings in _polygons()
    )


def grens_bbox() -> tuple[float, float, float, float]:
    """(south, west, north, east) of the boundary: the map's starting view."""
    points = [p for rings in _polygons() for p in rings[0]]
    if not points:
        raise ImproperlyConfigured("LOKET_GEMEENTEGRENS bevat geen (multi)polygoon.")
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return min(lats), min(lons), max(lats), max(lons)
