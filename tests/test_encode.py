"""GIF encoding: looping, durations, colour fidelity, atomic writes."""

import numpy as np
import pytest
from PIL import Image, ImageSequence

from l1l2figures.encode import write_gif

WHITE = (255, 255, 255)


def line_art_frames(n: int) -> list[np.ndarray]:
    """White frames with an anti-aliased-looking green bar that moves one step per frame."""
    frames = []
    for i in range(n):
        frame = np.full((40, 60, 3), 255, np.uint8)
        frame[10:14, 5 + 5 * i : 15 + 5 * i] = (0, 128, 0)
        frame[14, 5 + 5 * i : 15 + 5 * i] = (128, 192, 128)  # a blended edge row
        frame[30:33, 2:8] = (255, 0, 0)  # a static red mark
        frames.append(frame)
    return frames


def read_gif(path) -> tuple[list[np.ndarray], list[int], dict]:
    with Image.open(path) as im:
        info = dict(im.info)
        frames, durations = [], []
        for frame in ImageSequence.Iterator(im):
            frames.append(np.asarray(frame.convert("RGB")))
            durations.append(frame.info["duration"])
    return frames, durations, info


def test_gif_loops_with_the_given_durations(tmp_path):
    frames = line_art_frames(6)
    durations = [100, 100, 100, 100, 100, 1500]
    write_gif(frames, tmp_path / "a.gif", durations)
    back, back_durations, info = read_gif(tmp_path / "a.gif")
    assert info["loop"] == 0
    assert back_durations == durations
    assert len(back) == len(frames)


def test_gif_is_visually_lossless_and_white_stays_white(tmp_path):
    frames = line_art_frames(6)
    write_gif(frames, tmp_path / "a.gif", [50] * 6)
    back, _, _ = read_gif(tmp_path / "a.gif")
    for original, decoded in zip(frames, back):
        assert np.abs(original.astype(int) - decoded).mean() <= 1
        assert tuple(decoded[0, 0]) == WHITE


def test_identical_frames_merge_but_keep_the_total_duration(tmp_path):
    frames = line_art_frames(3)
    frames = [frames[0], frames[0], frames[1], frames[2]]
    write_gif(frames, tmp_path / "a.gif", [100, 200, 100, 100])
    _, durations, _ = read_gif(tmp_path / "a.gif")
    assert sum(durations) == 500


def test_same_frames_give_the_same_bytes(tmp_path):
    frames = line_art_frames(5)
    write_gif(frames, tmp_path / "a.gif", [100] * 5)
    write_gif(frames, tmp_path / "b.gif", [100] * 5)
    assert (tmp_path / "a.gif").read_bytes() == (tmp_path / "b.gif").read_bytes()


def test_mismatched_durations_are_refused_and_nothing_is_written(tmp_path):
    with pytest.raises(ValueError, match="3 frames but 2 durations"):
        write_gif(line_art_frames(3), tmp_path / "a.gif", [100, 100])
    assert list(tmp_path.iterdir()) == []
