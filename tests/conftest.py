"""Shared fixtures: the repository's paths and config, and tiny builds of the workflow."""

import collections
import copy
import functools
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import assume, settings
from hypothesis import strategies as st
from matplotlib.colors import CSS4_COLORS
from PIL import Image, ImageSequence

from browser import require_chromium
from l1l2figures.catalogue import ENTRIES
from l1l2figures.pipeline.configuration import checked_config, merged_over

REPO = Path(__file__).resolve().parents[1]

# How long one example of a property takes depends on the machine and its load, not on the code:
# no Hypothesis test fails for being slow (its default deadline is 200 ms per example). Loaded
# before any test module, so every settings() made there inherits it (tests/test_suite.py).
settings.register_profile("l1l2figures", deadline=None)
settings.load_profile("l1l2figures")
# What a build needs; copied so that builds in tests never touch the repository's results.
WORKFLOW_PARTS = [
    "Snakefile",
    "rules",
    "scripts",
    "config",
    "src",
    "report",
    "profiles",
    "environment.yml",
]
# The small build's formats: every animation format, so that every encoder runs.
SMALL_FORMATS = ["gif", "mp4", "webp"]


def small_overrides(entries) -> dict:
    """The config of a small build of ``entries`` (catalogue Figures): each figure's own
    ``small`` values merged into its section (figures that share a section add theirs up)."""
    sections: dict = {}
    for entry in entries:
        sections[entry.section] = merged(sections.get(entry.section, {}), entry.small)
    return {"formats": SMALL_FORMATS, **{name: small for name, small in sections.items() if small}}


SCHEMA = REPO / "config" / "schema.yaml"

# Generated config values for the property tests: a colour as the config accepts it.
colours = st.one_of(st.sampled_from(sorted(CSS4_COLORS)), st.from_regex(r"\A#[0-9a-f]{6}\Z"))


@st.composite
def city_override(draw, path_colours=colours) -> dict:
    """A valid ``manhattan_distance`` grid, endpoints and 1 to 4 shortest paths between them."""
    width, height = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    start = [draw(st.integers(0, width)), draw(st.integers(0, height))]
    end = [draw(st.integers(0, width)), draw(st.integers(0, height))]
    assume(start != end)
    dx, dy = end[0] - start[0], end[1] - start[1]
    moves = ("R" if dx > 0 else "L") * abs(dx) + ("U" if dy > 0 else "D") * abs(dy)
    # different orders of the moves: two paths with the same moves are refused
    n_paths = min(draw(st.integers(1, 4)), math.comb(len(moves), abs(dx)))
    orders = st.permutations(moves).map("".join)
    routes = draw(st.lists(orders, min_size=n_paths, max_size=n_paths, unique=True))
    paths = {
        f"path{k}": {"moves": route, "color": draw(path_colours)} for k, route in enumerate(routes)
    }
    return {"blocks": [width, height], "start": start, "end": end, "paths": paths}


def yaml_config() -> dict:
    """The default config, as config/config.yaml writes it."""
    return yaml.safe_load((REPO / "config" / "config.yaml").read_text())


def tiny_config() -> dict:
    """The config the tiny builds run with: TINY merged over the default."""
    return merged(yaml_config(), TINY)


def validate(config: dict) -> dict:
    """``config`` as the Snakefile checks it (numbers parsed, defaults filled in), or ConfigError."""
    return checked_config(config, SCHEMA)


def set_at(config: dict, keys: tuple, value) -> dict:
    """``config`` with the value at ``keys`` (mapping keys and list indices) replaced."""
    node = config
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    return config


def readme_pictures(readme: Path) -> dict[str, str]:
    """The pictures a README shows: {path (docs/<file>): alt text}."""
    return {
        path: alt for alt, path in re.findall(r"!\[(.*?)\]\((docs/[\w.]+)\)", readme.read_text())
    }


