"""Tiny full builds of the workflow: what the figures show and what a rerun plans."""

import collections
import itertools
import json
import math
import os
import shutil
import xml.etree.ElementTree as ET

import imageio_ffmpeg
import matplotlib.colors
import numpy as np
import pytest
from matplotlib.colors import to_rgb
from PIL import Image

from conftest import (
    TINY,
    copy_of_build,
    copy_workflow,
    gif_frames,
    planned_jobs,
    planned_specs,
    run_snakemake,
    snakemake,
    tiny_config,
)
from l1l2figures.catalogue import ANIMATIONS
from l1l2figures.rendering.pacing import paced_durations
from l1l2figures.rendering.theme import figure_style

# A pixel "is" a colour when every channel is within this many levels of it.
COLOUR_TOLERANCE = 40


def mask_of(frame: np.ndarray, color: str) -> np.ndarray:
    rgb = np.array(to_rgb(color)) * 255
    return np.all(np.abs(frame.astype(int) - rgb) <= COLOUR_TOLERANCE, axis=-1)


@pytest.fixture(scope="module")
def sweep_gif(built):
    return gif_frames(built / "figures" / "outlier_sweep.gif")


@pytest.mark.parametrize("fmt", ["gif", "webp"])
@pytest.mark.parametrize("figure", ANIMATIONS)
def test_animation_loops_forever_holds_its_key_moments_and_pauses_on_its_last_frame(
    built, figure, fmt
):
    config = tiny_config()[figure]
    frames, durations, info = gif_frames(built / "figures" / f"{figure}.{fmt}")
    assert info["loop"] == 0
    assert len(frames) == config["n_frames"]
    shown = list(range(config["n_frames"]))
    pacing = json.loads((built / "results" / figure / "pacing.json").read_text())
    base, end = config["frame_duration_ms"], config["end_pause_ms"]
    paced = paced_durations(shown, base, end, [frame for frame, _ in pacing["moments"]])
    # the poster, when a key moment, holds longer still (pacing.LESSON_HOLD_MS)
    poster = shown.index(pacing["poster"])
    assert [d for i, d in enumerate(durations) if i != poster] == [
        d for i, d in enumerate(paced) if i != poster
    ]
    assert durations[poster] >= paced[poster]
    assert pacing["durations_ms"] == durations
    assert durations[0] >= 4 * base  # the loop restarts from a hold, not mid-motion
    assert durations[-1] == max(end, durations[-1]) > base
    width, height = (round(v * config["style"]["dpi"]) for v in config["style"]["size_in"])
    assert frames[0].shape == (height, width, 3)


def test_outlier_marker_moves_left_to_right(sweep_gif):
    style = figure_style(tiny_config(), "outlier_sweep")
    frames, _, _ = sweep_gif
    masks = [mask_of(frame, style["outlier_color"]) for frame in frames]
    still = np.logical_and.reduce(masks)  # the legend's outlier entry, in every frame
    centres = []
    for mask in masks:
        columns = np.nonzero(mask & ~still)[1]
        assert columns.size > 0, "no pixel of the outlier's colour in a frame"
        centres.append(np.median(columns))
    assert np.all(np.diff(centres) > 0), centres


def test_l1_and_l2_curves_are_drawn_in_their_colours(sweep_gif):
    style = figure_style(tiny_config(), "outlier_sweep")
    frames, _, _ = sweep_gif
    for frame in frames:
        for color in (style["l1_color"], style["l2_color"]):
            # A curve spans the plot's width: its colour shows up in many columns.
            columns = np.unique(np.nonzero(mask_of(frame, color))[1])
            assert columns.size > frame.shape[1] / 2, color


def test_grid_figure_is_built(built):
    with Image.open(built / "figures" / "outlier_sweep_grid.png") as im:
        style = tiny_config()["outlier_sweep"]["style"]
        assert im.size == tuple(round(v * style["dpi"]) for v in style["grid_size_in"])


@pytest.fixture(scope="module")
def gradient_gif(built):
    return gif_frames(built / "figures" / "l1_l2_gradient.gif")


def test_gradient_gif_moves(gradient_gif):
    frames, _, _ = gradient_gif
    for before, after in itertools.pairwise(frames):
        assert np.any(before != after)


SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def manhattan_svg(built):
    return ET.parse(built / "figures" / "manhattan_distance.svg").getroot()


