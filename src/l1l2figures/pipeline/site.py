"""The blog bundle: a snippet per figure to paste into a post, a gallery page, and their assets.

Every figure comes in a light and a dark theme, switched by ``prefers-color-scheme`` without
script. Images use ``<picture>`` sources. An animation is one ``<video>`` whose sources carry
media queries (Chromium evaluates ``media`` on a video's sources again since version 120, Firefox
always has): the first that matches the reader's scheme plays, and under
``prefers-reduced-motion: reduce`` none matches, so nothing plays or downloads; CSS then shows the
theme's poster as a still ``<picture>`` instead. One element rather than one per theme, because
Chromium fetches the poster of a hidden video too; its poster is the CSS background of the
reader's scheme (a ``poster`` attribute has one URL), so dark readers see the dark one.

The words come from ``report/``: a short alt text per figure in ``words.yaml``, and the long
description from the figure's report caption, whose bold lead is the figure's title.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import imageio_ffmpeg
import jinja2
import yaml
from docutils.core import publish_parts
from markupsafe import Markup
from PIL import Image

from l1l2figures.errors import SiteError
from l1l2figures.pipeline.files import atomic_directory
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
    description: Markup  # HTML: the caption's first paragraph after its bold lead


# The environment Snakemake renders report captions with, so that the site reads them alike.
CAPTION_ENV = jinja2.Environment(
    trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined
)
BOLD_LEAD = re.compile(r"\*\*(?P<title>.+?)\*\*\s*(?P<rest>.*)", re.DOTALL)


# A caption is text, not a page: no raw HTML, no files read in.
CAPTION_SETTINGS = {"raw_enabled": False, "file_insertion_enabled": False}
# Links a page may follow: the web, mail, and paths relative to the page (no scheme at all).
LINK_SCHEMES = ("http", "https", "mailto", "")
LINK = re.compile(r'<a [^>]*href="(?P<href>[^"]*)"[^>]*>(?P<text>.*?)</a>', re.DOTALL)
# What browsers drop from a URL before they read its scheme ("java\tscript:" is "javascript:").
URL_IGNORED = re.compile(r"[\x00-\x20]")


def live_links_only(html: str) -> str:
    """``html`` with every link whose scheme is not in LINK_SCHEMES (``javascript:``, ``data:``)
    replaced by its text."""

    def kept(link: re.Match) -> str:
        href = URL_IGNORED.sub("", unescape(link["href"]))
        return link[0] if urlsplit(href).scheme.lower() in LINK_SCHEMES else link["text"]

    return LINK.sub(kept, html)


def caption_words(caption: str, config: dict, path: str) -> tuple[str, Markup]:
    """(title, description) of a report caption rendered against ``config``."""
    try:
        text = CAPTION_ENV.from_string(caption).render(snakemake=SimpleNamespace(config=config))
    except jinja2.TemplateError as error:  # e.g. a key the config does not have
        raise SiteError(f"{path}: {error}") from error
    first_paragraph = re.split(r"\n\s*\n", text.strip(), maxsplit=1)[0]
    lead = BOLD_LEAD.fullmatch(first_paragraph)
    if lead is None or not lead["rest"].strip():
        raise SiteError(
            f"{path}: the first paragraph must start with a bold title (**Title.**) followed by "
            "the figure's description"
        )
    html = live_links_only(
        publish_parts(lead["rest"], writer="html5", settings_overrides=CAPTION_SETTINGS)["fragment"]
    )
    # Caption lines break where the Jinja expressions were; the page reflows them anyway.
    return " ".join(lead["title"].split()).rstrip("."), Markup(" ".join(html.split()))


def read_words(
    words_file: str | Path, captions_dir: str | Path, config: dict, figures: list[str]
) -> dict[str, Words]:
    """The words of each of ``figures``, in the order of ``words_file`` (the gallery's order)."""
    try:
        entries = yaml.safe_load(Path(words_file).read_text())
    except yaml.YAMLError as error:
        raise SiteError(f"{words_file}: {error}") from error
    if not isinstance(entries, dict):
        raise SiteError(f"{words_file}: must map each figure to its words")
    missing, unknown = set(figures) - set(entries), set(entries) - set(figures)
    if missing or unknown:
        raise SiteError(
            f"{words_file}: needs exactly one entry per figure; "
            f"missing {sorted(missing)}, unknown {sorted(unknown)}"
        )
    words = {}
    for figure, entry in entries.items():
        if not isinstance(entry, dict) or not str(entry.get("alt", "")).strip():
            raise SiteError(f"{words_file}: {figure}.alt must be a non-empty text")
        caption = Path(captions_dir) / f"{figure}.rst"
        title, description = caption_words(caption.read_text(), config, str(caption))
        words[figure] = Words(title, " ".join(entry["alt"].split()), description)
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
    words_file: str | Path,
    captions_dir: str | Path,
    config: dict,
    durations_ms: dict[str, list[int]],
    results: str = RESULTS_DIR,
) -> list[Path]:
    """Build the whole bundle beside ``site_dir``, then put it in place of the previous one in one
    step (files.atomic_directory): whatever fails on the way, the previous bundle stays whole.

    Every asset is checked whole first (``durations_ms``: each animation's frame times). Returns
    the files written, at their places in ``site_dir``.
    """
    site_dir = Path(site_dir)
    for figure, kind in catalogue.items():
        for theme in COLOR_SCHEMES:
            for asset in asset_paths(figure, kind, theme, results).values():
                check_whole(asset, durations_ms.get(figure))
    words = read_words(words_file, captions_dir, config, list(catalogue))
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
