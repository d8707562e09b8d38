"""What the output formats ask of the config, checked before any job runs.

Imported by the Snakefile's config check, so it imports no numpy or Pillow: the encoders that need
them live in ``encode``, which every rule writing a format imports instead.
"""

from l1l2figures.errors import ConfigError

# H.264 codes 16 x 16 pixel blocks (AV1 8 x 8); frame sizes are checked, never rescaled.
VIDEO_BLOCK_PX = 16


def check_poster_frame(section: dict, path: str) -> None:
    """Refuse a ``poster_frame`` outside the animation's frames (negative counts from the end)."""
    index, n_frames = section["poster_frame"], section["n_frames"]
    if not -n_frames <= index < n_frames:
        raise ConfigError(
            f"{path}.poster_frame = {index}: the animation has n_frames = {n_frames}, so use "
            f"0 to {n_frames - 1}, or -1 to -{n_frames} to count from the last frame"
        )
