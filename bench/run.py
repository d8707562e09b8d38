"""Benchmark: the pipeline against plain one-process scripts, all measured in one run.

    pip install -e '.[bench]' && python bench/run.py

Builds a fresh copy of the workflow in a temporary directory with `snakemake --cores 2` and times:
the cold build of each figure and of all of them, a no-op rerun, the rebuild after one figure's
style is tweaked (everything else built; compared with the cold build of every figure),
render cost against frame count, GIF size and fidelity against imageio's default encoding, and
the peak memory of every job (Snakemake's benchmark: files). The baseline is `baseline.py` in this folder,
one process per animation: the same frames drawn with FuncAnimation and saved with PillowWriter.
Prints one table with the targets of issue 5 and writes it to bench/results.md.
"""

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import imageio.v3 as iio
import numpy as np
import yaml
from PIL import Image, ImageSequence

from l1l2figures.configuration import ANIMATIONS

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
FIGURES = {
    "outlier_sweep": ["figures/outlier_sweep.gif", "figures/outlier_sweep_grid.png"],
    "l1_l2_gradient": ["figures/l1_l2_gradient.gif"],
    "robustness": ["figures/robustness.gif"],
    "sparsity": ["figures/sparsity.gif"],
    "manhattan_distance": ["figures/manhattan_distance.svg", "figures/manhattan_distance.png"],
    "stability": ["figures/stability.png"],
    "solvers": ["figures/solvers.png"],
}
STYLE_TWEAK = {  # a colour of each figure's own style section
    figure: f"{figure}={{style: {{{key}: '#1b9e77'}}}}"
    for figure, key in [
        ("outlier_sweep", "l1_color"),
        ("l1_l2_gradient", "l1_color"),
        ("robustness", "l1_color"),
        ("sparsity", "l1_color"),
        ("manhattan_distance", "euclidean_color"),
        ("stability", "l1_color"),
        ("solvers", "l1_color"),
    ]
}
FRAME_SCALE = 4  # the linearity check renders this many times the default frames
REPEATS = 2  # cold builds and baselines: the best of this many runs (the machine is shared)
KEEP_OUT = shutil.ignore_patterns(
    ".git",
    ".venv",
    "results",
    "figures",
    "logs",
    "benchmarks",
    ".snakemake",
    "__pycache__",
    "bench",
)


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def snakemake(workdir: Path, *args: str) -> float:
    return timed([sys.executable, "-m", "snakemake", "--cores", "2", *args], workdir)


def fresh_copy(parent: Path, name: str) -> Path:
    workdir = parent / name
    shutil.copytree(REPO, workdir, ignore=KEEP_OUT)
    return workdir


def clean(workdir: Path) -> None:
    for built in ("results", "figures", "benchmarks", ".snakemake"):
        shutil.rmtree(workdir / built, ignore_errors=True)


def best_cold(workdir: Path, *targets: str) -> float:
    times = []
    for _ in range(REPEATS):
        clean(workdir)
        times.append(snakemake(workdir, *targets))
    return min(times)


def render_seconds(workdir: Path, figure: str) -> float:
    """Seconds of all render jobs of a figure, from their benchmark: files."""
    files = (workdir / "benchmarks" / figure).glob("render_[0-9]*.tsv")
    return sum(float(f.read_text().splitlines()[1].split("\t")[0]) for f in files)


def peak_rss_mb(workdir: Path) -> tuple[float, str]:
    peaks = []
    for f in (workdir / "benchmarks").glob("*/*.tsv"):
        header, values = (line.split("\t") for line in f.read_text().splitlines()[:2])
        peaks.append((float(values[header.index("max_rss")]), f"{f.parent.name}/{f.stem}"))
    return max(peaks)


def gif_check(gif: Path, frame_dir: Path, durations_ms: list[int], scratch: Path) -> dict:
    """Size against imageio's default encoding of the same PNG frames, and fidelity."""
    frames = [iio.imread(p) for p in sorted(frame_dir.glob("*/*.png"))]
    default = scratch / f"imageio_{gif.name}"
    iio.imwrite(default, frames, duration=durations_ms, loop=0)
    with Image.open(gif) as im:
        loop = im.info.get("loop")
        decoded, durations = [], []
        for frame in ImageSequence.Iterator(im):
            decoded.append(np.asarray(frame.convert("RGB")))
            durations.append(frame.info["duration"])
    errors = [np.abs(a.astype(int) - b).mean() for a, b in zip(frames, decoded)]
    return {
        "kb": gif.stat().st_size / 1000,
        "size_ratio": gif.stat().st_size / default.stat().st_size,
        "mae": max(errors),
        "white": all(tuple(d[0, 0]) == (255, 255, 255) for d in decoded),
        "frames_kept": len(decoded) == len(frames),
        "min_ms": min(durations),
        "loop": loop,
    }


