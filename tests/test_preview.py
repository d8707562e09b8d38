"""l1l2-preview: started on a built copy of the workflow, watched on disk and in headless Chromium."""

import contextlib
import importlib
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest
import watchfiles
import yaml
from PIL import Image

from browser import chromium_page
from conftest import (
    TINY,
    copy_of_build,
    copy_workflow,
    merged,
    snakemake,
    yaml_config,
)
from l1l2figures.catalogue import CATALOGUE
from l1l2figures.pipeline import inprocess
from l1l2figures.pipeline.build import write_product
from l1l2figures.pipeline.layout import Layout
from l1l2figures.pipeline.specs import Specs, digest, job_key, write_spec
from l1l2figures.preview import figures
from l1l2figures.preview.server import LivePreview, located

PREVIEW = Path(sys.executable).with_name("l1l2-preview")  # the console script of the build install
PREVIEW_ARGS = ["--port", "0", "--configfile", "tiny.yaml"]
START_TIMEOUT_S = 120  # a busy 2-core machine: the library imported, the config checked
CHANGE_TIMEOUT_S = 60
STOP_TIMEOUT_S = 15
TWEAK = "#1b9e77"  # in no palette of the shipped config
TWEAKED_RGB = (0x1B, 0x9E, 0x77)
FIGURE = "robustness"
RAISE = '    raise ValueError("a scene that raises")'
RAISING_SCENE = f"""

def animation_scene(*args, **kwargs):
{RAISE}
"""
SCRUBBED_FRAME = 3


def save_by_rename(path: Path, text: str) -> None:
    """Save as vim and VS Code do: a new file renamed over the old one."""
    new = path.with_name(f".{path.name}.new")
    new.write_text(text)
    os.replace(new, path)


def wait_for(what: str, condition, timeout: float = CHANGE_TIMEOUT_S):
    """The first true value of ``condition()``, polled until ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def colour_pixels(png: bytes | Path, rgb=TWEAKED_RGB) -> int:
    pixels = np.asarray(Image.open(png).convert("RGB"))
    return int(np.all(pixels == rgb, axis=-1).sum())


class Running:
    """A started l1l2-preview: its process, the URL it printed, what it printed."""

    def __init__(self, workdir: Path):
        # The copy's own library (the scene a test breaks is there), as the workflow's jobs do.
        env = {**os.environ, "PYTHONPATH": str(workdir / "src")}
        self.process = subprocess.Popen(
            # Started as a shell script's background job would start it: with SIGINT ignored,
            # which Python keeps unless told otherwise. Ctrl-C must stop it all the same.
            ["sh", "-c", 'trap "" INT && exec "$0" "$@"', str(PREVIEW), *PREVIEW_ARGS],
            cwd=workdir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own session: every process it starts can be found
        )
        self.output: list[str] = []
        deadline = time.monotonic() + START_TIMEOUT_S
        # Byte by byte from the pipe, up to the URL's line and no further: a buffered read would
        # take the lines after it too, and interrupt()'s communicate(), which reads the pipe
        # itself, would never see them.
        line = b""
        while time.monotonic() <= deadline and (byte := os.read(self.process.stdout.fileno(), 1)):
            line += byte
            if byte != b"\n":
                continue
            self.output.append(line.decode())
            line = b""
            found = re.search(r"http://127\.0\.0\.1:\d+/", self.output[-1])
            if found:
                self.url = found.group()
                return
        self.process.kill()
        pytest.fail(f"l1l2-preview did not start:\n{''.join(self.output)}")

    def session_processes(self) -> list[int]:
        """Processes still running in the preview's session (its own included)."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError, IndexError):
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                    if int(fields[3]) == self.process.pid:  # field 6, the session id
                        found.append(int(entry.name))
        return found

    def output_lines(self) -> list[str]:
        return "".join(self.output).splitlines()

    def interrupt(self) -> int:
        """Ctrl-C: the exit code, once it has stopped."""
        self.process.send_signal(signal.SIGINT)
        rest, _ = self.process.communicate(timeout=STOP_TIMEOUT_S)
        self.output.append(rest)
        return self.process.returncode


