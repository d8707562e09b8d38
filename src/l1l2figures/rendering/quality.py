"""The figure-quality gate: what a reader sees on every frame, checked on the laid-out figure.

Matplotlib knows every artist's extent on the canvas once the layout is done, so the gate needs
pixels only for colours: after ``update(i)`` it asks each text for its window extent and maps each
line's data to display coordinates. Checked per frame:

- no text overlaps another text, or a line, marker or patch outline drawn in the same axes (only
  the part of a line inside its clip box counts: that is what is drawn);
- no text leaves the figure, and no marker whose centre is inside the axes is cut by the axes edge;
- no filled marker is covered by another marker drawn above it (all but a rim of SLIVER_PX), and
  no named series disappears for a stretch under a solid series drawn above it, leaving less than
  MIN_FRINGE_PX either side (a halo hides like the line it surrounds);
- no two lines that a colour-blind reader tells apart by their colours are drawn, on the frame, in
  colours that are not (each measured as its most common pixel: anti-aliasing lightens a narrow
  line, so the palette's distance is not the one a reader gets);
- no line across the axes (a zero line: axhline, axvline) is drawn above a curve, where it would
  hide the stretches at that value (a coefficient at exactly 0);
- no text has a contrast below ``MIN_TEXT_CONTRAST`` against the background (large text:
  ``MIN_LARGE_TEXT_CONTRAST``), no text is under ``style.MIN_TEXT_PX`` high at 1x (the figure
  at its own dpi, at most ``style.MAX_WIDTH_PX`` wide: it is shown in a blog column unscaled),
  and no label shows a negative zero or an absurd number of digits.
The figure's words, and every text on its frames, name only colours the frames draw
(``words.colours``: a word for a colour is its nearest plain name).
Colour pairs, and the contrast of every line colour (``MIN_LINE_CONTRAST``), are checked once per
style (``palette_problems``), not per frame.

Each problem names the figure, the frame and the two things involved. The gate costs about twice
the drawing of a frame, so render jobs do not run it; `snakemake quality` does, for every frame of
every animation in every theme (gate jobs: drawn as the render jobs draw, writing the problems
instead of frames), and the tests run it on the default config and on any figure added
(tests/test_quality.py). Still figures are checked in process by the tests.
"""

import functools
import itertools
import math
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import colorspacious
import numpy as np
from matplotlib import patheffects
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import Collection
from matplotlib.colors import to_hex, to_rgb, to_rgba_array
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import STEP_LOOKUP_MAP, Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import Affine2D, Bbox

from l1l2figures.errors import QualityError
from l1l2figures.files import atomic_path
from l1l2figures.rendering.animate import (
    LAYOUT_FRAME,
    Update,
    frame_pixels,
    freeze_layout,
    layer_above,
    log,
)
from l1l2figures.rendering.style import MAX_WIDTH_PX, MIN_TEXT_PX

MIN_TEXT_CONTRAST = 4.5  # WCAG AA for normal text
# WCAG AA for large text (18 pt, or 14 pt bold; CSS points, 4/3 px each), and for the lines of a
# chart against their background (1.4.11, non-text contrast).
MIN_LARGE_TEXT_CONTRAST = 3.0
MIN_LINE_CONTRAST = 3.0
LARGE_TEXT_PT, LARGE_BOLD_TEXT_PT = 18, 14
CSS_PX_PER_PT = 4 / 3
# The colour roles drawn as lines or markers on the background, and so held to 3:1.
LINE_ROLES = ("l1_color", "l2_color", "outlier_color", "point_color", "contour_color")
MIN_CVD_DELTA_E = 20.0  # CAM02-UCS distance of two compared colours under each simulated CVD
CVD_TYPES = ("deuteranomaly", "protanomaly", "tritanomaly")  # at severity 100: the -anopias
CVD_SEVERITY = 100
TOUCH_PX = 0.5  # extents closer than this do not count as overlapping (rounding of the extents)
SLIVER_PX = 2.0  # a marker showing no more than this rim around another is hidden for a reader
SAMPLE_PX = 1.0  # spacing of the points sampled along a line to see where it is covered
PIXEL_KEY = 1 << 20  # pixel (x, y) -> one integer x * PIXEL_KEY + y, for set membership
HIDDEN_STRETCH_PX = 20.0  # a series covered over this length (in total) has disappeared there
# A series below another shows on each side by (its width - the width above) / 2: a fringe under
# this is anti-aliasing, not a visible line (a 1.5 px line on a 2.5 px one hides it).
MIN_FRINGE_PX = 1.0
# A pixel this close (RGB distance, of 441) to a line's colour is that line, drawn: what
# anti-aliasing leaves of a narrow line's colour stays within it, another colour does not.
DRAWN_COLOUR_TOLERANCE = 64
# Colour roles compared with each other in some figure; the Manhattan paths use the hues.
# The outlier ring sits on the points and on both fits' lines.
COMPARED_ROLES = (
    ("l1_color", "l2_color"),
    ("outlier_color", "point_color"),
    ("outlier_color", "l1_color"),
    ("outlier_color", "l2_color"),
)
NEGATIVE_ZERO = re.compile(r"[-\u2212]0(?:\.0+)?(?![.\d])")
TOO_PRECISE = re.compile(r"\d\.\d{7,}")  # more decimals than any reader can use


