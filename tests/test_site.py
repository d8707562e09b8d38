"""The blog bundle: `snakemake site` builds site/, and its gallery works in headless Chromium.

Screenshots of the gallery in each mode are kept in test-artifacts/site/ for a person to see.
"""

import os
import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from markupsafe import escape
from PIL import Image

from browser import chromium_page
from conftest import (
    REPO,
    copy_of_build,
    copy_workflow,
    parsed_workflow,
    planned_jobs,
    readme_pictures,
    run_snakemake,
    site_catalogue,
    snakemake,
)
from l1l2figures.errors import SiteError
from l1l2figures.pipeline.configuration import frame_size_px
from l1l2figures.pipeline.embeds import GENERATORS, embedded_asset, site_outputs
from l1l2figures.pipeline.layout import ANIMATED, Layout
from l1l2figures.pipeline.site import (
    SiteFigure,
    Words,
    figure_size,
    link_or_copy,
    read_words,
    snippet_html,
)
from l1l2figures.rendering.formats import HIGH_DENSITY_SCALE, VIDEO_MIME_TYPES
from l1l2figures.rendering.theme import COLOR_SCHEMES

CATALOGUE = site_catalogue()
FIGURES = list(CATALOGUE)
ANIMATIONS = [figure for figure, kind in CATALOGUE.items() if kind == ANIMATED]
STILLS = [figure for figure, kind in CATALOGUE.items() if kind != ANIMATED]
ARTIFACTS = REPO / "test-artifacts" / "site"
SITE_TARGET = ("site",)
# Mean grey level (0-255) a screenshot of the gallery stays below in dark mode, above in light.
DARK_PAGE_MAX, LIGHT_PAGE_MIN = 80, 175
MEDIA = {
    "default": {},
    "dark": {"prefers-color-scheme": "dark"},
    "reduced-motion": {"prefers-reduced-motion": "reduce"},
    "dark-reduced-motion": {"prefers-color-scheme": "dark", "prefers-reduced-motion": "reduce"},
}


def theme_of(mode: str) -> str:
    return "dark" if MEDIA[mode].get("prefers-color-scheme") == "dark" else "light"


def moving(mode: str) -> bool:
    return MEDIA[mode].get("prefers-reduced-motion") != "reduce"


@pytest.fixture(scope="module")
def site_build(tiny_build, tmp_path_factory) -> Path:
    """A copy of the tiny build with its site/ built too."""
    workdir = copy_of_build(tiny_build, tmp_path_factory.mktemp("site"))
    snakemake(workdir, *SITE_TARGET)
    return workdir


