"""
The campaign map: an equirectangular world drawn as inline SVG by the site itself.

No tiles and no script: the land outline (campaigns.world_outline) and the points
are plain SVG in the page. One SVG unit is one degree, so projecting a point is
x = longitude + 180 and y = 90 − latitude. Places whose exact location is private
are drawn at their city-level (rounded) coordinates only.
"""

from dataclasses import dataclass

from campaigns.world_outline import LAND

# The view leaves out the polar seas: latitudes 84° N to 58° S.
NORTH, SOUTH = 84, -58
VIEW_BOX = f"0 {90 - NORTH} 360 {NORTH - SOUTH}"
MERIDIANS = range(-150, 180, 30)
PARALLELS = (60, 30, 0, -30)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    action: object


@dataclass(frozen=True)
class WorldMap:
    points: list
    view_box: str = VIEW_BOX
    land: str = LAND

    @property
    def meridians(self):
        return [lon + 180 for lon in MERIDIANS]

    @property
    def parallels(self):
        return [90 - lat for lat in PARALLELS]

    @property
    def top(self):
        return 90 - NORTH

    @property
    def bottom(self):
        return 90 - SOUTH

    @property
    def height(self):
        return NORTH - SOUTH


def project(latitude, longitude):
    """SVG coordinates of a point, kept inside the drawn view."""
    latitude = min(max(float(latitude), SOUTH), NORTH)
    return round(float(longitude) + 180, 2), round(90 - latitude, 2)


def world_map(actions):
    """The map of the actions that have coordinates, in the order given."""
    points = []
    for action in actions:
        coordinates = action.public_coordinates()
        if coordinates is not None:
            points.append(Point(*project(*coordinates), action=action))
    return WorldMap(points=points)