def _describe(artist: Artist) -> str:
    if isinstance(artist, Text):
        return f"text {artist.get_text()!r}"
    if isinstance(artist, Legend):
        return "legend"
    label = artist.get_label()
    name = type(artist).__name__.lower()
    if label and not label.startswith("_"):
        return f"{name} {label!r}"
    # a line's colour, or a collection's colours (an array, one row per item), else its edges'
    get_color = getattr(artist, "get_color", None)
    color = get_color() if get_color else None
    if color is None or np.size(color) == 0:
        color = artist.get_edgecolor()
    colors = np.unique(to_rgba_array(color), axis=0)
    return f"{name} ({to_hex(colors[0])})" if len(colors) == 1 else name  # several: the name


def drawn_texts(fig: Figure) -> list[Text]:
    """Every text the figure draws now: titles, labels, drawn tick labels, texts, legends."""
    candidates = [*fig.texts]
    for legend in fig.legends:
        candidates += [legend.get_title(), *legend.get_texts()]
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        candidates += [ax.title, ax._left_title, ax._right_title, *ax.texts]
        for axis in (ax.xaxis, ax.yaxis):
            if not (ax.axison and axis.get_visible()):
                continue
            candidates += [axis.label, axis.get_offset_text()]
            for tick in axis._update_ticks():  # the ticks inside the view: those drawn
                candidates += [tick.label1, tick.label2]
        legend = ax.get_legend()
        if legend is not None:
            candidates += [legend.get_title(), *legend.get_texts()]
    return [t for t in candidates if t.get_visible() and t.get_text().strip()]


def _clip_box(artist: Artist, fig: Figure) -> Bbox:
    box = artist.get_clip_box() if artist.get_clip_on() else None
    return box if box is not None else fig.bbox


def _display_paths(artist: Artist) -> list[np.ndarray]:
    """The polylines a line, collection or patch draws, in display coordinates."""
    if isinstance(artist, Line2D):
        if artist.get_linestyle() in ("None", "none", "", " "):
            return []
        return [_drawn_xy(artist)]
    if isinstance(artist, Patch):
        if not artist.get_fill() or artist.get_linewidth() > 0:
            path = artist.get_path()
            return [artist.get_transform().transform(path.vertices)]
        return []
    if isinstance(artist, Collection):
        transform = artist.get_transform()
        return [transform.transform(p.vertices) for p in artist.get_paths()]
    return []


def _markers(artist: Artist) -> list[tuple[np.ndarray, float]]:
    """(centre in display px, radius in px) of each marker a line draws: how far its shape reaches
    up, down or sideways from the centre (a diamond's corners reach further than half its size)."""
    if not isinstance(artist, Line2D) or artist.get_marker() in ("None", "none", "", None):
        return []
    xy = artist.get_transform().transform(np.asarray(artist.get_xydata(), float))
    marker = _marker_style(artist)
    extents = marker.get_path().transformed(marker.get_transform()).get_extents()
    reach = np.max(np.abs(extents.get_points()))  # in marker sizes
    radius = artist.get_markersize() * reach * artist.figure.dpi / 72
    radius += artist.get_markeredgewidth() / 2 * artist.figure.dpi / 72
    return [(p, radius) for p in xy if np.all(np.isfinite(p))]


