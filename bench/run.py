"""Benchmark: the pipeline against plain one-process scripts, all measured in one run.

    pip install -e '.[bench]' && python bench/run.py [--rev COMMIT]

Builds a fresh copy of the workflow in a temporary directory with `snakemake --cores 2` and times:
the cold build of each figure and of all of them, a no-op rerun (beside a trivial one-rule
workflow's no-op: Snakemake's own floor), the rebuild after one figure's style is
tweaked (everything else built; compared with the cold build of every figure), each animation's
draft (`--config draft=true`) against its full build from the same state (data and fits built),
the contact sheet after a style tweak, the live preview (l1l2-preview, live_preview.py) after the
same kind of tweak against Snakemake's contact sheet, render cost against frame count, GIF size and fidelity
against imageio's default encoding, and the peak memory of every job (Snakemake's benchmark:
files). The baseline is `baseline.py` in this folder, one process per animation: the same frames
drawn with FuncAnimation and saved with PillowWriter.
Then, per animation, the web video the pipeline builds (results/<figure>/light/<figure>.webm,
.mp4 and poster.png; what a browser loads by default is the WebM and the poster, against the GIF
and Lighthouse's flag), with SSIM against the PNG frames, and each job's start-up: the seconds a
fresh interpreter spends importing what its script imports. Last, the blog bundle (`snakemake
site`) and what its player weighs (player.py).
Snakemake runs are compared above Snakemake's floor: their time less the trivial workflow's no-op,
measured again before each group of runs (a shared machine's load changes within a run).
Prints the tables with their targets (PASS/MISS) and writes them to bench/results.md.

The copy is of the working tree, or with --rev of a commit (`git archive`, read-only): a commit
stays put while someone edits the working tree. Every job and the bench itself import the copy's
own library (PYTHONPATH), not the installed one, so the copy is measured as a whole.
"""

import argparse
import importlib
import importlib.metadata
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import imageio.v3 as iio
import live_preview
import numpy as np
import yaml
from PIL import Image, ImageSequence
from player import player_table

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
# The colour each config section's style tweak sets: <role>_color overrides the house palette for
# that section's figures (config/schema.yaml); the Manhattan figure has no l1, its straight line is
# `euclidean`.
TWEAK_KEYS = {"manhattan_distance": "euclidean_color"}
TWEAKED_BY_DEFAULT = "l1_color"
TWEAK_COLORS = ("#1b9e77", "#7570b3")  # neither is in the shipped palette


def style_tweak(section: str, color: str = TWEAK_COLORS[0]) -> str:
    key = TWEAK_KEYS.get(section, TWEAKED_BY_DEFAULT)
    return f"{section}={{style: {{{key}: '{color}'}}}}"


def published_by_section(catalogue) -> dict[str, list[str]]:
    """{config section: the published files of its figures}, from the copy's catalogue: a style
    tweak of a section redraws them all (the outlier sweep's animation and grid)."""
    sections: dict[str, list[str]] = {}
    for figure in catalogue.CATALOGUE.values():
        formats = ["gif"] if figure.kind == catalogue.ANIMATION else figure.formats
        sections.setdefault(figure.section, []).extend(
            f"figures/{figure.name}.{extension}" for extension in formats
        )
    return sections