def main() -> None:
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text())
    rows, checks = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        work = fresh_copy(tmp, "work")
        config_path = str(work / "config" / "config.yaml")

        baseline = {}
        for figure in ANIMATIONS:
            out = str(tmp / f"baseline_{figure}.gif")
            cmd = [sys.executable, str(BENCH / "baseline.py"), figure, config_path, out]
            baseline[figure] = min(timed(cmd, work) for _ in range(REPEATS))

        cold = {figure: best_cold(work, *targets) for figure, targets in FIGURES.items()}
        cold_all = best_cold(work)
        no_op = snakemake(work)
        # A user's rebuild: everything built, one figure's style tweaked, plain `snakemake`.
        rebuild = {}
        for figure, tweak in STYLE_TWEAK.items():
            rebuild[figure] = snakemake(work, "--config", tweak)
            snakemake(work)  # back to the shipped config
        peak, peak_job = peak_rss_mb(work)
        gifs = {}
        for figure in ANIMATIONS:
            section = config[figure]
            durations = [section["frame_duration_ms"]] * (section["n_frames"] - 1)
            gifs[figure] = gif_check(
                work / "figures" / f"{figure}.gif",
                work / "results" / figure / "frames",
                durations + [section["end_pause_ms"]],
                tmp,
            )

        # Linearity: the outlier sweep's render jobs at the default frames and at FRAME_SCALE times.
        n_frames = config["outlier_sweep"]["n_frames"]
        render = {}
        for frames in (n_frames, FRAME_SCALE * n_frames):
            clean(work)
            scaled = f"outlier_sweep={{n_frames: {frames}}}"
            snakemake(work, "figures/outlier_sweep.gif", "--config", scaled)
            render[frames] = render_seconds(work, "outlier_sweep")

    for figure in FIGURES:
        animated = figure in ANIMATIONS
        rows.append(
            [
                figure,
                str(config[figure]["n_frames"]) if animated else "-",
                f"{cold[figure]:.1f}",
                f"{baseline[figure]:.1f}" if animated else "-",
                f"{cold[figure] / baseline[figure]:.2f}" if animated else "-",
                f"{rebuild[figure]:.1f} ({rebuild[figure] / cold_all:.2f}x)",
                f"{gifs[figure]['kb']:.0f}" if animated else "-",
            ]
        )
    baseline_total = sum(baseline.values())
    rows.append(
        [
            "all figures",
            "-",
            f"{cold_all:.1f}",
            f"{baseline_total:.1f}",
            f"{cold_all / baseline_total:.2f}",
            "-",
            "-",
        ]
    )

    linear = render[FRAME_SCALE * n_frames] / render[n_frames]
    checks.append(
        (
            "cold build of every figure <= 0.5x the baselines' total",
            f"{cold_all / baseline_total:.2f}x",
            cold_all <= 0.5 * baseline_total,
        )
    )
    checks.append(("no-op run <= 2 s", f"{no_op:.2f} s", no_op <= 2))
    for figure in FIGURES:
        ratio = rebuild[figure] / cold_all
        checks.append(
            (
                f"{figure}: rebuild after a style tweak <= 0.3x the cold build",
                f"{ratio:.2f}x",
                ratio <= 0.3,
            )
        )
    checks.append(
        (
            f"render time at {FRAME_SCALE}x the frames <= {FRAME_SCALE * 1.1:.1f}x",
            f"{linear:.2f}x ({render[n_frames]:.1f} s -> {render[FRAME_SCALE * n_frames]:.1f} s)",
            linear <= FRAME_SCALE * 1.1,
        )
    )
    for figure, gif in gifs.items():
        checks.append(
            (
                f"{figure}: GIF bytes <= 0.35x imageio's default",
                f"{gif['size_ratio']:.2f}x",
                gif["size_ratio"] <= 0.35,
            )
        )
        checks.append(
            (
                f"{figure}: mean abs error per channel <= 1, white stays white",
                f"{gif['mae']:.2f}, white {gif['white']}",
                gif["mae"] <= 1 and gif["white"],
            )
        )
        checks.append(
            (
                f"{figure}: frame durations >= 20 ms, loops forever",
                f"min {gif['min_ms']} ms, loop={gif['loop']}",
                gif["min_ms"] >= 20 and gif["loop"] == 0,
            )
        )
    checks.append(("peak memory of any job < 500 MB", f"{peak:.0f} MB ({peak_job})", peak < 500))

    header = [
        "figure",
        "frames",
        "cold s",
        "baseline s",
        "ratio",
        "rebuild s (x cold, all)",
        "GIF KB",
    ]
    table = [header, ["---"] * len(header), *rows]
    lines = ["| " + " | ".join(row) + " |" for row in table]
    lines += ["", "| target | measured | met |", "| --- | --- | --- |"]
    lines += [f"| {name} | {value} | {'yes' if ok else 'NO'} |" for name, value, ok in checks]
    report = "\n".join(lines)
    print(report)
    (BENCH / "results.md").write_text(
        "# Benchmark results\n\n"
        f"`python bench/run.py` on {time.strftime('%Y-%m-%d')}, `snakemake --cores 2`, "
        f"best of {REPEATS} for cold builds and baselines. Baselines: `bench/baseline.py` "
        "(FuncAnimation + PillowWriter, one process). No-op rerun: "
        f"{no_op:.2f} s.\n\n{report}\n"
    )


if __name__ == "__main__":
    main()