def _segments(xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end of each segment drawn: a NaN breaks a line, as it does in matplotlib."""
    a, b = xy[:-1], xy[1:]
    drawn = np.all(np.isfinite(a), axis=1) & np.all(np.isfinite(b), axis=1)
    return a[drawn], b[drawn]


def _segments_hit_box(xy: np.ndarray, box: Bbox, half_width: float) -> bool:
    """Whether any segment of the polyline (widened by half_width) crosses the box."""
    x0, y0 = box.x0 - half_width, box.y0 - half_width
    x1, y1 = box.x1 + half_width, box.y1 + half_width
    if len(xy) == 1:
        return bool(x0 < xy[0, 0] < x1 and y0 < xy[0, 1] < y1)
    a, b = _segments(xy)
    # Liang-Barsky clipping of every segment at once: a segment hits the box if some t in [0, 1]
    # puts it inside all four edges.
    d = b - a
    t_low, t_high = np.zeros(len(a)), np.ones(len(a))
    for p, q in (
        (-d[:, 0], a[:, 0] - x0),
        (d[:, 0], x1 - a[:, 0]),
        (-d[:, 1], a[:, 1] - y0),
        (d[:, 1], y1 - a[:, 1]),
    ):
        parallel = p == 0
        outside = parallel & (q < 0)
        t_low[outside], t_high[outside] = 1.0, 0.0
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.where(parallel, 0.0, q / np.where(parallel, 1.0, p))
        entering = (p < 0) & ~parallel
        leaving = (p > 0) & ~parallel
        t_low = np.where(entering, np.maximum(t_low, r), t_low)
        t_high = np.where(leaving, np.minimum(t_high, r), t_high)
    return bool(np.any(t_low <= t_high))


def _overlap(a: Bbox, b: Bbox) -> bool:
    return (
        min(a.x1, b.x1) - max(a.x0, b.x0) > TOUCH_PX
        and min(a.y1, b.y1) - max(a.y0, b.y0) > TOUCH_PX
    )


def _data_artists(ax: Axes) -> list[Artist]:
    """What an axes draws as data: lines, markers, patches and collections (not its background)."""
    return [a for a in [*ax.lines, *ax.collections, *ax.patches] if a.get_visible()]


def _relative_luminance(color) -> float:
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(color)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(a, b) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    low, high = sorted((_relative_luminance(a), _relative_luminance(b)))
    return (high + 0.05) / (low + 0.05)


def cvd_distance(a, b) -> float:
    """The smallest CAM02-UCS distance of two colours under simulated deuteranopia, protanopia and
    tritanopia."""
    distances = []
    for cvd in CVD_TYPES:
        space = {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": CVD_SEVERITY}
        ja, jb = (colorspacious.cspace_convert(to_rgb(c), space, "CAM02-UCS") for c in (a, b))
        distances.append(float(np.linalg.norm(ja - jb)))
    return min(distances)


def palette_problems(style: dict, compared: Iterable[tuple[str, str]] = ()) -> list[str]:
    """Colour problems of a resolved figure style: compared pairs too close for a colour-blind
    reader, text without contrast. ``compared`` adds pairs of colours or hue words (``hues``)."""
    hues = style.get("hues", {})
    problems = []
    roles = [(a, b, style[a], style[b]) for a, b in COMPARED_ROLES if a in style and b in style]
    words = [(a, b, hues.get(a, a), hues.get(b, b)) for a, b in compared]
    for a, b, ca, cb in [*roles, *words]:
        distance = cvd_distance(ca, cb)
        if distance < MIN_CVD_DELTA_E:
            problems.append(
                f"{a} {ca} and {b} {cb}: CAM02-UCS dE {distance:.1f} under colour-vision "
                f"deficiency, below {MIN_CVD_DELTA_E:g}"
            )
    for role in LINE_ROLES:
        if role in style:
            ratio = contrast(style[role], style["background_color"])
            if ratio < MIN_LINE_CONTRAST:
                problems.append(
                    f"{role} {style[role]} on background_color {style['background_color']}: "
                    f"contrast {ratio:.2f}, below {MIN_LINE_CONTRAST}"
                )
    ratio = contrast(style["text_color"], style["background_color"])
    if ratio < MIN_TEXT_CONTRAST:
        problems.append(
            f"text_color {style['text_color']} on background_color {style['background_color']}: "
            f"contrast {ratio:.2f}, below {MIN_TEXT_CONTRAST}"
        )
    return problems


def _needed_contrast(text: Text, dpi: float) -> float:
    """WCAG's contrast for the text: 3:1 for large text (14 pt bold, or 18 pt), else 4.5:1."""
    size_css_pt = text.get_fontsize() * dpi / CSS_PX_PER_PT / 72
    bold = text.get_fontweight() in ("bold", "heavy", "extra bold", "black") or (
        isinstance(text.get_fontweight(), int | float) and text.get_fontweight() >= 700
    )
    large = size_css_pt >= LARGE_TEXT_PT or (bold and size_css_pt >= LARGE_BOLD_TEXT_PT)
    return MIN_LARGE_TEXT_CONTRAST if large else MIN_TEXT_CONTRAST


def _label_problems(text: Text) -> list[str]:
    s = text.get_text()
    problems = []
    if NEGATIVE_ZERO.search(s):
        problems.append(f"{_describe(text)} shows a negative zero")
    if TOO_PRECISE.search(s):
        problems.append(f"{_describe(text)} shows more digits than a reader can use")
    return problems


def _text_boxes(fig: Figure) -> dict[Text, Bbox]:
    """Each text of the figure with its extent in pixels, as drawn last."""
    renderer = fig.canvas.get_renderer()
    return {t: t.get_window_extent(renderer) for t in drawn_texts(fig)}


def cut_texts(fig: Figure, boxes: dict[Text, Bbox] | None = None) -> list[str]:
    """Each text the figure's edge cuts, as drawn last (``boxes``: ``_text_boxes``, if known)."""
    boxes = _text_boxes(fig) if boxes is None else boxes
    return [
        f"{_describe(t)} is cut by the figure's edge"
        for t, box in boxes.items()
        if not fig.bbox.contains(box.x0, box.y0) or not fig.bbox.contains(box.x1, box.y1)
    ]


def frame_problems(fig: Figure) -> list[str]:
    """What a reader would stumble on in the figure as it is now (layout already done)."""
    renderer = fig.canvas.get_renderer()
    pixels = frame_pixels(fig)  # as drawn: the colour check looks at what a reader sees
    problems = []
    boxes = _text_boxes(fig)
    texts = list(boxes)
    background = fig.get_facecolor()

    problems += cut_texts(fig, boxes)
    for t in boxes:
        problems += _label_problems(t)
        ratio, needed = contrast(t.get_color(), background), _needed_contrast(t, fig.dpi)
        if ratio < needed:
            problems.append(
                f"{_describe(t)}: contrast {ratio:.2f} against the background, below {needed}"
            )
        size_px = t.get_fontsize() * fig.dpi / 72
        if size_px < MIN_TEXT_PX - TOUCH_PX:
            problems.append(f"{_describe(t)} is {size_px:.1f} px high at 1x, under {MIN_TEXT_PX}")
    width_px = fig.get_figwidth() * fig.dpi
    if width_px > MAX_WIDTH_PX + TOUCH_PX:
        problems.append(f"the figure is {width_px:.0f} px wide at 1x, over {MAX_WIDTH_PX}")
    for a, b in itertools.combinations(texts, 2):
        if _overlap(boxes[a], boxes[b]):
            problems.append(f"{_describe(a)} overlaps {_describe(b)}")

    for ax in fig.axes:
        if not ax.get_visible():
            continue
        artists = _data_artists(ax)
        problems += _text_on_data(fig, texts, boxes, artists)
        problems += _clipped_markers(fig, ax, artists)
        problems += _hidden_markers(ax, artists)
        problems += _hidden_series(ax, artists)
        problems += _drawn_colour_problems(artists, pixels)
        problems += _reference_lines_over_curves(ax, artists)
        legend = ax.get_legend()
        if legend is not None:
            legend_box = legend.get_window_extent(renderer)
            problems += [
                f"legend overlaps {_describe(a)}"
                for a in artists
                if _hits(fig, a, legend_box, renderer)
            ]
    return problems


def _hits(fig: Figure, artist: Artist, box: Bbox, renderer) -> bool:
    """Whether the drawn (clipped) part of a data artist enters the box."""
    clip = _clip_box(artist, fig)
    inside = Bbox.intersection(box, clip)
    if inside is None or inside.width <= 0 or inside.height <= 0:
        return False
    half_width = getattr(artist, "get_linewidth", lambda: 0)()
    half_width = float(np.max(half_width)) / 2 * fig.dpi / 72 if np.size(half_width) else 0.0
    for xy in _display_paths(artist):
        if _segments_hit_box(xy, inside, half_width):
            return True
    for centre, radius in _markers(artist):
        if _segments_hit_box(centre[None], inside, radius):
            return True
    return False


def _text_on_data(
    fig: Figure, texts: Sequence[Text], boxes: dict, artists: Sequence[Artist]
) -> list[str]:
    renderer = fig.canvas.get_renderer()
    return [
        f"{_describe(t)} overlaps {_describe(a)}"
        for t in texts
        for a in artists
        if _hits(fig, a, boxes[t], renderer)
    ]


def _clipped_markers(fig: Figure, ax: Axes, artists: Sequence[Artist]) -> list[str]:
    problems = []
    for artist in artists:
        if not artist.get_clip_on():
            continue
        box = _clip_box(artist, fig)
        for centre, radius in _markers(artist):
            x, y = centre
            inside = box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1
            cut = min(x - box.x0, box.x1 - x, y - box.y0, box.y1 - y) < radius - TOUCH_PX
            if inside and cut:
                problems.append(
                    f"{_describe(artist)} marker at {_data_point(ax, centre)} is cut by the axes' edge"
                )
    return problems


def _data_point(ax: Axes, centre: np.ndarray) -> str:
    x, y = ax.transData.inverted().transform(centre)
    return f"({x:.3g}, {y:.3g})"


def _marker_style(artist: Line2D) -> MarkerStyle:
    return MarkerStyle(artist.get_marker(), artist.get_fillstyle())


def _is_filled(artist: Line2D) -> bool:
    """Whether the marker hides what is under it (a ring, a cross or a plus does not)."""
    return (
        _marker_style(artist).is_filled()
        and artist.get_fillstyle() == "full"
        and artist.get_markerfacecolor() not in ("none", "None")
    )


def _marker_outline(artist: Line2D, centre: np.ndarray) -> np.ndarray:
    """The marker's outline around ``centre``, in display px, less a rim of SLIVER_PX: a marker
    that shows only that thin a rim is as good as hidden."""
    marker = _marker_style(artist)
    scale = artist.get_markersize() * artist.figure.dpi / 72
    outline = marker.get_path().transformed(marker.get_transform()).vertices * scale
    half_size = np.max(np.abs(outline))
    return outline * max(0.0, 1 - SLIVER_PX / half_size) + centre


def _hidden_markers(ax: Axes, artists: Sequence[Artist]) -> list[str]:
    """Filled markers that another marker, drawn above, covers completely."""
    lines = [a for a in artists if isinstance(a, Line2D) and _markers(a)]
    lines.sort(key=lambda a: a.get_zorder())  # stable: equal zorders keep their drawing order
    problems = []
    for i, below in enumerate(lines):
        for above in lines[i + 1 :]:
            if not _is_filled(above):
                continue
            marker = _marker_style(above)
            scale = above.get_markersize() * above.figure.dpi / 72
            shape = marker.get_path().transformed(marker.get_transform())
            for centre_below, _ in _markers(below):
                outline = _marker_outline(below, centre_below)
                for centre_above, _ in _markers(above):
                    covering = shape.transformed(_scale_translate(scale, centre_above))
                    if np.all(covering.contains_points(outline)):
                        problems.append(
                            f"{_describe(below)} marker at {_data_point(ax, centre_below)} is "
                            f"hidden under {_describe(above)}"
                        )
    return problems


def _drawn_xy(line: Line2D) -> np.ndarray:
    """The vertices of the line as drawn (steps included), in display px."""
    x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
    if line.get_drawstyle() in STEP_LOOKUP_MAP:
        x, y = STEP_LOOKUP_MAP[line.get_drawstyle()](x, y)
    return line.get_transform().transform(np.column_stack([x, y]))


def _drawn_samples(line: Line2D) -> np.ndarray:
    """Points every SAMPLE_PX along the line as drawn, inside its clip box, in display px."""
    start, end = _segments(_drawn_xy(line))
    delta = end - start
    counts = np.maximum(1, np.ceil(np.hypot(*delta.T) / SAMPLE_PX).astype(int))
    segment = np.repeat(np.arange(len(delta)), counts)
    # Position of each sample within its segment: 0, 1/n, ..., (n - 1)/n.
    rank = np.arange(len(segment)) - np.repeat(np.cumsum(counts) - counts, counts)
    fraction = rank / counts[segment]
    samples = start[segment] + delta[segment] * fraction[:, None]
    box = _clip_box(line, line.figure)
    inside = (
        (samples[:, 0] >= box.x0)
        & (samples[:, 0] <= box.x1)
        & (samples[:, 1] >= box.y0)
        & (samples[:, 1] <= box.y1)
    )
    return samples[inside]


def _covered(points: np.ndarray, cover: np.ndarray, reach: float) -> np.ndarray:
    """Which points lie within ``reach`` px of some cover sample, to the nearest pixel."""
    steps = np.arange(-int(np.ceil(reach)), int(np.ceil(reach)) + 1)
    offsets = np.array([(dx, dy) for dx in steps for dy in steps if np.hypot(dx, dy) <= reach])
    cells = np.round(cover).astype(np.int64)
    reached = (cells[:, None, :] + offsets[None, :, :]).reshape(-1, 2)
    key = PIXEL_KEY
    wanted = np.round(points).astype(np.int64)
    return np.isin(wanted[:, 0] * key + wanted[:, 1], reached[:, 0] * key + reached[:, 1])


def _covering_width(line: Line2D) -> float:
    """The width a line covers, in points: its own, or a wider stroke under it (a halo)."""
    strokes = [
        effect._gc.get("linewidth", 0)  # Stroke keeps its keywords there; no public getter
        for effect in line.get_path_effects()
        if isinstance(effect, patheffects.Stroke)
    ]
    return max([line.get_linewidth(), *strokes])


def _hidden_series(ax: Axes, artists: Sequence[Artist]) -> list[str]:
    """Series (named lines: a label, shown in a legend or not) that a solid series drawn above
    covers for a stretch, leaving less than MIN_FRINGE_PX of them on either side."""
    series = [
        a
        for a in artists
        if isinstance(a, Line2D)
        and not a.get_label().startswith("_")
        and a.get_linestyle() not in ("None", "none", "", " ")
    ]
    series.sort(key=lambda a: a.get_zorder())
    px_per_pt = ax.figure.dpi / 72
    problems = []
    for i, below in enumerate(series):
        points = _drawn_samples(below)
        if len(points) == 0:
            continue
        for above in series[i + 1 :]:
            # How far from the middle of ``above`` the middle of ``below`` may lie while it
            # shows a fringe under MIN_FRINGE_PX on both sides (a halo hides like the line).
            reach = (_covering_width(above) - below.get_linewidth()) * px_per_pt / 2
            reach += MIN_FRINGE_PX
            if reach < 0 or above.get_linestyle() != "-":
                continue  # a narrower line, or a dashed one, leaves the line below it showing
            cover = _drawn_samples(above)
            hidden = np.count_nonzero(_covered(points, cover, reach)) * SAMPLE_PX
            if hidden > HIDDEN_STRETCH_PX:
                problems.append(
                    f"{_describe(below)} is hidden under {_describe(above)} over {hidden:.0f} px"
                )
    return problems


def _drawn_colour(line: Line2D, pixels: np.ndarray):
    """The colour a line is drawn in on the frame: the most common pixel near its path that is
    still close to its own colour (anti-aliasing and alpha shift a narrow line's colour; another
    series on top of it is not its colour), or None if no pixel of it shows."""
    height, width = pixels.shape[:2]
    centres = np.round(_drawn_samples(line)).astype(int)
    reach = math.ceil(line.get_linewidth() * line.figure.dpi / 72 / 2)
    offsets = np.arange(-reach, reach + 1)
    dx, dy = (grid.ravel() for grid in np.meshgrid(offsets, offsets))
    x = (centres[:, 0, None] + dx).ravel()
    y = (centres[:, 1, None] + dy).ravel()
    inside = (x >= 0) & (x < width) & (y >= 0) & (y < height)
    near = pixels[height - 1 - y[inside], x[inside]].astype(int)  # display y runs upwards
    own = np.array(to_rgb(line.get_color())) * 255
    near = near[np.linalg.norm(near - own, axis=1) <= DRAWN_COLOUR_TOLERANCE]
    if len(near) == 0:
        return None
    unique, counts = np.unique(near, axis=0, return_counts=True)
    return tuple(int(v) for v in unique[np.argmax(counts)])


@functools.lru_cache(maxsize=1024)
def _cvd_distance_of(a: str, b: str) -> float:
    return cvd_distance(a, b)


def _drawn_colour_problems(artists: Sequence[Artist], pixels: np.ndarray) -> list[str]:
    """Lines whose colours a colour-blind reader tells apart (palette dE >= MIN_CVD_DELTA_E) but
    which are drawn, on this frame, in colours that are not."""
    lines = {}  # nominal colour -> the first line drawn in it
    for a in artists:
        if isinstance(a, Line2D) and a.get_linestyle() not in ("None", "none", "", " "):
            lines.setdefault(to_hex(a.get_color()), a)
    drawn = {colour: _drawn_colour(line, pixels) for colour, line in lines.items()}
    problems = []
    for a, b in itertools.combinations(lines, 2):
        if drawn[a] is None or drawn[b] is None or _cvd_distance_of(a, b) < MIN_CVD_DELTA_E:
            continue  # not drawn here, or not meant to be told apart by colour alone
        drawn_a, drawn_b = (to_hex(np.array(drawn[c]) / 255) for c in (a, b))
        distance = _cvd_distance_of(drawn_a, drawn_b)
        if distance < MIN_CVD_DELTA_E:
            problems.append(
                f"{_describe(lines[a])} drawn as {drawn_a} and {_describe(lines[b])} drawn as "
                f"{drawn_b}: CAM02-UCS dE {distance:.1f} under colour-vision deficiency, below "
                f"{MIN_CVD_DELTA_E:g}"
            )
    return problems


def _reference_lines_over_curves(ax: Axes, artists: Sequence[Artist]) -> list[str]:
    across = (ax.get_xaxis_transform(which="grid"), ax.get_yaxis_transform(which="grid"))
    lines = [a for a in artists if isinstance(a, Line2D)]
    references = [line for line in lines if line.get_transform() in across]
    children = ax.get_children()

    def drawing_order(artist: Artist) -> tuple[float, int]:  # how Axes.draw sorts its artists
        return artist.get_zorder(), children.index(artist)

    return [
        f"{_describe(reference)} is drawn over {_describe(curve)}"
        for reference in references
        for curve in lines
        if curve not in references and drawing_order(reference) > drawing_order(curve)
    ]


def _scale_translate(scale: float, centre: np.ndarray) -> Affine2D:
    return Affine2D().scale(scale).translate(*centre)


def figure_problems(fig: Figure, name: str, frame: int | None = None) -> list[str]:
    """``frame_problems`` of a static figure or one frame, each prefixed by figure and frame."""
    fig.canvas.draw()
    where = name if frame is None else f"{name} frame {frame}"
    return [f"{where}: {p}" for p in frame_problems(fig)]


def animation_problems(
    fig: Figure, update: Callable[[int], Sequence[Artist]], indices: Iterable[int], name: str
) -> list[str]:
    """``frame_problems`` of the frames ``indices``: layered and laid out once as the render jobs
    do (animate.frames), then moved."""
    layer_above(update(LAYOUT_FRAME))
    freeze_layout(fig)
    problems = []
    for i in indices:
        update(i)
        fig.canvas.draw()
        problems += [f"{name} frame {i}: {p}" for p in frame_problems(fig)]
    return problems


def check_quality(
    fig: Figure,
    update: Update | None,
    indices: Sequence[int],
    report: str | os.PathLike,
    more_problems: Callable[[Figure], list[str]] | None = None,
) -> None:
    """Run the figure-quality gate on the frames (``update`` None: a still figure, one frame);
    write what it finds and fail if it finds any. ``more_problems``: a check of the figure as the
    last frame leaves it (the words' colour names, which are words/' business)."""
    name = Path(report).with_suffix("").as_posix()
    if update is None:
        problems, indices = figure_problems(fig, name), [0]
    else:
        problems = animation_problems(fig, update, indices, name)
    if more_problems is not None:
        problems += [f"{name}: {p}" for p in more_problems(fig)]
    with atomic_path(report) as tmp:
        tmp.write_text("".join(f"{problem}\n" for problem in problems))
    if problems:
        # Every problem in the error: the job's log keeps it when Snakemake removes the report.
        raise QualityError(f"{len(problems)} problems:\n" + "\n".join(problems))
    log.info("%d frames checked: no problems", len(indices))
