"""Figures to files: small, visually lossless, byte-identical GIFs; web video (WebM, MP4) with a
poster PNG; lossless WebP; accessible SVGs.

One palette is computed for all frames and shared by them. A shared palette lets Pillow store each
frame as the rectangle that changed, with unchanged pixels transparent; without dithering, line art
stays crisp and white stays white. On the outlier sweep this is about 0.3x the size of imageio's
default encoding (per-frame palettes), with a mean error under one level (of 255) per channel.
"""

from __future__ import annotations

import io
import math
import os
import re
import subprocess
import tempfile
from collections.abc import Sequence
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

import imageio_ffmpeg
import numpy as np
from PIL import Image

from l1l2figures.arrays import read_png
from l1l2figures.files import atomic_path
from l1l2figures.rendering.formats import HIGH_DENSITY_SCALE, VIDEO_BLOCK_PX
from l1l2figures.rendering.frame_plan import evenly_spaced

if TYPE_CHECKING:  # assemble jobs never import matplotlib
    from matplotlib.figure import Figure

# 255, not 256: the free palette index is what Pillow uses for "unchanged since the last frame".
PALETTE_COLORS = 255
UNMATCHED = PALETTE_COLORS  # in to_palette's table: a colour not matched to the palette yet
# Frames of one animation share nearly all their colours: a palette from this many evenly spaced
# frames matches one from all of them (GIF 2-3% larger) at a fraction of the time and memory.
PALETTE_SAMPLE_FRAMES = 16
# A colour covering at least this share of the sample is kept exactly (a background, a band, a
# line's colour), up to MAX_EXACT_COLOURS of them; counted on every EXACT_COLOUR_STRIDE-th row and
# column, which finds the same large areas at a fraction of the time.
EXACT_COLOUR_SHARE = 0.002
MAX_EXACT_COLOURS = 16
EXACT_COLOUR_STRIDE = 8

Frame = np.ndarray | str | os.PathLike  # an RGB array, or the path of an image file


def _rgb(frame: Frame) -> np.ndarray:
    return frame if isinstance(frame, np.ndarray) else read_png(frame)


def global_palette(frames: Sequence[Frame]) -> Image.Image:
    """A palette image for all ``frames``: the colours that cover large areas of a sample of them,
    exactly, then a maximum-coverage quantization of the sample for the rest. Quantization alone
    averages a flat area's colour with its neighbours' (the grey band came out mint green)."""
    picks = evenly_spaced(len(frames), PALETTE_SAMPLE_FRAMES)
    sample = np.concatenate([_rgb(frames[i]) for i in picks], axis=0)
    codes = _codes(sample[::EXACT_COLOUR_STRIDE, ::EXACT_COLOUR_STRIDE]).ravel()
    values, counts = np.unique(codes, return_counts=True)
    order = np.argsort(-counts, kind="stable")
    exact = values[order][counts[order] >= EXACT_COLOUR_SHARE * codes.size][:MAX_EXACT_COLOURS]
    quantized = Image.fromarray(sample).quantize(
        PALETTE_COLORS - len(exact), method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE
    )
    colours = [*_colours_of(exact).ravel().tolist(), *quantized.getpalette()]
    palette = Image.new("P", (1, 1))
    palette.putpalette(colours[: 3 * 256] + [0] * (3 * 256 - len(colours[: 3 * 256])))
    return palette


def _codes(rgb: np.ndarray) -> np.ndarray:
    """Each pixel's colour as one 24-bit integer."""
    rgb = rgb.astype(np.int32)
    return (rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]


def _colours_of(codes: np.ndarray) -> np.ndarray:
    """The (n, 3) RGB values of 24-bit colour codes (``_codes``' inverse)."""
    return np.stack([codes >> 16, (codes >> 8) & 0xFF, codes & 0xFF], axis=-1)


def to_palette(frames: Sequence[Frame], palette: Image.Image) -> list[Image.Image]:
    """``frames`` as palette images: each colour mapped to its nearest palette colour, exactly.

    Pillow's own mapping (``quantize(palette=...)``) is approximate: it turned white into
    (253, 250, 248) although the palette held white. The frames of an animation share nearly all
    their colours, so each colour is matched once and remembered in a table of every 24-bit colour
    (16 MB; UNMATCHED marks the colours not seen yet).
    """
    palette_values = palette.getpalette()
    colours = np.array(palette_values[: 3 * PALETTE_COLORS], dtype=np.int32).reshape(-1, 3)
    table = np.full(1 << 24, UNMATCHED, dtype=np.uint8)
    images = []
    for frame in frames:
        codes = _codes(_rgb(frame))
        indices = table[codes]
        unmatched = indices == UNMATCHED
        if unmatched.any():
            new = np.unique(codes[unmatched])
            distances = ((_colours_of(new)[:, None, :] - colours[None, :, :]) ** 2).sum(axis=-1)
            table[new] = distances.argmin(axis=1)
            indices = table[codes]
        image = Image.fromarray(indices, mode="P")
        image.putpalette(palette_values)
        images.append(image)
    return images


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
    images = to_palette(frames, palette)
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


