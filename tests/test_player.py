"""The blog player's data: each frame's words, when each frame shows in the video, the chapters.

The player itself (keys, the frame shown, reduced motion, themes) is tested in headless Chromium
in tests/test_site.py.
"""

import itertools
import math
import re

import numpy as np
import pytest

from l1l2figures.pipeline.site import numbered_frames, player_data
from l1l2figures.rendering.chapters import chapters_vtt
from l1l2figures.rendering.formats import VIDEO_MIME_TYPES, page_source_type

ANIMATIONS = ["outlier_sweep", "l1_l2_gradient", "robustness", "sparsity"]
NUMBER = re.compile(r"−?\d+(?:\.\d+)?")


def number(text: str, which: int = 0) -> tuple[float, int]:
    """The first (or ``which``) number of ``text`` and its decimals."""
    found = NUMBER.findall(text)[which]
    decimals = len(found.split(".")[1]) if "." in found else 0
    return float(found.replace("−", "-")), decimals


def assert_says(label: str, value: float) -> None:
    said, decimals = number(label)
    assert abs(said - value) <= 0.5 * 10**-decimals + 1e-9, (label, value)


def frames_of(words: dict, figure: str) -> dict:
    return words[figure]["frames"]


@pytest.mark.parametrize("figure", ANIMATIONS)
def test_every_frame_has_a_label_and_a_sentence_that_starts_with_it(default_words, figure):
    frames = frames_of(default_words, figure)
    n = default_words[figure]["measures"]["n_frames"] if figure != "l1_l2_gradient" else None
    labels, sentences = frames["labels"], frames["sentences"]
    assert len(labels) == len(sentences) == (n or default_words[figure]["measures"]["n_steps"] + 1)
    assert all(a != b for a, b in itertools.pairwise(labels)), "neighbouring frames read alike"
    for label, sentence in zip(labels, sentences):
        assert sentence.startswith(label[0].upper() + label[1:]), (label, sentence)
        assert sentence.endswith(".") and not re.search(r"-\d", sentence)  # minus signs
    assert frames["parameter"]


def test_the_outlier_sweep_frames_say_where_the_outlier_is(default_words, default_config):
    section = default_config["outlier_sweep"]
    xs = np.linspace(*section["outlier_x_range"], section["n_frames"])
    low, high = min(section["base_x"]), max(section["base_x"])
    frames = frames_of(default_words, "outlier_sweep")
    decimals = len(frames["labels"][0].rpartition(".")[2])  # as the labels print x
    edges = {round(low, decimals), round(high, decimals)}
    for x, label, sentence in zip(xs, frames["labels"], frames["sentences"]):
        assert_says(label, x)
        # No position beside a point prints as the point's own x (−0.017 as "0.0").
        assert all(round(x, decimals) != round(p, decimals) or x == p for p in section["base_x"])
        # Where x is as the label prints it: a value that prints as an edge is at the edge.
        where = (
            "at the edge"
            if round(x, decimals) in edges
            else "among the points"
            if low < x < high
            else "outside the points' x range"
        )
        assert where in sentence, (x, sentence)


def test_the_gradient_frames_give_each_weight_after_each_step(default_words, default_config):
    section = default_config["l1_l2_gradient"]
    assert section["l1_step"] == "proximal"  # the default, which the check below follows
    step = section["learning_rate"] * section["lam"]
    w1 = w2 = section["w0"]
    frames = frames_of(default_words, "l1_l2_gradient")
    for k, (label, sentence) in enumerate(zip(frames["labels"], frames["sentences"])):
        assert label == f"step {k}"
        l1_text, l2_text = sentence.split(": ", 1)[1].split(", ")
        for w, text in ((w1, l1_text), (w2, l2_text)):
            if w == 0:
                assert "exactly 0" in text, (k, sentence)
            else:
                assert number(text, -1)[0] == pytest.approx(w, rel=5e-3), (k, sentence)
        w1 = math.copysign(max(abs(w1) - step, 0.0), w1)
        w2 *= 1 - 2 * step


