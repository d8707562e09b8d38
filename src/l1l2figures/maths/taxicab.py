"""Taxicab geometry on a city grid: paths as move strings, and the numbers the figure shows.

Every number on the figure is computed here from the geometry: each path's length from its
vertices, the straight line's length from the endpoints, and the count of shortest taxicab paths.
"""

import itertools
import math

from l1l2figures.errors import ConfigError

MOVES = {"U": (0, 1), "D": (0, -1), "R": (1, 0), "L": (-1, 0)}


def walk(start: list[int], moves: str) -> list[list[int]]:
    """The grid points visited by ``moves`` (U, D, L, R: one block each) from ``start``."""
    points = [list(start)]
    for move in moves:
        dx, dy = MOVES[move]
        x, y = points[-1]
        points.append([x + dx, y + dy])
    return points


def polyline_length(points: list[list[float]]) -> float:
    """The length of the polyline through ``points`` (Euclidean length of each segment)."""
    return sum(math.dist(a, b) for a, b in itertools.pairwise(points))


def manhattan(a: list[int], b: list[int]) -> int:
    return abs(a[0] - b[0]) + abs(a[1] - b[1])


def shortest_path_count(a: list[int], b: list[int]) -> int:
    """How many shortest taxicab paths join a and b: choose which of the moves go sideways."""
    dx, dy = abs(a[0] - b[0]), abs(a[1] - b[1])
    return math.comb(dx + dy, dx)


def sqrt_text(n: int) -> str:
    """√n in simplest radical form: 72 -> '6√2', 36 -> '6', 5 -> '√5'."""
    outside, inside = 1, n
    for factor in range(2, math.isqrt(n) + 1):
        while inside % (factor * factor) == 0:
            inside //= factor * factor
            outside *= factor
    if inside == 1:
        return str(outside)
    return f"{outside if outside > 1 else ''}√{inside}"


def check_paths(section: dict, path: str = "config.manhattan_distance") -> None:
    """Refuse endpoints off the grid, and paths that leave it, miss an endpoint or are not shortest."""
    width, height = section["blocks"]
    start, end = section["start"], section["end"]
    for name, point in (("start", start), ("end", end)):
        if not (0 <= point[0] <= width and 0 <= point[1] <= height):
            raise ConfigError(f"{path}.{name} = {point} lies outside the {width} x {height} grid")
    if start == end:
        raise ConfigError(f"{path}: start and end are the same point {start}")
    for name, spec in section["paths"].items():
        where = f"{path}.paths.{name}"
        points = walk(start, spec["moves"])
        if points[-1] != end:
            raise ConfigError(f"{where} = {spec['moves']} ends at {points[-1]}, not at end = {end}")
        if len(spec["moves"]) != manhattan(start, end):
            raise ConfigError(
                f"{where} = {spec['moves']} takes {len(spec['moves'])} blocks; a shortest taxicab "
                f"path takes {manhattan(start, end)}"
            )
        if any(not (0 <= x <= width and 0 <= y <= height) for x, y in points):
            raise ConfigError(f"{where} = {spec['moves']} leaves the {width} x {height} grid")
    # Two paths with the same moves are one path drawn twice: the figure would show copies side by
    # side and its words would count one path as several (with one shortest path, every path is it).
    first_named: dict[str, str] = {}
    n = shortest_path_count(start, end)
    exist = "1 shortest path exists" if n == 1 else f"{n} shortest paths exist"
    for name, spec in section["paths"].items():
        if spec["moves"] in first_named:
            raise ConfigError(
                f"{path}.paths.{name} = {spec['moves']} is the same path as "
                f"paths.{first_named[spec['moves']]}; give each path different moves ({exist})"
            )
        first_named[spec["moves"]] = name


def city(section: dict) -> dict:
    """The figure's geometry and numbers, all computed from the configured grid and paths."""
    check_paths(section)
    start, end = section["start"], section["end"]
    paths = {}
    for name, spec in section["paths"].items():
        points = walk(start, spec["moves"])
        paths[name] = {
            "moves": spec["moves"],
            "color": spec["color"],
            "points": points,
            "length": polyline_length(points),
        }
    dx, dy = end[0] - start[0], end[1] - start[1]
    return {
        "blocks": section["blocks"],
        "start": start,
        "end": end,
        "paths": paths,
        "manhattan_distance": manhattan(start, end),
        "euclidean_length": polyline_length([start, end]),
        "euclidean_text": sqrt_text(dx * dx + dy * dy),
        "shortest_path_count": shortest_path_count(start, end),
        "moves_right": abs(dx),
        "moves_up": abs(dy),
    }