# Lighthouse's "Use video formats for animated content" flags animated GIFs over 100 KiB.
LIGHTHOUSE_FLAG_BYTES = 100 * 1024
DEFAULT_WEIGHT_TARGET = 0.5  # WebM + poster, as a fraction of the GIF
SSIM_TARGET = 0.98
# The issues' targets. Snakemake runs count above Snakemake's floor (a one-rule workflow's no-op).
NO_OP_TARGET = 1.2  # a no-op run, as a multiple of the floor
REBUILD_TARGET = 0.2  # rebuild after a style tweak, as a fraction of the cold build of everything
COLD_TARGET = 0.25  # cold build of every figure, as a fraction of the baselines' total
SEED_COLD_TARGET = 0.35  # cold build of each of the mission's two animations, against its baseline
SEED_ANIMATIONS = ("outlier_sweep", "l1_l2_gradient")
DRAFT_TARGET = 0.3  # a draft, as a fraction of the same animation's full build
PREVIEW_TARGET = 0.25  # the live preview's sheet after a style tweak, as a fraction of Snakemake's
PREVIEW_TARGET_S = 0.5  # ... and in wall seconds, for the default figures
PAGE_TARGET_S = 0.1  # the page showing the new sheet, after it is on disk
PREVIEW_MEMORY_MB = 600  # the running preview's peak resident memory
STARTUP_REPEATS = 3  # runs of each job's script; the fastest counts (the machine is shared)
NO_OP_REPEATS = 3  # no-op runs, of this workflow and of the trivial one; the fastest counts
FRAME_SCALE = 4  # the linearity check renders this many times the default frames
REPEATS = 2  # cold builds, drafts and baselines: the best of this many runs (the machine is shared)
BUILT = ("results", "figures", "benchmarks", "logs", "drafts", "preview", "quality", "site")
NOT_COPIED = (".git", ".venv", ".snakemake", "bench", "test-artifacts", *BUILT)


def keep_out(folder: str, names: list[str]) -> set[str]:
    """What a copy leaves out: bytecode, and at the top only, what is built or tooling (the
    library has a preview package, not built previews)."""
    top = Path(folder) == REPO
    return {name for name in names if name == "__pycache__" or (top and name in NOT_COPIED)}


# Snakemake's floor: a one-rule workflow, nothing imported, nothing to check but one file.
TRIVIAL_SNAKEFILE = (
    'rule all:\n    output:\n        "done.txt"\n    shell:\n        "touch {output}"\n'
)


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    run = subprocess.run(cmd, check=False, cwd=cwd, capture_output=True, text=True)
    if run.returncode:
        sys.exit(f"failed ({run.returncode}): {' '.join(cmd)}\n{run.stderr[-3000:]}")
    return time.perf_counter() - start


def snakemake(workdir: Path, *args: str) -> float:
    """Wall seconds of a Snakemake run; targets must come before --config (it takes many words)."""
    return timed([sys.executable, "-m", "snakemake", "--cores", "2", *args], workdir)


def fresh_copy(parent: Path, name: str, rev: str | None = None) -> Path:
    """A copy of the workflow (the working tree, or commit ``rev``) whose library every job and
    this process import."""
    workdir = parent / name
    if rev is None:
        shutil.copytree(REPO, workdir, ignore=keep_out)
    else:
        archive = subprocess.run(
            ["git", "archive", "--format=tar", rev], cwd=REPO, check=True, capture_output=True
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(workdir, filter="data")
        for built in BUILT:
            shutil.rmtree(workdir / built, ignore_errors=True)
    src = str(workdir / "src")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))
    sys.path.insert(0, src)
    for module in [name for name in sys.modules if name.split(".")[0] == "l1l2figures"]:
        del sys.modules[module]
    return workdir


def library(module: str):
    """A module of the copy's library (imported after fresh_copy)."""
    return importlib.import_module(f"l1l2figures.{module}")


def clean(workdir: Path) -> None:
    for built in (*BUILT, ".snakemake"):
        shutil.rmtree(workdir / built, ignore_errors=True)


def benchmark_seconds(path: Path) -> float:
    """Wall seconds of a job, from its Snakemake benchmark: file (first column of the data row)."""
    return float(path.read_text().splitlines()[1].split("\t")[0])


def job_seconds(workdir: Path, since: float) -> dict[str, float]:
    """Wall seconds of each job whose benchmark: file was written after ``since`` (time.time())."""
    jobs = {}
    for f in workdir.glob("**/benchmarks/*/*.tsv"):
        if f.stat().st_mtime >= since:
            name = str(f.relative_to(workdir)).replace("benchmarks/", "").removesuffix(".tsv")
            jobs[name] = benchmark_seconds(f)
    return jobs


