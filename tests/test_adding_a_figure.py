"""docs/adding-a-figure.md works as written: its blocks, added to a copy, build a checked figure."""

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import (
    REPO,
    TINY,
    copy_workflow,
    gif_frames,
    merged,
    planned_jobs,
    readme_pictures,
    snakemake,
)
from l1l2figures.catalogue import CATALOGUE
from l1l2figures.rendering.pacing import paced_durations
from l1l2figures.rendering.theme import COLOR_SCHEMES
from l1l2figures.words import rst_text

DOC = REPO / "docs" / "adding-a-figure.md"
# A fenced block whose first line names its file: "# path", "# path (append)" or
# "# path (insert before: <line>)".
BLOCK = re.compile(
    r"```\w+\n# (\S+)(?: \((append|insert before: ([^\n]+))\))?\n(.*?)```", re.DOTALL
)
FIGURE = "lp_balls"
# The copy's small config, from its own catalogue (where the document's entry says it).
SMALL_CONFIG = (
    "import sys, yaml; from conftest import small_overrides; "
    "from l1l2figures.catalogue import ENTRIES; yaml.safe_dump(small_overrides(ENTRIES), sys.stdout)"
)


def add_as_documented(workdir: Path) -> list[str]:
    """Apply every block of the document to ``workdir``; return the paths it names."""
    paths = []
    for path, how, anchor, text in BLOCK.findall(DOC.read_text()):
        target = workdir / path
        if how == "append":
            target.write_text(target.read_text() + text)
        elif anchor:
            original = target.read_text()
            assert anchor in original, f"{path} has no line {anchor!r}"
            target.write_text(original.replace(anchor, text + anchor, 1))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def added(tmp_path_factory) -> Path:
    workdir = copy_workflow(tmp_path_factory.mktemp("added"))
    shutil.copy(REPO / "README.md", workdir)
    shutil.copytree(REPO / "tests", workdir / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    add_as_documented(workdir)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(workdir / d) for d in ("src", "tests"))}
    small = subprocess.run(
        [sys.executable, "-c", SMALL_CONFIG],
        check=False,
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
    )
    assert small.returncode == 0, small.stderr
    (workdir / "tiny.yaml").write_text(small.stdout)
    snakemake(workdir, f"figures/{FIGURE}.gif", f"results/{FIGURE}/words.json")
    return workdir


def test_the_document_adds_a_config_section_a_scene_a_catalogue_entry_and_words():
    paths = sorted(path for path, *_ in BLOCK.findall(DOC.read_text()))
    assert paths == sorted(
        [
            "config/config.yaml",
            "config/schema.yaml",
            f"src/l1l2figures/scenes/{FIGURE}.py",
            "src/l1l2figures/catalogue.py",
            f"tests/claims/{FIGURE}.py",
            f"report/{FIGURE}.rst",
            "README.md",
        ]
    )


