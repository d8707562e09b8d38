"""Property-based: generated valid configs build a figure; generated invalid ones are refused."""

import copy
import math
import random

import matplotlib.pyplot as plt
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import city_override, colours, merged, set_at, validate
from l1l2figures.catalogue import CATALOGUE
from l1l2figures.errors import ConfigError
from l1l2figures.maths.models import min_learning_rate
from l1l2figures.maths.regularization import W0_ROOM, as_written, first_zero, gradient_descent
from l1l2figures.maths.rounding import rounded_up
from l1l2figures.maths.taxicab import city
from l1l2figures.pipeline.configuration import key_path
from l1l2figures.pipeline.inprocess import scene
from l1l2figures.rendering.animate import frames
from l1l2figures.rendering.encode import write_svg
from l1l2figures.rendering.style import apply_house_style
from l1l2figures.rendering.theme import figure_style
from l1l2figures.scenes import manhattan_distance
from l1l2figures.words import SVG_DESC, SVG_TITLE
from l1l2figures.words import manhattan_distance as manhattan_words
from l1l2figures.words.figures import figure_words

PROPERTY_SETTINGS = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
small_dpi = st.integers(10, 25)


@st.composite
def sweep_override(draw) -> dict:
    start = draw(st.integers(-8, 10))
    return {
        "seed": draw(st.integers(0, 2**32 - 1)),
        "n_frames": draw(st.integers(2, 5)),
        "outlier_y": draw(st.floats(-5, 30)),
        "outlier_x_range": [start, start + draw(st.integers(1, 10))],
        # axes that hold every position and height drawn (the config check refuses the others)
        "x_limits": [-10, 25],
        "y_limits": [-10, 35],
        "gbr": {
            "n_estimators": (trees := draw(st.integers(1, 12))),
            "learning_rate": draw(st.floats(rounded_up(min_learning_rate(trees)), 1.0)),
            "max_depth": draw(st.integers(1, 4)),
        },
        "style": {"l1_color": draw(colours), "l2_color": draw(colours), "dpi": draw(small_dpi)},
    }


@pytest.mark.slow  # builds figures in process
@PROPERTY_SETTINGS
@given(override=sweep_override())
def test_valid_outlier_sweep_configs_build_a_figure(default_config, override):
    config = validate(merged(default_config, {"outlier_sweep": override}))
    section = config["outlier_sweep"]
    fig, update = scene("outlier_sweep", config)
    pictures = [pixels for _, pixels in frames(fig, update, range(section["n_frames"]))]
    assert len(pictures) == section["n_frames"]
    assert (pictures[0] != pictures[-1]).any()  # the outlier moved
    plt.close(fig)


@pytest.mark.slow  # builds figures in process
@PROPERTY_SETTINGS
@given(
    w0=st.floats(-3, 3).filter(lambda w: abs(w) > 0.05),
    rate=st.floats(0.005, 0.45),  # learning_rate * lam
    lam=st.floats(0.1, 5),
    l1_step=st.sampled_from(["proximal", "subgradient"]),
    n_frames=st.integers(2, 400),
    dpi=small_dpi,
)
def test_accepted_gradient_configs_show_the_lesson(
    default_config, w0, rate, lam, l1_step, n_frames, dpi
):
    override = {
        "w0": w0,
        "lam": lam,
        "learning_rate": rate / lam,
        "l1_step": l1_step,
        "n_frames": n_frames,
        "style": {"dpi": dpi},
    }
    config = merged(default_config, {"l1_l2_gradient": override})
    try:
        validate(config)
    except ConfigError as refusal:
        # what is left to refuse: too few frames for L1, so many that L2 leaves the normal floats
        # (on its way to 0.0), or a start too near the w axis' ends for its markers
        message = str(refusal)
        low, high = (as_written(v) for v in default_config["l1_l2_gradient"]["w_limits"])
        room = as_written(W0_ROOM) * (high - low)
        near_the_ends = not low + room <= as_written(w0) <= high - room
        assert (
            "l1_l2_gradient.n_frames" in message
            or "smallest normal float" in message
            or ("l1_l2_gradient.w0" in message and near_the_ends)
        )
        return
    section = config["l1_l2_gradient"]
    descent = gradient_descent(section)
    l1 = [f["l1"] for f in descent["frames"]]
    l2 = [f["l2"] for f in descent["frames"]]
    assert all(w != 0 for w in l2) and abs(l2[-1]) < abs(w0)  # shrinks, never reaches 0
    if l1_step == "proximal":
        assert first_zero(l1) is not None and l1[-1] == 0.0
    fig, update = scene("l1_l2_gradient", config)
    last = list(frames(fig, update, [0, n_frames - 1]))
    assert (last[0][1] != last[1][1]).any()
    plt.close(fig)


