"""What the output formats ask of the config and of the pages that embed them.

Imported by the Snakefile's config check and the blog bundle's rule, so it imports no numpy or
Pillow: the encoders that need them live in ``encode``, which every rule writing a format imports.
"""

# Every format an animation can be encoded in: the keys of encode.ANIMATION_WRITERS and the
# schema's `formats` (tests/test_encode.py keeps the three equal).
ANIMATION_FORMATS = ("gif", "mp4", "webm", "webp")
# The scale of a high-density twin (a still's @2x PNG, an animation's poster@2x.png) over its 1x
# file, for srcset's 2x.
HIGH_DENSITY_SCALE = 2
# H.264 codes 16 x 16 pixel blocks (AV1 8 x 8); frame sizes are checked, never rescaled.
VIDEO_BLOCK_PX = 16
# The <source type> of each video, in the order a browser should try them (the smaller first), so
# that it skips what it cannot play: AV1 main profile, level 3.0 (SVT-AV1's choice for frames up to
# 665,856 pixels: every default figure), 8 bits; H.264 High profile, level 4.0.
VIDEO_MIME_TYPES = {
    "webm": "video/webm; codecs=av01.0.04M.08",
    "mp4": "video/mp4; codecs=avc1.640028",
}


def page_source_type(fmt: str) -> str:
    """The ``type`` a page's ``<source>`` carries for a video format: its MIME type, unless
    lowercasing would change it. HTML minifiers lowercase the attribute (``hugo --minify`` writes
    av01.0.04m.08, which Chromium will not play, so it fetches the MP4 at twice the bytes); there
    the container alone, which a browser tries and skips if it cannot decode the file. The exact
    type goes in ``data-type``, which the player's script asks the browser about."""
    full = VIDEO_MIME_TYPES[fmt]
    return full if full == full.lower() else full.split(";")[0]
