"""Encoding: GIF (looping, durations, colour fidelity, atomic writes), web video and posters."""

import imageio_ffmpeg
import numpy as np
import pytest
import yaml
from PIL import Image

from conftest import REPO, gif_frames, video_frames
from l1l2figures.rendering.encode import (
    ANIMATION_WRITERS,
    PALETTE_COLORS,
    global_palette,
    to_palette,
    video_ssim,
    write_gif,
    write_mp4,
    write_poster,
    write_svg,
    write_webm,
)
from l1l2figures.rendering.formats import ANIMATION_FORMATS, VIDEO_MIME_TYPES

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


def test_gif_loops_with_the_given_durations(tmp_path):
    frames = line_art_frames(6)
    durations = [100, 100, 100, 100, 100, 1500]
    write_gif(frames, tmp_path / "a.gif", durations)
    back, back_durations, info = gif_frames(tmp_path / "a.gif")
    assert info["loop"] == 0
    assert back_durations == durations
    assert len(back) == len(frames)


def test_gif_is_visually_lossless_and_white_stays_white(tmp_path):
    frames = line_art_frames(6)
    write_gif(frames, tmp_path / "a.gif", [50] * 6)
    back, _, _ = gif_frames(tmp_path / "a.gif")
    for original, decoded in zip(frames, back):
        assert np.abs(original.astype(int) - decoded).mean() <= 1
        assert tuple(decoded[0, 0]) == WHITE


def test_identical_frames_merge_but_keep_the_total_duration(tmp_path):
    frames = line_art_frames(3)
    frames = [frames[0], frames[0], frames[1], frames[2]]
    write_gif(frames, tmp_path / "a.gif", [100, 200, 100, 100])
    _, durations, _ = gif_frames(tmp_path / "a.gif")
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


VIDEO_WRITERS = {"webm": write_webm, "mp4": write_mp4}


def read_video(path) -> tuple[dict, list[np.ndarray]]:
    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    width, height = meta["size"]
    frames = [np.frombuffer(f, np.uint8).reshape(height, width, 3) for f in reader]
    return meta, frames


@pytest.mark.parametrize("ext", VIDEO_WRITERS)
def test_video_shows_each_frame_for_its_duration_and_repeats_the_pause(tmp_path, ext):
    frames = video_frames(4)
    path = tmp_path / f"a.{ext}"
    VIDEO_WRITERS[ext](frames, path, [100, 100, 100, 300])
    meta, decoded = read_video(path)
    assert meta["size"] == (64, 48)
    assert meta["fps"] == pytest.approx(10)
    assert len(decoded) == 6  # three frames, then the last one for three frame times
    bar_starts = [int(np.argmax(f[20, :, 0] < 128)) for f in decoded]
    assert bar_starts[:3] == sorted(set(bar_starts[:3]))  # the bar moves every frame ...
    assert len(set(bar_starts[3:])) == 1  # ... and stands still during the pause


@pytest.mark.parametrize("ext", VIDEO_WRITERS)
def test_video_bytes_are_the_same_each_time_and_close_to_the_frames(tmp_path, ext):
    frames, durations = video_frames(5), [100] * 5
    VIDEO_WRITERS[ext](frames, tmp_path / f"a.{ext}", durations)
    VIDEO_WRITERS[ext](frames, tmp_path / f"b.{ext}", durations)
    assert (tmp_path / f"a.{ext}").read_bytes() == (tmp_path / f"b.{ext}").read_bytes()
    own = video_ssim(tmp_path / f"a.{ext}", frames, durations)
    other = video_ssim(tmp_path / f"a.{ext}", frames[::-1], durations)
    assert own > 0.95 > other


def test_webm_is_av1_and_mp4_is_h264_with_its_index_first(tmp_path):
    frames, durations = video_frames(3), [100] * 3
    write_webm(frames, tmp_path / "a.webm", durations)
    write_mp4(frames, tmp_path / "a.mp4", durations)
    assert read_video(tmp_path / "a.webm")[0]["codec"].startswith("av1")
    assert read_video(tmp_path / "a.mp4")[0]["codec"].startswith("h264")
    mp4 = (tmp_path / "a.mp4").read_bytes()
    assert mp4.index(b"moov") < mp4.index(b"mdat")  # +faststart


@pytest.mark.parametrize("ext", VIDEO_WRITERS)
def test_frames_of_a_size_video_would_rescale_are_refused(tmp_path, ext):
    with pytest.raises(ValueError, match="60 x 40 px"):
        VIDEO_WRITERS[ext](line_art_frames(2), tmp_path / f"a.{ext}", [100, 100])
    assert not (tmp_path / f"a.{ext}").exists()


