"""The config: the shipped one is valid; bad values are refused with the key named."""

import copy
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import matplotlib.colors
import pytest
import yaml

from conftest import REPO, SCHEMA, copy_workflow, merged, run_snakemake, set_at, validate
from l1l2figures.errors import SetupError
from l1l2figures.limits import MAX_FRAMES
from l1l2figures.maths.models import MIN_BOOSTED_FRACTION, boosted_fraction, min_learning_rate
from l1l2figures.maths.regularization import L1_STEP_FUNCTIONS, check_gradient_descent
from l1l2figures.pipeline.configuration import (
    ConfigError,
    check_config,
    check_files,
    check_interpreter_path,
    check_intervals,
    check_site_video,
    key_path,
    parse_numbers,
    read_schema,
    read_yaml,
)

GRADIENT = "config.l1_l2_gradient"


def test_shipped_config_is_valid(default_config):
    assert validate(default_config) == default_config


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
    with pytest.raises(ConfigError, match=rf"config\.outlier_sweep\.(\w+\.)?{key}"):
        validate(config)


def test_reversed_interval_is_refused_naming_the_key(default_config):
    config = merged(default_config, {"outlier_sweep": {"x_limits": [15, -10]}})
    with pytest.raises(ConfigError, match=r"outlier_sweep\.x_limits"):
        check_intervals(config)


@pytest.mark.parametrize(
    "section, key", [("outlier_sweep", "outlier_x_range"), ("robustness", "x_range")]
)
def test_a_sweep_runs_either_way_but_somewhere(default_config, section, key):
    low, high = default_config[section][key]
    validate(merged(default_config, {section: {key: [high, low]}}))
    with pytest.raises(ConfigError, match=rf"{section}\.{key} = .*: the two values must differ"):
        validate(merged(default_config, {section: {key: [low, low]}}))


def test_l1_step_values_are_exactly_the_implemented_steps():
    schema = yaml.safe_load(Path(SCHEMA).read_text())
    l1_step = schema["properties"]["l1_l2_gradient"]["properties"]["l1_step"]
    assert set(l1_step["enum"]) == set(L1_STEP_FUNCTIONS)


def test_colour_names_are_exactly_matplotlibs_css4_names():
    schema = yaml.safe_load(Path(SCHEMA).read_text())
    assert set(schema["$defs"]["color_name"]["enum"]) == set(matplotlib.colors.CSS4_COLORS)


@pytest.mark.parametrize("color", ["#1b9e77", "#abc", "#1b9e77cc", "darkgreen"])
def test_hex_and_named_colours_are_accepted(default_config, color):
    validate(merged(default_config, {"outlier_sweep": {"style": {"l1_color": color}}}))


@pytest.mark.parametrize(
    "override, message",
    [
        ({"outlier_y": -20}, "outlier_y reaches -20, outside y_limits [0, 25]"),
        ({"outlier_x_range": [13, -12]}, "outlier_x_range reaches -12, outside x_limits [-10, 15]"),
        ({"base_x": [0, 3, 6, 16]}, "base_x reaches 16, outside x_limits [-10, 15]"),
        (
            {"line_intercept": 14},
            (
                "the line (line_slope, line_intercept) ± noise_half_width at base_x reaches 34, "
                "outside y_limits"
            ),
        ),
    ],
)
def test_a_sweep_drawn_off_its_own_axes_is_refused(default_config, override, message):
    with pytest.raises(ConfigError) as refused:
        validate(merged(default_config, {"outlier_sweep": override}))
    assert f"config.outlier_sweep: {message}" in str(refused.value)
    assert "widen" in str(refused.value)
    validate(
        merged(
            default_config,
            {"outlier_sweep": {**override, "x_limits": [-20, 20], "y_limits": [-25, 40]}},
        )
    )


