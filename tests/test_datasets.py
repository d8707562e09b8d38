"""From config to data: seeded base points, outlier positions; and the frame plan: frame chunks."""

import numpy as np
import pytest

from l1l2figures.maths.datasets import outlier_sweep_data
from l1l2figures.rendering.frame_plan import chunks, evenly_spaced

# The base points in the original notebook's output picture (chioka.in 2014).
ORIGINAL_BASE_Y = [3.9, 9.3, 16.2, 21.6]


def test_default_seed_reproduces_the_original_points(default_config):
    data = outlier_sweep_data(default_config["outlier_sweep"])
    np.testing.assert_allclose(data["base_y"], ORIGINAL_BASE_Y, atol=0.1)


def test_same_seed_same_points_other_seed_other_points(default_config):
    params = default_config["outlier_sweep"]
    assert outlier_sweep_data(params) == outlier_sweep_data(params)
    assert (
        outlier_sweep_data({**params, "seed": 1})["base_y"] != outlier_sweep_data(params)["base_y"]
    )


def test_noise_stays_within_its_half_width(default_config):
    params = {**default_config["outlier_sweep"], "base_x": list(range(200))}
    data = outlier_sweep_data(params)
    line = params["line_slope"] * np.array(params["base_x"]) + params["line_intercept"]
    noise = np.array(data["base_y"]) - line
    assert np.abs(noise).max() < params["noise_half_width"]
    assert np.abs(noise).max() > 0.9 * params["noise_half_width"]


def test_outlier_sweeps_the_configured_range(default_config):
    params = default_config["outlier_sweep"]
    data = outlier_sweep_data(params)
    sweep = data["sweep_outlier_x"]
    assert len(sweep) == params["n_frames"]
    assert [sweep[0], sweep[-1]] == params["outlier_x_range"]
    assert np.all(np.diff(sweep) > 0)
    # The original's nine panels: -3, -1, ..., 13.
    assert data["grid_outlier_x"] == list(range(-3, 14, 2))


@pytest.mark.parametrize("n, per", [(60, 120), (60, 60), (61, 20), (7, 3), (1, 1)])
def test_chunks_cover_every_frame_once_in_order(n, per):
    parts = chunks(list(range(n)), per)
    assert [i for part in parts for i in part] == list(range(n))
    assert all(1 <= len(part) <= per for part in parts)
    assert len(parts) == -(-n // per)


@pytest.mark.parametrize("n, keep", [(60, 12), (60, 60), (5, 12), (2, 2), (61, 7)])
def test_evenly_spaced_picks_are_few_and_keep_the_ends(n, keep):
    frames = evenly_spaced(n, keep)
    assert frames[0] == 0 and frames[-1] == n - 1
    assert len(frames) == min(n, keep)
    gaps = np.diff(frames)
    assert gaps.min() >= 1 and gaps.max() - gaps.min() <= 1


def test_evenly_spaced_picks_the_frames_numpy_s_linspace_rounds_to():
    # the frames drafts, contact sheets and palettes have always used, now without numpy; halves
    # (n = 4, keep = 3 gives 1.5) round to even, as numpy does
    for n in range(130):
        for keep in range(1, 70):
            expected = np.unique(np.linspace(0, n - 1, min(keep, n)).round()).astype(int).tolist()
            assert evenly_spaced(n, keep) == expected, (n, keep)