class Elements(HTMLParser):
    """Every start tag of a page, as (tag, attributes, ancestors' tags)."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict, tuple[str, ...]]] = []
        self._open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs), tuple(self._open)))
        if tag not in {"img", "source", "meta", "link", "br"}:  # void elements never close
            self._open.append(tag)

    def handle_endtag(self, tag):
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def tags(self, name: str) -> list[tuple[dict, tuple[str, ...]]]:
        return [(attrs, parents) for tag, attrs, parents in self.found if tag == name]


def urls(attrs: dict) -> list[str]:
    found = [attrs[key] for key in ("src", "poster", "href") if key in attrs]
    found += [part.split()[0] for part in attrs.get("srcset", "").split(",") if part.strip()]
    return found


def pages(site: Path) -> dict[str, str]:
    return {path.name: path.read_text() for path in sorted(site.glob("*.html"))}


# ---- what `snakemake site` writes ----


def test_site_is_exactly_the_planned_files(site_build):
    written = {p.relative_to(site_build).as_posix() for p in site_build.glob("site/**/*")}
    assert {p for p in written if not (site_build / p).is_dir()} == set(
        site_outputs(Layout(), CATALOGUE)
    )


def test_each_file_is_stored_once_and_a_copied_generator_tree_is_whole(site_build, tmp_path):
    site = site_build / "site"
    folders = Layout().figure_folders(CATALOGUE)
    for generator in GENERATORS:
        for path in folders:
            assert (site / embedded_asset(generator, path)).samefile(site / path), path
    # A copy of a generator's tree, as the README says to make it, holds files, not links.
    shutil.copytree(site / "hugo", tmp_path / "blog")
    copied = tmp_path / "blog" / embedded_asset(GENERATORS[0], folders[0]).split("/", 1)[1]
    assert copied.read_bytes() == (site / folders[0]).read_bytes()
    assert not copied.samefile(site / folders[0])


def test_a_generator_tree_is_copied_where_hard_links_are_refused(tmp_path, monkeypatch):
    def refuse(*_):
        raise OSError("no hard links on this file system")

    monkeypatch.setattr(os, "link", refuse)
    (tmp_path / "a").write_bytes(b"made once")
    link_or_copy(tmp_path / "a", tmp_path / "b")
    assert (tmp_path / "b").read_bytes() == b"made once"


def test_all_does_not_build_the_site_and_only_the_site_follows_the_words(site_build):
    # What `all` would run, built or not.
    assert "site" not in planned_jobs(site_build, "--forceall")
    assert planned_jobs(site_build, *SITE_TARGET) == {}
    # New words (another outlier height: other measures) reach the snippet; nothing else of the
    # site's is redone but the figure they describe.
    override = ("--config", "outlier_sweep={outlier_y: 12}")
    planned = planned_jobs(site_build, *SITE_TARGET, *override)
    assert planned["words_outlier_sweep"] == 1 and planned["site"] == 1
    snakemake(site_build, *SITE_TARGET, *override)
    assert "at y = 12 moves" in (site_build / "site" / "outlier_sweep.html").read_text()
    snakemake(site_build, *SITE_TARGET)  # back to the words the other tests expect


def site_bytes(workdir: Path) -> dict[str, bytes]:
    site = workdir / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_building_the_site_twice_changes_no_byte(site_build):
    before = site_bytes(site_build)
    snakemake(site_build, *SITE_TARGET)
    assert site_bytes(site_build) == before


def test_a_failed_rebuild_leaves_the_previous_bundle_whole(site_build, tmp_path):
    """Snakemake empties a job's outputs when it starts and after it fails; the bundle is built
    beside site/ and replaces it only whole."""
    workdir = copy_of_build(site_build, tmp_path)
    before = site_bytes(workdir)
    words = workdir / "results" / "robustness" / "words.json"
    words.write_text(words.read_text()[:40])  # cut short: it cannot be read
    result = run_snakemake(workdir, *SITE_TARGET)
    assert result.returncode != 0 and "words.json" in result.stdout + result.stderr
    assert site_bytes(workdir) == before
    assert [p.name for p in workdir.iterdir() if p.name.startswith(".site")] == []


def test_a_damaged_video_is_not_published_and_the_next_plain_run_remakes_it(site_build, tmp_path):
    workdir = copy_of_build(site_build, tmp_path)
    before = site_bytes(workdir)
    video = workdir / "results" / "robustness" / "dark" / "robustness.webm"
    video.write_bytes(video.read_bytes()[: video.stat().st_size // 2])
    result = run_snakemake(workdir, *SITE_TARGET)
    assert result.returncode != 0
    last_line = (workdir / "logs" / "site.log").read_text().splitlines()[-1]
    assert "results/robustness/dark/robustness.webm is damaged" in last_line
    assert "the next run remakes results/robustness/dark/robustness.webm" in last_line
    assert site_bytes(workdir) == before
    snakemake(workdir, *SITE_TARGET)  # the plain command: the video is encoded again
    assert site_bytes(workdir) == before


def test_settings_the_sites_video_cannot_take_are_refused_before_any_job(tmp_path):
    workdir = copy_workflow(tmp_path, overrides={})  # the default config: formats GIF only
    for setting in ("draft=true", "robustness={style: {size_in: [7.25, 4.8]}}"):
        result = run_snakemake(workdir, *SITE_TARGET, "--config", setting)
        assert result.returncode != 0
        assert "config.robustness.style: size_in" in result.stderr
        assert "multiples of 16 px" in result.stderr
        assert not (workdir / "results").exists()  # nothing ran


def test_a_dark_style_change_rebuilds_only_the_dark_variants_the_words_and_the_site(site_build):
    # The words name a colour only where both themes draw it alike: they follow a dark colour too.
    override = "style={themes: {dark: {palette: {l1: '#44AA99'}}}}"
    planned = planned_jobs(site_build, *SITE_TARGET, "--config", override)
    dry = snakemake(site_build, *SITE_TARGET, "--config", override, "--dry-run").stdout
    outputs = re.findall(r"^\s+output: (.*)$", dry, flags=re.MULTILINE)
    assert planned.pop("site") == 1 and planned and outputs
    assert all(
        job.startswith(
            (
                "render_",
                "draw_",
                "svg_",
                "assemble_",
                "poster_",
                "poster2x_",
                "words_",
                "theme_words_",
            )
        )
        for job in planned
    )
    specs = Layout().spec("", "").removesuffix("/.json")  # a job's spec: its input, no product
    for files in outputs:
        if not files.startswith(("site/", specs)) and not files.endswith("/caption.rst"):
            assert all("/dark/" in path for path in files.split(", ")), files


def test_every_url_is_relative_and_resolves_inside_the_site(site_build):
    site = site_build / "site"
    for name, html in pages(site).items():
        found = [url for tag, attrs, _ in Elements(html).found for url in urls(attrs)]
        assert found, name
        for url in found:
            assert not re.match(r"^([a-z]+:|/)", url), (name, url)
            assert (site / url).is_file(), (name, url)


def test_widths_and_heights_are_the_files_sizes(site_build):
    site = site_build / "site"
    for figure in FIGURES:
        elements = Elements((site / f"{figure}.html").read_text())
        sized = elements.tags("img") + elements.tags("video")
        key = "poster" if figure in ANIMATIONS else "png"
        with Image.open(
            site / Layout().site_url(Layout().assets(figure, CATALOGUE[figure], "light")[key])
        ) as image:
            expected = image.size
        assert sized
        for attrs, _ in sized:
            assert (int(attrs["width"]), int(attrs["height"])) == expected, figure


@pytest.mark.parametrize("figure", ANIMATIONS)
def test_a_poster_has_a_2x_twin_in_the_srcset_and_background_as_stills_do(site_build, figure):
    site = site_build / "site"
    html = (site / f"{figure}.html").read_text()
    posters = {theme: rgb(site / served(figure, theme, "poster")) for theme in COLOR_SCHEMES}
    for theme, poster in posters.items():
        one, two = served(figure, theme, "poster"), served(figure, theme, "poster2x")
        twin = rgb(site / two)
        assert twin.shape[:2] == tuple(HIGH_DENSITY_SCALE * side for side in poster.shape[:2])
        assert f"{one} 1x, {two} {HIGH_DENSITY_SCALE}x" in html  # the reduced-motion still
        assert f'url("{one}") 1x, url("{two}") {HIGH_DENSITY_SCALE}x' in html  # the background
        # The same picture, twice as sharp: scaled down, nearer its own theme's poster than the
        # other's (the same frame in other colours).
        height, width = poster.shape[:2]
        small = np.asarray(
            Image.fromarray(twin.astype(np.uint8)).resize((width, height), Image.Resampling.BOX),
            float,
        )
        distances = {other: np.abs(small - posters[other]).mean() for other in posters}
        assert min(distances, key=distances.get) == theme, distances


def rgb(path: Path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"), float)


@pytest.mark.parametrize("figure", ANIMATIONS)
def test_animation_is_a_video_with_theme_sources_a_gif_fallback_and_controls(site_build, figure):
    elements = Elements((site_build / "site" / f"{figure}.html").read_text())
    (video, _), *others = elements.tags("video")
    assert others == []
    for flag in ("autoplay", "loop", "muted", "playsinline", "controls"):
        assert flag in video, flag  # `controls` pauses it: each loop may last over 5 s
    # The poster is the video's background in the reader's theme: a poster attribute has one.
    assert "poster" not in video
    style = (site_build / "site" / f"{figure}.html").read_text().split("</style>")[0]
    before_dark, dark = style.split("@media (prefers-color-scheme: dark)")
    assert served(figure, "light", "poster") in before_dark
    assert served(figure, "dark", "poster") in dark
    sources = [attrs for attrs, parents in elements.tags("source") if "video" in parents]
    expected = [
        (Layout().site_url(Layout().assets(figure, CATALOGUE[figure], theme)[fmt]), mime, theme)
        for theme in COLOR_SCHEMES
        for fmt, mime in VIDEO_MIME_TYPES.items()
    ]
    assert [
        (s["src"], s["data-type"], s["media"].split(": ")[1].split(")")[0]) for s in sources
    ] == expected
    # The type attribute as a minifier leaves it: lowercased, it is the same (and names the
    # container of the exact type, which data-type holds for the player's script).
    for source in sources:
        assert source["type"].lower() == source["type"]
        assert source["data-type"].split(";")[0] == source["type"].split(";")[0]
    for source in sources:  # nothing plays for readers who ask for reduced motion
        assert "(prefers-reduced-motion: no-preference)" in source["media"]
    fallback = [attrs for attrs, parents in elements.tags("img") if "video" in parents]
    assert [img["src"] for img in fallback] == [
        Layout().site_url(Layout().assets(figure, CATALOGUE[figure], "light")["gif"])
    ]


@pytest.mark.parametrize("figure", STILLS)
def test_image_has_1x_2x_and_dark_sources(site_build, figure):
    elements = Elements((site_build / "site" / f"{figure}.html").read_text())
    (img, parents), *others = elements.tags("img")
    assert others == [] and "picture" in parents
    light, dark = (Layout().assets(figure, CATALOGUE[figure], theme) for theme in COLOR_SCHEMES)
    assert img["src"] == Layout().site_url(light["png"])
    assert (
        img["srcset"]
        == f"{Layout().site_url(light['png'])} 1x, {Layout().site_url(light['png2x'])} 2x"
    )
    dark_sources = [s for s, _ in elements.tags("source") if "dark" in s.get("media", "")]
    expected = dark.get("svg", dark["png"])  # the vector figure as SVG
    assert [urls(s)[0] for s in dark_sources] == [Layout().site_url(expected)]


def built_words(build: Path) -> dict:
    """The words of each figure, as the build's words stage wrote them, in the gallery's order."""
    return read_words({figure: build / "results" / figure / "words.json" for figure in FIGURES})


def test_every_image_and_video_has_a_text_alternative_and_a_description(site_build):
    words = built_words(site_build)
    for figure in FIGURES:
        html = (site_build / "site" / f"{figure}.html").read_text()
        elements = Elements(html)
        described = {attrs["id"] for attrs, _ in elements.tags("figcaption")}
        for tag, label in (("img", "alt"), ("video", "aria-label")):
            for attrs, _ in elements.tags(tag):
                assert attrs[label] == words[figure].alt, (figure, tag)
        for attrs, _ in elements.tags("video") + elements.tags("img"):
            if "aria-describedby" in attrs:
                assert attrs["aria-describedby"] in described
        assert escape(words[figure].description) in html


def test_gallery_shows_every_figure_with_its_title_in_the_words_order(site_build):
    words = built_words(site_build)
    gallery = (site_build / "site" / "index.html").read_text()
    titles = [unescape(title) for title in re.findall(r"<h2>(.*?)</h2>", gallery)]
    assert titles == [w.title for w in words.values()]
    sections = re.findall(r'<section id="(\w+)">', gallery)
    assert sections == list(words)
    assert sorted(sections) == sorted(CATALOGUE)  # every figure the rule files declare
    # A snippet is a fragment without a charset: offered as a download, not a page to open.
    snippets = [
        a for a, _ in Elements(gallery).tags("a") if a["href"] in pages(site_build / "site")
    ]
    assert sorted(a["href"] for a in snippets) == sorted(f"{f}.html" for f in words)
    assert all("download" in a for a in snippets)


# ---- the words, made from the measures ----


def test_readme_pictures_use_the_default_build_s_alt_texts(default_words):
    pictures = {Path(path).stem: alt for path, alt in readme_pictures(REPO / "README.md").items()}
    assert pictures == {figure: default_words[figure]["alt"] for figure in FIGURES}


def test_readme_shows_exactly_the_pictures_the_readme_pictures_rule_refreshes():
    shown = set(readme_pictures(REPO / "README.md"))
    assert shown == set(parsed_workflow().globals["rules"].readme_pictures.output)


def test_readme_snippet_is_what_the_site_writes_for_the_default_config(
    default_config, default_words
):
    figure = "outlier_sweep"
    made = default_words[figure]
    words = Words(made["title"], made["alt"], made["description"])
    urls_ = {
        t: {r: Layout().site_url(p) for r, p in Layout().assets(figure, ANIMATED, t).items()}
        for t in COLOR_SCHEMES
    }
    size = frame_size_px(default_config[figure]["style"])
    expected = snippet_html(SiteFigure(figure, ANIMATED, words, *size, urls_))
    readme = (REPO / "README.md").read_text()
    pasted = readme.split("<!-- begin site snippet -->\n```html\n")[1].split("```")[0]
    assert pasted == expected


def test_files_of_different_sizes_are_refused(site_build, tmp_path, monkeypatch):
    figure = STILLS[0]
    kind = CATALOGUE[figure]
    shutil.copytree(site_build / "results" / figure, tmp_path / "results" / figure)
    monkeypatch.chdir(tmp_path)
    dark_png = Layout().assets(figure, kind, "dark")["png"]
    assert figure_size(figure, kind, Layout()) == Image.open(dark_png).size
    Image.new("RGB", (7, 5)).save(dark_png)
    with pytest.raises(SiteError, match=rf"{figure}: its files differ in size.*dark.* 7 x 5"):
        figure_size(figure, kind, Layout())


# ---- in a real browser ----

# For each gallery section: its video (brought into view, then watched for a second) and the
# image shown in its place or beside it. Chromium plays muted videos only while they are visible.
INSPECT_FIGURES = """
(async () => {
  const sleep = ms => new Promise(done => setTimeout(done, ms));
  const shown = element => element.getClientRects().length > 0;
  const figures = [];
  for (const section of document.querySelectorAll("main section")) {
    const record = {figure: section.id, video: null, image: null};
    const video = section.querySelector("video");
    if (video) {
      record.video = {shown: shown(video)};
      if (shown(video)) {
        video.scrollIntoView({block: "center"});
        for (let i = 0; i < 100 && (video.paused || video.readyState < 2); i++) await sleep(100);
        record.video.times = [];
        for (let i = 0; i < 10; i++) { record.video.times.push(video.currentTime); await sleep(100); }
      }
      Object.assign(record.video, {src: video.currentSrc, paused: video.paused,
        readyState: video.readyState, networkState: video.networkState});
    }
    const image = [...section.querySelectorAll("img")].find(img => !img.closest("video") && shown(img));
    if (image) {
      image.scrollIntoView({block: "center"});
      await image.decode().catch(() => {});
      record.image = {src: image.currentSrc, width: image.naturalWidth, complete: image.complete};
    }
    figures.push(record);
  }
  window.scrollTo(0, 0);
  return figures;
})()
"""


@pytest.fixture(scope="module")
def gallery(request, chromium, site_build, tmp_path_factory):
    """(mode, figures as the page shows them, screenshot, requested site files, problems).

    The mode, a key of MEDIA, comes from the test's parametrization.
    """
    mode = request.param
    profile = tmp_path_factory.mktemp(f"chromium-{mode}")
    site = site_build / "site"
    with chromium_page(chromium, profile) as page:
        page.open((site / "index.html").as_uri(), MEDIA[mode])
        figures = {record["figure"]: record for record in page.evaluate(INSPECT_FIGURES)}
        screenshot = page.screenshot(ARTIFACTS / f"{mode}.png")
        requested = {
            url.split(site.as_uri() + "/")[1]
            for url in page.requested()
            if url.startswith(site.as_uri())
        }
        return mode, figures, screenshot, requested, page.problems()


def served(figure: str, theme: str, role: str) -> str:
    return Layout().site_url(Layout().assets(figure, CATALOGUE[figure], theme)[role])


@pytest.mark.parametrize("gallery", list(MEDIA), indirect=True)
def test_gallery_loads_without_console_errors_or_failed_requests(gallery):
    mode, figures, _, _, problems = gallery
    assert list(figures) == FIGURES  # the catalogue's order
    assert problems == [], mode


@pytest.mark.parametrize("gallery", list(MEDIA), indirect=True)
def test_each_figure_shows_the_asset_of_the_mode(gallery):
    mode, figures, _, _, _ = gallery
    theme = theme_of(mode)
    for figure, record in figures.items():
        if figure in ANIMATIONS and moving(mode):
            video = record["video"]
            assert video["shown"] and video["src"].endswith(served(figure, theme, "webm")), figure
            assert video["readyState"] >= 2 and not video["paused"], (figure, video)
            assert any(b > a for a, b in zip(video["times"], video["times"][1:])), (figure, video)
            assert record["image"] is None, figure
        else:
            role = (
                "poster" if figure in ANIMATIONS else "svg" if "svg" in CATALOGUE[figure] else "png"
            )
            assert record["image"]["src"].endswith(served(figure, theme, role)), figure
            assert record["image"]["complete"] and record["image"]["width"] > 0, figure


@pytest.mark.parametrize("gallery", [m for m in MEDIA if not moving(m)], indirect=True)
def test_reduced_motion_plays_and_loads_no_video(gallery):
    _, figures, _, requested, _ = gallery
    for figure in ANIMATIONS:
        video = figures[figure]["video"]
        assert not video["shown"] and video["paused"] and video["readyState"] == 0, figure
    assert not [url for url in requested if url.endswith((".webm", ".mp4", ".gif"))]


@pytest.mark.parametrize("gallery", [m for m in MEDIA if moving(m)], indirect=True)
def test_a_reader_loads_only_the_first_playable_video_and_the_poster_of_the_theme(gallery):
    mode, _, _, requested, _ = gallery
    theme = theme_of(mode)
    for figure in ANIMATIONS:
        loaded = {url for url in requested if url.startswith(f"{figure}/")}
        assert loaded == {served(figure, theme, "webm"), served(figure, theme, "poster")}


@pytest.mark.parametrize("gallery", list(MEDIA), indirect=True)
def test_screenshot_is_dark_in_dark_mode_and_light_otherwise(gallery):
    mode, _, screenshot, _, _ = gallery
    with Image.open(screenshot) as image:
        grey = np.asarray(image.convert("L")).mean()
    if theme_of(mode) == "dark":
        assert grey < DARK_PAGE_MAX
    else:
        assert grey > LIGHT_PAGE_MIN
