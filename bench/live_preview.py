"""The live preview's part of the benchmark (bench/run.py): l1l2-preview against Snakemake's own
preview rule, for the same style tweak in the same run.

Per animation: the config file is saved with one colour of the figure's style changed (by rename,
as editors save); the seconds until l1l2-preview's new light sheet is on disk, then until the page
(headless Chromium, when the test extra and Chromium are there) has loaded it; then
`snakemake --cores 2 preview/<figure>/light/sheet.png` for the same config, which must write the
same bytes. Then the shipped config is saved back and the preview redraws. Memory: the preview's
peak resident set (VmHWM), after all of it.
"""

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
PREVIEW = Path(sys.executable).with_name("l1l2-preview")  # the build install's console script
POLL_S = 0.002  # how often the sheet on disk and the page are looked at
START_TIMEOUT_S = 300  # every figure drawn, on a busy machine
CHANGE_TIMEOUT_S = 60
SETTLE_S = 3  # longer than any still's drawing (the grid's, the slowest, takes about 1.2 s)


def save_by_rename(path: Path, text: str) -> None:
    new = path.with_name(f".{path.name}.new")
    new.write_text(text)
    os.replace(new, path)


def wait_for(what: str, condition: Callable, timeout: float = CHANGE_TIMEOUT_S):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(POLL_S)
    sys.exit(f"l1l2-preview: timed out after {timeout} s waiting for {what}")


class Preview:
    """l1l2-preview running in the workflow copy; what it prints is kept."""

    def __init__(self, workdir: Path, figures: list[str]):
        self.process = subprocess.Popen(
            [str(PREVIEW), "--port", "0"],
            cwd=workdir,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = wait_for("its URL", self._url, START_TIMEOUT_S)
        for figure in figures:
            wait_for(f"{figure} drawn", lambda f=figure: self._printed(f"{f}: drawn"))

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    def _url(self) -> str | None:
        if self.process.poll() is not None:
            sys.exit(f"l1l2-preview stopped:\n{''.join(self.lines)}")
        found = re.search(r"http://127\.0\.0\.1:\d+/", "".join(self.lines))
        return found and found.group()

    def _printed(self, text: str) -> bool:
        return any(line.startswith(text) for line in self.lines)

    def drawings(self, figure: str) -> int:
        """How many drawings of ``figure`` it has finished (every theme)."""
        return sum(line.startswith(f"{figure}: drawn") for line in self.lines)

    def peak_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024

    def stop(self) -> int | None:
        """Ctrl-C: its exit code, or None if it is still running a minute later (then killed)."""
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=CHANGE_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None


# Records, in the page, when each animation's light sheet has loaded, by version.
RECORD_LOADS = """(() => {
    window.loads = {};
    for (const img of document.querySelectorAll("img[id^='picture-'][id$='-light']")) {
        img.addEventListener("load", () => {
            (window.loads[img.id] ??= []).push({version: Number(img.dataset.version), at: Date.now()});
        });
    }
    return Object.keys(window.loads).length;
})()"""


@contextlib.contextmanager
def chromium_page(url: str, scratch: Path) -> Iterator[object | None]:
    """The preview's page in headless Chromium (tests/browser.py), or None and why not: without
    the bench extra's websocket-client, or without Chromium."""
    sys.path.insert(0, str(REPO / "tests"))
    try:
        import browser
    except ImportError as missing:
        yield None, f"not measured ({missing.name} is not installed: pip install -e '.[bench]')"
        return
    chromium = shutil.which("chromium")
    if chromium is None:
        yield None, "not measured (no chromium on PATH)"
        return
    with browser.chromium_page(chromium, scratch / "chromium-profile") as page:
        page.open(url, {})
        wait_for(
            "the page's pictures",
            lambda: page.evaluate("document.querySelectorAll(\"img[id^='picture-'][src]\").length"),
        )
        page.evaluate(RECORD_LOADS)
        yield page, ""


def shown_at(page, figure: str, after_version: int) -> float:
    """When (time.time()) the page loaded a version of the figure's light sheet after the given."""
    loads = wait_for(
        f"{figure}'s new sheet on the page",
        lambda: page.evaluate(
            f"(window.loads['picture-{figure}-light'] || [])"
            f".filter(load => load.version > {after_version})"
        ),
    )
    return loads[0]["at"] / 1000


def look_at(page, figure: str) -> None:
    """Scroll the page to the figure and wait until it has told the preview."""
    page.evaluate(f'document.getElementById("figure-{figure}").scrollIntoView()')
    told = f"""performance.getEntriesByType("resource")
        .some(entry => entry.name.endsWith("/looking-at/{figure}"))"""
    wait_for(f"the page to say it shows {figure}", lambda: page.evaluate(told))


def version_on_page(page, figure: str) -> int:
    return page.evaluate(
        f"Number(document.getElementById('picture-{figure}-light').dataset.version)"
    )


def changed_file(path: Path, before: os.stat_result) -> bool:
    """The sheet was replaced (atomic writes rename a new file over it)."""
    now = path.stat()
    return (now.st_ino, now.st_mtime_ns) != (before.st_ino, before.st_mtime_ns)


def tweak_and_wait(
    workdir: Path, figure: str, key: str, color: str, page, snakemake: Callable, preview: Preview
) -> dict:
    """One style tweak: the preview's sheet on disk and on the page, then Snakemake's."""
    config_path = workdir / "config" / "config.yaml"
    shipped = config_path.read_text()
    sheet = workdir / "preview" / figure / "light" / "sheet.png"
    config = yaml.safe_load(shipped)
    config[figure].setdefault("style", {})[key] = color
    if page:
        look_at(page, figure)  # as the author does: the figure being tweaked is on screen
    before, version = sheet.stat(), page and version_on_page(page, figure)

    saved = time.time()
    save_by_rename(config_path, yaml.safe_dump(config, sort_keys=False))
    wait_for(f"{figure}'s new sheet on disk", lambda: changed_file(sheet, before))
    on_disk = time.time()
    drawn = sheet.read_bytes()
    page_s = shown_at(page, figure, version) - on_disk if page else None

    snakemake_s = snakemake(workdir, f"preview/{figure}/light/sheet.png")
    same = sheet.read_bytes() == drawn

    redrawn, drawings = sheet.stat(), preview.drawings(figure)
    save_by_rename(config_path, shipped)  # the preview draws the shipped style again
    wait_for(f"{figure}'s sheet drawn back", lambda: changed_file(sheet, redrawn))
    # Every theme (the light sheet is on disk first), and the figures that share its section (the
    # grid draws the sweep's style): the next tweak comes as an author's would, to an idle preview.
    wait_for(f"{figure} drawn back", lambda: preview.drawings(figure) > drawings)
    time.sleep(SETTLE_S)
    return {
        "preview": on_disk - saved,
        "page": page_s,
        "snakemake": snakemake_s,
        "same_bytes": same,
    }


def measure(
    workdir: Path,
    animated: list[str],
    keys: dict,
    color: str,
    snakemake,
    scratch: Path,
    every_figure: list[str],
):
    """Per animation, the tweak's timings; the page's note; the preview's peak memory (MB) and
    its exit code after Ctrl-C. The first tweak waits for the first drawing of ``every_figure``."""
    preview = Preview(workdir, every_figure)
    try:
        with chromium_page(preview.url, scratch) as (page, note):
            runs = {
                figure: tweak_and_wait(
                    workdir, figure, keys[figure], color, page, snakemake, preview
                )
                for figure in animated
            }
        peak = preview.peak_mb()
    finally:
        exit_code = preview.stop()
    return runs, note, peak, exit_code