def test_mp4_refuses_frame_sizes_it_would_have_to_rescale(default_config):
    config = merged(default_config, {"formats": ["gif", "mp4"]})
    check_config(config)  # the shipped sizes are multiples of 16 px
    config = merged(config, {"l1_l2_gradient": {"style": {"size_in": [11, 3.8]}}})
    with pytest.raises(ConfigError, match=r"l1_l2_gradient\.style: .* 1100 x 380 px; video"):
        check_config(config)
    check_config(merged(config, {"formats": ["gif", "webp"]}))  # GIF and WebP take any size


def test_the_site_refuses_frame_sizes_video_cannot_take_whatever_formats_says(default_config):
    config = validate(merged(default_config, {"formats": ["gif"]}))
    check_site_video(config, draft=False)  # the shipped sizes are multiples of 16 px
    odd = validate(merged(config, {"robustness": {"style": {"size_in": [7.25, 4.8]}}}))
    check_config(odd)  # a GIF takes any size ...
    with pytest.raises(ConfigError, match=r"^config\.robustness\.style: .* 725 x 480 px; the blog"):
        check_site_video(odd, draft=False)  # ... the bundle's video does not


def test_a_drafts_site_refuses_the_sizes_its_scaled_dpi_gives(default_config):
    config = validate(default_config)
    with pytest.raises(ConfigError) as refused:
        check_site_video(config, draft=True)
    message = str(refused.value)
    assert "config.robustness.style: size_in [7.2, 4.8] at dpi 50 gives 360 x 240 px" in message
    assert "config.drafting.dpi_scale 0.5" in message


@pytest.mark.parametrize(
    "override, message",
    [
        (
            {"style": {"themes": {"light": {"palette": {}}}}},
            "config.style.themes.light: a key here must not be called light",
        ),
        (
            {"robustness": {"n_frames": "sixty"}},
            "config.robustness.n_frames = 'sixty': must be a whole number, in digits",
        ),
        (
            {"robustness": {"n_frames": 60.5}},
            "config.robustness.n_frames = 60.5: must be a whole number, written without a decimal",
        ),
    ],
)
def test_a_refused_name_or_word_is_named_by_its_key(default_config, override, message):
    with pytest.raises(ConfigError) as refused:
        validate(merged(default_config, override))
    assert message in str(refused.value)


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
    with pytest.raises(ConfigError, match=rf"config\.l1_l2_gradient\.{key}"):
        validate(config)


@pytest.mark.parametrize(
    ("override", "refused"),
    [
        ({"w0": -2.28}, True),  # its diamond on the slope panel cut by the axes' edge
        ({"w0": 2.11}, True),
        ({"w0": 3.0}, True),  # outside the axis
        ({"w0": 2.1}, False),  # on the bound, 0.08 of the span inside: drawn whole
        ({"w0": -0.68, "w_limits": [-1, 3], "learning_rate": 0.02}, False),
        ({"w0": -0.69, "w_limits": [-1, 3], "learning_rate": 0.02}, True),
    ],
)
def test_a_start_too_near_the_w_axis_ends_is_refused_in_one_line(default_config, override, refused):
    from l1l2figures.pipeline.inprocess import scene
    from l1l2figures.rendering.quality import animation_problems

    config = merged(default_config, {"l1_l2_gradient": override})
    if refused:
        with pytest.raises(ConfigError, match=r"^config\.l1_l2_gradient\.w0 = [^\n]* w_limits"):
            validate(config)
        return
    fig, update = scene("l1_l2_gradient", validate(config))
    assert not animation_problems(fig, update, [0, 1], "l1_l2_gradient")


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
        check_gradient_descent(params, GRADIENT)


def test_an_l2_weight_that_underflows_to_zero_is_refused(default_config):
    # 0.5 * 0.125**k is below the smallest normal float (about 2.2e-308) from k = 341 on.
    params = default_config["l1_l2_gradient"] | {"w0": 0.5, "learning_rate": 0.4375, "lam": 1.0}
    with pytest.raises(ConfigError, match=r"L2 weight .* smallest normal float .* at step 341\b"):
        check_gradient_descent(params | {"n_frames": 359}, GRADIENT)
    check_gradient_descent(params | {"n_frames": 341}, GRADIENT)


