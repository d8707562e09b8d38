"""The house style's pure helpers: labels spread apart at the ends of lines."""

import itertools

import pytest

from l1l2figures.rendering.style import spread


@pytest.mark.parametrize(
    "positions", [[0.0, 1.0, 50.0], [10.0, 10.0], [5.0, 3.0, 4.0, 40.0], [100.0]]
)
def test_spread_labels_keep_their_order_and_at_least_the_gap(positions):
    gap = 12.0
    placed = spread(positions, gap)
    by_position = sorted(range(len(positions)), key=lambda i: positions[i])
    for a, b in itertools.pairwise(by_position):
        assert placed[b] - placed[a] >= gap - 1e-9


def test_labels_already_apart_stay_where_their_lines_end():
    assert spread([0.0, 30.0, 60.0], 12.0) == [0.0, 30.0, 60.0]


def test_a_crowd_moves_as_little_up_as_down():
    placed = spread([10.0, 10.0], 12.0)
    assert placed == [4.0, 16.0]
