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

Every animation also gets a player (the shared l1l2-player.js and .css): once the reader asks for
it, a slider over the swept parameter seeks the same video frame by frame, with each frame's own
sentence from the words stage and the key moments of its pacing as chapters (player.json, fetched
only then), and the same moments as the video's WebVTT chapters track (chapters.vtt).
"""

from __future__ import annotations

import json
import math
import os
import shutil
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import imageio_ffmpeg
import jinja2
from markupsafe import Markup
from PIL import Image

from l1l2figures.errors import SiteError
from l1l2figures.files import atomic_directory, read_json
from l1l2figures.pipeline.embeds import GENERATORS, embedded_asset
from l1l2figures.pipeline.integrity import check_whole
from l1l2figures.pipeline.layout import (
    ANIMATED,
    PLAYER_FILES,
    TEMPLATES_DIR,
    Kind,
    Layout,
    chapters_url,
    embed_page_url,
    manifest_url,
    player_data_url,
)
from l1l2figures.pipeline.provenance import (
    config_slice,
    manifest,
    package_versions,
    project_state,
    upstream,
)
from l1l2figures.rendering.chapters import chapters_vtt
from l1l2figures.rendering.formats import VIDEO_MIME_TYPES, page_source_type
from l1l2figures.rendering.pacing import nearest_shown
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


# ---- the player ----


def shown_chapters(moments: list, shown: list[int]) -> list[tuple[int, str]]:
    """An animation's key moments, (frame, what happens), at the positions of the frames shown
    (a draft shows a few: a moment counts at the nearest one, the first of two that meet there)."""
    chapters: dict[int, str] = {}
    for frame, what in moments:
        chapters.setdefault(nearest_shown(shown, frame), what)
    return sorted(chapters.items())


def numbered_frames(n_frames: int) -> dict:
    """Frame words that only count: "frame 3 of 12" (the shown frames' last is the last one)."""
    labels = [f"frame {k + 1} of {n_frames}" for k in range(n_frames)]
    return {
        "parameter": "frame",
        "labels": labels,
        "sentences": [f"{label.capitalize()}." for label in labels],
    }


def player_data(frame_words: dict, pacing: dict, shown: list[int]) -> dict:
    """What an animation's player needs (its player.json): the swept parameter's name, each shown
    frame's label and sentence (``frame_words``: the words stage's, for every frame), when each
    frame shows in the video and where to seek it, the chapters and the poster frame."""
    durations = pacing["durations_ms"]
    starts = list(accumulate(durations, initial=0))
    # The video repeats each frame for whole ticks of its constant rate (the durations' greatest
    # common divisor): seeking the middle of a frame's first tick shows that frame, whatever the
    # decoder rounds a time to.
    tick = math.gcd(*durations)
    return {
        "parameter": frame_words["parameter"],
        "labels": [frame_words["labels"][frame] for frame in shown],
        "sentences": [frame_words["sentences"][frame] for frame in shown],
        "starts_ms": starts,
        "seek_ms": [start + tick / 2 for start in starts[:-1]],
        "chapters": [
            {"frame": at, "title": what} for at, what in shown_chapters(pacing["moments"], shown)
        ],
        "poster": shown.index(pacing["poster"]),
    }


def player_files(
    figure: str, words_file: str | Path, pacing: dict, shown: list[int]
) -> dict[str, str]:
    """An animation's player.json and chapters.vtt, by their paths below site/."""
    # A figure whose words module says nothing frame by frame yet (no frame_words) gets numbers.
    frame_words = read_json(words_file).get("frames") or numbered_frames(shown[-1] + 1)
    data = player_data(frame_words, pacing, shown)
    chapters = [(chapter["frame"], chapter["title"]) for chapter in data["chapters"]]
    return {
        player_data_url(figure): json.dumps(data, ensure_ascii=False, indent=1) + "\n",
        chapters_url(figure): chapters_vtt(chapters, pacing["durations_ms"]),
    }


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


def figure_size(figure: str, kind: str | tuple[str, ...], layout: Layout) -> tuple[int, int]:
    """(width, height) in CSS pixels: the poster's or the 1x PNG's, the same in every file."""
    sizes = {}
    for theme in COLOR_SCHEMES:
        paths = layout.assets(figure, kind, theme)
        if kind == ANIMATED:
            sizes[paths["poster"]] = image_size(paths["poster"])
            width, height = image_size(paths["poster2x"])
            sizes[paths["poster2x"]] = (width // 2, height // 2)
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

    @property
    def manifest_url(self) -> str:
        return manifest_url(self.name)

    @property
    def player_url(self) -> str:
        return player_data_url(self.name)

    @property
    def chapters_url(self) -> str:
        return chapters_url(self.name)


def site_figure(
    figure: str, kind: str | tuple[str, ...], words: Words, layout: Layout
) -> SiteFigure:
    urls = {
        theme: {
            role: layout.site_url(path) for role, path in layout.assets(figure, kind, theme).items()
        }
        for theme in COLOR_SCHEMES
    }
    return SiteFigure(figure, kind, words, *figure_size(figure, kind, layout), urls)


# The snippet, gallery and embed templates, and each generator's own files.
FINISHED = Layout()  # the paths of a build that is not a draft
TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
    # HTML is escaped in the HTML templates; a MyST fragment escapes its text for MyST itself.
    autoescape=jinja2.select_autoescape(["html"], default_for_string=True, default=False),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
# The characters that mark something up in one line of MyST (`$` starts maths, `{` a role); after
# a backslash, CommonMark takes each as itself.
MYST_LITERALS = {ord(char): "\\" + char for char in "\\`*_[]<>$&{}|~#!%"}
TEMPLATES.filters["myst_text"] = lambda text: str(text).translate(MYST_LITERALS)
TEMPLATES.globals.update(
    themes=COLOR_SCHEMES,
    video_types=VIDEO_MIME_TYPES,
    page_types={fmt: page_source_type(fmt) for fmt in VIDEO_MIME_TYPES},
    player_script=PLAYER_FILES[0],
    player_style=PLAYER_FILES[1],
)


def snippet_html(figure: SiteFigure, base: str = "") -> str:
    """The HTML a blog author pastes to embed ``figure``, with its style rules; its URLs are
    ``base`` followed by their path below site/."""
    return TEMPLATES.get_template("snippet.html").render(figure=figure, base=Markup(base))


def gallery_html(figures: list[SiteFigure]) -> str:
    """The gallery page: every figure with its title and description."""
    return TEMPLATES.get_template("index.html").render(figures=figures)


def embed_pages(figures: list[SiteFigure], bases: dict[str, str] | None = None) -> dict[str, str]:
    """Each figure's page of its own and each generator's embeds: {path below site/: text}.
    ``bases``: {generator: the URL of its figures' folder}, for those the config sets."""
    pages = {
        # The page is in the figure's folder: its URLs go up one level to site/.
        embed_page_url(figure.name): TEMPLATES.get_template("embed.html").render(
            figure=figure, base=Markup("../")
        )
        for figure in figures
    }
    for generator in GENERATORS:
        fragment = TEMPLATES.get_template(generator.fragment_template)
        for figure in figures:
            path = generator.fragment.format(figure=figure.name)
            base = (bases or {}).get(generator.name, generator.base)
            html = fragment.render(figure=figure, base=Markup(base))
            pages[f"{generator.name}/{path}"] = html
        for path, template in generator.files.items():  # the generator's own template language
            pages[f"{generator.name}/{path}"] = (TEMPLATES_DIR / template).read_text()
    return pages


def site_manifests(
    catalogue: dict[str, Kind],
    config: dict,
    layout: Layout,
    reads: dict[str, set[str]],
    project_dir: str | Path,
) -> dict[str, str]:
    """Each figure's manifest, by its path below site/."""
    project, versions = project_state(project_dir), package_versions()
    manifests = {}
    for figure, kind in catalogue.items():
        published = {
            asset: layout.site_url(asset)
            for theme in COLOR_SCHEMES
            for asset in layout.assets(figure, kind, theme).values()
        }
        figure_config = config_slice(config, upstream(figure, reads))
        manifests[manifest_url(figure)] = manifest(
            figure, figure_config, published, project, versions
        )
    return manifests


def build_site(
    site_dir: str | Path,
    catalogue: dict[str, Kind],
    words_files: dict[str, str | Path],
    pacings: dict[str, dict],
    shown: dict[str, list[int]],
    layout: Layout = FINISHED,
    config: dict | None = None,
    reads: dict[str, set[str]] | None = None,
    project_dir: str | Path = ".",
) -> list[Path]:
    """Build the whole bundle beside ``site_dir``, then put it in place of the previous one in one
    step (files.atomic_directory): whatever fails on the way, the previous bundle stays whole.
    It holds the snippets, the gallery, each figure's manifest and page, and each generator's tree.

    Every asset is checked whole first (``pacings``: each animation's pacing.json, whose frame
    times the encodings must have). ``shown``: the frames each animation shows, which its player
    steps through. ``words_files``: each figure's words.json, in the gallery's order. ``config``,
    and ``reads``
    ({figure: the figures whose results it reads}), give the manifests' config. Returns the
    files written, at their places in ``site_dir``.
    """
    site_dir = Path(site_dir)
    for figure, kind in catalogue.items():
        for theme in COLOR_SCHEMES:
            for asset in layout.assets(figure, kind, theme).values():
                check_whole(asset, pacings[figure]["durations_ms"] if figure in pacings else None)
    words = read_words(words_files)
    figures = [site_figure(name, catalogue[name], words[name], layout) for name in words]
    copies = {layout.site_url(asset): asset for asset in layout.site_inputs(catalogue)}
    pages = {f"{figure.name}.html": snippet_html(figure) for figure in figures}
    pages["index.html"] = gallery_html(figures)
    # A MyST post's iframe URL: mystmd writes it as it is, so the author says where it resolves.
    pages.update(embed_pages(figures, config and {"myst": config["site"]["myst_figures_url"]}))
    pages.update(site_manifests(catalogue, config or {}, layout, reads or {}, project_dir))
    for figure, pacing in pacings.items():
        pages.update(player_files(figure, words_files[figure], pacing, shown[figure]))
    for name in PLAYER_FILES:
        pages[name] = (TEMPLATES_DIR / name).read_text()
    # Each generator's tree holds the figures' folders as hard links to site/'s files: stored
    # once, and a copy of the tree (`cp -r`) still brings whole files.
    links = {
        embedded_asset(generator, path): path
        for generator in GENERATORS
        for path in layout.figure_folders(catalogue)
    }
    with atomic_directory(site_dir) as building:
        for name, asset in copies.items():
            (building / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(asset, building / name)
        for name, text in pages.items():
            (building / name).parent.mkdir(parents=True, exist_ok=True)
            (building / name).write_text(text)
        for name, target in links.items():
            (building / name).parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(building / target, building / name)
    return [site_dir / name for name in (*copies, *pages, *links)]


def link_or_copy(target: Path, path: Path) -> None:
    """``path`` as a hard link to ``target``, or a copy on a file system without hard links."""
    try:
        os.link(target, path)
    except OSError:
        shutil.copyfile(target, path)