def test_svg_starts_with_title_and_desc_for_screen_readers(manhattan_svg):
    first, second = list(manhattan_svg)[:2]
    assert first.tag == SVG + "title" and "12" in first.text and "6√2" in first.text
    assert second.tag == SVG + "desc" and "924" in second.text
    # A screen reader hears the colours drawn, named from their values: the straight line the
    # config calls red is drawn #D64700, a dark orange; the path it calls green #009E84, teal.
    assert "The orange straight line" in second.text
    for path in ("teal 12 blocks", "blue 12 blocks", "yellow 12 blocks"):
        assert path in second.text


def test_svg_draws_the_three_paths_and_the_straight_line(manhattan_svg):
    section = tiny_config()["manhattan_distance"]
    style = figure_style(tiny_config(), "manhattan_distance")
    styles = " ".join(e.get("style", "") for e in manhattan_svg.iter(SVG + "path"))
    words = [p["color"] for p in section["paths"].values()] + [style["euclidean_color"]]
    for word in words:
        colour = style["hues"][word]
        hex_colour = matplotlib.colors.to_hex(colour)
        assert f"stroke: {hex_colour}" in styles, word


def test_svg_labels_are_text_elements(manhattan_svg):
    texts = ["".join(t.itertext()) for t in manhattan_svg.iter(SVG + "text")]
    assert "3 taxicab paths (L1): 6 + 6 = 12 blocks each" in texts
    assert any("6√2 ≈ 8.49" in t for t in texts)
    assert any("924" in t and "C(12, 6)" in t for t in texts)


def test_rerun_after_a_full_build_plans_nothing(built):
    assert planned_jobs(built) == {}


N_FORMATS = len(TINY["formats"])


def plan(*parts: dict[str, int]) -> dict[str, int]:
    """The jobs of several parts of a rebuild together, counts added up."""
    total = collections.Counter()
    for part in parts:
        total.update(part)
    return dict(total)


