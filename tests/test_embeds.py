"""The embeds for static site generators, built by the real generators as an author runs them.

Each test copies the generator's tree from site/ into a tiny blog, writes one post in a subfolder
that embeds an animation and a still with the post line the README gives, builds the blog, serves
it over HTTP under a base path (/blog/), and opens the post in headless Chromium in the light,
dark and reduced-motion modes. Hugo and Jekyll come from Debian's packages, MkDocs from PyPI (the
test extra), mystmd from npm: a test skips without its generator, except in CI (.ci/run installs
them all), where it fails.
"""

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from player_driver import explore, press, problems, shown_frame, state

from browser import chromium_page, serving
from conftest import REPO, copy_of_build, site_catalogue, snakemake
from l1l2figures.pipeline.embeds import GENERATORS
from l1l2figures.pipeline.layout import ANIMATED, Layout
from l1l2figures.pipeline.site import read_words

CATALOGUE = site_catalogue()
ANIMATION = "outlier_sweep"
STILL = "stability"  # a PNG with a 2x variant
POST_FIGURES = (ANIMATION, STILL)
EMBED = {generator.name: generator for generator in GENERATORS}
BASE_PATH = "blog"  # the blogs are served below /blog/, as on a project's GitHub Pages
MEDIA = {
    "light": {"prefers-color-scheme": "light", "prefers-reduced-motion": "no-preference"},
    "dark": {"prefers-color-scheme": "dark", "prefers-reduced-motion": "no-preference"},
    "reduced-motion": {"prefers-color-scheme": "light", "prefers-reduced-motion": "reduce"},
}
# How much longer than one loop the page watches each video: enough to see it start again.
WATCH_PAST_LOOP_MS = 1000
GENERATOR_TIMEOUT_S = 300


def require(tool: str, install: str) -> str:
    """The tool's path; skips without it, except in CI, where it fails."""
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is not installed; .ci/run installs it ({install})")
        pytest.skip(f"{tool} is not installed ({install})")
    return path


class BuildFailed(Exception):
    """A generator's build failed; the message has its output."""