@pytest.fixture
def preview(built, tmp_path):
    """l1l2-preview running on a copy of the tiny build, stopped afterwards."""
    workdir = copy_of_build(built, tmp_path / "project")
    running = Running(workdir)
    running.workdir = workdir
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()


def picture_js(element_id: str) -> str:
    """JavaScript: the version of a picture once it has loaded, and its pixels of TWEAK's colour."""
    r, g, b = TWEAKED_RGB
    return f"""(() => {{
        const img = document.getElementById("{element_id}");
        if (!img || !img.complete || !img.naturalWidth) return null;
        const canvas = document.createElement("canvas");
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const context = canvas.getContext("2d");
        context.drawImage(img, 0, 0);
        const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let i = 0; i < data.length; i += 4) {{
            if (data[i] === {r} && data[i + 1] === {g} && data[i + 2] === {b}) count++;
        }}
        return {{version: Number(img.dataset.version), src: img.src, tweaked: count}};
    }})()"""


EVERY_PICTURE_SHOWN = f"""(() => {{
    const shown = [...document.querySelectorAll("img[id^='picture-']")]
        .filter(img => img.complete && img.naturalWidth > 0).map(img => img.id).sort();
    return JSON.stringify(shown) === JSON.stringify({
    sorted(f"picture-{f}-{theme}" for f in figures.FIGURES for theme in ("light", "dark"))
})}})()"""


EVERY_VERSION_AT_LEAST_2 = f"""(() => {{
    const images = [...document.querySelectorAll("img[id^='picture-']")];
    return images.length === {2 * len(figures.FIGURES)}
        && images.every(img => Number(img.dataset.version) >= 2 && img.complete);
}})()"""


def page_text(page, element_id: str) -> str:
    return page.evaluate(f'document.getElementById("{element_id}")?.textContent ?? ""')


# What Snakemake writes, and the preview leaves alone.
SNAKEMAKES_FOLDERS = ("results", "figures", "site")


def files_and_dates(workdir: Path, *folders: str) -> dict[str, int]:
    """{path: modification time} of every file under ``folders``."""
    return {
        str(path.relative_to(workdir)): path.stat().st_mtime_ns
        for folder in folders
        for path in (workdir / folder).rglob("*")
        if path.is_file()
    }


LOCK = "preview/.lock"  # what a running preview holds locked


def sheet(workdir: Path, figure: str = FIGURE, theme: str = "light") -> Path:
    return workdir / "preview" / figure / theme / "sheet.png"