def run_with_jobs(workdir: Path, *args: str) -> tuple[float, dict[str, float]]:
    """Wall seconds of a Snakemake run, and the seconds of each job it ran (its benchmark: files)."""
    since = time.time() - 0.01
    return snakemake(workdir, *args), job_seconds(workdir, since)


def best(runs: list[tuple[float, dict]]) -> tuple[float, dict]:
    return min(runs, key=lambda run: run[0])


def best_cold(workdir: Path, *targets: str) -> tuple[float, dict]:
    runs = []
    for _ in range(REPEATS):
        clean(workdir)
        runs.append(run_with_jobs(workdir, *targets))
    return best(runs)


def jobs_summary(jobs: dict[str, float]) -> str:
    """``jobs 7.9 s, largest render_light_0 3.1 s``: what a run's jobs took."""
    if not jobs:
        return "no job with a benchmark: file"
    name, seconds = max(jobs.items(), key=lambda item: item[1])
    return f"{len(jobs)} jobs {sum(jobs.values()):.1f} s, largest {name} {seconds:.1f} s"


def render_seconds(workdir: Path, figure: str) -> float:
    """Seconds of all light render jobs of a figure, from their benchmark: files."""
    files = (workdir / "benchmarks" / figure).glob("render_light_[0-9]*.tsv")
    return sum(benchmark_seconds(f) for f in files)


def peak_rss_mb(workdir: Path) -> tuple[float, str]:
    peaks = []
    for f in workdir.glob("**/benchmarks/*/*.tsv"):
        header, values = (line.split("\t") for line in f.read_text().splitlines()[:2])
        peaks.append((float(values[header.index("max_rss")]), f"{f.parent.name}/{f.stem}"))
    return max(peaks)


def frame_pngs(workdir: Path, figure: str, theme: str = "light") -> list[Path]:
    """The PNG frames an animation's render jobs wrote, in frame order (by index, not by path)."""
    frames_dir = workdir / "results" / figure / theme / "frames"
    return sorted(frames_dir.glob("*/*.png"), key=lambda path: int(path.stem))


def durations_of(workdir: Path, figure: str) -> list[int]:
    """The frame times the animation was encoded with: its pacing (rule pace)."""
    pacing = workdir / "results" / figure / "pacing.json"
    return json.loads(pacing.read_text())["durations_ms"]


def gif_check(gif: Path, frame_files: list[Path], durations_ms: list[int], scratch: Path) -> dict:
    """Size against imageio's default encoding of the same PNG frames, and fidelity."""
    frames = [iio.imread(p) for p in frame_files]
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


def web_video(workdir: Path, figure: str) -> dict:
    """The WebM, MP4 and poster the pipeline builds for an animation, against its GIF."""
    built = workdir / "results" / figure / "light"
    files = {kind: built / f"{figure}.{kind}" for kind in ("webm", "mp4")}
    files["png"] = built / "poster.png"
    snakemake(workdir, *(str(path.relative_to(workdir)) for path in files.values()))
    encode_s = {
        kind: benchmark_seconds(workdir / "benchmarks" / figure / f"assemble_light_{kind}.tsv")
        for kind in ("webm", "mp4")
    }
    # Encoded twice: the WebM is removed and its job run again.
    first = files["webm"].read_bytes()
    files["webm"].unlink()
    snakemake(workdir, str(files["webm"].relative_to(workdir)))
    frames = frame_pngs(workdir, figure)
    durations = durations_of(workdir, figure)
    size = {kind: path.stat().st_size for kind, path in files.items()}
    gif = (workdir / "figures" / f"{figure}.gif").stat().st_size
    default = size["webm"] + size["png"]
    return {
        "gif": gif,
        **size,
        "seconds": encode_s,
        "default": default,
        "ratio": default / gif,
        "ssim_webm": library("rendering.encode").video_ssim(files["webm"], frames, durations),
        "ssim_mp4": library("rendering.encode").video_ssim(files["mp4"], frames, durations),
        "same_bytes": first == files["webm"].read_bytes(),
    }