def test_too_few_frames_for_l1_to_reach_zero_are_refused(default_config):
    params = default_config["l1_l2_gradient"] | {"n_frames": 30}  # zero needs 40 steps
    with pytest.raises(ConfigError, match=r"n_frames = 30 is too few.*n_frames >= 43"):
        check_gradient_descent(params, GRADIENT)
    check_gradient_descent(params | {"n_frames": 43}, GRADIENT)


def test_a_learning_rate_too_small_to_reach_zero_is_refused_as_too_small(default_config):
    config = merged(default_config, {"l1_l2_gradient": {"learning_rate": 1.0e-20}})
    with pytest.raises(ConfigError) as refusal:
        validate(config)
    message = str(refusal.value)
    assert message.startswith("config.l1_l2_gradient.learning_rate = 1e-20 with lam = 1.0 is too")
    assert f"at most {MAX_FRAMES} frames" in message and "jumps" not in message


@pytest.mark.parametrize("key", ["n_frames", "frames_per_job"])
def test_more_frames_than_max_frames_are_refused_naming_the_bound(default_config, key):
    config = merged(default_config, {"robustness": {key: MAX_FRAMES + 1}})
    with pytest.raises(ConfigError, match=rf"robustness\.{key} = .*at most {MAX_FRAMES}"):
        validate(config)


def test_a_number_yaml_reads_as_text_is_refused_saying_how_to_write_it(default_config):
    # YAML 1.1 (PyYAML) reads 1e-8 as the string '1e-8'; 1.0e-8 is a number.
    assert yaml.safe_load("tolerance: 1e-8") == {"tolerance": "1e-8"}
    config = merged(default_config, {"solvers": {"tolerance": "1e-8"}})
    with pytest.raises(ConfigError, match=r"config\.solvers\.tolerance = '1e-8': .* 1\.0e-8$"):
        validate(config)


# Every key that an adversarial review found taking .nan or .inf (they crashed a job with a message
# naming no key, or built a nonsense figure with exit code 0).
NON_FINITE_KEYS = [
    ("outlier_sweep", "line_slope"),
    ("outlier_sweep", "outlier_y"),
    ("outlier_sweep", "x_limits", 1),
    ("outlier_sweep", "base_x", 2),
    ("outlier_sweep", "gbr", "learning_rate"),
    ("robustness", "outlier_x"),
    ("robustness", "outlier_rise", 1),
    ("robustness", "line_slope"),
    ("sparsity", "budget"),
    ("sparsity", "centre_radius"),
    ("sparsity", "centre_angles_deg", 0),
    ("sparsity", "loss_matrix", 0, 1),
    ("solvers", "lasso_alpha"),
    ("solvers", "ridge_alpha"),
]


@pytest.mark.parametrize("keys", NON_FINITE_KEYS, ids=lambda keys: ".".join(map(str, keys)))
@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_are_refused_naming_the_key(default_config, keys, value):
    config = set_at(merged(default_config, {}), keys, value)
    with pytest.raises(ConfigError) as refusal:
        validate(config)
    assert str(refusal.value).splitlines() == [
        f"{key_path(keys)} = {value}: must be a finite number"
    ]


@pytest.mark.parametrize("text", [".nan", ".inf", "-.inf", ".NaN"])
def test_non_finite_numbers_from_the_command_line_are_refused(default_config, text):
    # --config sparsity='{budget: .nan}' hands the value over as a string.
    config = merged(default_config, {"sparsity": {"budget": text}})
    with pytest.raises(ConfigError, match=r"^config\.sparsity\.budget = .*: must be a finite"):
        validate(config)


