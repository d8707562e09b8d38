"""The catalogue is the one list of figures: the tests' small builds take each figure's from it."""

import pytest

from conftest import TINY, small_overrides, tiny_config
from l1l2figures.catalogue import ANIMATIONS, CONFIG, ENTRIES, Call, animation


def test_a_figure_added_to_the_catalogue_is_shrunk_by_its_own_entry():
    small = {"n_frames": 3, "frames_per_job": 2, "style": {"dpi": 30}}
    # a name of its own: not the figure docs/adding-a-figure.md adds, which a copy may have
    added = animation(
        "catalogue_test_figure",
        category="A test figure",
        draw=Call("scenes.catalogue_test_figure:animation_scene", (CONFIG,)),
        small=small,
    )
    overrides = small_overrides([*ENTRIES, added])
    assert overrides.pop("catalogue_test_figure") == small
    assert overrides == TINY  # and the other figures as before


def test_figures_that_share_a_section_add_up_their_small_values():
    sweep = [entry for entry in ENTRIES if entry.section == "outlier_sweep"]
    assert len(sweep) > 1
    for entry in sweep:
        assert entry.small.items() <= TINY["outlier_sweep"].items()


@pytest.mark.parametrize("figure", ANIMATIONS)
def test_every_animation_s_small_build_is_smaller_and_still_splits_into_render_jobs(
    figure, default_config
):
    small, default = tiny_config()[figure], default_config[figure]
    assert small["n_frames"] < default["n_frames"]
    assert small["style"]["dpi"] < default["style"]["dpi"]
    assert small["frames_per_job"] < small["n_frames"]  # two render jobs at least
