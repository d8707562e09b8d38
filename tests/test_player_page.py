"""The blog player in headless Chromium: keys move the slider and the frame shown, each frame's
sentence is the slider's aria-valuetext, the chapters, reduced motion, both themes and a page's
own light/dark switch. Screenshots are kept in test-artifacts/player/ for a person to see.
"""

import contextlib
import json
import os
import shutil
import subprocess
import time
from itertools import accumulate
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from player_driver import CUES, explore, press, problems, shown_frame, state
from test_site import site_build  # noqa: F401 (the fixture: the tiny build with its site)

from browser import chromium_page, serving
from conftest import REPO, site_catalogue
from l1l2figures.pipeline.layout import ANIMATED, Layout, player_data_url

CATALOGUE = site_catalogue()
ANIMATIONS = [figure for figure, kind in CATALOGUE.items() if kind == ANIMATED]
STILLS = [figure for figure, kind in CATALOGUE.items() if kind != ANIMATED]
ARTIFACTS = REPO / "test-artifacts" / "player"
DARK = {"prefers-color-scheme": "dark"}
REDUCED = {"prefers-reduced-motion": "reduce"}
SETTLE_S = 0.3  # for a page to follow a change of an attribute (a MutationObserver's turn)
WATCH_S = 1.5  # long enough for a video that plays by itself to have moved


@pytest.fixture(scope="module")
def site(site_build):  # noqa: F811 (the fixture imported above)
    """(the build, the URL its site/ is served at; Python's server: no byte ranges, as some
    hosts)."""
    with serving(site_build / "site") as url:
        yield site_build, url + "/"


@contextlib.contextmanager
def page_at(chromium, tmp_path, url: str, media: dict):
    with chromium_page(chromium, tmp_path / "profile") as page:
        page.open(url, media)
        yield page


def frame_pictures(build: Path, figure: str, theme: str) -> dict[int, np.ndarray]:
    """Every frame the render jobs drew, by frame index."""
    folder = build / Layout().rendered(figure, theme, "frames")
    return {
        int(path.stem): np.asarray(Image.open(path).convert("RGB"), dtype=float)
        for path in folder.glob("*/*.png")
    }


def nearest_frame(picture: np.ndarray, frames: dict[int, np.ndarray]) -> set[int]:
    """The frames a picture of the video is nearest to (identical frames tie)."""
    errors = {index: float(((frame - picture) ** 2).mean()) for index, frame in frames.items()}
    best = min(errors.values())
    return {index for index, error in errors.items() if error <= best}


def pacing(build: Path, figure: str) -> dict:
    return json.loads((build / Layout().pacing(figure)).read_text())


def frame_sentences(build: Path, figure: str) -> list[str]:
    return json.loads((build / Layout().words(figure)).read_text())["frames"]["sentences"]


def expected_after(key: str, frame: int, n: int, chapters: list[int]) -> int:
    """Where a key moves the slider, by the issue's keys: one frame, a chapter, an end."""
    if key in ("ArrowRight", "ArrowUp", "."):
        return min(frame + 1, n - 1)
    if key in ("ArrowLeft", "ArrowDown", ","):
        return max(frame - 1, 0)
    if key == "PageDown":
        return min([c for c in chapters if c > frame], default=n - 1)
    if key == "PageUp":
        return max([c for c in chapters if c < frame], default=0)
    return {"Home": 0, "End": n - 1}[key]


KEYS = ["Home", ".", "ArrowRight", ",", "PageDown", "PageDown", "PageUp", "End", "ArrowLeft"]


@pytest.mark.parametrize("figure", ANIMATIONS)
def test_keys_move_the_slider_the_frame_shown_and_its_sentence(chromium, site, tmp_path, figure):
    build, url = site
    paced = pacing(build, figure)
    durations = paced["durations_ms"]
    starts = list(accumulate(durations, initial=0))
    chapters = [frame for frame, _ in paced["moments"]]
    sentences = frame_sentences(build, figure)
    frames = frame_pictures(build, figure, "light")
    with page_at(chromium, tmp_path, f"{url}{figure}/embed.html", {}) as page:
        now = explore(page, figure)
        assert now["focused"] and now["paused"] and not now["controls"]
        frame = now["value"]
        for key in KEYS:
            press(page, key)
            frame = expected_after(key, frame, len(durations), chapters)
            picture = shown_frame(page, figure)
            now = state(page, figure)
            assert now["value"] == frame, key
            assert now["valuetext"] == sentences[frame], key
            assert starts[frame] <= now["time"] * 1000 < starts[frame + 1], key
            assert frame in nearest_frame(picture, frames), key
        page.screenshot(ARTIFACTS / f"{figure}-light.png")
        assert problems(page) == []


