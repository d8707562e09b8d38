"""Stand-in assets for the blog bundle, where the site rule expects the pipeline's light and dark
figures (results/<figure>/<theme>/...), until the workflow renders the dark theme itself.

Light stand-ins are light, dark ones dark; each frame moves a disc, so a playing video changes.
"""

import subprocess
from pathlib import Path

import imageio_ffmpeg
import numpy as np
from PIL import Image

from l1l2figures.configuration import ANIMATIONS, STATIC_FIGURES, frame_size_px
from l1l2figures.site import THEMES, asset_paths

BACKGROUND = {"light": 255, "dark": 24}
INK = {"light": (0, 114, 178), "dark": (240, 228, 66)}
N_FRAMES = 10
FRAME_RATE = 10
STATIC_SIZE = (320, 200)  # 1x; the 2x PNG is twice as large
POSTER_FRAME = N_FRAMES // 2


def frame(size: tuple[int, int], theme: str, position: float) -> np.ndarray:
    """An RGB frame: the theme's background, a stripe and a disc at ``position`` (0..1) across."""
    width, height = size
    image = np.full((height, width, 3), BACKGROUND[theme], np.uint8)
    image[height // 3 : height // 3 + 4, :] = INK[theme]
    rows, cols = np.ogrid[:height, :width]
    centre = (height / 2, position * (width - 1))
    disc = (rows - centre[0]) ** 2 + (cols - centre[1]) ** 2 <= (height / 6) ** 2
    image[disc] = INK[theme]
    return image


def write_animation(paths: dict[str, str], size: tuple[int, int], theme: str) -> None:
    frames = [frame(size, theme, i / (N_FRAMES - 1)) for i in range(N_FRAMES)]
    directory = Path(paths["poster"]).parent
    directory.mkdir(parents=True, exist_ok=True)
    pngs = directory / "stand-in-frames"
    pngs.mkdir(exist_ok=True)
    for i, pixels in enumerate(frames):
        Image.fromarray(pixels).save(pngs / f"{i:04d}.png")
    Image.fromarray(frames[POSTER_FRAME]).save(paths["poster"])
    images = [Image.fromarray(pixels) for pixels in frames]
    images[0].save(
        paths["gif"], save_all=True, append_images=images[1:], loop=0, duration=1000 // FRAME_RATE
    )
    ffmpeg = [imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-loglevel", "error"]
    source = ["-framerate", str(FRAME_RATE), "-i", str(pngs / "%04d.png"), "-pix_fmt", "yuv420p"]
    encoders = {
        "webm": ["-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "40", "-deadline", "realtime"],
        "mp4": ["-c:v", "libx264", "-movflags", "+faststart"],
    }
    for fmt, encoder in encoders.items():
        subprocess.run([*ffmpeg, *source, *encoder, paths[fmt]], check=True)


def write_image(paths: dict[str, str], theme: str) -> None:
    Path(paths["png"]).parent.mkdir(parents=True, exist_ok=True)
    width, height = STATIC_SIZE
    Image.fromarray(frame(STATIC_SIZE, theme, 0.5)).save(paths["png"])
    Image.fromarray(frame((2 * width, 2 * height), theme, 0.5)).save(paths["png2x"])
    if "svg" in paths:
        fill, ink = BACKGROUND[theme], "#{:02x}{:02x}{:02x}".format(*INK[theme])
        Path(paths["svg"]).write_text(
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
            f'<rect width="100%" height="100%" fill="rgb({fill},{fill},{fill})"/>'
            f'<circle cx="{width / 2}" cy="{height / 2}" r="{height / 6}" fill="{ink}"/></svg>\n'
        )


def make_stand_ins(workdir: Path, config: dict) -> None:
    """Every asset the site rule reads, under ``workdir``'s results/."""
    for theme in THEMES:
        for figure in ANIMATIONS:
            paths = {role: str(workdir / p) for role, p in asset_paths(figure, theme).items()}
            write_animation(paths, tuple(frame_size_px(config[figure]["style"])), theme)
        for figure in STATIC_FIGURES:
            paths = {role: str(workdir / p) for role, p in asset_paths(figure, theme).items()}
            write_image(paths, theme)