@pytest.mark.slow
def test_a_colour_change_redraws_the_sheet_on_disk_and_on_the_page(preview, chromium, tmp_path):
    workdir, config_path = preview.workdir, preview.workdir / "tiny.yaml"
    snakemakes = files_and_dates(workdir, *SNAKEMAKES_FOLDERS)
    wait_for("every sheet", lambda: all(sheet(workdir, f).exists() for f in figures.ANIMATIONS))
    with chromium_page(chromium, tmp_path / "profile") as page:
        page.open(preview.url, {})
        # Every figure, animation or still, in both themes.
        wait_for("every picture on the page", lambda: page.evaluate(EVERY_PICTURE_SHOWN))
        before = wait_for(
            "the sheet on the page", lambda: page.evaluate(picture_js(f"picture-{FIGURE}-light"))
        )
        assert before["tweaked"] == 0
        old_sheet = sheet(workdir).read_bytes()
        old_dark = sheet(workdir, theme="dark").read_bytes()
        untouched = {f: sheet(workdir, f).stat().st_mtime_ns for f in figures.ANIMATIONS}
        del untouched[FIGURE]

        tweaked = merged(TINY, {FIGURE: {"style": {"l1_color": TWEAK}}})
        save_by_rename(config_path, yaml.safe_dump(tweaked))

        new_sheet = wait_for(
            "the sheet redrawn on disk",
            lambda: sheet(workdir).read_bytes() != old_sheet and sheet(workdir).read_bytes(),
        )
        new_dark = wait_for(
            "the dark sheet redrawn on disk",
            lambda: (dark := sheet(workdir, theme="dark").read_bytes()) != old_dark and dark,
        )
        after = wait_for(
            "the new sheet on the page",
            lambda: (
                (shown := page.evaluate(picture_js(f"picture-{FIGURE}-light")))
                and shown["version"] > before["version"]
                and shown
            ),
        )
        # The L1 line now in the tweaked colour, on disk and on the page, without a reload.
        assert colour_pixels(sheet(workdir)) > 0
        assert after["tweaked"] == colour_pixels(sheet(workdir))
        assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
        # The other animations' slices did not change: their sheets were left alone.
        assert {f: sheet(workdir, f).stat().st_mtime_ns for f in untouched} == untouched

        # The scrubber: a frame drawn on demand, in both themes.
        page.evaluate(
            f"""(() => {{ const slider = document.getElementById("slider-{FIGURE}");
            slider.value = {SCRUBBED_FRAME}; slider.dispatchEvent(new Event("input")); }})()"""
        )
        frames = {
            theme: wait_for(
                f"the scrubbed frame, {theme}",
                lambda theme=theme: (
                    (shown := page.evaluate(picture_js(f"frame-{FIGURE}-{theme}")))
                    and shown["src"].split("?")[0].endswith(f"/{SCRUBBED_FRAME}")
                    and shown
                ),
            )
            for theme in ("light", "dark")
        }
        assert frames["light"]["tweaked"] > 0
        assert page.problems() == []

    # It wrote the sheets, in both themes, and nothing else (but its lock).
    assert files_and_dates(workdir, *SNAKEMAKES_FOLDERS) == snakemakes
    assert set(files_and_dates(workdir, "preview")) == {
        f"preview/{figure}/{theme}/sheet.png"
        for figure in figures.ANIMATIONS
        for theme in ("light", "dark")
    } | {LOCK}

    # Snakemake's own preview for the same config: the same sheet and frame, byte for byte.
    snakemake(
        workdir,
        f"preview/{FIGURE}/light/sheet.png",
        f"preview/{FIGURE}/dark/sheet.png",
        f"preview/{FIGURE}/light/frame_{SCRUBBED_FRAME}.png",
    )
    assert sheet(workdir).read_bytes() == new_sheet
    assert sheet(workdir, theme="dark").read_bytes() == new_dark
    frame_url = f"{preview.url}frame/{FIGURE}/light/{SCRUBBED_FRAME}"
    with urllib.request.urlopen(frame_url, timeout=CHANGE_TIMEOUT_S) as reply:
        assert (
            reply.read()
            == (workdir / "preview" / FIGURE / "light" / f"frame_{SCRUBBED_FRAME}.png").read_bytes()
        )

    assert preview.interrupt() == 0
    assert preview.session_processes() == []


@pytest.mark.slow
def test_after_a_change_of_every_figure_the_one_scrolled_to_is_drawn_first(
    preview, chromium, tmp_path
):
    looked_at = figures.ANIMATIONS[-1]
    with chromium_page(chromium, tmp_path / "profile") as page:
        page.open(preview.url, {})
        wait_for("every picture on the page", lambda: page.evaluate(EVERY_PICTURE_SHOWN))
        page.evaluate(f'document.getElementById("figure-{looked_at}").scrollIntoView()')
        # The page told the preview (its request done) before the save.
        told = f"""performance.getEntriesByType("resource")
            .some(entry => entry.name.endsWith("/looking-at/{looked_at}"))"""
        wait_for("the page to say which figure it shows", lambda: page.evaluate(told))
        tweaked = merged(TINY, {"style": {"palette": {"l1": TWEAK}}})
        save_by_rename(preview.workdir / "tiny.yaml", yaml.safe_dump(tweaked))
        wait_for("every figure redrawn", lambda: page.evaluate(EVERY_VERSION_AT_LEAST_2))
        assert page.problems() == []
    assert preview.interrupt() == 0
    drawn = [line.split(":")[0] for line in preview.output_lines() if ": drawn in " in line]
    # The first pass drew every figure; after the save, the one on screen came first.
    assert len(drawn) == 2 * len(figures.FIGURES)
    assert drawn[len(figures.FIGURES)] == looked_at