def run(*cmd: str, cwd: Path) -> str:
    result = subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, timeout=GENERATOR_TIMEOUT_S, check=False
    )
    if result.returncode != 0:
        raise BuildFailed(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def site(tiny_build, tmp_path_factory) -> Path:
    workdir = copy_of_build(tiny_build, tmp_path_factory.mktemp("embeds"))
    snakemake(workdir, "site")
    return workdir / "site"


def post_lines(generator: str, figures=POST_FIGURES) -> str:
    return "\n\n".join(EMBED[generator].post_line.format(figure=f) for f in figures)


def blog_from(site: Path, generator: str, root: Path) -> Path:
    """A new blog in ``root`` with the generator's tree copied in, as the README says."""
    shutil.copytree(site / generator, root, dirs_exist_ok=True)
    return root


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


LAYOUT = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main>{content}</main></body></html>
"""


HUGO_LAYOUT = "layouts/_default/single.html"


def readme_file(path: str) -> str:
    """The file the README gives in a fenced block whose first line is a comment naming it."""
    block = re.search(
        rf"```\w+\n<!-- {re.escape(path)}:[^\n]*-->\n(.*?)```",
        (REPO / "README.md").read_text(),
        re.DOTALL,
    )
    assert block, f"the README gives no {path}"
    return block.group(1)


def build_hugo(site: Path, root: Path, figures=POST_FIGURES) -> Path:
    hugo = require("hugo", "apt-get install hugo")
    blog = blog_from(site, "hugo", root / "src")
    write(
        blog / "hugo.toml",
        f'baseURL = "http://localhost/{BASE_PATH}/"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n',
    )
    # A new site has no theme: the post's layout is the README's
    write(blog / HUGO_LAYOUT, readme_file(HUGO_LAYOUT))
    # the home page's layout: no post needs it; here so that Hugo has nothing to warn about
    write(blog / "layouts/_default/list.html", LAYOUT.format(title="{{ .Title }}", content=""))
    write(
        blog / "content/posts/sub/post.md",
        f'---\ntitle: "Post"\n---\n\n{post_lines("hugo", figures)}\n',
    )
    # Minified, as bloggers publish: Hugo's minifier lowercases a <source type> (an AV1 codecs
    # string in it would no longer play, and the MP4 would be fetched instead of the WebM).
    run(hugo, "--minify", "--destination", str(root / "out"), cwd=blog)
    return root / "out" / "posts/sub/post/index.html"


def build_jekyll(site: Path, root: Path, figures=POST_FIGURES) -> Path:
    jekyll = require("jekyll", "apt-get install jekyll")
    blog = blog_from(site, "jekyll", root / "src")
    write(blog / "_config.yml", f"baseurl: /{BASE_PATH}\nmarkdown: kramdown\n")
    write(
        blog / "_layouts/default.html",
        LAYOUT.format(title="{{ page.title }}", content="{{ content }}"),
    )
    write(
        blog / "posts/sub/post.md",
        f"---\nlayout: default\ntitle: Post\n---\n\n{post_lines('jekyll', figures)}\n",
    )
    run(jekyll, "build", "--source", str(blog), "--destination", str(root / "out"), cwd=blog)
    return root / "out" / "posts/sub/post.html"


def build_mkdocs(site: Path, root: Path, figures=POST_FIGURES) -> Path:
    try:
        import mkdocs  # noqa: F401
    except ImportError:
        require("mkdocs", "pip install -e '.[test]'")
    blog = blog_from(site, "mkdocs", root / "src")
    config = {
        "site_name": "Blog",
        "site_url": f"http://localhost/{BASE_PATH}/",
        "theme": {"name": "mkdocs", "highlightjs": False},  # no script from a CDN
        "hooks": ["l1l2figures/hook.py"],
    }
    write(blog / "mkdocs.yml", yaml.safe_dump(config))
    write(blog / "docs/index.md", "# Blog\n")
    write(blog / "docs/posts/sub/post.md", f"# Post\n\n{post_lines('mkdocs', figures)}\n")
    run(
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--site-dir",
        str(root / "out"),
        cwd=blog,
    )
    return root / "out" / "posts/sub/post/index.html"


def http_root(built_page: Path, out: Path, root: Path) -> tuple[Path, str]:
    """The built site moved below root/blog/: (folder to serve, the page's path there)."""
    served = root / "served"
    shutil.copytree(out, served / BASE_PATH)
    # Chromium asks every origin for /favicon.ico: an empty one, so that no request fails.
    (served / "favicon.ico").write_bytes(b"")
    return served, f"/{BASE_PATH}/{built_page.relative_to(out).as_posix()}"


# Each l1l2 figure of the page: its video watched while in view, the image shown, the alt texts,
# and whether its "how this was made" link resolves.
INSPECT = f"""
(async () => {{
  const sleep = ms => new Promise(done => setTimeout(done, ms));
  const shown = element => element.getClientRects().length > 0;
  const records = [];
  for (const figure of document.querySelectorAll("figure.l1l2-figure")) {{
    const record = {{id: figure.id, video: null, image: null}};
    const video = figure.querySelector("video");
    if (video) {{
      record.video = {{shown: shown(video), loop: video.loop, label: video.getAttribute("aria-label")}};
      if (shown(video)) {{
        video.scrollIntoView({{block: "center"}});
        for (let i = 0; i < 100 && (video.paused || video.readyState < 2); i++) await sleep(100);
        record.video.times = [];
        const watch = video.duration * 1000 + {WATCH_PAST_LOOP_MS};
        for (let t = 0; t < watch; t += 100) {{
          record.video.times.push(video.currentTime); await sleep(100);
        }}
      }}
      Object.assign(record.video, {{src: video.currentSrc, paused: video.paused,
        readyState: video.readyState}});
    }}
    const image = [...figure.querySelectorAll("img")].find(i => !i.closest("video") && shown(i));
    if (image) {{
      image.scrollIntoView({{block: "center"}});
      await image.decode().catch(() => {{}});
      record.image = {{src: image.currentSrc, width: image.naturalWidth, alt: image.alt}};
    }}
    const link = figure.querySelector("a.l1l2-provenance, .l1l2-provenance a");
    record.manifest = link ? (await fetch(link.href)).status : null;
    records.push(record);
  }}
  return records;
}})()
"""


def inspect(chromium: str, url: str, mode: str, profile: Path) -> tuple[dict, list[str]]:
    with chromium_page(chromium, profile) as page:
        page.open(url, MEDIA[mode])
        figures = {record["id"].removeprefix("l1l2-"): record for record in page.evaluate(INSPECT)}
        return figures, page.problems()


def served_file(figure: str, theme: str, role: str) -> str:
    return Layout().site_url(Layout().assets(figure, CATALOGUE[figure], theme)[role])


def words_of(site: Path) -> dict:
    """The figures' words as the build made them (results/<figure>/words.json)."""
    return read_words({f: site.parent / "results" / f / "words.json" for f in CATALOGUE})


def check_reader_view(
    figures: dict, problems: list[str], mode: str, figure_names, where, words
) -> None:
    """What a reader gets in ``mode``: the scheme's files, a looping video or the still, alt texts.
    ``where`` names the page in a failure's message; ``words`` are the figures' words."""
    assert problems == [], (where, mode)
    assert sorted(figures) == sorted(figure_names), (where, mode)
    theme = MEDIA[mode]["prefers-color-scheme"]
    moving = MEDIA[mode]["prefers-reduced-motion"] == "no-preference"
    for name, record in figures.items():
        assert record["manifest"] == 200, name
        video = record["video"]
        if CATALOGUE[name] == ANIMATED and moving:
            assert video["shown"] and video["loop"] and not video["paused"], (name, video)
            assert video["src"].endswith("/" + served_file(name, theme, "webm")), (name, video)
            assert video["label"] == words[name].alt
            times = video["times"]
            assert any(b > a for a, b in itertools.pairwise(times)), times  # it plays ...
            assert any(b < a for a, b in itertools.pairwise(times)), times  # ... and starts again
            assert record["image"] is None, name
        else:
            if video is not None:  # reduced motion: no video, the poster instead
                assert not video["shown"] and video["readyState"] == 0, (name, video)
            role = "poster" if CATALOGUE[name] == ANIMATED else "png"
            image = record["image"]
            assert image["src"].endswith("/" + served_file(name, theme, role)), (name, image)
            assert image["width"] > 0 and image["alt"] == words[name].alt, (name, image)


BUILDERS = {"hugo": build_hugo, "jekyll": build_jekyll, "mkdocs": build_mkdocs}


@pytest.fixture(scope="module", params=list(BUILDERS))
def blog(request, site, tmp_path_factory) -> tuple[str, Path, str]:
    """(generator, folder to serve, the post's path): a tiny blog built by the generator."""
    root = tmp_path_factory.mktemp(request.param)
    page = BUILDERS[request.param](site, root)
    served, path = http_root(page, root / "out", root)
    return request.param, served, path


@pytest.mark.parametrize("mode", list(MEDIA))
def test_a_post_shows_the_figures_as_the_snippet_does(blog, site, mode, chromium, tmp_path):
    generator, served, path = blog
    with serving(served) as origin:
        figures, problems = inspect(chromium, origin + path, mode, tmp_path / "profile")
    check_reader_view(figures, problems, mode, POST_FIGURES, generator, words_of(site))


@pytest.mark.parametrize("mode", list(MEDIA))
def test_a_posts_player_steps_through_the_frames_with_their_sentences(
    blog, site, mode, chromium, tmp_path
):
    """The player works in the post as on the site's own pages (tests/test_player_page.py): a
    key moves the slider, its aria-valuetext is the frame's sentence from the words stage, and
    the video shows that frame's time; with motion reduced nothing plays."""
    generator, served, path = blog
    sentences = json.loads((site.parent / Layout().words(ANIMATION)).read_text())["frames"]
    durations = json.loads((site.parent / Layout().pacing(ANIMATION)).read_text())["durations_ms"]
    starts = list(itertools.accumulate(durations, initial=0))
    with serving(served) as origin, chromium_page(chromium, tmp_path / "profile") as page:
        page.open(origin + path, MEDIA[mode])
        explore(page, ANIMATION)
        for key, frame in (("End", len(durations) - 1), ("Home", 0), (".", 1)):
            press(page, key)
            shown_frame(page, ANIMATION)  # once the video shows the frame
            now = state(page, ANIMATION)
            assert now["value"] == frame, (generator, key)
            assert now["valuetext"] == sentences["sentences"][frame], (generator, key)
            assert starts[frame] <= now["time"] * 1000 < starts[frame + 1], (generator, key)
            assert now["paused"], (generator, key)
        assert problems(page) == [], generator


# The box mystmd's theme (myst-theme, myst-to-react's IFrame) puts an iframe in: as wide as the
# column, at least 500 px, and 60% as high as wide; the iframe fills it.
MYST_THEME_BOX = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>box</title></head><body style="margin:0">
<div style="width:{width}px"><div style="position:relative; padding-bottom:60%">
<iframe src="{src}" title="figure"
  style="position:absolute; inset:0; width:100%; height:100%; border:none"></iframe>
</div></div></body></html>
"""
MYST_COLUMNS_PX = (500, 720, 1000)
# The figure, shown whole, is at least this share of the box's height: shrunk to fit, not to a
# thumbnail, beside the provenance link and the player's bar (over half the box when exploring in
# the narrowest column).
MYST_FIGURE_SHARE = 0.4
# Inside the box's iframe: scrolling, the figure's picture as drawn (object-fit: contain), the
# description's box and the provenance link's.
IN_THE_BOX = """
(async () => {
  const sleep = ms => new Promise(done => setTimeout(done, ms));
  const frame = document.querySelector("iframe");
  const loaded = () => frame.contentDocument
    && frame.contentDocument.URL.endsWith(frame.getAttribute("src"))
    && frame.contentDocument.readyState === "complete";
  for (let i = 0; i < 200 && !loaded(); i++) await sleep(50);
  const doc = frame.contentDocument, view = frame.contentWindow;
  if (%(explore)s) {
    doc.querySelector(".l1l2-player button").click();
    for (let i = 0; i < 100 && !doc.querySelector("input[type=range]"); i++) await sleep(50);
  }
  await sleep(200);
  const shown = e => e.getClientRects().length > 0;
  const media = [...doc.querySelectorAll("figure video, figure img")]
    .find(e => shown(e) && (e.tagName === "VIDEO" || !e.closest("video")));
  if (media.decode) await media.decode().catch(() => {});
  const video = media.tagName === "VIDEO";
  for (let i = 0; i < 200 && video && media.readyState < 1; i++) await sleep(50);
  const box = media.getBoundingClientRect();
  const natural = video ? [media.videoWidth, media.videoHeight]
    : [media.naturalWidth, media.naturalHeight];
  const scale = Math.min(box.width / natural[0], box.height / natural[1]);
  const rect = e => {
    const r = e.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
  };
  return {
    view: [view.innerWidth, view.innerHeight],
    scroll: [doc.documentElement.scrollWidth, doc.documentElement.scrollHeight],
    media: rect(media), drawn: [natural[0] * scale, natural[1] * scale],
    description: rect(doc.querySelector(".l1l2-description")),
    provenance: rect(doc.querySelector(".l1l2-provenance a")),
    described: doc.getElementById(media.getAttribute("aria-describedby") || "").textContent,
  };
})()
"""


def text_of(node: dict) -> str:
    return node.get("value", "") + "".join(text_of(child) for child in node.get("children", ()))


def test_the_myst_include_shows_the_figure_fitted_in_an_iframe_with_its_caption_below(
    site, chromium, tmp_path
):
    """mystmd builds the post's document tree here; its HTML theme (book-theme) is downloaded
    when a site is built, from the MyST API, which neither this machine nor CI reaches. So the
    test checks the tree that the theme renders, and opens in Chromium the page its iframe shows,
    on its own and in the theme's box at several column widths."""
    myst = require("myst", "npm install -g mystmd")
    project = blog_from(site, "myst", tmp_path / "project")
    # mystmd fetches a named theme's metadata even for --site; a local theme (its template.yml) not.
    write(project / "theme/template.yml", "myst: v1\ntitle: offline stand-in for book-theme\n")
    write(project / "myst.yml", "version: 1\nproject:\n  title: Blog\nsite:\n  template: ./theme\n")
    write(project / "posts/sub/post.md", f"# Post\n\n{post_lines('myst')}\n")
    run(myst, "build", "--site", cwd=project)
    tree = json.loads((project / "_build/site/content/post.json").read_text())["mdast"]
    figures = []

    def walk(node):
        if node.get("kind") == "figure":
            kinds = [child["type"] for child in node["children"]]
            assert kinds == ["iframe", "caption"], kinds
            figures.append(node["children"])
        for child in node.get("children", ()):
            walk(child)

    walk(tree)
    words = words_of(site)
    assert [(f["src"], f["title"], f["width"]) for f, _ in figures] == [
        (f"l1l2figures/{figure}/embed.html#fit", words[figure].alt, "100%")
        for figure in POST_FIGURES
    ]
    for (_, caption), figure in zip(figures, POST_FIGURES, strict=True):
        # mystmd sets apostrophes as typographic ones; every other character is the description's.
        assert text_of(caption).replace("\u2019", "'") == words[figure].description, figure
    # mystmd's pages are /<page>: the iframes' URLs resolve in the folder beside them.
    served = tmp_path / "served"
    shutil.copytree(project / "l1l2figures", served / BASE_PATH / "l1l2figures")
    (served / "favicon.ico").write_bytes(b"")
    sources = [f"/{BASE_PATH}/{iframe['src']}" for iframe, _ in figures]
    for width in MYST_COLUMNS_PX:
        for src in sources:
            write(
                served / f"box-{width}-{len(src)}.html", MYST_THEME_BOX.format(width=width, src=src)
            )
    with serving(served) as origin:
        for mode in MEDIA:
            for figure, src in zip(POST_FIGURES, sources, strict=True):
                found, failures = inspect(
                    chromium, origin + src, mode, tmp_path / f"{mode}-{figure}"
                )
                check_reader_view(found, failures, mode, [figure], "myst", words)
        with chromium_page(chromium, tmp_path / "box", window=(1100, 800)) as page:
            for mode in ("light", "reduced-motion"):
                for width, (figure, src), exploring in itertools.product(
                    MYST_COLUMNS_PX, zip(POST_FIGURES, sources), (False, True)
                ):
                    if exploring and (CATALOGUE[figure] != ANIMATED or mode != "light"):
                        continue
                    where = (figure, width, mode, "exploring" if exploring else "")
                    page.events.clear()  # this page's load event, not the last one's
                    page.open(f"{origin}/box-{width}-{len(src)}.html", MEDIA[mode])
                    seen = page.evaluate(IN_THE_BOX % {"explore": str(exploring).lower()})
                    view_width, view_height = seen["view"]
                    assert seen["scroll"] == [view_width, view_height], where  # no scroll bars
                    left, top, right, bottom = seen["media"]
                    assert left >= 0 and top >= 0, where
                    assert right <= view_width and bottom <= view_height, where
                    assert seen["drawn"][1] >= MYST_FIGURE_SHARE * view_height, (where, seen)
                    _, link_top, _, link_bottom = seen["provenance"]
                    assert bottom <= link_top and link_bottom <= view_height, (where, seen)
                    description = seen["description"]
                    assert description[2] - description[0] <= 1, where  # the caption shows it
                    assert seen["described"].startswith(words[figure].description), where
                    assert problems(page) == [], where


def test_a_myst_post_in_folders_finds_its_figures_from_the_root_url_the_config_gives(
    site, chromium, tmp_path
):
    """With mystmd's ``site.options.folders: true`` a page's URL follows its source folders, so
    a relative iframe URL resolves in the post's own folder; ``site.myst_figures_url`` from the
    site's root resolves from any depth. The page's URL is mystmd's own (``slugToUrl``: the slug's
    dots as slashes), below the base path the blog is served at."""
    myst = require("myst", "npm install -g mystmd")
    workdir = copy_of_build(site.parent, tmp_path / "workdir")
    rooted = f"/{BASE_PATH}/l1l2figures/"
    snakemake(workdir, "site", "--config", f"site={{myst_figures_url: {rooted}}}")
    project = blog_from(workdir / "site", "myst", tmp_path / "project")
    write(project / "theme/template.yml", "myst: v1\ntitle: offline stand-in for book-theme\n")
    write(
        project / "myst.yml",
        "version: 1\nproject:\n  title: Blog\nsite:\n  template: ./theme\n"
        "  options:\n    folders: true\n",
    )
    write(project / "index.md", "# Blog\n")
    write(project / "posts/sub/post.md", f"# Post\n\n{post_lines('myst')}\n")
    run(myst, "build", "--site", cwd=project)
    page = json.loads((project / "_build/site/content/posts.sub.post.json").read_text())
    url = f"/{BASE_PATH}/" + page["slug"].removesuffix(".index").replace(".", "/")
    assert url == f"/{BASE_PATH}/posts/sub/post"  # the folders, as the README says
    sources = []

    def walk(node):
        if node.get("type") == "iframe":
            sources.append(node["src"])
        for child in node.get("children", ()):
            walk(child)

    walk(page["mdast"])
    assert sources == [f"{rooted}{figure}/embed.html#fit" for figure in POST_FIGURES]
    # As the README says: the figures' folder copied into the built site, at its root.
    served = tmp_path / "served"
    shutil.copytree(project / "l1l2figures", served / BASE_PATH / "l1l2figures")
    (served / "favicon.ico").write_bytes(b"")
    words = words_of(workdir / "site")
    with serving(served) as origin:
        for figure, src in zip(POST_FIGURES, sources, strict=True):
            found, failures = inspect(
                chromium, urljoin(origin + url, src), "light", tmp_path / f"light-{figure}"
            )
            check_reader_view(found, failures, "light", [figure], "myst", words)


def test_the_readme_gives_each_generators_post_line():
    readme = (REPO / "README.md").read_text()
    for generator in GENERATORS:
        assert generator.post_line.format(figure=ANIMATION) in readme, generator.name


@pytest.mark.parametrize("generator", list(BUILDERS))
def test_a_figure_the_site_does_not_have_fails_the_build_naming_it(generator, site, tmp_path):
    with pytest.raises(BuildFailed) as failed:
        BUILDERS[generator](site, tmp_path, figures=(ANIMATION, "no_such_figure"))
    assert "no_such_figure" in str(failed.value)