def redraws(figure: str) -> dict[str, int]:
    """An animation redrawn: its render jobs, an encoding per format, each published."""
    n_jobs = -(-TINY[figure]["n_frames"] // TINY[figure]["frames_per_job"])
    return {f"render_{figure}": n_jobs, f"assemble_{figure}": N_FORMATS, "publish": N_FORMATS}


def words(*figures: str) -> dict[str, int]:
    """The words of ``figures`` made again."""
    return {f"words_{figure}": 1 for figure in figures}


def renders(figure: str) -> dict[str, int]:
    """An animation redrawn from new products: its pacing too (its key moments follow them)."""
    return plan(redraws(figure), {f"pace_{figure}": 1})


def still(figure: str, rule: str = "draw", n_files: int = 1) -> dict[str, int]:
    """A still figure redrawn by ``rule`` and its ``n_files`` files published."""
    return {f"{rule}_{figure}": 1, "publish": n_files}


SWEEP_RENDERS = plan(renders("outlier_sweep"), still("outlier_sweep_grid"))
SWEEP_FITS = {"fit_outlier_sweep": 1, "fit_outlier_sweep_grid": 1}  # the animation's, the grid's
GRADIENT_RENDERS = renders("l1_l2_gradient")
ROBUSTNESS_RENDERS = renders("robustness")
# What the outlier sweep's new fits change: the stability figure's measures, its figure and the
# words of both, and the grid's words (its alt says what its fits show).
STABILITY = plan(
    {
        "fit_stability": 1,
        "words_stability": 1,
        "words_outlier_sweep": 1,
        "words_outlier_sweep_grid": 1,
    },
    still("stability"),
)
SPARSITY_RENDERS = renders("sparsity")
SOLVERS = plan({"fit_solvers": 1, "words_solvers": 1}, still("solvers"))
MANHATTAN = still("manhattan_distance", "svg", 2)  # the SVG and its PNG
# its words, and those in the colours of the theme of the SVG `all` builds
MANHATTAN_WORDS = {"words_manhattan_distance": 1, "theme_words_manhattan_distance": 1}


@pytest.mark.parametrize(
    "override, expected",
    [
        # a model tweak: fit, render and assemble of that figure, not its data
        (
            "outlier_sweep={gbr: {n_estimators: 7}}",
            plan(SWEEP_FITS, SWEEP_RENDERS, STABILITY),
        ),
        # a colour the words name: the figure and its words
        ("stability={style: {l1_color: teal}}", plan(still("stability"), words("stability"))),
        (
            "sparsity={loss_matrix: [[1, 0.3], [0.3, 2]]}",
            plan({"fit_sparsity": 1}, SPARSITY_RENDERS, words("sparsity")),
        ),
        ("sparsity={style: {contour_color: black}}", redraws("sparsity")),
        ("solvers={lasso_alpha: 0.2}", SOLVERS),
        ("solvers={style: {dpi: 80}}", still("solvers")),
        (
            "l1_l2_gradient={l1_step: subgradient}",
            plan({"fit_l1_l2_gradient": 1}, GRADIENT_RENDERS, words("l1_l2_gradient")),
        ),
        # a style tweak: that figure's render and assemble (not its pacing), and the words that
        # name its colours
        (
            "outlier_sweep={style: {l1_color: '#1b9e77'}}",
            plan(
                redraws("outlier_sweep"),
                still("outlier_sweep_grid"),
                words("outlier_sweep", "outlier_sweep_grid"),
            ),
        ),
        (
            "l1_l2_gradient={style: {l2_color: purple}}",
            plan(redraws("l1_l2_gradient"), words("l1_l2_gradient")),
        ),
        (
            "robustness={style: {l2_color: purple}}",
            plan(redraws("robustness"), words("robustness")),
        ),
        # a data tweak: the whole figure, and no other
        (
            "robustness={outlier_x: 6}",
            plan(
                {"data_robustness": 1, "fit_robustness": 1},
                ROBUSTNESS_RENDERS,
                words("robustness"),
            ),
        ),
        ("manhattan_distance={style: {path_offset: 0.1}}", MANHATTAN),
        # a geometry tweak: data and render of the SVG only
        (
            "manhattan_distance={paths: {corner: {moves: RRRRRRUUUUUU, color: red}}}",
            plan({"data_manhattan_distance": 1}, MANHATTAN, MANHATTAN_WORDS),
        ),
        # a timing tweak: the pacing and the encodings only
        (
            "l1_l2_gradient={end_pause_ms: 2000}",
            {"pace_l1_l2_gradient": 1, "assemble_l1_l2_gradient": N_FORMATS, "publish": N_FORMATS},
        ),
    ],
)
def test_a_tweak_plans_exactly_the_jobs_it_touches(built, override, expected):
    assert planned_jobs(built, "--config", override) == {**expected, "all": 1}


# A job's reason for a one-value tweak names the new spec it reads: "Input files updated by
# another job: results/specs/<job>/<digest>.json".
REASON_CHARS = 200


def test_a_tweak_s_reasons_are_short_and_its_run_names_the_keys_it_changed(built, tmp_path):
    tweak = ("--config", "robustness={style: {l2_color: purple}}")
    touched = [
        "render/figure=robustness/theme=light/chunk=0",
        "render/figure=robustness/theme=light/chunk=1",
        "words/figure=robustness",  # its words name the colours
    ]
    assert planned_specs(built, *tweak) == touched
    out = snakemake(built, "--dry-run", *tweak).stdout
    reasons = [line.strip() for line in out.splitlines() if "reason:" in line]
    updated_spec = "reason: Input files updated by another job: results/specs/"
    spec_reasons = [reason for reason in reasons if reason.startswith(updated_spec)]
    assert len(spec_reasons) == len(touched)
    for reason in spec_reasons:
        assert len(reason) <= REASON_CHARS, reason
    assert "#D64700" not in out  # the colour before: no style is printed
    # and the run says, one line per job, which keys changed
    run = snakemake(copy_of_build(built, tmp_path), *tweak)
    named = [line for line in run.stderr.splitlines() if line.endswith(" changed")]
    assert sorted(named) == [
        "render figure=robustness theme=light chunk=0: style.l2_color changed",
        "render figure=robustness theme=light chunk=1: style.l2_color changed",
        "words figure=robustness: styles.dark.l2_color, styles.light.l2_color changed",
    ]


@pytest.mark.parametrize(
    "module, expected",
    [
        (
            "maths/models.py",
            plan(
                SWEEP_FITS,
                {"fit_robustness": 1, "fit_sparsity": 1},
                SWEEP_RENDERS,
                STABILITY,
                ROBUSTNESS_RENDERS,
                SPARSITY_RENDERS,
                SOLVERS,
                words("robustness", "sparsity"),
            ),
        ),
        ("scenes/l1_l2_gradient.py", GRADIENT_RENDERS),
        ("maths/solvers.py", SOLVERS),
        # the soft-threshold is shared by the gradient figure and the lasso solver
        (
            "maths/regularization.py",
            plan({"fit_l1_l2_gradient": 1}, GRADIENT_RENDERS, SOLVERS, words("l1_l2_gradient")),
        ),
        (
            "maths/taxicab.py",
            plan({"data_manhattan_distance": 1}, MANHATTAN, MANHATTAN_WORDS),
        ),
        (
            "rendering/encode.py",
            plan(
                *({f"assemble_{f}": N_FORMATS, "publish": N_FORMATS} for f in ANIMATIONS),
                still("outlier_sweep_grid"),
                still("stability"),
                still("solvers"),
                still("sparsity_odds"),
                MANHATTAN,
            ),
        ),
    ],
)
def test_editing_a_library_module_plans_the_rules_that_use_it(built, module, expected):
    path = built / "src" / "l1l2figures" / module
    original, before = path.read_bytes(), path.stat()
    # An edit: new content, modified now. (Snakemake 9 compares checksums too: a touch is no edit.)
    path.write_bytes(original + b"\n# an edit\n")
    try:
        assert planned_jobs(built) == {**expected, "all": 1}
    finally:
        path.write_bytes(original)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_without_snakemakes_records_forcerun_spec_takes_a_config_change(built, tmp_path):
    """A copy without its dot-folders (as backup and sync tools make), or .snakemake/ removed:
    what is built stays built, and `--forcerun spec` (the README says when) writes every job's
    spec again, so a config change is built. A plain run there takes a spec it has never written
    as Snakemake takes a deleted temporary file: not a reason to rerun (the README says so)."""
    copy = copy_of_build(built, tmp_path)
    shutil.rmtree(copy / ".snakemake")
    assert planned_jobs(copy) == {}  # still built
    n_frames = TINY["robustness"]["n_frames"] + 3
    snakemake(copy, "--forcerun", "spec", "--config", f"robustness={{n_frames: {n_frames}}}")
    with Image.open(copy / "figures" / "robustness.gif") as gif:
        assert gif.n_frames == n_frames


def test_a_bad_config_stops_before_any_job_and_names_the_key(built):
    gif = built / "figures" / "outlier_sweep.gif"
    before = gif.read_bytes()
    result = run_snakemake(built, "--config", "outlier_sweep={n_frames: 1}")
    assert result.returncode != 0
    assert "n_frames" in result.stdout + result.stderr
    assert gif.read_bytes() == before


def assert_same_figures(built, again) -> None:
    figures = sorted(p.name for p in (built / "figures").iterdir())
    animated = {f"{figure}.{fmt}" for figure in ANIMATIONS for fmt in TINY["formats"]}
    assert animated < set(figures)
    assert sorted(p.name for p in (again / "figures").iterdir()) == figures
    for name in figures:
        assert (again / "figures" / name).read_bytes() == (built / "figures" / name).read_bytes()


def test_two_builds_give_identical_bytes_even_with_more_jobs_than_cores(built, tmp_path):
    again = copy_workflow(tmp_path)
    snakemake(again, "--cores", "4")  # on a 2-core machine: jobs share the cores, never a file
    assert_same_figures(built, again)


def test_a_cluster_style_run_gives_the_same_bytes(built, tmp_path):
    """Each job as its own process through a submit command, as a scheduler would run it: an
    animation and a still (tests/test_slurm.py sends every figure through a real Slurm)."""
    again = copy_workflow(tmp_path)
    targets = ["figures/l1_l2_gradient.gif", "figures/stability.png"]
    snakemake(again, *targets, "--profile", "profiles/cluster-generic")
    for target in targets:
        assert (again / target).read_bytes() == (built / target).read_bytes(), target


@pytest.mark.parametrize("figure", ANIMATIONS)
def test_mp4_shows_every_frame_for_as_long_as_the_gif(built, figure):
    config = tiny_config()[figure]
    reader = imageio_ffmpeg.read_frames(str(built / "figures" / f"{figure}.mp4"))
    meta = next(reader)
    frames = list(reader)
    _, durations, _ = gif_frames(built / "figures" / f"{figure}.gif")  # paced by key moments
    step_ms = math.gcd(*durations)
    assert step_ms == math.gcd(config["frame_duration_ms"], config["end_pause_ms"])
    assert len(frames) == sum(durations) // step_ms
    assert meta["fps"] == pytest.approx(1000 / step_ms, rel=1e-3)
    width, height = (int(v * config["style"]["dpi"]) for v in config["style"]["size_in"])
    assert meta["size"] == (width, height)  # never rescaled