def test_the_robustness_frames_say_the_points_height(default_words, default_config):
    section = default_config["robustness"]
    rises = np.linspace(*section["outlier_rise"], section["n_frames"])
    frames = frames_of(default_words, "robustness")
    for rise, label in zip(rises, frames["labels"]):
        if label == "point on the line":
            assert abs(rise) < 0.5
        else:
            assert_says(label, abs(rise))
            assert ("above" in label) == (rise > 0), label
            assert number(label)[0] != 0, label  # a side is named only for a point off the line


def test_the_sparsity_frames_say_the_centres_angle(default_words, default_config):
    section = default_config["sparsity"]
    angles = np.linspace(*section["centre_angles_deg"], section["n_frames"])
    frames = frames_of(default_words, "sparsity")
    for angle, label, sentence in zip(angles, frames["labels"], frames["sentences"]):
        assert_says(label, angle)
        assert ("L1 solution is on a corner" in sentence) == ("exactly 0" in sentence), sentence
    corners = sum("L1 solution is on a corner" in s for s in frames["sentences"])
    assert corners == default_words["sparsity"]["measures"]["places"]["corner"]


def frame_words(n: int) -> dict:
    return {
        "parameter": "p",
        "labels": [f"p {i}" for i in range(n)],
        "sentences": [f"P {i}." for i in range(n)],
    }


@pytest.mark.parametrize(
    "durations",
    [[500, 100, 300, 100, 1000], [120, 120, 600, 240, 1500], [100] * 6],
)
def test_seeking_a_frames_time_shows_that_frame_whatever_the_rounding(durations):
    pacing = {"durations_ms": durations, "moments": [], "poster": 0}
    data = player_data(frame_words(len(durations)), pacing, list(range(len(durations))))
    # The video at its constant rate: each frame repeated for its duration's ticks.
    tick = math.gcd(*durations)
    ticks = [frame for frame, ms in enumerate(durations) for _ in range(ms // tick)]
    for frame, seek in enumerate(data["seek_ms"]):
        assert ticks[int(seek // tick)] == frame
        assert seek % tick not in (0, tick)  # never on the edge between two video frames
        assert data["starts_ms"][frame] <= seek < data["starts_ms"][frame + 1]
    assert data["starts_ms"][-1] == sum(durations)


def test_a_draft_shows_each_key_moment_at_its_nearest_shown_frame_once():
    shown = [0, 5, 11]
    pacing = {"durations_ms": [300, 100, 1000], "moments": [[4, "a"], [6, "b"], [11, "c"]]}
    data = player_data(frame_words(12), {**pacing, "poster": 5}, shown)
    assert data["chapters"] == [{"frame": 1, "title": "a"}, {"frame": 2, "title": "c"}]
    assert data["labels"] == ["p 0", "p 5", "p 11"] and data["poster"] == 1
    vtt = chapters_vtt([(c["frame"], c["title"]) for c in data["chapters"]], [300, 100, 1000])
    assert "00:00:00.300 --> 00:00:00.400\na" in vtt and "00:00:00.400 --> 00:00:01.400\nc" in vtt


@pytest.mark.parametrize("fmt", list(VIDEO_MIME_TYPES))
def test_a_pages_video_type_survives_a_minifier_that_lowercases_it(fmt):
    page_type = page_source_type(fmt)
    assert page_type.lower() == page_type
    assert VIDEO_MIME_TYPES[fmt].startswith(page_type)


def test_a_figure_without_frame_words_counts_its_frames_in_a_draft_too():
    data = player_data(
        numbered_frames(12), {"durations_ms": [100] * 3, "moments": [], "poster": 5}, [0, 5, 11]
    )
    assert data["labels"] == ["frame 1 of 12", "frame 6 of 12", "frame 12 of 12"]
    assert data["sentences"][1] == "Frame 6 of 12."
