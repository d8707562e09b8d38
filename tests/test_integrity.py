"""A finished file is checked whole before it is published: a damaged one is named with the rule
that makes it and dated out of date, whatever its format."""

import xml.etree.ElementTree as ET

import pytest
from matplotlib.figure import Figure
from test_encode import video_frames

from l1l2figures.encode import ANIMATION_WRITERS, write_svg
from l1l2figures.files import CorruptFileError
from l1l2figures.integrity import check_whole

DURATIONS_MS = [100, 100, 100, 100, 100, 100, 100, 500]
FIGURE = "robustness"  # the layout of results/: results/<figure>/<theme>/<figure>.<format>


def finished(tmp_path, suffix: str):
    """An encoding of a moving bar, where the pipeline puts it."""
    path = tmp_path / "results" / FIGURE / "light" / f"{FIGURE}{suffix}"
    ANIMATION_WRITERS[suffix](video_frames(len(DURATIONS_MS)), path, DURATIONS_MS)
    return path


def halve(path) -> None:
    """What a crash of another tool, a full disk or a bad copy leaves."""
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


@pytest.mark.parametrize("suffix", sorted(ANIMATION_WRITERS))
def test_a_halved_animation_is_refused_naming_its_rule_and_dated_out_of_date(tmp_path, suffix):
    path = finished(tmp_path, suffix)
    check_whole(path, DURATIONS_MS)  # whole
    halve(path)
    with pytest.raises(
        CorruptFileError,
        match=rf"{FIGURE}\{suffix} is damaged .*"
        rf"rule assemble_{FIGURE}$",
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
        with pytest.raises(CorruptFileError, match=rf"{name} is damaged .*rule render_stability$"):
            check_whole(still / name)
    with pytest.raises(ET.ParseError):
        ET.parse(still / "stability.svg")


def test_a_missing_file_is_not_taken_for_a_damaged_one(tmp_path):
    with pytest.raises(FileNotFoundError):
        check_whole(tmp_path / "results" / FIGURE / "light" / f"{FIGURE}.gif", DURATIONS_MS)
