"""A finished file is checked whole before it is published: a damaged one is named and dated out
of date, whatever its format."""

import xml.etree.ElementTree as ET

import pytest
from matplotlib.figure import Figure

from conftest import video_frames
from l1l2figures.errors import CorruptFileError
from l1l2figures.pipeline.integrity import check_whole
from l1l2figures.rendering.encode import ANIMATION_WRITERS, write_svg

DURATIONS_MS = [100, 100, 100, 100, 100, 100, 100, 500]
FIGURE = "robustness"


def finished(tmp_path, suffix: str):
    """An encoding of a moving bar, where the pipeline puts it."""
    path = tmp_path / "results" / FIGURE / "light" / f"{FIGURE}{suffix}"
    ANIMATION_WRITERS[suffix](video_frames(len(DURATIONS_MS)), path, DURATIONS_MS)
    return path


def halve(path) -> None:
    """What a crash of another tool, a full disk or a bad copy leaves."""
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


@pytest.mark.parametrize("suffix", sorted(ANIMATION_WRITERS))
def test_a_halved_animation_is_refused_named_and_dated_out_of_date(tmp_path, suffix):
    path = finished(tmp_path, suffix)
    check_whole(path, DURATIONS_MS)  # whole
    halve(path)
    with pytest.raises(
        CorruptFileError,
        match=rf"{FIGURE}\{suffix} is damaged .*; the next run remakes .*{FIGURE}\{suffix}$",
    ):
        check_whole(path, DURATIONS_MS)
    assert path.stat().st_mtime == 0  # older than any input: the next plain run remakes it


@pytest.mark.parametrize("suffix", sorted(ANIMATION_WRITERS))
def test_an_animation_of_other_frame_times_is_refused(tmp_path, suffix):
    """A whole file of the wrong length: what the config asks has changed, not the file."""
    path = finished(tmp_path, suffix)
    with pytest.raises(CorruptFileError, match="is damaged"):
        check_whole(path, [*DURATIONS_MS[:-1], 1000])


def test_a_truncated_or_bit_flipped_png_and_a_truncated_svg_are_refused(tmp_path):
    still = tmp_path / "results" / "stability" / "dark"
    fig = Figure(figsize=(2, 1), dpi=40)
    fig.text(0.5, 0.5, "L1")
    still.mkdir(parents=True)
    fig.savefig(still / "stability.png")
    write_svg(fig, still / "stability.svg", "title", "description")
    for name in ("stability.png", "stability.svg"):
        check_whole(still / name)
        halve(still / name)
        with pytest.raises(
            CorruptFileError, match=rf"{name} is damaged .*; the next run remakes .*{name}$"
        ):
            check_whole(still / name)
    with pytest.raises(ET.ParseError):
        ET.parse(still / "stability.svg")


def test_a_missing_file_is_not_taken_for_a_damaged_one(tmp_path):
    with pytest.raises(FileNotFoundError):
        check_whole(tmp_path / "results" / FIGURE / "light" / f"{FIGURE}.gif", DURATIONS_MS)
