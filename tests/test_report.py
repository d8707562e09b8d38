"""The Snakemake report opens in a real browser, lists every figure and logs no console error."""

import re
import subprocess

import numpy as np
import pytest
from PIL import Image

from browser import CHROMIUM_FLAGS
from conftest import snakemake
from l1l2figures.catalogue import CATALOGUE

CATEGORIES = sorted({figure.category for figure in CATALOGUE.values()})
PAGE_TIME_MS = 10_000  # virtual time the page gets to run its scripts
# A result's job params as the report lists them: each short (pipeline.params), all in one line.
PARAMS_CHARS = 200


@pytest.fixture(scope="module")
def report(built):
    snakemake(built, "--report", "report.html")
    return built / "report.html"


def open_in_chromium(chromium, report, profile, *args) -> subprocess.CompletedProcess:
    cmd = [
        chromium,
        *CHROMIUM_FLAGS,
        f"--user-data-dir={profile}",
        f"--virtual-time-budget={PAGE_TIME_MS}",
        *args,
        report.as_uri(),
    ]
    return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120)


def test_report_lists_every_figure_without_console_errors(chromium, report, tmp_path):
    page = open_in_chromium(
        chromium, report, tmp_path / "profile", "--enable-logging=stderr", "--v=0", "--dump-dom"
    )
    errors = [line for line in page.stderr.splitlines() if ":ERROR:CONSOLE" in line]
    assert errors == []
    # What the page's scripts rendered, without the data they were rendered from.
    rendered = re.sub(r"<script.*?</script>", "", page.stdout, flags=re.DOTALL)
    for category in CATEGORIES:
        assert f"<span>{category}</span>" in rendered, category


def test_report_screenshot_shows_a_page(chromium, report, tmp_path):
    screenshot = report.parent / "report.png"
    open_in_chromium(
        chromium,
        report,
        tmp_path / "profile",
        f"--screenshot={screenshot}",
        "--window-size=1280,900",
    )
    with Image.open(screenshot) as im:
        assert im.size == (1280, 900)
        assert np.asarray(im.convert("L")).std() > 10  # not a blank page


def test_every_figure_is_a_labelled_result_with_its_job_s_params_in_short(report):
    html = report.read_text()
    for figure in CATALOGUE:  # named in the report's table of results
        assert f'"labels": {{"figure": "{figure}", ' in html, figure
    listed = re.findall(r'"params": "((?:[^"\\]|\\.)*)"', html)
    assert len(listed) >= len(CATALOGUE)
    for params in listed:
        assert len(params) <= PARAMS_CHARS, params
        assert "style=" not in params or "style=#" in params, params  # never the whole style