def draft_and_full(workdir: Path, figure: str) -> dict:
    """An animation's draft against its full build, each cold for its own files: data and fits
    built (shared by both), its frames, encodings and published file removed before each run."""
    light = workdir / "results" / figure / "light"
    full_runs, draft_runs = [], []
    for _ in range(REPEATS):
        shutil.rmtree(light, ignore_errors=True)
        (workdir / "figures" / f"{figure}.gif").unlink(missing_ok=True)
        full_runs.append(run_with_jobs(workdir, f"figures/{figure}.gif"))
        shutil.rmtree(workdir / "drafts", ignore_errors=True)
        draft_runs.append(
            run_with_jobs(workdir, f"drafts/figures/{figure}.gif", "--config", "draft=true")
        )
    (full, full_jobs), (draft, draft_jobs) = best(full_runs), best(draft_runs)
    return {"full": full, "full_jobs": full_jobs, "draft": draft, "draft_jobs": draft_jobs}


def sheet_after_tweak(workdir: Path, figure: str) -> tuple[float, dict]:
    """Wall seconds of `snakemake preview/<figure>/light/sheet.png` after a style tweak (data and
    fits built, the sheet built before with the shipped style); the best of one per tweak colour."""
    target = f"preview/{figure}/light/sheet.png"
    snakemake(workdir, target)
    runs = [
        run_with_jobs(workdir, target, "--config", style_tweak(figure, color))
        for color in TWEAK_COLORS
    ]
    return best(runs)


def best_no_op(workdir: Path) -> float:
    return min(snakemake(workdir) for _ in range(NO_OP_REPEATS))


def trivial_workflow(parent: Path) -> Path:
    """A one-rule workflow, built: its no-op (best_no_op) is Snakemake's own floor."""
    workdir = parent / "trivial"
    workdir.mkdir()
    (workdir / "Snakefile").write_text(TRIVIAL_SNAKEFILE)
    snakemake(workdir)
    return workdir


def snakemake_version_s(parent: Path) -> float:
    """Seconds of `snakemake --version`: the interpreter and Snakemake's own imports."""
    cmd = [sys.executable, "-m", "snakemake", "--version"]
    return min(timed(cmd, parent) for _ in range(NO_OP_REPEATS))


def top_level_imports(importtime_report: str) -> list[str]:
    """The modules a ``python -X importtime`` report shows imported at the top level, in order."""
    entries = re.findall(r"^import time:.*\|( *)(\S+)$", importtime_report, re.MULTILINE)
    top = min(len(indent) for indent, _ in entries)
    return list(dict.fromkeys(name for indent, name in entries if len(indent) == top))


