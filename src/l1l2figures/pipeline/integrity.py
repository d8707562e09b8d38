"""Finished files checked whole before they are published into figures/ or site/.

One check per format, each taking a path and what the file must hold: every frame of a GIF or
WebP decodes and they show for the animation's whole duration; a video's container and stream
decode to their end, frame by frame, with the frame count of its duration; a PNG passes its
CRC-32s and decodes; an SVG parses. A file that fails is named and dated out of date
(files.corrupt), so that the next plain run remakes it, and nothing is published.
"""

import os
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import imageio_ffmpeg
from PIL import Image

from l1l2figures.arrays import PNG_DAMAGE, read_png
from l1l2figures.errors import IncompleteFileError
from l1l2figures.files import corrupt
from l1l2figures.rendering.encode import video_frame_step_ms


def check_png(path: str | os.PathLike) -> None:
    read_png(path)


def check_svg(path: str | os.PathLike) -> None:
    ET.parse(path)


def check_animated_image(path: str | os.PathLike, durations_ms: Sequence[int]) -> None:
    """Every frame of a GIF or WebP decodes, and together they show for ``sum(durations_ms)``.

    The total duration, not the count: the GIF encoder merges identical consecutive frames and adds
    up their durations. A truncated file loses its last frames and their time.
    """
    shown_ms = 0
    with Image.open(path) as image:
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            image.load()
            shown_ms += image.info["duration"]
    if shown_ms != sum(durations_ms):
        raise IncompleteFileError(
            f"its frames show for {shown_ms} ms, not the animation's {sum(durations_ms)} ms"
        )


def check_video(path: str | os.PathLike, n_frames: int) -> None:
    """ffmpeg decodes the video's first stream to its end without an error, in ``n_frames`` frames."""
    decoded = subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(),
            *("-nostdin", "-v", "error", "-i", str(path)),
            *("-map", "0:v:0", "-f", "framemd5", "-"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    errors = decoded.stderr.strip()
    if decoded.returncode or errors:
        raise IncompleteFileError(f"ffmpeg cannot decode it whole: {errors.splitlines()[-1:]}")
    frames = sum(not line.startswith("#") for line in decoded.stdout.splitlines())
    if frames != n_frames:
        raise IncompleteFileError(f"{frames} video frames, not {n_frames}")


# What the checks raise for a file that is not whole.
DAMAGE = (*PNG_DAMAGE, ET.ParseError, IncompleteFileError)


def check_whole(path: str | os.PathLike, durations_ms: Sequence[int] | None = None) -> None:
    """Refuse a finished file that is not whole: a ``CorruptFileError`` names it.

    ``durations_ms`` are an animation's frame times (GIF, WebP, video), as its encoder was given.
    """
    suffix = Path(path).suffix
    try:
        if suffix == ".png":
            check_png(path)
        elif suffix == ".svg":
            check_svg(path)
        elif suffix in (".gif", ".webp"):
            check_animated_image(path, durations_ms)
        else:
            check_video(path, sum(durations_ms) // video_frame_step_ms(durations_ms))
    except FileNotFoundError:
        raise  # missing, not damaged: Snakemake says which rule makes it
    except DAMAGE as error:
        raise corrupt([path], f"{path} is damaged ({error})") from error
