"""The author's loop: drafts that never touch figures/, contact sheets without encoding, stale formats."""

import numpy as np
import pytest
from PIL import Image

from conftest import TINY, planned_jobs, run_snakemake, snakemake
from l1l2figures.arrays import frame_name
from l1l2figures.catalogue import ANIMATIONS, CATALOGUE
from l1l2figures.rendering.animate import SHEET_COLUMNS
from l1l2figures.rendering.frame_plan import evenly_spaced


def pixels(path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"))


def test_a_draft_renders_apart_and_leaves_the_figures_alone(built):
    before = {p.name: p.read_bytes() for p in (built / "figures").iterdir()}
    snakemake(built, "--config", "draft=true", "drafting={frames: 3, dpi_scale: 0.5}")
    assert {p.name: p.read_bytes() for p in (built / "figures").iterdir()} == before
    for figure in ANIMATIONS:
        with Image.open(built / "drafts" / "figures" / f"{figure}.gif") as draft:
            assert draft.n_frames == 3
        with Image.open(built / "figures" / f"{figure}.gif") as full:
            assert draft.size == tuple(side // 2 for side in full.size)
    # The draft shared the data and fits; the finished build still has nothing to do.
    assert planned_jobs(built) == {}


@pytest.mark.parametrize("figure", ANIMATIONS)
def test_a_still_is_the_frame_the_animation_shows(built, figure):
    index = TINY[figure]["n_frames"] - 2
    snakemake(built, f"preview/{figure}/light/frame_{index}.png")
    rendered = next(
        (built / "results" / figure / "light" / "frames").glob(f"*/{frame_name(index)}")
    )
    assert np.array_equal(
        pixels(built / "preview" / figure / "light" / f"frame_{index}.png"), pixels(rendered)
    )


def test_a_contact_sheet_tiles_a_few_frames_without_encoding(built):
    shown = evenly_spaced(TINY["outlier_sweep"]["n_frames"], 6)
    planned = planned_jobs(built, "contact_sheets")
    assert planned == {**{f"sheet_{figure}": 1 for figure in ANIMATIONS}, "contact_sheets": 1}
    snakemake(built, "contact_sheets")
    frames = built / "results" / "outlier_sweep" / "light" / "frames"
    first = pixels(next(frames.glob(f"*/{frame_name(shown[0])}")))
    height, width, _ = first.shape
    sheet = pixels(built / "preview" / "outlier_sweep" / "light" / "sheet.png")
    rows = -(-len(shown) // SHEET_COLUMNS)
    assert sheet.shape == (rows * height, SHEET_COLUMNS * width, 3)
    assert np.array_equal(sheet[:height, :width], first)


def test_a_drafts_preview_and_quality_go_under_drafts(built):
    draft = ("--config", "draft=true", "--dry-run")
    for target in ("contact_sheets", "quality"):
        planned = snakemake(built, target, *draft).stdout
        outputs = [line.split("output: ")[1] for line in planned.splitlines() if "output: " in line]
        assert outputs
        for paths in outputs:
            assert all(path.startswith("drafts/") for path in paths.split(", ")), paths


def test_a_dropped_format_is_named_as_out_of_date(built):
    kept, *dropped = TINY["formats"]
    result = snakemake(built, "--config", f"formats=[{kept}]")
    for figure in ANIMATIONS:
        for extension in dropped:
            assert f"figures/{figure}.{extension} is out of date" in result.stderr
        assert f"figures/{figure}.{kept} is out of date" not in result.stderr


# The short targets, named after a figure; planned on the untouched small build (a dry-run
# changes nothing), where no draft or sheet is made yet.
@pytest.mark.parametrize("figure", CATALOGUE)
def test_a_draft_by_the_figure_s_name_plans_that_figure_s_jobs_only(tiny_build, figure):
    planned = planned_jobs(tiny_build, f"draft_{figure}", "--config", "draft=true")
    assert planned.pop(f"draft_{figure}") == 1
    # a draft animation is a GIF only; a still comes in its formats
    n_files = 1 if figure in ANIMATIONS else len(CATALOGUE[figure].formats)
    assert planned.pop("publish") == n_files
    assert planned  # its render or draw jobs
    assert all(job.endswith(f"_{figure}") for job in planned), planned


def test_a_draft_by_name_without_draft_mode_gives_the_command_in_one_line(tiny_build):
    figure = ANIMATIONS[0]
    result = run_snakemake(tiny_build, "--dry-run", f"draft_{figure}")
    assert result.returncode != 0
    assert (
        f"snakemake --cores 4 draft_{figure} --config draft=true" in result.stdout + result.stderr
    )


@pytest.mark.parametrize("figure", ANIMATIONS)
def test_a_contact_sheet_by_the_figure_s_name_plans_that_sheet_only(tiny_build, figure):
    planned = planned_jobs(tiny_build, f"contact_sheet_{figure}")
    assert planned == {f"sheet_{figure}": 1, f"contact_sheet_{figure}": 1}