# Byte-identical videos: no encoder version string or other metadata that could vary.
VIDEO_BITEXACT = ["-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1"]
# Browsers guess the colour matrix of untagged video (BT.601 or BT.709 by size): convert to one and
# say which, so that red stays the red of the PNG frames.
VIDEO_COLOR_FILTER = (
    "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p,"
    "setparams=colorspace=bt709:color_primaries=bt709:color_trc=bt709:range=tv"
)
# Settings chosen by measurement on the four animations at the default config (bench/results.md):
# the WebM plus the poster must weigh <= 0.5x the GIF at SSIM >= 0.98 against the PNG frames.
# AV1 (SVT-AV1) is about 0.6x the size of VP9 (libvpx, crf 40) at the same SSIM, and faster.
# SSIM hardly moves with crf here (thin coloured lines lose most to chroma subsampling, which caps
# sparsity near 0.984): crf 53 keeps >= 0.98 on every figure, and preset 3 is 15% smaller than 4
# at the same SSIM (about 1 s more), which puts each WebM plus poster under 100 KiB. SVT-AV1's
# output does not depend on its thread count.
# Each names its container: the temporary written first has no suffix to tell ffmpeg (files.py).
WEBM_CODEC = ["-c:v", "libsvtav1", "-crf", "53", "-preset", "3", "-f", "webm"]
# H.264 for browsers without AV1 (Safari without hardware AV1). x264's output depends on its
# thread count: fixed, so that every machine writes the same bytes. crf 26 keeps SSIM >= 0.98 with
# a margin (28 leaves sparsity at 0.980); preset slower is 7% smaller than slow, veryslow 2x slower.
# +faststart puts the index first: playback starts before the whole file has arrived. The level
# is the one formats.VIDEO_MIME_TYPES names (x264 would pick 3.1 or 4.0 by frame size).
MP4_CODEC = [
    "-c:v", "libx264", "-crf", "26", "-preset", "slower", "-threads", "2", "-level:v", "4.0",
    "-movflags", "+faststart", "-f", "mp4",
]  # fmt: skip


# The end of ffmpeg's messages that an error repeats: the reason is in its last lines.
FFMPEG_ERROR_CHARS = 2000


def video_frame_step_ms(durations_ms: Sequence[int]) -> int:
    """The frame time of a constant-rate video showing each frame for its duration."""
    return math.gcd(*durations_ms)