@pytest.mark.parametrize("check", [["check"], ["format", "--check"]])
def test_the_document_s_code_passes_the_project_s_lint_as_written(tmp_path, check):
    """What the document adds is as the project's linters want it (the suite runs them)."""
    workdir = copy_workflow(tmp_path / "project")
    for part in ("pyproject.toml", "README.md"):  # the linters' settings; the document edits both
        shutil.copy(REPO / part, workdir)
    shutil.copytree(REPO / "tests", workdir / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    add_as_documented(workdir)
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run(
        [str(ruff), *check, "src", "scripts", "tests"],
        check=False,
        cwd=workdir,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readme_shows_the_new_figure_as_readme_pictures_refreshes_it_with_its_alt_text(added):
    pictures = readme_pictures(added / "README.md")
    plan = snakemake(added, "--dry-run", "--forcerun", "readme_pictures", "readme_pictures").stdout
    job = re.search(r"rule readme_pictures:.*?\n\s+output: ([^\n]+)", plan, re.DOTALL)
    refreshed = job.group(1)
    assert sorted(pictures) == sorted(refreshed.split(", "))
    words = json.loads((added / "results" / FIGURE / "words.json").read_text())
    assert pictures[f"docs/{FIGURE}.gif"] == words["alt"]


def small_config(workdir: Path) -> dict:
    """The small config a copy builds with."""
    return yaml.safe_load((workdir / "tiny.yaml").read_text())


def test_the_new_figure_is_built_small_as_its_catalogue_entry_says_with_no_test_edited(added):
    assert small_config(added)[FIGURE] == {"n_frames": 7, "frames_per_job": 4, "style": {"dpi": 40}}
    assert {key: small_config(added)[key] for key in TINY} == TINY


def test_the_new_figure_animates_with_its_timing(added):
    config = merged(
        yaml.safe_load((added / "config" / "config.yaml").read_text()), small_config(added)
    )
    section = config[FIGURE]
    frames, durations, info = gif_frames(added / "figures" / f"{FIGURE}.gif")
    assert info["loop"] == 0
    assert len(frames) == section["n_frames"]
    # A scene that declares no key moments: the base pace, a held first frame, the end pause.
    base, end = section["frame_duration_ms"], section["end_pause_ms"]
    assert durations == paced_durations(list(range(section["n_frames"])), base, end)
    assert all((a != b).any() for a, b in itertools.pairwise(frames))


def test_the_new_figure_is_in_the_default_build_and_rebuilds_byte_identical(added):
    gif = added / "figures" / f"{FIGURE}.gif"
    first = gif.read_bytes()
    snakemake(added, f"figures/{FIGURE}.gif", "--forcerun", "render")
    assert gif.read_bytes() == first
    planned = planned_jobs(added, "--forceall")
    assert planned[f"render_{FIGURE}"] >= 1 and planned[f"assemble_{FIGURE}"] >= 1


def test_the_new_figure_passes_the_quality_gate_in_every_theme(added, tmp_path):
    # At the dpi the figure ships with: the gate measures text as a reader sees it at 1x, and the
    # small build's dpi exists only to make the other tests fast.
    shipped = shutil.copytree(added, tmp_path / "shipped", symlinks=True)
    small = small_config(added)
    del small[FIGURE]["style"]
    (shipped / "tiny.yaml").write_text(yaml.safe_dump(small))
    reports = [f"quality/{FIGURE}/{theme}.txt" for theme in COLOR_SCHEMES]
    snakemake(shipped, *reports)
    for report in reports:
        assert (shipped / report).read_text() == ""


def test_the_new_figure_builds_in_one_process_and_its_frame_loop_blits_exactly(added):
    """The copy's own tests, which take their figures from its catalogue: the blit check and the
    palette bounds run on the new figure, built in one process from the default config."""
    tests = [
        f"tests/test_animate.py::test_blitted_frames_equal_full_redraws[{FIGURE}-default]",
        *(
            "tests/test_quality.py::"
            f"test_every_palette_passes_the_colour_vision_and_contrast_bounds[{FIGURE}-{theme}]"
            for theme in COLOR_SCHEMES
        ),
    ]
    env = {**os.environ, "PYTHONPATH": str(added / "src")}
    cmd = [sys.executable, "-m", "pytest", "-n", "0", "-p", "no:cacheprovider", *tests]
    result = subprocess.run(cmd, cwd=added, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]
    assert f"{len(tests)} passed" in result.stdout


def test_the_new_figure_s_description_says_what_it_is_and_its_caption_then_the_keys(added):
    """As the shipped figures: the description (the site's and the report's) has no config talk;
    the report's caption gives the keys that change the figure in its second paragraph."""
    words = json.loads((added / "results" / FIGURE / "words.json").read_text())
    # its words module's claims, each checked by tests/claims/lp_balls.py on the whole fast suite
    assert {claim["key"] for claim in words["claims"]} == {"sweep", "reach"}
    assert "``" not in words["description"] and "Change it" not in words["description"]
    lead, keys = (added / "results" / FIGURE / "caption.rst").read_text().split("\n\n")
    assert "Change it" not in lead and lead.endswith(rst_text(words["description"]))
    assert keys.startswith(f"Change it with ``{FIGURE}``:")
    for shipped in REPO.glob("report/*.rst"):  # the shipped figures' keys, written the same way
        if shipped.stem in CATALOGUE:
            assert shipped.read_text().startswith("Change it with ``"), shipped


def tracked_copy(dest: Path) -> Path:
    """The project's files as a fresh clone has them (git's tracked files, as they are now)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, text=True, check=True
    )
    for name in filter(None, listed.stdout.split("\0")):
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, dest / name)
    return dest


@pytest.mark.slow  # and not run again by the copy's own fast suite
def test_the_whole_fast_suite_passes_on_a_project_that_followed_the_document(tmp_path):
    """Every block added as written, then section 6's commands run as written (the figures'
    default words, the README's table, the new picture): the copy's own fast tests, its lint
    among them, pass with no test edited."""
    project = tracked_copy(tmp_path / "project")
    add_as_documented(project)
    (project / "tiny.yaml").write_text("{}\n")  # run_snakemake's config file: the defaults
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    snakemake(project, *(f"results/{figure}/words.json" for figure in [*CATALOGUE, FIGURE]))
    table = [sys.executable, "-m", "l1l2figures.words.readme"]
    subprocess.run(table, cwd=project, env=env, check=True, capture_output=True)
    snakemake(project, f"docs/{FIGURE}.gif")
    suite = [sys.executable, "-m", "pytest", "-m", "not slow", "-q", "-p", "no:cacheprovider"]
    result = subprocess.run(
        suite, cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-5000:]