@pytest.mark.slow
def test_errors_show_on_the_page_keep_the_last_sheet_and_clear_when_fixed(
    preview, chromium, tmp_path
):
    workdir, config_path = preview.workdir, preview.workdir / "tiny.yaml"
    scene = workdir / "src" / "l1l2figures" / "scenes" / f"{FIGURE}.py"
    with chromium_page(chromium, tmp_path / "profile") as page:
        page.open(preview.url, {})
        good = wait_for(
            "the sheet on the page", lambda: page.evaluate(picture_js(f"picture-{FIGURE}-light"))
        )
        good_sheet = sheet(workdir).read_bytes()

        # A bad config: its one-line error, naming the key; the pictures stay.
        bad = merged(TINY, {FIGURE: {"n_frames": "many"}})
        save_by_rename(config_path, yaml.safe_dump(bad))
        error = wait_for("the config's error", lambda: page_text(page, "config-error"))
        assert f"{FIGURE}.n_frames" in error and len(error.splitlines()) == 1
        save_by_rename(config_path, yaml.safe_dump(TINY))
        wait_for("the config's error cleared", lambda: not page_text(page, "config-error"))

        # A scene that raises: its file and line on the page; the last good sheet stays.
        source = scene.read_text()
        broken = source + RAISING_SCENE
        raise_line = broken.splitlines().index(RAISE) + 1
        save_by_rename(scene, broken)
        error = wait_for("the scene's error", lambda: page_text(page, f"error-{FIGURE}"))
        assert error == (
            f"src/l1l2figures/scenes/{FIGURE}.py, line {raise_line}: "
            "ValueError: a scene that raises"
        )
        assert sheet(workdir).read_bytes() == good_sheet
        kept = page.evaluate(picture_js(f"picture-{FIGURE}-light"))
        assert kept["version"] == good["version"]
        assert page_text(page, "error-sparsity") == ""

        save_by_rename(scene, source)
        wait_for("the scene's error cleared", lambda: not page_text(page, f"error-{FIGURE}"))
        assert sheet(workdir).read_bytes() == good_sheet  # the same config and code again

        # A scene saved half-written: its file and line (not "<unknown>"), the sheet kept.
        half_written = source + "\ndef half_written(\n"
        save_by_rename(scene, half_written)
        error = wait_for("the syntax error", lambda: page_text(page, f"error-{FIGURE}"))
        assert error.startswith(
            f"src/l1l2figures/scenes/{FIGURE}.py, line {len(half_written.splitlines())}: "
            "SyntaxError: "
        ), error
        save_by_rename(scene, source)
        wait_for("the syntax error cleared", lambda: not page_text(page, f"error-{FIGURE}"))
        assert sheet(workdir).read_bytes() == good_sheet

        # A module every figure and the config check import, saved half-written: its file and
        # line where the config's error goes; the preview goes on, and takes the fix.
        shared = workdir / "src" / "l1l2figures" / "rendering" / "theme.py"
        shared_source = shared.read_text()
        save_by_rename(shared, shared_source + "\ndef half_written(\n")
        error = wait_for("the module's error", lambda: page_text(page, "config-error"))
        assert (
            error.startswith("src/l1l2figures/rendering/theme.py, line ") and "SyntaxError" in error
        )
        save_by_rename(shared, shared_source)
        wait_for("the module's error cleared", lambda: not page_text(page, "config-error"))
        assert sheet(workdir).read_bytes() == good_sheet
        assert page.problems() == []

    assert preview.interrupt() == 0
    assert preview.session_processes() == []
    output = "".join(preview.output)
    assert "Traceback" not in output, output


