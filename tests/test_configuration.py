"""The config: the shipped one is valid; bad values are refused with the key named."""

from pathlib import Path

import matplotlib.colors
import pytest
import yaml
from snakemake.exceptions import WorkflowError
from snakemake.utils import validate

from conftest import REPO, merged
from l1l2figures.configuration import (
    ConfigError,
    check_config,
    check_gradient_descent,
    check_intervals,
    parse_numbers,
)
from l1l2figures.regularization import L1_STEP_FUNCTIONS

SCHEMA = str(REPO / "config" / "schema.yaml")


def test_shipped_config_is_valid(default_config):
    validate(merged(default_config, {}), SCHEMA)
    check_config(default_config)


def test_contract_defaults(default_config):
    sweep = default_config["outlier_sweep"]
    assert sweep["n_frames"] == 60
    assert sweep["gbr"] == {"n_estimators": 5, "learning_rate": 0.1, "max_depth": 3}
    palette = default_config["style"]["palette"]
    # Okabe-Ito bluish green, vermillion and orange: the colour-blind-safe defaults.
    assert (palette["l1"], palette["l2"], palette["outlier"]) == ("#009E73", "#D55E00", "#E69F00")
    assert "dpi" in sweep["style"] and "seed" in sweep


@pytest.mark.parametrize(
    "override, key",
    [
        ({"n_frames": 1}, "n_frames"),
        ({"n_frames": "many"}, "n_frames"),
        ({"frame_duration_ms": 15}, "frame_duration_ms"),
        ({"frame_duration_ms": 105}, "frame_duration_ms"),
        ({"gbr": {"learning_rate": 0}}, "learning_rate"),
        ({"gbr": {"max_depth": 0}}, "max_depth"),
        ({"gbr": {"loss": "huber"}}, "loss"),
        ({"style": {"l1_color": "greeen"}}, "l1_color"),
        ({"style": {"dpi": -5}}, "dpi"),
        ({"frames_per_job": 0}, "frames_per_job"),
        ({"typo_key": 3}, "typo_key"),
    ],
)
def test_bad_values_are_refused_naming_the_key(default_config, override, key):
    config = merged(default_config, {"outlier_sweep": override})
    with pytest.raises(WorkflowError, match=key):
        validate(config, SCHEMA)


def test_reversed_interval_is_refused_naming_the_key(default_config):
    config = merged(default_config, {"outlier_sweep": {"x_limits": [15, -10]}})
    with pytest.raises(ConfigError, match=r"outlier_sweep\.x_limits"):
        check_intervals(config)


def test_l1_step_values_are_exactly_the_implemented_steps():
    schema = yaml.safe_load(Path(SCHEMA).read_text())
    l1_step = schema["properties"]["l1_l2_gradient"]["properties"]["l1_step"]
    assert set(l1_step["enum"]) == set(L1_STEP_FUNCTIONS)


def test_colour_names_are_exactly_matplotlibs_css4_names():
    schema = yaml.safe_load(Path(SCHEMA).read_text())
    assert set(schema["$defs"]["color_name"]["enum"]) == set(matplotlib.colors.CSS4_COLORS)


@pytest.mark.parametrize("color", ["#1b9e77", "#abc", "#1b9e77cc", "darkgreen"])
def test_hex_and_named_colours_are_accepted(default_config, color):
    validate(merged(default_config, {"outlier_sweep": {"style": {"l1_color": color}}}), SCHEMA)


def test_mp4_refuses_frame_sizes_it_would_have_to_rescale(default_config):
    config = merged(default_config, {"formats": ["gif", "mp4"]})
    check_config(config)  # the shipped sizes are multiples of 16 px
    config = merged(config, {"l1_l2_gradient": {"style": {"size_in": [11, 3.8]}}})
    with pytest.raises(ConfigError, match=r"l1_l2_gradient\.style: .* 1100 x 380 px; MP4"):
        check_config(config)
    check_config(merged(config, {"formats": ["gif", "webp"]}))  # GIF and WebP take any size


def test_command_line_strings_become_numbers():
    # What snakemake's --config outlier_sweep='{n_frames: 8, ...}' hands over.
    raw = {
        "n_frames": "8",
        "gbr": {"learning_rate": "0.2"},
        "x_limits": ["-10", "15"],
        "l1_color": "green",
        "hex": "#00ff00",
        "flag": "yes",
    }
    assert parse_numbers(raw) == {
        "n_frames": 8,
        "gbr": {"learning_rate": 0.2},
        "x_limits": [-10, 15],
        "l1_color": "green",
        "hex": "#00ff00",
        "flag": "yes",
    }


@pytest.mark.parametrize(
    "override, key",
    [
        ({"l1_step": "newton"}, "l1_step"),
        ({"w0": 0}, "w0"),
        ({"lam": 0}, "lam"),
        ({"learning_rate": -0.1}, "learning_rate"),
        ({"end_pause_ms": 5}, "end_pause_ms"),
    ],
)
def test_bad_gradient_values_are_refused_by_the_schema(default_config, override, key):
    config = merged(default_config, {"l1_l2_gradient": override})
    with pytest.raises(WorkflowError, match=key):
        validate(config, SCHEMA)


@pytest.mark.parametrize(
    "learning_rate, lam, behaviour",
    [
        (1.5, 1.0, "diverges"),
        (0.7, 1.0, "flips sign"),
        (0.5, 1.0, "jumps to 0"),
        (0.25, 2.0, "jumps"),
    ],
)
def test_learning_rates_that_break_l2_shrinkage_are_refused(
    default_config, learning_rate, lam, behaviour
):
    params = default_config["l1_l2_gradient"] | {"learning_rate": learning_rate, "lam": lam}
    with pytest.raises(ConfigError, match=rf"l1_l2_gradient\.learning_rate.*{behaviour}"):
        check_gradient_descent(params)


def test_an_l2_weight_that_underflows_to_zero_is_refused(default_config):
    # 0.5 * 0.125**k is below the smallest float (about 5e-324) from k = 358 on.
    params = default_config["l1_l2_gradient"] | {"w0": 0.5, "learning_rate": 0.4375, "lam": 1.0}
    with pytest.raises(ConfigError, match=r"L2 weight .* becomes 0\.0 at step 35\d"):
        check_gradient_descent(params | {"n_frames": 359})
    check_gradient_descent(params | {"n_frames": 300})


def test_too_few_frames_for_l1_to_reach_zero_are_refused(default_config):
    params = default_config["l1_l2_gradient"] | {"n_frames": 30}  # zero needs 40 steps
    with pytest.raises(ConfigError, match=r"n_frames = 30 is too few.*n_frames >= 43"):
        check_gradient_descent(params)
    check_gradient_descent(params | {"n_frames": 43})