@pytest.mark.parametrize("figure", ANIMATIONS)
def test_the_chapters_are_the_key_moments_on_the_video_track_and_in_the_player(
    chromium, site, tmp_path, figure
):
    build, url = site
    paced = pacing(build, figure)
    starts = list(accumulate(paced["durations_ms"], initial=0))
    moments = [(starts[frame] / 1000, what) for frame, what in paced["moments"]]
    with page_at(chromium, tmp_path, f"{url}{figure}/embed.html", {}) as page:
        cues = page.evaluate(CUES % figure)
        assert cues[0] == "chapters"
        assert [start for start, _ in cues[1]] == pytest.approx([start for start, _ in moments])
        assert [text for _, text in cues[1]] == [what for _, what in moments]
        assert explore(page, figure)["chapters"] == [what for _, what in moments]
        for i, (frame, _) in enumerate(paced["moments"]):
            page.evaluate(
                f'document.querySelectorAll("#l1l2-{figure} .l1l2-chapters button")[{i}].click()'
            )
            assert state(page, figure)["value"] == frame


@pytest.mark.parametrize("figure", ANIMATIONS)
def test_with_motion_reduced_nothing_plays_by_itself_and_the_stepper_is_there(
    chromium, site, tmp_path, figure
):
    build, url = site
    poster = pacing(build, figure)["poster"]
    frames = frame_pictures(build, figure, "dark")
    media = {**REDUCED, **DARK}
    with page_at(chromium, tmp_path, f"{url}{figure}/embed.html", media) as page:
        time.sleep(WATCH_S)
        before = state(page, figure)
        assert not before["videoShown"] and before["still"].endswith("dark/poster.png")
        assert before["buttons"] == ["Explore frame by frame"]  # no video shows: none to pause
        assert not [u for u in page.requested() if u.endswith((".webm", ".mp4", ".json"))]
        now = explore(page, figure)
        assert now["value"] == poster and now["videoShown"] and now["still"] is None
        assert "/dark/" in now["src"] or now["src"].startswith("blob:")
        assert poster in nearest_frame(shown_frame(page, figure), frames)
        press(page, "End")
        time.sleep(WATCH_S)
        after = state(page, figure)
        assert after["paused"] and after["value"] == len(frames) - 1
        page.screenshot(ARTIFACTS / f"{figure}-dark-reduced-motion.png")
        assert problems(page) == []


def sources(page) -> dict[str, str]:
    """Each figure's video (its scheme's file, as the page loaded it) or still image."""
    return page.evaluate(
        """(() => Object.fromEntries([...document.querySelectorAll(".l1l2-figure")].map(f => {
          const video = f.querySelector("video");
          const img = [...f.querySelectorAll("img")].find(i => !i.closest("video"));
          return [f.id.slice(5), video && !matchMedia("(prefers-reduced-motion: reduce)").matches
            ? video.currentSrc : img.currentSrc];
        })))()"""
    )


def schemes_of(found: dict[str, str]) -> set[str]:
    return {"dark" if "/dark/" in src else "light" for src in found.values()}


# How a page switches its own scheme: (what it runs, the scheme it sets). Material for MkDocs
# sets data-md-color-scheme on <body> (slate = dark); Hugo and Jekyll themes a data-theme or a
# dark class on <html>.
SWITCHES = [
    ('document.body.setAttribute("data-md-color-scheme", "slate")', "dark"),
    ('document.body.setAttribute("data-md-color-scheme", "default")', "light"),
    ('document.documentElement.setAttribute("data-theme", "dark")', "dark"),
    ('document.documentElement.setAttribute("data-theme", "light")', "light"),
    ('document.documentElement.classList.add("dark")', "dark"),
]


@pytest.mark.parametrize("media", [{}, DARK, REDUCED], ids=["light", "dark", "reduced-motion"])
@pytest.mark.parametrize(("switch", "scheme"), SWITCHES)
def test_a_pages_own_scheme_switch_wins_over_the_readers(
    chromium, site, tmp_path, media, switch, scheme
):
    _, url = site
    with page_at(chromium, tmp_path, f"{url}index.html", media) as page:
        system = "dark" if media == DARK else "light"
        assert schemes_of(sources(page)) == {system}
        page.evaluate(switch)
        time.sleep(SETTLE_S)
        for _ in range(50):  # a video's new file takes a moment to load
            found = sources(page)
            if schemes_of(found) == {scheme}:
                break
            time.sleep(0.1)
        assert schemes_of(found) == {scheme}, found
        assert set(found) == set(CATALOGUE)
        if REDUCED == media:  # still nothing plays, and no video is fetched
            assert not [u for u in page.requested() if u.endswith((".webm", ".mp4"))]
        page.screenshot(ARTIFACTS / f"switch-{scheme}-{'-'.join(media.values()) or 'light'}.png")
        assert problems(page) == []