def preview_of_one_figure(workdir: Path, monkeypatch, on_draw) -> LivePreview:
    """A LivePreview in this process on a copy of the workflow (no build: inputs computed), that
    draws only FIGURE and calls ``on_draw(spec)`` whenever it starts drawing a theme."""
    monkeypatch.chdir(workdir)
    preview = LivePreview("tiny.yaml")
    preview.refresh()
    adapter = preview.figures
    monkeypatch.setattr(adapter, "FIGURES", [FIGURE])
    draw = adapter.draw

    def draw_and_report(figure, products, spec):
        on_draw(spec)
        return draw(figure, products, spec)

    monkeypatch.setattr(adapter, "draw", draw_and_report)
    return preview


def save_during_drawing(
    preview_box: list, config_path: Path, change: dict, seen: list, when: int = 1
):
    """on_draw: the ``when``-th time, the config is saved with ``change`` merged in, as a save that
    arrives while the figure is drawn. ``seen``: whether each drawing had TWEAK."""

    def on_draw(spec):
        seen.append(spec["style"]["l1_color"] == TWEAK)
        if len(seen) == when:
            save_by_rename(config_path, yaml.safe_dump(merged(TINY, change)))
            preview_box[0].saved({(watchfiles.Change.modified, str(config_path))})

    return on_draw


@pytest.fixture(autouse=True)
def library_modules_kept():
    """The tests' own library modules, back in sys.modules after each test.

    A preview in this process drops the library's modules after a code save and imports them
    afresh; later tests in the same worker would then raise errors of classes other than those
    they imported (pytest.raises compares classes, not names)."""
    kept = {name: module for name, module in sys.modules.items() if name.startswith("l1l2figures")}
    yield
    plt.close("all")  # the scenes a preview in this process kept
    for name in [name for name in sys.modules if name.startswith("l1l2figures")]:
        del sys.modules[name]
    sys.modules.update(kept)


def test_a_save_during_a_drawing_restarts_it_from_the_latest_save(tmp_path, monkeypatch):
    workdir = tmp_path / "project"
    workdir.mkdir()
    copy_workflow(workdir)
    box, seen = [], []
    change = {FIGURE: {"style": {"l1_color": TWEAK}}}
    on_draw = save_during_drawing(box, workdir / "tiny.yaml", change, seen)
    box.append(preview := preview_of_one_figure(workdir, monkeypatch, on_draw))

    preview.draw_outdated()
    assert not sheet(workdir).exists()  # the drawing from the old config was dropped unwritten
    assert preview.changed.is_set()  # ... and the loop goes round again
    preview.refresh()
    preview.draw_outdated()
    assert seen == [False, True, True]  # light started, restarted; then dark
    assert preview.versions[FIGURE] == {"light": 1, "dark": 1}
    assert colour_pixels(sheet(workdir)) > 0


def test_a_save_that_leaves_the_figure_alone_does_not_restart_it(tmp_path, monkeypatch):
    workdir = tmp_path / "project"
    workdir.mkdir()
    copy_workflow(workdir)
    box, seen = [], []
    change = {"sparsity": {"style": {"l1_color": TWEAK}}}
    on_draw = save_during_drawing(box, workdir / "tiny.yaml", change, seen)
    box.append(preview := preview_of_one_figure(workdir, monkeypatch, on_draw))

    preview.draw_outdated()
    assert seen == [False, False]
    assert preview.versions[FIGURE] == {"light": 1, "dark": 1}
    assert colour_pixels(sheet(workdir)) == 0


def test_the_figure_the_page_shows_is_drawn_first_and_again_after_each_figure(
    tmp_path, monkeypatch
):
    workdir = tmp_path / "project"
    workdir.mkdir()
    copy_workflow(workdir)
    monkeypatch.chdir(workdir)
    preview = LivePreview("tiny.yaml")
    preview.refresh()
    first, second, third = figures.FIGURES[:3]
    monkeypatch.setattr(preview.figures, "FIGURES", [first, second, third])
    monkeypatch.setattr(preview, "key_of", lambda figure: "the key of today's config")
    drawn = []

    def draw_figure(figure, wanted):
        drawn.append(figure)
        if figure == third:
            preview.look_at(second)  # the author scrolled while the third one was drawn
        preview.drawn[figure] = wanted

    monkeypatch.setattr(preview, "draw_figure", draw_figure)
    assert not preview.look_at("no_such_figure")
    assert preview.look_at(third)
    preview.draw_outdated()
    assert drawn == [third, second, first]