@pytest.mark.slow  # builds figures in process
@PROPERTY_SETTINGS
@given(override=city_override())
def test_valid_cities_build_an_svg_with_the_manhattan_lengths(default_config, tmp_path, override):
    config = copy.deepcopy(default_config)
    config["manhattan_distance"].update(override)  # paths replaced, not merged
    section = validate(config)["manhattan_distance"]
    geometry = city(section)
    assert {p["length"] for p in geometry["paths"].values()} == {geometry["manhattan_distance"]}
    style = figure_style(config, "manhattan_distance")
    apply_house_style(style)
    fig = manhattan_distance.city_figure(geometry, style | {"dpi": 20})
    measures = manhattan_words.measures(geometry)
    entry = CATALOGUE["manhattan_distance"]
    said = figure_words(entry.words.function, measures, {"light": style}, entry.category)["themes"][
        "light"
    ]
    write_svg(fig, tmp_path / "city.svg", said[SVG_TITLE], said[SVG_DESC])
    assert (tmp_path / "city.svg").stat().st_size > 0
    plt.close(fig)


@PROPERTY_SETTINGS
@given(override=city_override(), detour=st.sampled_from(["UD", "DU", "LR", "RL"]), data=st.data())
def test_paths_with_a_detour_are_refused_naming_the_path(default_config, override, detour, data):
    name = data.draw(st.sampled_from(sorted(override["paths"])))
    moves = override["paths"][name]["moves"]
    at = data.draw(st.integers(0, len(moves)))
    override["paths"][name]["moves"] = moves[:at] + detour + moves[at:]
    config = copy.deepcopy(default_config)
    config["manhattan_distance"].update(override)
    with pytest.raises(ConfigError, match=rf"manhattan_distance\.paths\.{name}"):
        validate(config)


def leaves(node, path=()):
    """Paths to every scalar in a nested config (through dicts and lists)."""
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in items:
        if isinstance(value, (dict, list)):
            yield from leaves(value, (*path, key))
        else:
            yield (*path, key)


def dict_nodes(node, path=()):
    if isinstance(node, dict):
        yield path
        for key, value in node.items():
            yield from dict_nodes(value, (*path, key))


def last_key(path) -> str:
    return next(str(key) for key in reversed(path) if isinstance(key, str))


@PROPERTY_SETTINGS
@given(
    seed=st.integers(0, 10**6),
    wrong=st.sampled_from([{"a": 1}, [[]], None, math.nan, math.inf, -math.inf]),
)
def test_a_wrong_type_anywhere_is_refused_naming_the_key(default_config, seed, wrong):
    config = copy.deepcopy(default_config)
    path = random.Random(seed).choice(list(leaves(config)))
    current = config
    for key in path:
        current = current[key]
    assume(current is not None)  # a key that may be null (no weak feature) takes None
    set_at(config, path, wrong)
    with pytest.raises(ConfigError, match=last_key(path)):
        validate(config)


def number_leaves(config):
    """Paths to every number in the config (booleans are not numbers)."""
    for path in leaves(config):
        value = config
        for key in path:
            value = value[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            yield path


@PROPERTY_SETTINGS
@given(seed=st.integers(0, 10**6), value=st.floats())  # NaN, infinities, huge and tiny included
def test_any_float_for_any_number_is_refused_by_name_unless_finite_and_allowed(
    default_config, seed, value
):
    config = copy.deepcopy(default_config)
    path = random.Random(seed).choice(list(number_leaves(config)))
    set_at(config, path, value)
    try:
        validate(config)
    except ConfigError as refusal:
        lines = str(refusal).splitlines()
        if not math.isfinite(value):
            assert lines == [f"{key_path(path)} = {value}: must be a finite number"]
        assert any(last_key(path) in line for line in lines), lines
        return
    assert math.isfinite(value)


@PROPERTY_SETTINGS
@given(seed=st.integers(0, 10**6), key=st.from_regex(r"\A[a-z][a-z_]{2,12}\Z"))
def test_an_unknown_key_anywhere_is_refused_naming_it(default_config, seed, key):
    config = copy.deepcopy(default_config)
    node = random.Random(seed).choice(list(dict_nodes(config)))
    target = config
    for step in node:
        target = target[step]
    assume(key not in target)
    target[key] = 1
    with pytest.raises(ConfigError, match=rf"\.{key}\b"):
        validate(config)