def _pipe_frames(command: list[str], frames: Sequence[Frame], durations_ms: Sequence[int]) -> str:
    """Run ffmpeg ``command`` reading raw RGB frames from stdin: each frame repeated so that it
    shows for its duration at the rate of video_frame_step_ms. Returns what ffmpeg printed."""
    if len(frames) != len(durations_ms):
        raise ValueError(f"{len(frames)} frames but {len(durations_ms)} durations")
    step_ms = video_frame_step_ms(durations_ms)
    height, width = _rgb(frames[0]).shape[:2]
    source = [
        *("-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}"),
        *("-framerate", f"1000/{step_ms}", "-i", "-"),
    ]
    # ffmpeg's messages go to a file: a pipe could fill up and stall it while we write frames.
    with tempfile.TemporaryFile() as messages:
        ffmpeg = subprocess.Popen(
            [imageio_ffmpeg.get_ffmpeg_exe(), "-nostdin", "-y", *source, *command],
            stdin=subprocess.PIPE,
            stderr=messages,
        )
        try:
            for frame, duration in zip(frames, durations_ms, strict=True):
                pixels = np.ascontiguousarray(_rgb(frame)).tobytes()
                for _ in range(duration // step_ms):
                    ffmpeg.stdin.write(pixels)
        except BrokenPipeError:
            pass  # ffmpeg stopped early: its own message below says why
        finally:
            ffmpeg.stdin.close()
            returncode = ffmpeg.wait()
        messages.seek(0)
        printed = messages.read().decode(errors="replace")
    if returncode:
        raise RuntimeError(f"ffmpeg failed ({returncode}): {printed.strip()[-FFMPEG_ERROR_CHARS:]}")
    return printed


def _write_video(
    frames: Sequence[Frame], path: str | os.PathLike, durations_ms: Sequence[int], codec: list[str]
) -> None:
    """Encode ``frames`` with ffmpeg's ``codec`` options at a constant frame rate, never rescaled.

    The frame time is the greatest common divisor of the durations, and a longer frame (the pause
    at the end) is repeated: players show every frame for as long as the GIF does. One key frame
    a loop: a looping figure is never seeked.
    """
    height, width = _rgb(frames[0]).shape[:2]
    if width % VIDEO_BLOCK_PX or height % VIDEO_BLOCK_PX:
        raise ValueError(
            f"frames of {width} x {height} px: video needs multiples of {VIDEO_BLOCK_PX} px"
        )
    n_video_frames = sum(durations_ms) // video_frame_step_ms(durations_ms)
    with atomic_path(path) as tmp:
        _pipe_frames(
            [
                *("-loglevel", "error", "-vf", VIDEO_COLOR_FILTER),
                *codec,
                *("-g", str(n_video_frames), *VIDEO_BITEXACT, str(tmp)),
            ],
            frames,
            durations_ms,
        )


def write_webm(
    frames: Sequence[Frame], path: str | os.PathLike, durations_ms: Sequence[int]
) -> None:
    """Write ``frames`` as an AV1 WebM for the web; frame i shows for durations_ms[i] ms."""
    _write_video(frames, path, durations_ms, WEBM_CODEC)


def write_mp4(
    frames: Sequence[Frame], path: str | os.PathLike, durations_ms: Sequence[int]
) -> None:
    """Write ``frames`` as an H.264 MP4 (yuv420p, +faststart); frame i shows for durations_ms[i] ms."""
    _write_video(frames, path, durations_ms, MP4_CODEC)


def video_ssim(
    path: str | os.PathLike, frames: Sequence[Frame], durations_ms: Sequence[int]
) -> float:
    """SSIM of the video at ``path`` against the frames it was encoded from (ffmpeg's ssim filter).

    Compared in RGB, as a reader sees them: chroma subsampling counts as a loss too.
    """
    to_rgb = "scale=in_color_matrix=bt709:in_range=tv:flags=bicubic+full_chroma_int,format=gbrp"
    printed = _pipe_frames(
        [
            *("-loglevel", "info", "-i", str(path)),
            *(
                "-filter_complex",
                f"[1:v]{to_rgb}[video];[0:v]format=gbrp[frames];[video][frames]ssim",
            ),
            *("-f", "null", "-"),
        ],
        frames,
        durations_ms,
    )
    return float(re.search(r"SSIM .* All:([0-9.]+)", printed).group(1))


# Animation writers by file suffix: the formats that `formats:` in config/config.yaml can name.
ANIMATION_WRITERS = {
    ".gif": write_gif,
    ".mp4": write_mp4,
    ".webm": write_webm,
    ".webp": write_webp,
}


def write_poster(frame: Frame, path: str | os.PathLike) -> None:
    """Write one frame as the still PNG of its animation: the poster, and the reduced-motion view.

    Stored with a palette of its own colours, without dithering: 0.35-0.4x the bytes of the RGB
    PNG, with a mean error under 0.3 levels (of 255) per channel.
    """
    [still] = to_palette([frame], global_palette([frame]))
    with atomic_path(path) as tmp:
        still.save(tmp, format="PNG", optimize=True)


def write_svg(fig: Figure, path: str | os.PathLike, title: str, description: str) -> None:
    """Write ``fig`` as an SVG with <title> and <desc>, which screen readers announce.

    Byte-identical for the same figure: no date, and the house style fixes ``svg.hashsalt``.
    Text stays text (``svg.fonttype: none``), so it can be searched and selected.
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue().decode("utf-8")
    svg_start = svg.index("<svg")
    svg_tag_end = svg.index(">", svg_start) + 1
    # Sized in CSS pixels, as the PNG is: matplotlib's points (72 an inch) would show a 7.2 in
    # figure 691 px wide, not 720. The viewBox keeps its points, so the drawing scales to fit.
    width, height = (round(inches * fig.dpi) for inches in fig.get_size_inches())
    svg_tag = re.sub(
        r'width="[^"]*" height="[^"]*"',
        f'width="{width}px" height="{height}px"',
        svg[svg_start:svg_tag_end],
        count=1,
    )
    svg = svg[:svg_start] + svg_tag + svg[svg_tag_end:]
    # <title> and <desc> must be the first children of <svg>; matplotlib writes neither.
    svg_tag_end = svg_start + len(svg_tag)
    accessible = f"\n <title>{escape(title)}</title>\n <desc>{escape(description)}</desc>"
    with atomic_path(path) as tmp:
        tmp.write_text(svg[:svg_tag_end] + accessible + svg[svg_tag_end:], encoding="utf-8")


# The sharper PNG for high-density screens (srcset's 2x), from the same figure.


def write_pngs(fig: Figure, path: str | os.PathLike, high_density_path: str | os.PathLike) -> None:
    """Write ``fig`` as a PNG at its own dpi and at ``HIGH_DENSITY_SCALE`` times that dpi."""
    for target, scale in ((path, 1), (high_density_path, HIGH_DENSITY_SCALE)):
        with atomic_path(target) as tmp:
            fig.savefig(tmp, format="png", dpi=fig.dpi * scale)
