"""Figures to files: small, visually lossless, byte-identical GIFs; MP4 and WebP; accessible SVGs.

One palette is computed for all frames and shared by them. A shared palette lets Pillow store each
frame as the rectangle that changed, with unchanged pixels transparent; without dithering, line art
stays crisp and white stays white. On the outlier sweep this is about 0.3x the size of imageio's
default encoding (per-frame palettes), with a mean error under one level (of 255) per channel.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

import imageio_ffmpeg
import numpy as np
from PIL import Image

from l1l2figures.files import atomic_path

if TYPE_CHECKING:  # assemble jobs never import matplotlib
    from matplotlib.figure import Figure

# 255, not 256: the free palette index is what Pillow uses for "unchanged since the last frame".
PALETTE_COLORS = 255
# Frames of one animation share nearly all their colours: a palette from this many evenly spaced
# frames matches one from all of them (GIF 2-3% larger) at a fraction of the time and memory.
PALETTE_SAMPLE_FRAMES = 16

Frame = np.ndarray | str | os.PathLike  # an RGB array, or the path of an image file


def _rgb(frame: Frame) -> np.ndarray:
    if isinstance(frame, np.ndarray):
        return frame
    with Image.open(frame) as image:
        return np.asarray(image.convert("RGB"))


def global_palette(frames: Sequence[Frame]) -> Image.Image:
    """A palette image for all ``frames``: maximum-coverage quantization of a sample of them."""
    picks = np.unique(np.linspace(0, len(frames) - 1, PALETTE_SAMPLE_FRAMES).round().astype(int))
    sample = Image.fromarray(np.concatenate([_rgb(frames[i]) for i in picks], axis=0))
    return sample.quantize(
        PALETTE_COLORS, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE
    )


def _save_animation(
    images: Sequence[Image.Image], path: str | os.PathLike, durations_ms: Sequence[int], **options
) -> None:
    """Save Pillow images as one animation that loops forever, with Pillow's format ``options``."""
    with atomic_path(path) as tmp:
        images[0].save(
            tmp,
            save_all=True,
            append_images=images[1:],
            duration=list(durations_ms),
            loop=0,
            **options,
        )


def write_gif(
    frames: Sequence[Frame], path: str | os.PathLike, durations_ms: Sequence[int]
) -> None:
    """Write ``frames`` as a GIF that loops forever; frame i shows for durations_ms[i] ms.

    Frames given as paths are read one at a time and kept as palette images (a byte per pixel).
    Pillow merges identical consecutive frames and adds up their durations, so the total duration
    is kept even where the frame count shrinks.
    """
    if len(frames) != len(durations_ms):
        raise ValueError(f"{len(frames)} frames but {len(durations_ms)} durations")
    palette = global_palette(frames)
    images = [
        Image.fromarray(_rgb(frame)).quantize(palette=palette, dither=Image.Dither.NONE)
        for frame in frames
    ]
    _save_animation(
        images, path, durations_ms, format="GIF", optimize=True, palette=images[0].getpalette()
    )


# libwebp's slowest, tightest lossless method: on these figures 8-12x smaller than its default.
WEBP_METHOD = 6


def write_webp(
    frames: Sequence[Frame], path: str | os.PathLike, durations_ms: Sequence[int]
) -> None:
    """Write ``frames`` as a lossless animated WebP that loops forever.

    Only the first frame is a key frame; every other frame is stored as its difference from the one
    before (a looping figure is never seeked), which keeps the file near the GIF's size.
    """
    images = [Image.fromarray(_rgb(frame)) for frame in frames]
    _save_animation(
        images,
        path,
        durations_ms,
        format="WEBP",
        lossless=True,
        method=WEBP_METHOD,
        kmax=len(images),
        kmin=len(images) - 1,
    )


# H.264 codes 16 x 16 pixel blocks; imageio-ffmpeg would rescale frames of any other size.
VIDEO_BLOCK_PX = 16
# Byte-identical videos: no encoder version string or other metadata that could vary. The format
# is named because the temporary file it is written to has no .mp4 suffix.
VIDEO_OUTPUT_PARAMS = ["-fflags", "+bitexact", "-map_metadata", "-1", "-f", "mp4"]


def write_mp4(
    frames: Sequence[Frame], path: str | os.PathLike, durations_ms: Sequence[int]
) -> None:
    """Write ``frames`` as an H.264 MP4 at a constant frame rate, never rescaled.

    The frame time is the greatest common divisor of the durations, and a longer frame (the pause at
    the end) is repeated: video players show every frame for as long as the GIF does.
    """
    height, width = _rgb(frames[0]).shape[:2]
    if width % VIDEO_BLOCK_PX or height % VIDEO_BLOCK_PX:
        raise ValueError(
            f"frames of {width} x {height} px: MP4 needs multiples of {VIDEO_BLOCK_PX} px"
        )
    step_ms = math.gcd(*durations_ms)
    with atomic_path(path) as tmp:
        writer = imageio_ffmpeg.write_frames(
            str(tmp),
            (width, height),
            fps=1000 / step_ms,
            codec="libx264",
            macro_block_size=VIDEO_BLOCK_PX,
            output_params=VIDEO_OUTPUT_PARAMS,
            ffmpeg_log_level="error",
        )
        writer.send(None)  # start ffmpeg
        for frame, duration in zip(frames, durations_ms, strict=True):
            pixels = np.ascontiguousarray(_rgb(frame))
            for _ in range(duration // step_ms):
                writer.send(pixels)
        writer.close()


# Animation writers by file suffix: the formats that `formats:` in config/config.yaml can name.
ANIMATION_WRITERS = {".gif": write_gif, ".mp4": write_mp4, ".webp": write_webp}


def write_svg(fig: Figure, path: str | os.PathLike, title: str, description: str) -> None:
    """Write ``fig`` as an SVG with <title> and <desc>, which screen readers announce.

    Byte-identical for the same figure: no date, and the house style fixes ``svg.hashsalt``.
    Text stays text (``svg.fonttype: none``), so it can be searched and selected.
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue().decode("utf-8")
    # <title> and <desc> must be the first children of <svg>; matplotlib writes neither.
    svg_tag_end = svg.index(">", svg.index("<svg")) + 1
    accessible = f"\n <title>{escape(title)}</title>\n <desc>{escape(description)}</desc>"
    with atomic_path(path) as tmp:
        tmp.write_text(svg[:svg_tag_end] + accessible + svg[svg_tag_end:], encoding="utf-8")
