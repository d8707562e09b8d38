"""Benchmark: the pipeline against plain one-process scripts, all measured in one run.

    pip install -e '.[bench]' && python bench/run.py

Builds a fresh copy of the workflow in a temporary directory with `snakemake --cores 2` and times:
the cold build of each figure and of all of them, a no-op rerun, the rebuild after one figure's
style is tweaked (everything else built; compared with the cold build of every figure),
render cost against frame count, GIF size and fidelity against imageio's default encoding, and
the peak memory of every job (Snakemake's benchmark: files). The baseline is `baseline.py` in this folder,
one process per animation: the same frames drawn with FuncAnimation and saved with PillowWriter.
Then, per animation, the web video made from the built frames (what a browser loads by default:
the WebM and the poster, against the GIF and Lighthouse's flag), and each job's start-up: the
seconds a fresh interpreter spends importing what its script imports.
Prints the tables with their targets and writes them to bench/results.md.
"""

import re
import resource
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
from l1l2figures.encode import frame_paths, video_ssim, write_mp4, write_poster, write_webm
from l1l2figures.grids import frame_durations

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
# Lighthouse's "Use video formats for animated content" flags animated GIFs over 100 KiB.
LIGHTHOUSE_FLAG_BYTES = 100 * 1024
DEFAULT_WEIGHT_TARGET = 0.5  # WebM + poster, as a fraction of the GIF
SSIM_TARGET = 0.98
STARTUP_REPEATS = 3  # runs of each job's script; the fastest counts (the machine is shared)
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


def timed_call(write, *args) -> float:
    start = time.perf_counter()
    write(*args)
    return time.perf_counter() - start


def web_video(workdir: Path, figure: str, section: dict, scratch: Path) -> dict:
    """The WebM, MP4 and poster of a figure, made from its built frames, against its GIF."""
    frames = frame_paths(sorted((workdir / "results" / figure / "frames").iterdir()))
    durations = frame_durations(
        section["n_frames"], section["frame_duration_ms"], section["end_pause_ms"]
    )
    files = {kind: scratch / f"{figure}.{kind}" for kind in ("webm", "mp4", "png")}
    seconds = {
        "webm": timed_call(write_webm, frames, files["webm"], durations),
        "mp4": timed_call(write_mp4, frames, files["mp4"], durations),
        "png": timed_call(write_poster, frames[section["poster_frame"]], files["png"]),
    }
    again = scratch / f"{figure}.again.webm"
    write_webm(frames, again, durations)
    size = {kind: path.stat().st_size for kind, path in files.items()}
    gif = (workdir / "figures" / f"{figure}.gif").stat().st_size
    default = size["webm"] + size["png"]
    return {
        "gif": gif,
        **size,
        "seconds": seconds,
        "default": default,
        "ratio": default / gif,
        "ssim_webm": video_ssim(files["webm"], frames, durations),
        "ssim_mp4": video_ssim(files["mp4"], frames, durations),
        "same_bytes": again.read_bytes() == files["webm"].read_bytes(),
    }


def top_level_imports(importtime_report: str) -> list[str]:
    """The modules a ``python -X importtime`` report shows imported at the top level, in order."""
    entries = re.findall(r"^import time:.*\|( *)(\S+)$", importtime_report, re.MULTILINE)
    top = min(len(indent) for indent, _ in entries)
    return list(dict.fromkeys(name for indent, name in entries if len(indent) == top))


