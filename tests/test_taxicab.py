"""Taxicab geometry: lengths from the drawn geometry, the path count, and refused paths."""

import math

import pytest

from conftest import merged
from l1l2figures.errors import ConfigError
from l1l2figures.maths.taxicab import city, shortest_path_count, sqrt_text, walk
from l1l2figures.scenes.manhattan_distance import length_text


@pytest.fixture
def section(default_config):
    return default_config["manhattan_distance"]


def test_every_configured_path_has_the_manhattan_length(section):
    geometry = city(section)
    (x0, y0), (x1, y1) = section["start"], section["end"]
    assert geometry["manhattan_distance"] == abs(x1 - x0) + abs(y1 - y0) == 12
    assert len(geometry["paths"]) == 3
    for path in geometry["paths"].values():
        assert path["length"] == 12
        assert path["points"][0] == section["start"] and path["points"][-1] == section["end"]


def test_the_straight_line_is_six_root_two(section):
    geometry = city(section)
    assert geometry["euclidean_length"] == pytest.approx(6 * math.sqrt(2), rel=1e-15)
    assert geometry["euclidean_text"] == "6√2"
    assert f"{geometry['euclidean_length']:.2f}" == "8.49"


def test_shortest_path_count_is_the_binomial_coefficient(section):
    assert city(section)["shortest_path_count"] == math.comb(12, 6) == 924


def brute_force_count(dx: int, dy: int) -> int:
    """Count monotone lattice paths by dynamic programming, independently of math.comb."""
    ways = [[1] * (dy + 1) for _ in range(dx + 1)]
    for i in range(1, dx + 1):
        for j in range(1, dy + 1):
            ways[i][j] = ways[i - 1][j] + ways[i][j - 1]
    return ways[dx][dy]


@pytest.mark.parametrize(
    "a, b", [([0, 0], [3, 2]), ([5, 1], [1, 4]), ([2, 2], [2, 7]), ([1, 1], [7, 7])]
)
def test_count_matches_a_brute_force_count(a, b):
    assert shortest_path_count(a, b) == brute_force_count(abs(b[0] - a[0]), abs(b[1] - a[1]))


@pytest.mark.parametrize(
    "n, text", [(72, "6√2"), (36, "6"), (5, "√5"), (8, "2√2"), (50, "5√2"), (1, "1")]
)
def test_square_roots_are_simplified(n, text):
    assert sqrt_text(n) == text


def test_walk_follows_the_moves():
    assert walk([1, 1], "URDL") == [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]


@pytest.mark.parametrize(
    "paths, message",
    [
        (
            {"short": {"moves": "UUUUUURRRRR", "color": "red"}},
            r"paths\.short = UUUUUURRRRR ends at \[6, 7\]",
        ),
        (
            {"detour": {"moves": "UUUUUURRRRRRLR", "color": "red"}},
            r"paths\.detour = .* takes 14 blocks",
        ),
        ({"outside": {"moves": "DDUUUUUUUURRRRRR", "color": "red"}}, r"paths\.outside"),
    ],
)
def test_paths_that_are_not_shortest_taxicab_paths_are_refused(section, paths, message):
    with pytest.raises(ConfigError, match=message):
        city({**section, "paths": paths})


def test_endpoints_off_the_grid_are_refused(section):
    with pytest.raises(ConfigError, match=r"manhattan_distance\.end = \[9, 7\] lies outside"):
        city(merged(section, {"end": [9, 7]}))


def test_a_path_with_the_same_moves_as_another_is_refused_naming_both(section):
    paths = {
        "a": {"moves": "RRRRRRUUUUUU", "color": "red"},
        "b": {"moves": "UUUUUURRRRRR", "color": "blue"},
        "c": {"moves": "RRRRRRUUUUUU", "color": "green"},
    }
    with pytest.raises(ConfigError, match=r"paths\.c = RRRRRRUUUUUU is the same path as paths\.a"):
        city({**section, "paths": paths})
    # on one street there is one shortest path: one path is accepted, a second copy is not
    street = {**section, "end": [7, 1]}
    assert (
        city({**street, "paths": {"a": {"moves": "RRRRRR", "color": "red"}}})["shortest_path_count"]
        == 1
    )
    with pytest.raises(ConfigError, match=r"1 shortest paths? exist"):
        city({**street, "paths": {k: {"moves": "RRRRRR", "color": "red"} for k in "ab"}})


def test_a_length_shared_by_several_paths_says_how_many_on_the_figure(default_config):
    """Only the first path of each length carries its label: the label then counts the paths it
    speaks for, so no drawn path's length goes unsaid."""
    geometry = city(default_config["manhattan_distance"])
    n_paths = len(geometry["paths"])
    assert length_text(geometry, 12) == f"all {n_paths} paths:\n12 blocks"
    mixed = {"paths": {"a": {"length": 12}, "b": {"length": 14}, "c": {"length": 12}}}
    assert length_text(mixed, 12) == "all 2 paths:\n12 blocks"
    assert length_text(mixed, 14) == "14 blocks"
