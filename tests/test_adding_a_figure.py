"""docs/adding-a-figure.md works as written: its blocks, added to a copy, build a checked figure."""

import itertools
import re
import shutil
from pathlib import Path

import pytest
import yaml
from test_workflow import gif_frames

from conftest import REPO, TINY, copy_workflow, merged, readme_pictures, snakemake
from l1l2figures.theme import COLOR_SCHEMES

DOC = REPO / "docs" / "adding-a-figure.md"
# A fenced block whose first line names its file: "# path", "# path (append)" or
# "# path (insert before: <line>)".
BLOCK = re.compile(
    r"```\w+\n# (\S+)(?: \((append|insert before: ([^\n]+))\))?\n(.*?)```", re.DOTALL
)
FIGURE = "lp_balls"
SMALL = {"n_frames": 7, "frames_per_job": 4, "style": {"dpi": 40}}


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
            target.write_text(text)
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def added(tmp_path_factory) -> Path:
    workdir = copy_workflow(tmp_path_factory.mktemp("added"), merged(TINY, {FIGURE: SMALL}))
    shutil.copy(REPO / "README.md", workdir)
    add_as_documented(workdir)
    snakemake(workdir, f"figures/{FIGURE}.gif")
    return workdir


def test_the_document_adds_a_scene_a_script_rules_config_and_words():
    paths = [path for path, *_ in BLOCK.findall(DOC.read_text())]
    assert f"src/l1l2figures/scenes/{FIGURE}.py" in paths
    assert f"scripts/render_{FIGURE}.py" in paths
    assert f"rules/{FIGURE}.smk" in paths
    assert f"report/{FIGURE}.rst" in paths
    assert "report/words.yaml" in paths
    assert {"config/config.yaml", "config/schema.yaml", "Snakefile", "README.md"} <= set(paths)


def test_the_readme_shows_the_new_figure_as_previews_refreshes_it_with_its_alt_text(added):
    pictures = readme_pictures(added / "README.md")
    plan = snakemake(added, "--dry-run", "--forcerun", "previews", "previews").stdout
    refreshed = re.search(r"rule previews:.*?\n\s+output: ([^\n]+)", plan, re.DOTALL).group(1)
    assert sorted(pictures) == sorted(refreshed.split(", "))
    words = yaml.safe_load((added / "report" / "words.yaml").read_text())
    assert pictures[f"docs/{FIGURE}.gif"] == words[FIGURE]["alt"]


def test_the_new_figure_animates_with_its_timing(added):
    config = merged(yaml.safe_load((added / "config" / "config.yaml").read_text()), {FIGURE: SMALL})
    section = config[FIGURE]
    frames, durations, info = gif_frames(added / "figures" / f"{FIGURE}.gif")
    assert info["loop"] == 0
    assert len(frames) == section["n_frames"]
    assert durations == [section["frame_duration_ms"]] * (section["n_frames"] - 1) + [
        section["end_pause_ms"]
    ]
    assert all((a != b).any() for a, b in itertools.pairwise(frames))


def test_the_new_figure_is_in_the_default_build_and_rebuilds_byte_identical(added):
    gif = added / "figures" / f"{FIGURE}.gif"
    first = gif.read_bytes()
    snakemake(added, f"figures/{FIGURE}.gif", "--forcerun", f"render_{FIGURE}")
    assert gif.read_bytes() == first
    dry = snakemake(added, "--dry-run", "--forceall").stdout
    assert f"render_{FIGURE}" in dry and f"assemble_{FIGURE}" in dry


def test_the_new_figure_passes_the_quality_gate_in_every_theme(added):
    reports = [f"quality/{FIGURE}/{theme}.txt" for theme in COLOR_SCHEMES]
    snakemake(added, *reports)
    for report in reports:
        assert (added / report).read_text() == ""
