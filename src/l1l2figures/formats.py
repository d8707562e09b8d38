"""What the output formats ask of the config, checked before any job runs.

Imported by the Snakefile's config check, so it imports no numpy or Pillow: the encoders that need
them live in ``encode``, which every rule writing a format imports instead.
"""

from l1l2figures.errors import ConfigError

# H.264 codes 16 x 16 pixel blocks (AV1 8 x 8); frame sizes are checked, never rescaled.
VIDEO_BLOCK_PX = 16
# The <source type> of each video, in the order a browser should try them (the smaller first), so
# that it skips what it cannot play: AV1 main profile, level 3.0 (SVT-AV1's choice for frames up to
# 665,856 pixels: every default figure), 8 bits; H.264 High profile, level 4.0.
VIDEO_MIME_TYPES = {
    "webm": "video/webm; codecs=av01.0.04M.08",
    "mp4": "video/mp4; codecs=avc1.640028",
}


def check_poster_frame(section: dict, path: str) -> None:
    """Refuse a ``poster_frame`` outside the animation's frames (negative counts from the end)."""
    index, n_frames = section["poster_frame"], section["n_frames"]
    if not -n_frames <= index < n_frames:
        raise ConfigError(
            f"{path}.poster_frame = {index}: the animation has n_frames = {n_frames}, so use "
            f"0 to {n_frames - 1}, or -1 to -{n_frames} to count from the last frame"
        )