def cpu_seconds(code: str, env: dict | None) -> float:
    """CPU seconds (user + system) of a fresh interpreter running ``code``: unlike wall time,
    hardly changed by other processes on a shared machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def job_import_seconds(workdir: Path, env: dict | None = None) -> dict[str, float]:
    """Per script: CPU seconds its job spends importing, Snakemake's preamble included; and the
    Snakefile's imports from the library, which every Snakemake run pays.

    Every job is run once more through Snakemake, keeping the scripts it writes (the job's script
    with its pickled inputs); each is rerun under ``python -X importtime`` to list what it loads,
    also what a library function imports when it is called. A fresh interpreter then imports the
    same modules: its CPU time less an empty interpreter's, the fastest of STARTUP_REPEATS.
    """
    subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", "--forceall", "--skip-script-cleanup"],
        cwd=workdir,
        env=env,
        check=True,
        capture_output=True,
    )

    def loads(job: Path) -> list[str]:
        run = subprocess.run(
            [sys.executable, "-X", "importtime", str(job)],
            cwd=workdir,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        return top_level_imports(run.stderr)

    def import_cpu(modules: list[str]) -> float:
        code = "\n".join(f"import {module}" for module in modules) or "pass"
        return min(cpu_seconds(code, env) for _ in range(STARTUP_REPEATS))

    empty = import_cpu([])
    modules = {
        "Snakefile (the library modules it imports)": [
            "l1l2figures.configuration",
            "l1l2figures.files",
            "l1l2figures.grids",
        ]
    }
    for job in sorted((workdir / ".snakemake" / "scripts").glob("*.py"), key=lambda p: p.name[12:]):
        modules.setdefault(job.name.split(".", 1)[1].removesuffix(".py"), loads(job))
    return {name: import_cpu(loaded) - empty for name, loaded in modules.items()}


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

        videos = {figure: web_video(work, figure, config[figure], tmp) for figure in ANIMATIONS}
        startup = job_import_seconds(work)

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
    for figure, video in videos.items():
        checks.append(
            (
                f"{figure}: WebM + poster <= {DEFAULT_WEIGHT_TARGET}x GIF, SSIM >= {SSIM_TARGET}",
                f"{video['ratio']:.2f}x, SSIM {video['ssim_webm']:.4f} / {video['ssim_mp4']:.4f}",
                video["ratio"] <= DEFAULT_WEIGHT_TARGET
                and min(video["ssim_webm"], video["ssim_mp4"]) >= SSIM_TARGET,
            )
        )
        checks.append(
            (f"{figure}: WebM byte-identical when encoded twice", "", video["same_bytes"])
        )

    lines = markdown_table(header, rows)
    lines += ["", "| target | measured | met |", "| --- | --- | --- |"]
    lines += [f"| {name} | {value} | {'yes' if ok else 'NO'} |" for name, value, ok in checks]
    lines += ["", "## Web video", "", *video_table(videos)]
    lines += ["", "## Start-up of each job", "", *startup_table(startup)]
    report = "\n".join(lines)
    print(report)
    (BENCH / "results.md").write_text(
        "# Benchmark results\n\n"
        f"`python bench/run.py` on {time.strftime('%Y-%m-%d')}, `snakemake --cores 2`, "
        f"best of {REPEATS} for cold builds and baselines. Baselines: `bench/baseline.py` "
        "(FuncAnimation + PillowWriter, one process). No-op rerun: "
        f"{no_op:.2f} s.\n\n{report}\n"
    )


def markdown_table(header: list[str], rows: list[list[str]]) -> list[str]:
    table = [header, ["---"] * len(header), *rows]
    return ["| " + " | ".join(row) + " |" for row in table]


def kb(n_bytes: int) -> str:
    return f"{n_bytes / 1000:.1f}"


def video_table(videos: dict[str, dict]) -> list[str]:
    header = [
        "figure",
        "GIF KB",
        "WebM KB",
        "MP4 KB",
        "poster KB",
        "default (WebM + poster) KB",
        "x GIF",
        "under Lighthouse's 100 KiB",
        "SSIM WebM",
        "SSIM MP4",
        "encode s (WebM, MP4, poster)",
    ]
    rows = [
        [
            figure,
            kb(v["gif"]),
            kb(v["webm"]),
            kb(v["mp4"]),
            kb(v["png"]),
            kb(v["default"]),
            f"{v['ratio']:.2f}",
            "yes" if v["default"] <= LIGHTHOUSE_FLAG_BYTES else "NO",
            f"{v['ssim_webm']:.4f}",
            f"{v['ssim_mp4']:.4f}",
            ", ".join(f"{t:.1f}" for t in v["seconds"].values()),
        ]
        for figure, v in videos.items()
    ]
    return [
        "Made from the built frames by `l1l2figures.encode` (settings and the reasons for them are",
        "there); SSIM is ffmpeg's ssim filter in RGB against the PNG frames, every frame as long as",
        "it shows. KB = 1000 bytes; Lighthouse flags GIFs over 100 KiB = 102.4 KB.",
        "",
        *markdown_table(header, rows),
    ]


def startup_table(startup: dict[str, float]) -> list[str]:
    rows = [[name, f"{seconds:.2f}"] for name, seconds in startup.items()]
    return [
        "CPU seconds a fresh interpreter spends importing all that each job loads (listed by",
        "`python -X importtime` on the job's own script, Snakemake's script preamble and what",
        "library functions import when called included), less an empty interpreter's; fastest",
        f"of {STARTUP_REPEATS}.",
        "",
        *markdown_table(["job's script", "import s"], rows),
    ]


if __name__ == "__main__":
    main()
