"""The blog bundle: a snippet per figure to paste into a post, a gallery page, and their assets.

Every figure comes in a light and a dark theme, switched by ``prefers-color-scheme`` without
script. Images use ``<picture>`` sources. An animation is one ``<video>`` whose sources carry
media queries (Chromium evaluates ``media`` on a video's sources again since version 120, Firefox
always has): the first that matches the reader's scheme plays, and under
``prefers-reduced-motion: reduce`` none matches, so nothing plays or downloads; CSS then shows the
theme's poster as a still ``<picture>`` instead. One element rather than one per theme, because
Chromium fetches the poster of a hidden video too; its poster is the CSS background of the
reader's scheme (a ``poster`` attribute has one URL), so dark readers see the dark one.

The words (title, alt text, description) come from each figure's words stage
(results/<figure>/words.json), made from the figure's own measures.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg
import jinja2
from PIL import Image

from l1l2figures.errors import SiteError
from l1l2figures.pipeline.files import atomic_directory, read_json
from l1l2figures.pipeline.integrity import check_whole
from l1l2figures.pipeline.site_paths import (
    ANIMATED,
    RESULTS_DIR,
    TEMPLATES_DIR,
    Catalogue,
    asset_paths,
    site_inputs,
    site_url,
)
from l1l2figures.rendering.formats import VIDEO_MIME_TYPES
from l1l2figures.rendering.theme import COLOR_SCHEMES

# ---- words ----


@dataclass(frozen=True)
class Words:
    title: str
    alt: str
    description: str  # plain text: the templates escape it


def read_words(words_files: dict[str, str | Path]) -> dict[str, Words]:
    """The words of each figure, from its words stage's words.json, in the order of
    ``words_files`` (the gallery's)."""
    words = {}
    for figure, path in words_files.items():
        made = read_json(path)
        words[figure] = Words(made["title"], made["alt"], made["description"])
    return words


# ---- sizes ----


def image_size(path: str | Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def video_size(path: str | Path) -> tuple[int, int]:
    frames = imageio_ffmpeg.read_frames(str(path))
    try:
        return tuple(next(frames)["size"])
    finally:
        frames.close()


def figure_size(
    figure: str, kind: str | tuple[str, ...], results: str = RESULTS_DIR
) -> tuple[int, int]:
    """(width, height) in CSS pixels: the poster's or the 1x PNG's, the same in every file."""
    sizes = {}
    for theme in COLOR_SCHEMES:
        paths = asset_paths(figure, kind, theme, results)
        if kind == ANIMATED:
            sizes[paths["poster"]] = image_size(paths["poster"])
            sizes[paths["gif"]] = image_size(paths["gif"])
            sizes.update({paths[fmt]: video_size(paths[fmt]) for fmt in VIDEO_MIME_TYPES})
        else:
            sizes[paths["png"]] = image_size(paths["png"])
            width, height = image_size(paths["png2x"])
            sizes[paths["png2x"]] = (width // 2, height // 2)
    if len(set(sizes.values())) != 1:
        listed = ", ".join(f"{path} {w} x {h}" for path, (w, h) in sizes.items())
        raise SiteError(f"{figure}: its files differ in size (2x PNGs halved): {listed}")
    return next(iter(sizes.values()))


# ---- pages ----


@dataclass(frozen=True)
class SiteFigure:
    """What the templates need to embed one figure."""

    name: str
    kind: str | tuple[str, ...]
    words: Words
    width: int
    height: int
    urls: dict[str, dict[str, str]]  # theme -> role -> URL relative to site/

    @property
    def animated(self) -> bool:
        return self.kind == ANIMATED

    @property
    def vector(self) -> bool:
        return "svg" in self.kind


def site_figure(
    figure: str, kind: str | tuple[str, ...], words: Words, results: str = RESULTS_DIR
) -> SiteFigure:
    urls = {
        theme: {
            role: site_url(path, results)
            for role, path in asset_paths(figure, kind, theme, results).items()
        }
        for theme in COLOR_SCHEMES
    }
    return SiteFigure(figure, kind, words, *figure_size(figure, kind, results), urls)


TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
TEMPLATES.globals.update(themes=COLOR_SCHEMES, video_types=VIDEO_MIME_TYPES)


def snippet_html(figure: SiteFigure) -> str:
    """The HTML a blog author pastes to embed ``figure``, with its style rules."""
    return TEMPLATES.get_template("snippet.html").render(figure=figure)


def gallery_html(figures: list[SiteFigure]) -> str:
    """The gallery page: every figure with its title and description."""
    return TEMPLATES.get_template("index.html").render(figures=figures)


def build_site(
    site_dir: str | Path,
    catalogue: Catalogue,
    words_files: dict[str, str | Path],
    durations_ms: dict[str, list[int]],
    results: str = RESULTS_DIR,
) -> list[Path]:
    """Build the whole bundle beside ``site_dir``, then put it in place of the previous one in one
    step (files.atomic_directory): whatever fails on the way, the previous bundle stays whole.

    Every asset is checked whole first (``durations_ms``: each animation's frame times).
    ``words_files``: each figure's words.json, in the gallery's order. Returns the files written,
    at their places in ``site_dir``.
    """
    site_dir = Path(site_dir)
    for figure, kind in catalogue.items():
        for theme in COLOR_SCHEMES:
            for asset in asset_paths(figure, kind, theme, results).values():
                check_whole(asset, durations_ms.get(figure))
    words = read_words(words_files)
    figures = [site_figure(name, catalogue[name], words[name], results) for name in words]
    pages = {f"{figure.name}.html": snippet_html(figure) for figure in figures}
    pages["index.html"] = gallery_html(figures)
    assets = {site_url(asset, results): asset for asset in site_inputs(catalogue, results)}
    with atomic_directory(site_dir) as building:
        for name, asset in assets.items():
            (building / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(asset, building / name)
        for name, html in pages.items():
            (building / name).write_text(html)
    return [site_dir / name for name in (*assets, *pages)]