def cpu_seconds(code: str) -> float:
    """CPU seconds (user + system) of a fresh interpreter running ``code``: unlike wall time,
    hardly changed by other processes on a shared machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def workflow_library_imports(workdir: Path) -> list[str]:
    """The library modules the Snakefile and the rule files import (every Snakemake run pays them)."""
    sources = [workdir / "Snakefile", *sorted((workdir / "rules").glob("*.smk"))]
    found = re.findall(
        r"^from (l1l2figures[\w.]*) import",
        "\n".join(path.read_text() for path in sources),
        re.MULTILINE,
    )
    return sorted(set(found))


def job_import_seconds(workdir: Path) -> dict[str, float]:
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
        check=True,
        capture_output=True,
    )

    def loads(job: Path) -> list[str]:
        run = subprocess.run(
            [sys.executable, "-X", "importtime", str(job)],
            cwd=workdir,
            check=True,
            capture_output=True,
            text=True,
        )
        return top_level_imports(run.stderr)

    def import_cpu(modules: list[str]) -> float:
        code = "\n".join(f"import {module}" for module in modules) or "pass"
        return min(cpu_seconds(code) for _ in range(STARTUP_REPEATS))

    empty = import_cpu([])
    modules = {"Snakefile (the library modules it imports)": workflow_library_imports(workdir)}
    for job in sorted((workdir / ".snakemake" / "scripts").glob("*.py"), key=lambda p: p.name[12:]):
        modules.setdefault(job.name.split(".", 1)[1].removesuffix(".py"), loads(job))
    return {name: import_cpu(loaded) - empty for name, loaded in modules.items()}


def executor_plugins() -> str:
    """The Snakemake executor plugins installed: each one is imported at every Snakemake start."""
    names = {
        dist.metadata["Name"]
        for dist in importlib.metadata.distributions()
        if dist.metadata["Name"].lower().startswith("snakemake-executor-plugin")
    }
    return ", ".join(sorted(names)) or "none"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rev", help="benchmark this commit instead of the working tree")
    rev = parser.parse_args().rev
    rows, checks, notes = [], [], []
    started = time.perf_counter()

    def progress(step: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {step}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        work = fresh_copy(tmp, "work", rev)
        config_path = str(work / "config" / "config.yaml")
        config = yaml.safe_load(Path(config_path).read_text())
        catalogue = library("catalogue")
        animated = catalogue.ANIMATIONS
        sections = published_by_section(catalogue)
        copied = "the working tree"
        if rev:
            copied = subprocess.run(
                ["git", "rev-parse", "--short", rev],
                cwd=REPO,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()

        progress("Snakemake's floor")
        version_s = snakemake_version_s(tmp)
        trivial = trivial_workflow(tmp)
        floors = {}  # group of Snakemake runs -> the floor measured just before them

        progress("baselines")
        baseline = {}
        for figure in animated:
            out = str(tmp / f"baseline_{figure}.gif")
            cmd = [sys.executable, str(BENCH / "baseline.py"), figure, config_path, out]
            baseline[figure] = min(timed(cmd, work) for _ in range(REPEATS))

        progress("cold builds")
        floors["cold"] = best_no_op(trivial)
        cold, cold_jobs = {}, {}
        for figure, targets in sections.items():
            cold[figure], cold_jobs[figure] = best_cold(work, *targets)
        cold_all, cold_all_jobs = best_cold(work)
        floors["no-op"] = best_no_op(trivial)
        no_op = best_no_op(work)
        # A user's rebuild: everything built, one figure's style tweaked, plain `snakemake`.
        progress("rebuilds after a style tweak")
        floors["rebuilds"] = best_no_op(trivial)
        rebuild, rebuild_jobs = {}, {}
        for figure in sections:
            rebuild[figure], rebuild_jobs[figure] = run_with_jobs(
                work, "--config", style_tweak(figure)
            )
            snakemake(work)  # back to the shipped config
        peak, peak_job = peak_rss_mb(work)
        progress("GIF checks")
        gifs = {}
        for figure in animated:
            gifs[figure] = gif_check(
                work / "figures" / f"{figure}.gif",
                frame_pngs(work, figure),
                durations_of(work, figure),
                tmp,
            )

        progress("drafts against full builds")
        floors["drafts"] = best_no_op(trivial)
        drafts = {figure: draft_and_full(work, figure) for figure in animated}
        progress("contact sheets after a style tweak")
        floors["sheets"] = best_no_op(trivial)  # also for Snakemake's sheets beside the preview's
        sheets = {figure: sheet_after_tweak(work, figure) for figure in animated}
        snakemake(work)  # the shipped config, everything built
        progress("live preview after a style tweak")
        live, page_note, live_mb, live_exit = live_preview.measure(
            work,
            animated,
            {figure: TWEAK_KEYS.get(figure, TWEAKED_BY_DEFAULT) for figure in animated},
            TWEAK_COLORS[0],
            snakemake,
            tmp,
            list(catalogue.CATALOGUE),
        )
        progress("web video")
        videos = {figure: web_video(work, figure) for figure in animated}
        peak, peak_job = max((peak, peak_job), peak_rss_mb(work))
        progress("job start-up")
        startup = job_import_seconds(work)
        progress("player")
        snakemake(work, "site")
        player = player_table(work / "site")

        # Linearity: the outlier sweep's render jobs at the default frames and at FRAME_SCALE times.
        progress("render scaling")
        n_frames = config["outlier_sweep"]["n_frames"]
        render = {}
        for frames in (n_frames, FRAME_SCALE * n_frames):
            clean(work)
            scaled = f"outlier_sweep={{n_frames: {frames}}}"
            snakemake(work, "figures/outlier_sweep.gif", "--config", scaled)
            render[frames] = render_seconds(work, "outlier_sweep")
        progress("done")

    def above(seconds: float, group: str) -> float:
        """A Snakemake run's seconds above Snakemake's floor, measured just before its group."""
        return seconds - floors[group]

    for figure in sections:
        is_animation = figure in animated
        rows.append(
            [
                figure,
                str(config[figure]["n_frames"]) if is_animation else "-",
                f"{cold[figure]:.1f}",
                f"{baseline[figure]:.1f}" if is_animation else "-",
                f"{cold[figure] / baseline[figure]:.2f}" if is_animation else "-",
                (
                    f"{above(rebuild[figure], 'rebuilds'):.1f} "
                    f"({above(rebuild[figure], 'rebuilds') / above(cold_all, 'cold'):.2f}x)"
                ),
                f"{above(drafts[figure]['draft'], 'drafts'):.1f} / "
                f"{above(drafts[figure]['full'], 'drafts'):.1f}"
                if is_animation
                else "-",
                f"{above(sheets[figure][0], 'sheets'):.1f}" if is_animation else "-",
                f"{live[figure]['preview']:.2f} / {live[figure]['snakemake']:.2f}"
                if is_animation
                else "-",
                f"{gifs[figure]['kb']:.0f}" if is_animation else "-",
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
            "-",
            "-",
            "-",
        ]
    )

    # The targets; Snakemake runs above the floor.
    checks.append(
        (
            f"no-op run <= {NO_OP_TARGET}x the floor (a one-rule workflow's no-op)",
            (
                f"{no_op / floors['no-op']:.2f}x ({no_op:.2f} s; floor {floors['no-op']:.2f} s; "
                f"`snakemake --version` {version_s:.2f} s)"
            ),
            no_op <= NO_OP_TARGET * floors["no-op"],
        )
    )
    checks.append(
        (
            f"cold build of all figures <= {COLD_TARGET}x the baselines' total",
            f"{cold_all / baseline_total:.2f}x ({cold_all:.1f} s / {baseline_total:.1f} s)",
            cold_all <= COLD_TARGET * baseline_total,
        )
    )
    for figure in SEED_ANIMATIONS:
        ratio = cold[figure] / baseline[figure]
        checks.append(
            (
                f"{figure}: cold build <= {SEED_COLD_TARGET}x its baseline",
                f"{ratio:.2f}x ({cold[figure]:.1f} s / {baseline[figure]:.1f} s)",
                ratio <= SEED_COLD_TARGET,
            )
        )
    for figure in sections:
        ratio = above(rebuild[figure], "rebuilds") / above(cold_all, "cold")
        checks.append(
            (
                (
                    f"{figure}: rebuild after a style tweak <= {REBUILD_TARGET}x the cold build of all, "
                    "above the floor"
                ),
                (
                    f"{ratio:.2f}x ({above(rebuild[figure], 'rebuilds'):.1f} s / "
                    f"{above(cold_all, 'cold'):.1f} s; "
                    f"{jobs_summary(rebuild_jobs[figure])})"
                ),
                ratio <= REBUILD_TARGET,
            )
        )
    for figure, d in drafts.items():
        ratio = above(d["draft"], "drafts") / above(d["full"], "drafts")
        checks.append(
            (
                (
                    f"{figure}: draft <= {DRAFT_TARGET}x its full build above the floor (data and fits "
                    "built)"
                ),
                (
                    f"{ratio:.2f}x ({above(d['draft'], 'drafts'):.1f} s / "
                    f"{above(d['full'], 'drafts'):.1f} s; draft "
                    f"{jobs_summary(d['draft_jobs'])}; full {jobs_summary(d['full_jobs'])})"
                ),
                ratio <= DRAFT_TARGET,
            )
        )
    for figure, run in live.items():
        ratio = run["preview"] / run["snakemake"]
        checks.append(
            (
                (
                    f"{figure}: l1l2-preview's sheet on disk after a style tweak <= {PREVIEW_TARGET}x "
                    f"`snakemake preview/{figure}/light/sheet.png` and <= {PREVIEW_TARGET_S} s, "
                    "same bytes"
                ),
                (
                    f"{ratio:.2f}x ({run['preview']:.2f} s / {run['snakemake']:.2f} s, "
                    f"{above(run['snakemake'], 'sheets'):.2f} s above the floor); same bytes: "
                    f"{run['same_bytes']}"
                ),
                ratio <= PREVIEW_TARGET
                and run["preview"] <= PREVIEW_TARGET_S
                and run["same_bytes"],
            )
        )
    page_s = [run["page"] for run in live.values() if run["page"] is not None]
    checks.append(
        (
            f"the page shows the new sheet <= {PAGE_TARGET_S} s after it is on disk (Chromium)",
            f"at most {max(page_s):.3f} s" if page_s else page_note,
            bool(page_s) and max(page_s) <= PAGE_TARGET_S,
        )
    )
    checks.append(
        (
            f"l1l2-preview's peak memory < {PREVIEW_MEMORY_MB} MB; Ctrl-C stops it (exit 0)",
            f"{live_mb:.0f} MB; exit {live_exit}",
            live_mb < PREVIEW_MEMORY_MB and live_exit == 0,
        )
    )

    # Kept from before.
    linear = render[FRAME_SCALE * n_frames] / render[n_frames]
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
    notes.append(f"Cold build of all figures: {jobs_summary(cold_all_jobs)} (summed over 2 cores).")

    header = [
        "figure",
        "frames",
        "cold s",
        "baseline s",
        "ratio",
        "rebuild s above floor (x cold, all)",
        "draft s / full s above floor",
        "sheet s above floor",
        "l1l2-preview s / Snakemake's sheet s",
        "GIF KB",
    ]
    lines = markdown_table(header, rows)
    lines += ["", "| target | measured | met |", "| --- | --- | --- |"]
    lines += [f"| {name} | {value} | {verdict(ok)} |" for name, value, ok in checks]
    lines += ["", *notes]
    lines += ["", "## Web video", "", *video_table(videos)]
    lines += ["", "## Start-up of each job", "", *startup_table(startup)]
    lines += ["", *player]
    report = "\n".join(lines)
    print(report)
    (BENCH / "results.md").write_text(
        "# Benchmark results\n\n"
        f"`python bench/run.py` on {time.strftime('%Y-%m-%d')} ({copied}), `snakemake --cores 2`, "
        f"best of {REPEATS} for cold builds, drafts and baselines, of {NO_OP_REPEATS} for no-ops. "
        "Baselines: `bench/baseline.py` (FuncAnimation + PillowWriter, one process). "
        f"No-op rerun: {no_op:.2f} s. Snakemake's floor, a one-rule workflow's no-op, measured "
        f"before each group of runs: {', '.join(f'{g} {t:.2f} s' for g, t in floors.items())}. "
        f"Snakemake executor plugins installed: {executor_plugins()}. "
        f"Wall times on a shared 2-core machine: noisy.\n\n{report}\n"
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
        "encode s (WebM, MP4)",
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
        "The pipeline's own files: `snakemake results/<figure>/light/<figure>.webm` (and .mp4,",
        "poster.png), encoded by `l1l2figures.rendering.encode` (settings and the reasons for them are there);",
        "encode s from the assemble jobs' benchmark: files. SSIM is ffmpeg's ssim filter in RGB",
        "against the PNG frames, every frame as long as it shows. KB = 1000 bytes; Lighthouse flags",
        "GIFs over 100 KiB = 102.4 KB.",
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