def truncate(path: Path) -> None:
    """Cut the file at ``path`` to half its length."""
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def flip_a_bit(path: Path) -> None:
    """Flip one bit at 3/5 of the file's length: in the image data of a PNG, whose chunk has a
    CRC-32."""
    data = bytearray(path.read_bytes())
    data[len(data) * 3 // 5] ^= 0x10
    path.write_bytes(bytes(data))


@functools.cache
def parsed_workflow():
    """The workflow as Snakemake parses it with the default config (its rules and globals)."""
    from snakemake.api import SnakemakeApi
    from snakemake.settings.types import ConfigSettings, ResourceSettings, StorageSettings

    with SnakemakeApi() as api:
        workflow = api.workflow(
            resource_settings=ResourceSettings(),
            config_settings=ConfigSettings(),
            storage_settings=StorageSettings(),
            snakefile=REPO / "Snakefile",
            workdir=REPO,
        )
        workflow.dag()  # parses the Snakefile and its rule files
        return workflow._workflow


def workflow_rules() -> list:
    return list(parsed_workflow().rules)


def site_catalogue() -> dict:
    """The blog bundle's figures, as the workflow passes them: {figure: ANIMATED or formats}."""
    return parsed_workflow().globals["SITE_CATALOGUE"]


# Fixtures that build the workflow (seconds to minutes each): their tests are `slow`, so that
# `pytest -m "not slow"` is the quick check while working.
BUILDING_FIXTURES = {
    "tiny_build",
    "built",
    "built_here",
    "added",
    "builds",
    "gated",
    "site_build",
    "slurm_build",
}


# Test files that spend minutes waiting on something else (a real Slurm's scheduler): run first,
# so that the other worker's tests run meanwhile (pyproject.toml: two workers, file by file).
WAITING_TEST_FILES = ("test_slurm.py",)


def pytest_collection_modifyitems(items):
    for item in items:
        if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    # The waiting files first, then the files that build, then the quick ones, which keep both
    # workers busy until the end. A stable sort: otherwise in the order found.
    building = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(
        key=lambda item: (item.path.name not in WAITING_TEST_FILES, item.path not in building)
    )


@pytest.fixture(autouse=True)
def in_tmp_dir(tmp_path, monkeypatch):
    """Library code stages files in the working directory: keep it out of the repository."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def default_config() -> dict:
    return yaml_config()


@pytest.fixture(scope="session")
def default_words(default_config) -> dict:
    """Each figure's words with the default config, as the default build's words stage makes
    them: {figure: the content of its words.json}."""
    from l1l2figures.catalogue import CATALOGUE
    from l1l2figures.pipeline import inprocess

    config = validate(default_config)
    return {figure: inprocess.words(figure, config) for figure in CATALOGUE}


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium (the report and site tests drive it), or the test is skipped."""
    return require_chromium()


def merged(base: dict, override: dict) -> dict:
    """A copy of ``base`` updated recursively with ``override`` (how snakemake merges configs)."""
    return merged_over(copy.deepcopy(base), override)


# Small and fast, yet every stage runs: several frames, two render jobs, a 2 x 2 grid.
TINY = small_overrides(ENTRIES)


def run_snakemake(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    """Run snakemake in ``workdir`` with the tiny config (a later --cores in args wins over 2)."""
    # Targets in args come before --configfile, which would take them for more config files.
    cmd = [sys.executable, "-m", "snakemake", "--cores", "2", *args, "--configfile", "tiny.yaml"]
    # Jobs import the copy's library, not the repository's (an added figure's scene is only there).
    env = {**os.environ, "PYTHONPATH": str(workdir / "src")}
    return subprocess.run(cmd, check=False, cwd=workdir, capture_output=True, text=True, env=env)


def snakemake(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    """Run snakemake like ``run_snakemake``; fail the test with its output if it fails."""
    result = run_snakemake(workdir, *args)
    if result.returncode != 0:
        pytest.fail(f"snakemake {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


# A planned spec job's wildcard: the key of the job whose spec it writes (pipeline.specs).
SPEC_OF = re.compile(r"^    wildcards: .*\bjob=([^,]+), digest=", re.MULTILINE)


def planned_specs(workdir: Path, *args: str) -> list[str]:
    """The job keys (``render/figure=robustness/theme=light/chunk=0``) whose specs a dry-run
    plans to write."""
    out = snakemake(workdir, "--dry-run", *args).stdout
    return sorted(
        key
        for rule, properties in PLANNED_JOB.findall(out)
        if rule == "spec"
        for key in SPEC_OF.findall(properties)
    )


# A job in a dry-run's plan: "rule <name>:" (or "localrule"), then its indented properties.
PLANNED_JOB = re.compile(r"^(?:local)?rule (\w+):\n((?:    .*\n)*)", re.MULTILINE)


def planned_jobs(workdir: Path, *args: str) -> dict[str, int]:
    """The jobs a dry-run plans, as {name: count}: a job of a figure is named <rule>_<figure>
    (render_robustness), any other by its rule (publish, all). The specs the planned jobs read
    (rule spec) are left out: planned_specs lists them."""
    out = snakemake(workdir, "--dry-run", *args).stdout
    jobs = collections.Counter()
    for rule, properties in PLANNED_JOB.findall(out):
        if rule == "spec":
            continue
        figure = re.search(r"^    wildcards: (?:.*, )?figure=(\w+)", properties, re.MULTILINE)
        jobs[f"{rule}_{figure[1]}" if figure else rule] += 1
    return dict(jobs)


def planned_rules(workdir: Path, *args: str) -> dict[str, int]:
    """The jobs a dry-run plans, as {rule: count}, read from snakemake's job-stats table."""
    out = snakemake(workdir, "--dry-run", *args).stdout
    if "Nothing to be done" in out:
        return {}
    table = out.split("Job stats:")[1].split("total")[0].splitlines()[3:]
    return {rule: int(count) for rule, count in (line.split() for line in table if line.strip())}


def video_frames(n: int) -> list[np.ndarray]:
    """Frames of a size video takes (multiples of 16 px): a green bar moving over white."""
    frames = []
    for i in range(n):
        frame = np.full((48, 64, 3), 255, np.uint8)
        frame[16:24, 4 + 6 * i : 20 + 6 * i] = (0, 128, 0)
        frames.append(frame)
    return frames


def gif_frames(path) -> tuple[list[np.ndarray], list[int], dict]:
    """An animated GIF or WebP's frames (RGB), their durations (ms) and its info (loop)."""
    frames, durations = [], []
    with Image.open(path) as im:
        info = dict(im.info)
        for frame in ImageSequence.Iterator(im):
            frames.append(np.asarray(frame.convert("RGB")))
            durations.append(frame.info["duration"])
    return frames, durations, info


def copy_workflow(dest: Path, overrides: dict = TINY) -> Path:
    """A copy of the workflow in ``dest`` whose builds merge ``overrides`` over the config."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in WORKFLOW_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    (dest / "tiny.yaml").write_text(yaml.safe_dump(overrides))
    return dest


@pytest.fixture(scope="session")
def tiny_build(tmp_path_factory) -> Path:
    """Every figure built once from the tiny config; tests get copies of it (``built``)."""
    workdir = copy_workflow(tmp_path_factory.mktemp("tiny_build"))
    snakemake(workdir)
    return workdir


def copy_of_build(build: Path, dest: Path) -> Path:
    """A copy of a built workflow that Snakemake sees as built: its .snakemake/ records (checksums,
    code, params) come along, and copying keeps every file's modification time."""
    shutil.copytree(build, dest, symlinks=True, dirs_exist_ok=True)
    return dest


@pytest.fixture(scope="module")
def built(tiny_build, tmp_path_factory) -> Path:
    """A workflow copy with every figure built from the tiny config, the module's own to change."""
    return copy_of_build(tiny_build, tmp_path_factory.mktemp("build"))