def served(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=CHANGE_TIMEOUT_S):
            return True
    except urllib.error.HTTPError:
        return False


def products_drawn_from() -> set[tuple[str, str]]:
    """Every product a figure's drawing reads, directly or not."""
    found, todo = set(), [s for f in CATALOGUE for s in CATALOGUE[f].draw.reads.values()]
    while todo:
        found.add(source := todo.pop())
        todo.extend(CATALOGUE[source[0]].stage(source[1]).reads.values())
    return found


@pytest.mark.slow
def test_data_from_results_while_current_and_computed_in_process_after_a_change(preview, built):
    workdir, config_path = preview.workdir, preview.workdir / "tiny.yaml"
    # Every figure drawn once (its products read) before the save: a save during the first pass
    # would have the new dataset drawn before the figures that come after it.
    # (The dark theme is drawn last.)
    pictures = [
        f"{preview.url}{'sheet' if figures.animated(f) else 'still'}/{f}/dark" for f in CATALOGUE
    ]
    wait_for("every figure drawn", lambda: all(served(url) for url in pictures))
    old_sheet, results = sheet(workdir).read_bytes(), files_and_dates(workdir, "results")

    # A new dataset: computed in the preview's process, results/ left to Snakemake.
    new_seed = yaml_config()[FIGURE]["seed"] + 1
    save_by_rename(config_path, yaml.safe_dump(merged(TINY, {FIGURE: {"seed": new_seed}})))
    new_sheet = wait_for(
        "the sheet of the new data",
        lambda: sheet(workdir).read_bytes() != old_sheet and sheet(workdir).read_bytes(),
    )
    assert files_and_dates(workdir, "results") == results
    assert preview.interrupt() == 0
    # Every product the figures draw from was read from its file (all current), once: the new
    # dataset and its fits were computed.
    lines = "".join(preview.output).splitlines()
    read = [line.split(": read from ")[0] for line in lines if ": read from " in line]
    # (the preview's own lines on failure: which products it computed, in which order)
    assert sorted(read) == sorted({f"{f}/{s}" for f, s in products_drawn_from()}), "\n".join(lines)
    # Snakemake's records untouched: it was not run.
    assert files_and_dates(workdir, ".snakemake") == files_and_dates(built, ".snakemake")
    # Snakemake computes the same data and fits in its jobs, and draws the same sheet.
    snakemake(workdir, f"preview/{FIGURE}/light/sheet.png")
    assert files_and_dates(workdir, "results") != results
    assert sheet(workdir).read_bytes() == new_sheet


def test_each_theme_is_published_once_drawn_and_a_save_redraws_both(tmp_path, monkeypatch):
    workdir = tmp_path / "project"
    workdir.mkdir()
    copy_workflow(workdir)
    box, seen, light_on_disk = [], [], []
    change = {FIGURE: {"style": {"l1_color": TWEAK}}}
    save_at_dark = save_during_drawing(box, workdir / "tiny.yaml", change, seen, when=2)

    def on_draw(spec):
        # The first theme's sheet is on disk before the second theme is drawn.
        light_on_disk.append(sheet(workdir).exists())
        save_at_dark(spec)

    box.append(preview := preview_of_one_figure(workdir, monkeypatch, on_draw))

    preview.draw_outdated()
    # The light sheet of the old config was published; the dark one, superseded, was not.
    assert light_on_disk == [False, True]
    assert preview.versions[FIGURE] == {"light": 1}
    assert not sheet(workdir, theme="dark").exists()
    old_light = sheet(workdir).read_bytes()
    preview.refresh()
    preview.draw_outdated()
    assert seen == [False, False, True, True]
    # Both themes of the latest save, under one new version.
    assert preview.versions[FIGURE] == {"light": 2, "dark": 2}
    assert sheet(workdir).read_bytes() != old_light
    assert colour_pixels(sheet(workdir, theme="dark")) > 0