def number_schemas(node, where="schema"):
    """(where, schema) of every schema of type number or integer, however deep."""
    if isinstance(node, dict):
        if node.get("type") in ("number", "integer"):
            yield where, node
        for key, value in node.items():
            yield from number_schemas(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from number_schemas(value, f"{where}[{index}]")


def test_every_number_in_the_schema_has_a_lower_and_an_upper_bound():
    found = list(number_schemas(read_schema(SCHEMA)))
    assert len(found) > 30
    for where, schema in found:
        assert {"minimum", "exclusiveMinimum"} & set(schema), where
        assert {"maximum", "exclusiveMaximum"} & set(schema), where


def test_a_schema_problem_is_one_line_with_path_value_and_what_is_allowed(default_config):
    config = merged(default_config, {"outlier_sweep": {"n_frames": 1}})
    with pytest.raises(ConfigError) as refusal:
        validate(config)
    assert (
        str(refusal.value)
        == "config.outlier_sweep.n_frames = 1: must be at least 2 and at most 2000"
    )


def test_every_problem_is_reported_one_line_each(default_config):
    config = merged(
        default_config,
        {
            "outlier_sweep": {"n_framez": 3, "style": {"l1_color": "greeen", "dpi": 5}},
            "l1_l2_gradient": {"l1_step": "proximl"},
            "formats": ["gif", "mpp4"],
        },
    )
    with pytest.raises(ConfigError) as refusal:
        validate(config)
    lines = sorted(str(refusal.value).splitlines())
    assert lines == [
        "config.formats[1] = 'mpp4': must be one of gif, mp4, webm, webp (did you mean `mp4`?)",
        (
            "config.l1_l2_gradient.l1_step = 'proximl': must be one of proximal, subgradient "
            "(did you mean `proximal`?)"
        ),
        "config.outlier_sweep.n_framez: unknown key (did you mean `n_frames`?)",
        "config.outlier_sweep.style.dpi = 5: must be at least 10 and at most 600",
        (
            "config.outlier_sweep.style.l1_color = 'greeen': must be a CSS4 colour name (as matplotlib "
            'knows them) or a hex colour such as "#1b9e77" (did you mean `green`?)'
        ),
    ]


def test_an_unknown_key_with_no_close_name_lists_the_known_keys(default_config):
    config = merged(default_config, {"solvers": {"zzz": 1}})
    with pytest.raises(ConfigError, match=r"^config\.solvers\.zzz: unknown key; known keys: "):
        validate(config)


def test_a_key_missing_from_the_config_is_refused_naming_it(default_config):
    config = merged(default_config, {})
    del config["outlier_sweep"]["prediction_points"]
    with pytest.raises(
        ConfigError, match=r"^config\.outlier_sweep: missing key `prediction_points`$"
    ):
        validate(config)


def test_a_yaml_syntax_error_names_the_file_line_and_column(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text("outlier_sweep:\n  n_frames: 3\n  style: {dpi: 40\n")
    with pytest.raises(ConfigError, match=rf"^{path}, line 4, column 1: invalid YAML: "):
        read_yaml(path)


@pytest.mark.parametrize(
    "override, message",
    [
        (  # 5.8 GB and 5 minutes of rendering before Pillow refused it (issue 15)
            {"outlier_sweep": {"n_frames": 16, "style": {"size_in": [40, 40], "dpi": 500}}},
            (
                r"config\.outlier_sweep\.style: size_in \[40, 40\] at dpi 500 gives 20000 x 20000 "
                r"= 400,000,000 px, more than the 2,088,960 px \(1920 x 1088\) this figure may have"
            ),
        ),
        (
            {"outlier_sweep": {"style": {"grid_size_in": [40, 30], "dpi": 100}}},
            (
                r"config\.outlier_sweep\.style: grid_size_in \[40, 30\] at dpi 100 gives 4000 x 3000 "
                r"= 12,000,000 px, more than the 8,294,400 px \(3840 x 2160\)"
            ),
        ),
        (
            {"sparsity": {"n_frames": 1000}},
            (
                r"config\.sparsity: n_frames 1000 of 720 x 672 px is 483,840,000 px, more than the "
                r"150,000,000 px"
            ),
        ),
        (  # hours of fitting
            {
                "outlier_sweep": {
                    "n_frames": 2000,
                    "gbr": {"n_estimators": 500},
                    "style": {"dpi": 10},
                }
            },
            (
                r"config\.outlier_sweep: 2 losses \* \(n_frames 2000 \+ grid_panels 9\) \* "
                r"gbr\.n_estimators 500 = 2,009,000 trees to fit, more than 100,000"
            ),
        ),
        (  # a 3.2 GB intermediate at n_frames 2000 and prediction_points 100000
            {"outlier_sweep": {"n_frames": 2000, "prediction_points": 5000, "style": {"dpi": 10}}},
            (
                r"config\.outlier_sweep: n_frames 2000 \* prediction_points 5000 = 10,000,000 fitted "
                r"values per loss, more than 1,000,000"
            ),
        ),
    ],
)
def test_configs_that_would_cost_too_much_are_refused_with_the_numbers(
    default_config, override, message
):
    with pytest.raises(ConfigError, match=message):
        validate(merged(default_config, override))


def test_a_bad_config_prints_a_short_message_and_no_traceback(tmp_path):
    workdir = copy_workflow(tmp_path)
    result = run_snakemake(
        workdir, "--dry-run", "--config", "outlier_sweep={n_framez: 3, line_slope: .nan}"
    )
    assert result.returncode != 0
    output = (result.stdout + result.stderr).splitlines()
    assert "config.outlier_sweep.n_framez: unknown key (did you mean `n_frames`?)" in output
    assert "config.outlier_sweep.line_slope = nan: must be a finite number" in output
    assert len(output) <= 8, "\n".join(output)  # the problems, Snakemake's header and one location


def test_a_yaml_error_in_the_config_file_names_its_line(tmp_path):
    workdir = copy_workflow(tmp_path)
    config = workdir / "config" / "config.yaml"
    config.write_text(config.read_text().replace("  n_frames: 60", "  n_frames: [60"))
    result = run_snakemake(workdir, "--dry-run")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert re.search(r"config/config\.yaml, line \d+, column \d+: invalid YAML: ", output)
    assert len(output.splitlines()) <= 5, output


def test_an_interpreter_path_with_a_space_is_refused_saying_what_to_do():
    check_interpreter_path("/home/ann/l1l2-figures/.venv/bin/python")
    with pytest.raises(
        SetupError, match=r"'/tmp/my figures/.venv/bin/python', a path with a space"
    ):
        check_interpreter_path("/tmp/my figures/.venv/bin/python")


def test_a_venv_in_a_folder_with_a_space_stops_before_any_job(tmp_path):
    # The README's commands in such a folder: the project and its .venv both under the space.
    (tmp_path / "my figures").mkdir()
    workdir = copy_workflow(tmp_path / "my figures")
    os.symlink(sys.prefix, workdir / ".venv")
    result = subprocess.run(
        [workdir / ".venv" / "bin" / "python", "-m", "snakemake", "--cores", "1"],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "a path with a space" in result.stdout + result.stderr
    assert not (workdir / "results").exists() and not (workdir / "logs").exists()


def test_settings_files_are_checked_as_snakemake_would_merge_them(tmp_path):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text("outlier_sweep: {n_frames: 30}\n")
    bad.write_text("outlier_sweep:\n  n_frames: 30\n   style: {dpi: 40}\n")
    base = REPO / "config" / "config.yaml"
    config = check_files([str(good)], base=base, schema=SCHEMA)
    assert config["outlier_sweep"]["n_frames"] == 30
    assert config["outlier_sweep"]["seed"] == read_yaml(base)["outlier_sweep"]["seed"]
    with pytest.raises(ConfigError, match=rf"^{bad}, line 3, column \d+: invalid YAML"):
        check_files([str(good), str(bad)], base=base, schema=SCHEMA)


def test_the_settings_checker_runs_from_the_project_folder(tmp_path):
    workdir = copy_workflow(tmp_path)
    (workdir / "typo.yaml").write_text("sparsity: {n_frame: 30}\n")
    command = [sys.executable, "-m", "l1l2figures.pipeline.configuration", "typo.yaml"]
    result = subprocess.run(command, cwd=workdir, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr == "config.sparsity.n_frame: unknown key (did you mean `n_frames`?)\n"


def test_a_missing_config_file_is_one_line(tmp_path):
    workdir = copy_workflow(tmp_path)
    (workdir / "config" / "config.yaml").unlink()
    result = run_snakemake(workdir, "--dry-run")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "config/config.yaml: cannot read it: No such file or directory\n" in output
    assert len(output.splitlines()) <= 4, output


@pytest.mark.parametrize("poster_at", [-0.1, 1.5])
def test_a_poster_outside_the_animation_is_refused_naming_the_key(default_config, poster_at):
    config = merged(default_config, {"sparsity": {"poster_at": poster_at}})
    with pytest.raises(
        ConfigError, match=r"config\.sparsity\.poster_at = .*at least 0 and at most 1"
    ):
        validate(config)


@pytest.mark.parametrize(
    ("columns", "panels", "size_in", "refused_key", "most"),
    [
        (3, 9, [7.2, 8.4], None, None),
        (4, 9, [7.2, 8.4], "grid_columns", 3),
        (8, 3, [7.2, 8.4], None, None),  # more columns than panels: only the panels count
        (4, 4, [9.6, 8.4], None, None),
        (2, 9, [4.0, 12.6], "grid_columns", 1),
        (3, 12, [7.2, 8.4], None, None),  # 4 rows of 2.1 in
        (3, 13, [7.2, 8.4], "grid_panels", 12),
        (1, 5, [7.2, 8.4], "grid_panels", 4),
        (3, 15, [7.2, 10.5], None, None),
    ],
)
def test_a_grid_with_more_columns_or_rows_than_its_size_has_room_for_is_refused(
    default_config, columns, panels, size_in, refused_key, most
):
    # a column needs 2.4 in (720 px holds 3), a row 2.1 in (840 px holds 4)
    override = {"grid_columns": columns, "grid_panels": panels, "style": {"grid_size_in": size_in}}
    config = merged(default_config, {"outlier_sweep": override})
    if refused_key is None:
        check_config(config)
        return
    with pytest.raises(ConfigError) as refusal:
        check_config(config)
    value = {"grid_columns": columns, "grid_panels": panels}[refused_key]
    assert str(refusal.value).startswith(f"config.outlier_sweep.{refused_key} = {value}: ")
    assert f"use at most {most} {refused_key}" in str(refusal.value)


@pytest.mark.parametrize("size", [9, 10, 12, 15])
def test_a_text_size_the_figures_are_not_laid_out_for_is_refused_in_one_line(default_config, size):
    # measured by the quality gate: at 12 titles are cut by the figures' edges (at 15 in every
    # still), at 10 the grid's fits hide one another, at 9 small text is under 12 px
    config = merged(default_config, {"style": {"font_size": size}})
    with pytest.raises(ConfigError) as refusal:
        validate(config)
    assert str(refusal.value) == (
        f"config.style.font_size = {size}: must be 11, the one value accepted "
        "(config/schema.yaml says why)"
    )


def test_a_config_without_the_dark_theme_is_refused_naming_the_key(default_config):
    config = copy.deepcopy(default_config)
    del config["style"]["themes"]["dark"]
    with pytest.raises(ConfigError, match=r"config\.style\.themes\.dark: unknown theme"):
        check_config(config)


def test_a_settings_file_that_is_not_utf8_is_one_line_naming_the_file_and_place(tmp_path):
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("style:\n  font_family: Café\n".encode("latin-1"))
    command = [sys.executable, "-m", "l1l2figures.pipeline.configuration", str(latin1)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr == (
        f"{latin1}, line 2, column 19: not UTF-8 text (byte 0xe9); save the file as UTF-8\n"
    )


def test_a_control_character_in_a_settings_file_is_one_line_naming_its_place(tmp_path):
    path = tmp_path / "bell.yaml"
    path.write_text("style:\n  font_family: A\x07B\n")
    with pytest.raises(ConfigError) as refused:
        read_yaml(path)
    assert str(refused.value) == (
        f"{path}, line 2, column 17: invalid YAML: character #x0007 is not allowed in YAML"
    )


def test_the_settings_checker_is_a_command(tmp_path):
    # pyproject.toml's [project.scripts]: the same checker as `python -m ...configuration`.
    (tmp_path / "typo.yaml").write_text("sparsity: {n_frame: 30}\n")
    checker = Path(sys.executable).with_name("l1l2-check-config")
    # from the project folder (its config/), the settings file given by its absolute path
    command = [checker, str(tmp_path / "typo.yaml")]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr == "config.sparsity.n_frame: unknown key (did you mean `n_frames`?)\n"
    result = subprocess.run([checker], cwd=REPO, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout) == (0, "config OK\n")


@pytest.mark.parametrize(
    "override, message",
    [
        (
            {"style": {"font_family": "DejaVu Sans" * 455}},
            (
                r"^config\.style\.font_family = 'DejaVu SansDejaVu .*'\.\.\. \(5,005 characters\): "
                r"must be a font family's name of 1 to 64 characters"
            ),
        ),
        (
            {"style": {"themes": {"d" * 40: {}}}},
            r"^config\.style\.themes = 'd{40}': must be a name of .* at most 32 characters",
        ),
    ],
)
def test_text_values_are_bounded_and_quoted_short(default_config, override, message):
    with pytest.raises(ConfigError, match=message) as refused:
        validate(merged(default_config, override))
    assert len(str(refused.value)) < 300 and "\n" not in str(refused.value)


def test_a_font_family_as_long_as_a_real_one_is_accepted(default_config):
    validate(merged(default_config, {"style": {"font_family": "Noto Sans CJK JP Demilight"}}))


@pytest.mark.parametrize(
    "gbr, smallest",
    [
        ({"learning_rate": 1.0e-20}, "0.021"),  # the default n_estimators 5
        ({"learning_rate": 0.05, "n_estimators": 1}, "0.1"),
        ({"learning_rate": 1.0e-5, "n_estimators": 500}, "0.00022"),
    ],
)
def test_a_learning_rate_too_small_for_the_fits_to_move_is_refused_with_the_reason(
    default_config, gbr, smallest
):
    config = merged(default_config, {"outlier_sweep": {"gbr": gbr}})
    with pytest.raises(ConfigError) as refused:
        validate(config)
    message = str(refused.value)
    assert message.startswith(
        f"config.outlier_sweep.gbr.learning_rate = {gbr['learning_rate']:g} with n_estimators"
    )
    assert "of the way from a flat line" in message
    assert message.endswith(f"choose a learning_rate of at least {smallest} or more n_estimators")
    # the rate it names is accepted
    validate(merged(config, {"outlier_sweep": {"gbr": {"learning_rate": float(smallest)}}}))


@pytest.mark.parametrize("n_estimators", [1, 2, 5, 12, 100, 500])
def test_the_smallest_learning_rate_takes_the_fit_a_tenth_of_the_way(n_estimators):
    # Boosting with trees that fit the residuals exactly: after n trees the fit has gone
    # 1 - (1 - learning_rate)^n of the way from the flat start to the points.
    rate = min_learning_rate(n_estimators)
    assert boosted_fraction(rate, n_estimators) == pytest.approx(MIN_BOOSTED_FRACTION)
    assert math.isclose(1 - (1 - rate) ** n_estimators, MIN_BOOSTED_FRACTION, rel_tol=1e-9)
    assert boosted_fraction(rate / 2, n_estimators) < MIN_BOOSTED_FRACTION