def test_poster_is_a_palette_png_of_the_frame_with_the_same_bytes_each_time(tmp_path):
    """A palette makes the poster small (bench/results.md measures how small on the figures)."""
    frame = line_art_frames(1)[0]
    write_poster(frame, tmp_path / "a.png")
    write_poster(frame, tmp_path / "b.png")
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    with Image.open(tmp_path / "a.png") as poster:
        assert poster.format == "PNG" and poster.mode == "P"
        pixels = np.asarray(poster.convert("RGB"))
    assert np.abs(pixels.astype(int) - frame).mean() <= 1
    assert tuple(pixels[0, 0]) == WHITE


def test_a_colour_in_the_palette_is_kept_exactly(tmp_path):
    """Pillow's own mapping once turned white into (253, 250, 248) with white in the palette."""
    frame = np.full((64, 64, 3), 255, dtype=np.uint8)
    frame[:32] = (253, 250, 248)
    frame[40:, 40:] = np.random.default_rng(0).integers(0, 256, (4, 4, 3)).repeat(6, 0).repeat(6, 1)
    write_gif([frame, frame[::-1]], tmp_path / "a.gif", [100, 100])
    with Image.open(tmp_path / "a.gif") as gif:
        first = np.asarray(gif.convert("RGB"))
    assert (first[32:40] == 255).all() and (first[:32] == (253, 250, 248)).all()


def test_every_frame_maps_each_colour_to_its_nearest_palette_colour():
    """Colours are matched once and remembered: also those that first appear in a later frame."""
    rng = np.random.default_rng(1)
    frames = [rng.integers(0, 256, (24, 24, 3), dtype=np.uint8) for _ in range(3)]
    frames[2][:8] = frames[0][:8]  # colours seen before, beside new ones
    palette = global_palette(frames)
    colours = np.array(palette.getpalette()[: 3 * PALETTE_COLORS]).reshape(-1, 3)
    for frame, image in zip(frames, to_palette(frames, palette)):
        distances = ((frame[:, :, None, :].astype(int) - colours) ** 2).sum(axis=-1)
        assert (np.asarray(image) == distances.argmin(axis=-1)).all()


def test_the_formats_are_the_same_in_the_writers_and_the_schema():
    schema = yaml.safe_load((REPO / "config" / "schema.yaml").read_text())
    assert tuple(schema["properties"]["formats"]["items"]["enum"]) == ANIMATION_FORMATS
    assert set(ANIMATION_WRITERS) == {f".{extension}" for extension in ANIMATION_FORMATS}
    assert set(VIDEO_MIME_TYPES) <= set(ANIMATION_FORMATS)


def test_an_svg_is_as_wide_in_css_pixels_as_its_png(tmp_path):
    """A 7.2 in figure at 100 dpi is a 720 px PNG; its SVG must show 720 px wide too, not the
    691 px that matplotlib's 518.4pt means to a browser."""
    import xml.etree.ElementTree as ET

    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.2, 4.8), dpi=100)
    fig.add_subplot().plot([0, 1], [0, 1])
    write_svg(fig, tmp_path / "f.svg", "a title", "a description")
    fig.savefig(tmp_path / "f.png", dpi=fig.dpi)
    root = ET.parse(tmp_path / "f.svg").getroot()
    with Image.open(tmp_path / "f.png") as png:
        width, height = png.size
    assert (root.get("width"), root.get("height")) == (f"{width}px", f"{height}px")
    assert root.get("viewBox") == "0 0 518.4 345.6"  # the drawing, scaled to that size


def test_a_colour_that_covers_a_large_area_is_kept_exactly(tmp_path):
    """A flat band keeps its own colour however many others compete for the palette: quantization
    alone averaged the sweep's grey band into a mint green under some configs."""
    rng = np.random.default_rng(3)
    frame = rng.integers(0, 256, (96, 96, 3), dtype=np.uint8)  # thousands of colours
    frame[:, :32] = (238, 238, 238)  # the band: a third of the picture
    frame[:, 32:40] = (0, 158, 132)  # a line's colour
    write_gif([frame, frame[::-1, ::-1]], tmp_path / "a.gif", [100, 100])
    with Image.open(tmp_path / "a.gif") as gif:
        first = np.asarray(gif.convert("RGB"))
    assert (first[:, :32] == (238, 238, 238)).all()
    assert (first[:, 32:40] == (0, 158, 132)).all()