def test_a_save_back_while_the_second_theme_is_drawn_draws_the_first_again(tmp_path, monkeypatch):
    workdir = tmp_path / "project"
    workdir.mkdir()
    copy_workflow(workdir)
    box, seen, hook = [], [], []
    on_draw = lambda spec: hook and hook[0](spec)
    box.append(preview := preview_of_one_figure(workdir, monkeypatch, on_draw))
    preview.draw_outdated()
    shipped = sheet(workdir).read_bytes()

    # A tweak; while its dark theme is drawn (its light sheet on disk), the tweak is undone.
    tweak = {FIGURE: {"style": {"l1_color": TWEAK}}}
    save_by_rename(workdir / "tiny.yaml", yaml.safe_dump(merged(TINY, tweak)))
    hook.append(save_during_drawing(box, workdir / "tiny.yaml", {}, seen, when=2))
    preview.refresh()
    preview.draw_outdated()
    assert sheet(workdir).read_bytes() != shipped
    preview.refresh()
    preview.draw_outdated()
    assert seen == [True, True, False, False]
    assert sheet(workdir).read_bytes() == shipped


def test_a_save_that_outdates_the_figure_on_the_page_interrupts_another_s_drawing(
    tmp_path, monkeypatch
):
    workdir = tmp_path / "project"
    workdir.mkdir()
    copy_workflow(workdir)
    on_page = "solvers"
    box, order = [], []
    tweaks = {FIGURE: {"style": {"l1_color": TWEAK}}}
    save_by_rename(workdir / "tiny.yaml", yaml.safe_dump(merged(TINY, tweaks)))

    def on_draw(figure: str) -> None:
        order.append(figure)
        if len(order) == 1:  # while FIGURE's first theme is drawn, the page's figure is tweaked
            tweaks[on_page] = {"style": {"l1_color": TWEAK}}  # FIGURE's drawing stays current
            save_by_rename(workdir / "tiny.yaml", yaml.safe_dump(merged(TINY, tweaks)))
            box[0].saved({(watchfiles.Change.modified, str(workdir / "tiny.yaml"))})

    monkeypatch.chdir(workdir)
    preview = LivePreview("tiny.yaml")
    preview.refresh()
    box.append(preview)
    monkeypatch.setattr(preview.figures, "FIGURES", [FIGURE, on_page])
    preview.drawn[on_page] = preview.key_of(on_page)  # on the page, up to date
    assert preview.look_at(on_page)
    draw = preview.figures.draw

    def draw_and_report(figure, products, spec):
        on_draw(figure)
        return draw(figure, products, spec)

    monkeypatch.setattr(preview.figures, "draw", draw_and_report)
    preview.draw_outdated()  # FIGURE's drawing gives way at once, with nothing published
    assert order == [FIGURE] and FIGURE not in preview.versions
    preview.refresh()
    preview.draw_outdated()
    # The page's figure first, both themes; then the interrupted one, of the latest save.
    assert order == [FIGURE, on_page, on_page, FIGURE, FIGURE]
    assert preview.versions[on_page] == {"light": 1, "dark": 1}
    assert preview.versions[FIGURE] == {"light": 1, "dark": 1}
    assert colour_pixels(sheet(workdir)) > 0


def write_products_as_the_workflow_does(config: dict, figure: str = FIGURE) -> dict[str, Path]:
    """The data and fit files of ``figure`` and their jobs' spec files, as a build leaves them
    (each product newer than its spec and the library): {stage: product file}."""
    layout = Layout()
    made, files = {}, {}
    for stage in ("data", "fit"):
        suffix = CATALOGUE[figure].stage(stage).suffix
        wildcards = {"figure": figure, **({"suffix": suffix} if stage == "fit" else {})}
        spec = Specs(config)(stage, SimpleNamespace(**wildcards))
        spec_file = Path(layout.spec(job_key(stage, wildcards), digest(spec)))
        write_spec(spec_file, spec)
        files[stage] = Path(layout.product(figure, stage, suffix))
        files[stage].parent.mkdir(parents=True, exist_ok=True)
        write_product(str(files[stage]), inprocess.product(config, figure, stage, made))
        os.utime(spec_file, ns=(time.time_ns() - 10**9,) * 2)
    return files