def test_before_explore_the_script_s_pause_replaces_the_video_s_own_controls(
    chromium, site, tmp_path
):
    """The video's own bar would cover the figure's key whenever the pointer is over it: with the
    script, a Pause button above the video stops it instead (the HTML keeps `controls` for pages
    without the script)."""
    _, url = site
    figure = ANIMATIONS[0]
    with page_at(chromium, tmp_path, f"{url}{figure}/embed.html", {}) as page:
        for _ in range(100):  # until it plays by itself
            if not state(page, figure)["paused"]:
                break
            time.sleep(0.05)
        # The browser fires "play", which relabels the button, in a task after `paused` turns
        # false: read the page once that task has run.
        time.sleep(SETTLE_S)
        playing = state(page, figure)
        assert not playing["paused"] and not playing["controls"]
        assert playing["buttons"] == ["Explore frame by frame", "Pause"]
        page.evaluate(
            f'document.querySelectorAll("#l1l2-{figure} .l1l2-player > button")[1].click()'
        )
        time.sleep(SETTLE_S)
        paused = state(page, figure)
        assert paused["paused"] and paused["buttons"][1] == "Play"
        time.sleep(WATCH_S)
        assert state(page, figure)["time"] == paused["time"]
        page.evaluate(
            f'document.querySelectorAll("#l1l2-{figure} .l1l2-player > button")[1].click()'
        )
        time.sleep(WATCH_S)
        again = state(page, figure)
        assert not again["paused"] and again["buttons"][1] == "Pause"
        assert again["time"] != paused["time"]
        assert problems(page) == []


def test_the_player_loads_nothing_until_asked(chromium, site, tmp_path):
    _, url = site
    with page_at(chromium, tmp_path, f"{url}index.html", {}) as page:
        time.sleep(WATCH_S)
        requested = page.requested()
        for figure in ANIMATIONS:
            assert not [u for u in requested if u.endswith(player_data_url(figure))]
            assert not [u for u in requested if u.endswith(".vtt")]


def test_explore_says_on_the_page_why_a_page_opened_as_a_file_shows_no_frames(
    chromium, site, tmp_path
):
    build, _ = site
    figure = ANIMATIONS[0]
    note = f'document.querySelector("#l1l2-{figure} .l1l2-player [role=status]").textContent'
    with page_at(chromium, tmp_path, (build / "site" / "index.html").as_uri(), {}) as page:
        for _ in range(100):  # the player's script runs once the page is parsed
            if page.evaluate(f"document.querySelector('#l1l2-{figure} .l1l2-player') !== null"):
                break
            time.sleep(0.05)
        assert page.evaluate(note) == ""  # nothing said before Explore is pressed
        page.evaluate(f'document.querySelector("#l1l2-{figure} .l1l2-player button").click()')
        for _ in range(100):
            if page.evaluate(note):
                break
            time.sleep(0.05)
        assert "opened as a file" in page.evaluate(note)
        # the button works again: served over HTTP, the same page explores
        assert not page.evaluate(
            f'document.querySelector("#l1l2-{figure} .l1l2-player button").disabled'
        )


# What has the keyboard's focus: its text, or its tag where it has none (a video's own controls).
FOCUSED = "document.activeElement.textContent.trim() || document.activeElement.tagName"


@pytest.mark.parametrize("page_path", ["{figure}.html", "{figure}/embed.html"])
def test_the_keyboard_reaches_explore_before_the_video_s_own_controls(
    chromium, site, tmp_path, page_path
):
    _, url = site
    figure = ANIMATIONS[0]
    with page_at(chromium, tmp_path, url + page_path.format(figure=figure), {}) as page:
        bar = f"#l1l2-{figure} .l1l2-player button"
        for _ in range(100):  # the player's script runs once the page is parsed
            if page.evaluate(f'document.querySelector("{bar}") !== null'):
                break
            time.sleep(0.05)
        focused = []
        for _ in range(2):  # the figure's first stop (a site page may have a link before it)
            press(page, "Tab")
            focused.append(page.evaluate(FOCUSED))
        assert "Explore frame by frame" in focused, focused
        assert "VIDEO" not in focused[: focused.index("Explore frame by frame")], focused


@pytest.fixture(scope="session")
def axe_core() -> str:
    """axe-core's script (npm's, installed globally by .ci/run), or the test is skipped."""
    npm = shutil.which("npm")
    path = None
    if npm:
        root = subprocess.run([npm, "root", "--global"], capture_output=True, text=True, check=True)
        path = Path(root.stdout.strip()) / "axe-core" / "axe.min.js"
    if path is None or not path.is_file():
        if os.environ.get("CI"):
            pytest.fail("axe-core is not installed; .ci/run installs it")
        pytest.skip("axe-core is not installed (npm install --global axe-core)")
    return path.read_text()


# Every rule axe runs by default (WCAG 2.x A and AA, and its best practices): each violation as
# (rule, the first element's HTML).
AXE_RUN = """
axe.run().then(result => result.violations.map(v => [v.id, v.nodes[0].html.slice(0, 200)]))
"""


@pytest.mark.parametrize("media", [{}, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("path", ["index.html", *(f"{figure}/embed.html" for figure in CATALOGUE)])
def test_axe_finds_no_violation_on_a_page_with_its_players_open(
    chromium, axe_core, site, tmp_path, path, media
):
    _, url = site
    with page_at(chromium, tmp_path, f"{url}{path}", media) as page:
        for figure in ANIMATIONS:
            if page.evaluate(f'document.getElementById("l1l2-{figure}") !== null'):
                explore(page, figure)
        page.evaluate(axe_core)
        assert page.evaluate(AXE_RUN) == []
