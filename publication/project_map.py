"""The map of funded projects: the member municipalities' boundaries drawn as SVG on the server.

The boundaries are Kartverket's (publication/data/README.md: CC BY 4.0, credited wherever the
map is shown). They are read once per process from the GeoJSON file, in WGS 84 longitude and
latitude, and projected onto a plane with an equirectangular projection around the region's
middle latitude: over a region some 80 km across, the distortion is well below what the eye
sees. Nothing is fetched from another host, and no script draws anything.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BOUNDARIES = Path(__file__).parent / "data" / "hamarregionen-kommuner.geojson"
CREDIT = "Kartdata: © Kartverket (CC BY 4.0)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.no"

# The drawing's width in SVG units; the height follows from the region's shape.
WIDTH = 600
MARGIN = 10


@dataclass(frozen=True)
class Outline:
    """One municipality's boundary as SVG path data, and where its labels go."""

    number: str
    name: str
    path: str
    label_x: float
    label_y: float
    # The area on the plane, in square units: larger areas are drawn first.
    size: float


@dataclass(frozen=True)
class Outlines:
    width: int
    height: int
    by_number: dict[str, Outline]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


@dataclass(frozen=True)
class MapArea:
    """A municipality on the map: its name, its count, the catalogue filtered by it and its
    outline (None for a municipality whose boundary the data has not)."""

    name: str
    project_count: int
    url: str
    outline: Outline | None


def polygons(geometry: dict) -> list[list[list[tuple[float, float]]]]:
    """A Polygon or MultiPolygon as a list of polygons, each a list of rings."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError(f"Not an area: {geometry['type']}")


def ring_area_and_centroid(ring) -> tuple[float, float, float]:
    """The signed area of a closed ring and its centroid (the shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area, cx / (6 * area), cy / (6 * area)


def path_data(rings) -> str:
    return " ".join(
        "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + " Z" for ring in rings if ring
    )


def project(features: list[dict]) -> Outlines:
    """The features' outlines on a plane WIDTH units wide, north up."""
    points = [
        point
        for feature in features
        for polygon in polygons(feature["geometry"])
        for ring in polygon
        for point in ring
    ]
    west = min(lon for lon, _lat in points)
    east = max(lon for lon, _lat in points)
    south = min(lat for _lon, lat in points)
    north = max(lat for _lon, lat in points)
    # A degree of longitude is cos(latitude) as long as a degree of latitude.
    x_stretch = math.cos(math.radians((south + north) / 2))
    scale = (WIDTH - 2 * MARGIN) / ((east - west) * x_stretch)
    height = math.ceil((north - south) * scale + 2 * MARGIN)

    def plane(lon, lat):
        return (MARGIN + (lon - west) * x_stretch * scale, MARGIN + (north - lat) * scale)

    by_number = {}
    for feature in features:
        properties = feature["properties"]
        rings = [
            [plane(lon, lat) for lon, lat in ring]
            for polygon in polygons(feature["geometry"])
            for ring in polygon
        ]
        # The labels go at the centroid of the largest ring, the municipality's main land.
        main_area, label_x, label_y = max(
            (ring_area_and_centroid(ring) for ring in rings), key=lambda found: abs(found[0])
        )
        number = str(properties["kommunenummer"])
        by_number[number] = Outline(
            number=number,
            name=properties["kommunenavn"],
            path=path_data(rings),
            label_x=round(label_x, 1),
            label_y=round(label_y, 1),
            size=round(abs(main_area)),
        )
    return Outlines(width=WIDTH, height=height, by_number=by_number)


@cache
def member_outlines() -> Outlines:
    """The member municipalities' outlines, projected once per process."""
    with BOUNDARIES.open(encoding="utf-8") as file:
        return project(json.load(file)["features"])


def map_areas(municipalities, catalogue_url) -> list[MapArea]:
    """The municipalities (each with project_count) as areas of the map, linked to the catalogue
    filtered by each; a municipality is matched to its boundary by its number."""
    outlines = member_outlines().by_number
    return [
        MapArea(
            name=municipality.name,
            project_count=municipality.project_count,
            url=f"{catalogue_url}?municipality={municipality.slug}",
            outline=outlines.get(municipality.number),
        )
        for municipality in municipalities
    ]


def drawing_order(areas: list[MapArea]) -> list[MapArea]:
    """The areas that have an outline, the largest first: each area's labels are drawn with it,
    and a small municipality's labels, wider than the municipality itself, must not be painted
    over by a larger neighbour drawn after it (SVG paints in document order)."""
    return sorted(
        (area for area in areas if area.outline is not None),
        key=lambda area: -area.outline.size,
    )