def test_products_are_read_where_the_workflows_spec_says_they_are_current(
    tmp_path, monkeypatch, capsys
):
    workdir = tmp_path / "project"
    workdir.mkdir()
    copy_workflow(workdir)
    preview = preview_of_one_figure(workdir, monkeypatch, lambda spec: None)
    files = write_products_as_the_workflow_does(preview.config)
    results = files_and_dates(workdir, "results")

    preview.draw_outdated()
    read = [line for line in capsys.readouterr().out.splitlines() if ": read from " in line]
    assert read == [f"{FIGURE}/{stage}: read from {files[stage]}" for stage in ("data", "fit")]
    first_sheet = sheet(workdir).read_bytes()

    # A spec newer than the data (a tweak that was undone, say): neither the data nor the fit
    # made from it is current; both are computed, to the same values.
    [data_spec] = (workdir / "results" / "specs" / f"data/figure={FIGURE}").glob("*.json")
    os.utime(data_spec)
    os.utime(files["data"], ns=(time.time_ns() - 2 * 10**9,) * 2)
    results = files_and_dates(workdir, "results")
    again = LivePreview("tiny.yaml")
    again.refresh()
    again.draw_outdated()
    assert ": read from " not in capsys.readouterr().out
    assert sheet(workdir).read_bytes() == first_sheet
    # Nothing outside preview/ written or re-dated, and no Snakemake run.
    assert files_and_dates(workdir, "results") == results
    assert not (workdir / ".snakemake").exists()


def run_preview(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(workdir / "src")}
    return subprocess.run(
        [str(PREVIEW), *args],
        check=False,
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT_S,
    )


def test_one_preview_per_folder_and_a_killed_one_blocks_nothing(tmp_path):
    workdir = tmp_path / "project"
    workdir.mkdir()
    copy_workflow(workdir)
    first = Running(workdir)
    try:
        second = run_preview(workdir, *PREVIEW_ARGS)
        assert second.returncode != 0
        [said] = (second.stdout + second.stderr).splitlines()
        assert "another preview serves this folder" in said
        assert first.url in said and f"pid {first.process.pid}" in said
    finally:
        first.process.kill()
        first.process.wait()
    third = Running(workdir)
    assert third.interrupt() == 0
    # It ran no Snakemake: nothing under results/ or .snakemake/.
    assert not (workdir / "results").exists() and not (workdir / ".snakemake").exists()


def test_bad_ports_and_frame_urls_say_one_line(tmp_path):
    workdir = tmp_path / "project"
    workdir.mkdir()
    copy_workflow(workdir)
    too_big = run_preview(workdir, "--port", "99999")
    assert too_big.returncode != 0
    assert (too_big.stdout + too_big.stderr).splitlines() == [
        "l1l2-preview: the port must be 0-65535, not 99999"
    ]

    running = Running(workdir)
    try:
        for index in ("9" * 5000, "\N{SUPERSCRIPT TWO}"):
            url = f"{running.url}frame/{FIGURE}/light/{urllib.parse.quote(index)}"
            with pytest.raises(urllib.error.HTTPError) as answer:
                urllib.request.urlopen(url, timeout=CHANGE_TIMEOUT_S)
            assert answer.value.code == 404
        assert running.interrupt() == 0
    finally:
        if running.process.poll() is None:
            running.process.kill()
    assert "Traceback" not in "".join(running.output)


def test_a_syntax_error_names_its_file_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    module = tmp_path / "half_written.py"
    module.write_text("import os\n\ndef half_written(\n")
    monkeypatch.syspath_prepend(tmp_path)
    with pytest.raises(SyntaxError) as raised:  # as the preview meets it: importing the module
        importlib.import_module("half_written")
    said = located(raised.value)
    assert said.startswith("half_written.py, line 3: SyntaxError: "), said
