"""Failures and interruptions: clear messages, nothing built is lost, killed builds resume."""

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import pytest
from PIL import Image

from conftest import (
    copy_of_build,
    copy_workflow,
    flip_a_bit,
    run_snakemake,
    snakemake,
    tiny_config,
    truncate,
)
from l1l2figures.arrays import frame_name
from l1l2figures.files import PARTIAL, atomic_path

pytestmark = pytest.mark.slow  # every test here builds, kills or damages a real workflow

# Long enough to be stopped mid-render (the job is stopped after INTERRUPT_AFTER_FRAMES; a test
# fails, rather than passes, if it finished first), small enough to finish quickly once resumed.
N_FRAMES = 120
SLOW_RENDER = f"outlier_sweep={{n_frames: {N_FRAMES}, frames_per_job: {N_FRAMES}}}"
INTERRUPT_AFTER_FRAMES = 10
WAIT_S = 300


def assert_every_figure_is_whole(workdir, killed_writers: bool = False) -> None:
    """Every figure under figures/ reads back completely: nothing truncated.

    Only a writer killed outright (SIGKILL) leaves its temporary: hidden, named so that it never
    passes for a figure, and removed when the job runs again.
    """
    for path in (workdir / "figures").glob("*"):  # none yet if the kill came first
        if path.name.startswith("."):
            assert killed_writers, f"temporary file left behind: {path.name}"
            assert path.suffix == PARTIAL, f"a temporary that looks like a figure: {path.name}"
            continue
        if path.suffix == ".svg":
            ET.parse(path)
        elif path.suffix == ".mp4":
            assert len(list(imageio_ffmpeg.read_frames(str(path)))) > 1  # metadata, then frames
        else:
            with Image.open(path) as im:
                for frame in range(getattr(im, "n_frames", 1)):
                    im.seek(frame)
                    im.load()


@pytest.fixture
def built_here(tiny_build, tmp_path):
    """A tiny build of every figure for each damage: one case's recovery leaves other files than
    the build did, which another case, run after it in any order, must not depend on."""
    return copy_of_build(tiny_build, tmp_path / "damaged")


def figures_bytes(workdir) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in (workdir / "figures").iterdir()}


def other_size(path) -> None:
    """A whole PNG of another size, as a frame of another figure would be."""
    with Image.open(path) as frame:
        width, height = frame.size
    Image.new("RGB", (height, width), "white").save(path)


def made(workdir, path: str) -> Path:
    """``path`` in ``workdir``, made first if a damage before removed it: a plain run leaves an
    intermediate that nothing needs (the published figure is current) until something does."""
    snakemake(workdir, path)
    return workdir / path


FRAMES = "results/robustness/light/frames"
ROBUSTNESS = tiny_config()["robustness"]
# The render job whose frames hold the poster: the scene's, the last frame, the point at its
# highest (scenes.robustness.key_moments; the config sets no poster_at).
POSTER_FRAME = ROBUSTNESS["n_frames"] - 1
POSTER_CHUNK = POSTER_FRAME // ROBUSTNESS["frames_per_job"]
POSTER_FRAMES = f"{FRAMES}/{POSTER_CHUNK}"
# (damage, the job that reads the damaged file: its rule and a target that runs it alone, or None
# where a plain run does, its log, the file the log must name, the rule that makes that file).
# One job that reads the damaged file, so that its log is the one that fails: of several readers
# (two render jobs, an encoding per format) any could fail first and stop the run.
DAMAGES = {
    "truncated npz": (
        lambda w: truncate(w / "results/outlier_sweep/fits.npz"),
        ("render", "results/outlier_sweep/light/frames/0"),
        "logs/outlier_sweep/render_light_0.log",
        "results/outlier_sweep/fits.npz",
        "fit",
    ),
    "truncated json": (
        lambda w: truncate(w / "results/sparsity/data.json"),
        ("fit", "results/sparsity/fits.json"),
        "logs/sparsity/fits.json.log",
        "results/sparsity/data.json",
        "data",
    ),
    "bit-flipped frame": (
        lambda w: flip_a_bit(w / FRAMES / "1" / "0004.png"),
        ("assemble", "results/robustness/light/robustness.gif"),
        "logs/robustness/assemble_light_gif.log",
        f"{FRAMES}/1",
        "render",
    ),
    "truncated frame": (
        lambda w: truncate(w / FRAMES / "0" / "0002.png"),
        ("assemble", "results/robustness/light/robustness.gif"),
        "logs/robustness/assemble_light_gif.log",
        f"{FRAMES}/0",
        "render",
    ),
    "frame missing": (
        lambda w: (w / FRAMES / "1" / "0005.png").unlink(),
        ("assemble", "results/robustness/light/robustness.gif"),
        "logs/robustness/assemble_light_gif.log",
        f"{FRAMES}/1",
        "render",
    ),
    "frame of another size": (
        lambda w: other_size(made(w, f"{FRAMES}/1") / "0004.png"),
        ("assemble", "results/robustness/light/robustness.gif"),
        "logs/robustness/assemble_light_gif.log",
        f"{FRAMES}/1",
        "render",
    ),
    "truncated poster frame": (
        lambda w: truncate(made(w, POSTER_FRAMES) / frame_name(POSTER_FRAME)),
        ("poster", "results/robustness/light/poster.png"),
        "logs/robustness/poster_light.log",
        POSTER_FRAMES,
        "render",
    ),
    "bit-flipped poster frame": (
        lambda w: flip_a_bit(made(w, POSTER_FRAMES) / frame_name(POSTER_FRAME)),
        ("poster", "results/robustness/light/poster.png"),
        "logs/robustness/poster_light.log",
        POSTER_FRAMES,
        "render",
    ),
    # A crash of another tool, a full disk or a bad copy: the encoding is halved after its job.
    "halved GIF": (
        lambda w: truncate(made(w, "results/robustness/light/robustness.gif")),
        ("publish", None),
        "logs/publish/robustness.gif.log",
        "results/robustness/light/robustness.gif",
        "assemble",
    ),
    "halved MP4": (
        lambda w: truncate(made(w, "results/robustness/light/robustness.mp4")),
        ("publish", None),
        "logs/publish/robustness.mp4.log",
        "results/robustness/light/robustness.mp4",
        "assemble",
    ),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_corrupt_intermediate_is_named_and_the_next_plain_run_recovers(built_here, damage):
    damage_files, (rule, target), log, path, maker = DAMAGES[damage]
    built = figures_bytes(built_here)
    damage_files(built_here)
    forced = [target, "--forcerun", rule] if target else []  # publishing: a plain run
    result = run_snakemake(built_here, *forced)
    assert result.returncode != 0
    assert figures_bytes(built_here) == built  # the failed job's own figure too: still the good one
    assert log in result.stdout + result.stderr
    last_line = (built_here / log).read_text().splitlines()[-1]
    assert f" {rule} " in last_line and " failed:" in last_line
    assert f"the next run remakes {path}" in last_line
    assert f"(made by {maker} figure=" in last_line
    snakemake(built_here)  # the plain command, nothing forced
    assert figures_bytes(built_here) == built


def test_a_failed_backup_for_update_changes_nothing_and_names_the_backups(tiny_build, tmp_path):
    """Snakemake copies a published figure aside before publish replaces it; when that fails (a
    full disk; here its backup folder cannot be made), nothing changes and Snakemake's own error
    names the backups' folder (the README says it is Snakemake's message, not one line)."""
    workdir = copy_of_build(tiny_build, tmp_path)
    published = figures_bytes(workdir)
    (workdir / ".snakemake" / "backups").write_text("")  # in the way of the folder
    result = run_snakemake(workdir, "figures/robustness.gif", "--forcerun", "publish")
    assert result.returncode != 0
    assert ".snakemake/backups" in result.stdout + result.stderr
    assert figures_bytes(workdir) == published


def start_slow_build(workdir) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "snakemake",
            "--cores",
            "2",
            "--configfile",
            "tiny.yaml",
            "--config",
            SLOW_RENDER,
        ],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, as a terminal gives a foreground job
    )


RENDER_LOG = "logs/outlier_sweep/render_light_0.log"


def render_job_processes(build) -> list[int]:
    """The processes of the build that run the outlier sweep's render job: those writing its log
    (Linux: /proc)."""
    pids = []
    for proc in Path("/proc").iterdir():
        try:
            in_build = proc.name.isdigit() and os.getpgid(int(proc.name)) == build.pid
            if in_build and any(
                os.readlink(fd).endswith(RENDER_LOG) for fd in (proc / "fd").iterdir()
            ):
                pids.append(int(proc.name))
        except OSError:  # the process ended meanwhile
            continue
    return pids


def stop_the_render_job_mid_way(workdir, build) -> list[int]:
    """Wait until the render job has written some frames, then stop it (SIGSTOP) before its last.

    Returns the stopped processes: the job provably runs, and cannot finish until SIGCONT.
    """
    frames = workdir / "results" / "outlier_sweep" / "light" / "frames" / "0"
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        assert build.poll() is None, "the build ended before it could be interrupted"
        if frames.is_dir() and len(list(frames.glob("*.png"))) >= INTERRUPT_AFTER_FRAMES:
            render = render_job_processes(build)
            for pid in render:
                os.kill(pid, signal.SIGSTOP)
            written = len(list(frames.glob("*.png")))
            assert render and written < N_FRAMES, "the render job ended before it could be stopped"
            return render
        time.sleep(0.05)
    pytest.fail("the render job never started")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_a_killed_build_leaves_no_broken_figure_and_resumes(tiny_build, tmp_path, sig):
    """Every figure built, then a rebuild of the outlier sweep killed mid-render."""
    workdir = copy_of_build(tiny_build, tmp_path)
    published_sweep = (workdir / "figures" / "outlier_sweep.gif").read_bytes()
    build = start_slow_build(workdir)
    render = stop_the_render_job_mid_way(workdir, build)
    os.killpg(build.pid, sig)  # the whole process group, like Ctrl-C or a closed terminal
    for pid in render:  # a stopped process gets its pending SIGINT when it continues
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGCONT)
    build.wait(timeout=WAIT_S)
    assert build.returncode != 0
    render_log = (workdir / RENDER_LOG).read_text()
    assert f"frame {N_FRAMES} of {N_FRAMES}" not in render_log  # it was interrupted mid-render
    if sig == signal.SIGINT:
        assert render_log.splitlines()[-1].endswith(
            "render figure=outlier_sweep theme=light chunk=0 interrupted (Ctrl-C)"
        )
    assert_every_figure_is_whole(workdir, killed_writers=sig == signal.SIGKILL)
    assert (workdir / "figures" / "outlier_sweep.gif").read_bytes() == published_sweep
    if sig == signal.SIGKILL:
        # A hard kill cannot release Snakemake's lock; the README says to unlock once.
        snakemake(workdir, "--unlock")
    snakemake(workdir, "--config", SLOW_RENDER)  # the same command, run again
    assert_every_figure_is_whole(workdir)  # the jobs that were killed ran again: no temporaries
    with Image.open(workdir / "figures" / "outlier_sweep.gif") as im:
        assert im.n_frames == N_FRAMES
        im.seek(im.n_frames - 1)
        assert np.asarray(im.convert("RGB")).std() > 0


def test_a_run_leaves_the_temporaries_of_a_concurrent_run_alone(tmp_path):
    workdir = copy_workflow(tmp_path)
    with atomic_path(workdir / "figures" / "outlier_sweep.gif") as writing:  # another run's job
        writing.write_bytes(b"half-written")
        snakemake(workdir, "--cores", "2", "figures/solvers.png")  # a target after a 1-value flag
        assert writing.read_bytes() == b"half-written"
    assert (workdir / "figures" / "outlier_sweep.gif").read_bytes() == b"half-written"
    assert sorted(os.listdir(workdir / "figures")) == ["outlier_sweep.gif", "solvers.png"]


F_GETPIPE_SZ = 1032  # fcntl command (Linux): a pipe's capacity
FREE_PIPE_BYTES = 400  # room for the first lines, written before the Snakefile is read


def test_a_ctrl_c_while_snakemake_writes_its_log_fails_the_run(tmp_path):
    """Snakemake swallows a KeyboardInterrupt raised inside its log handler; the run must still fail.

    Its stderr is a pipe that nobody reads, nearly full: Snakemake blocks writing a log line, and
    SIGINT lands there, deterministically (a terminal that is slow to take output does the same).
    """
    workdir = copy_workflow(tmp_path)
    read_end, write_end = os.pipe()
    os.write(write_end, b"#" * (fcntl.fcntl(write_end, F_GETPIPE_SZ) - FREE_PIPE_BYTES))
    build = subprocess.Popen(
        [sys.executable, "-m", "snakemake", "--configfile", "tiny.yaml", "--cores", "1"]
        + ["--verbose", "figures/solvers.png"],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=write_end,
        start_new_session=True,
    )
    os.close(write_end)
    deadline = time.monotonic() + WAIT_S
    while "pipe_write" not in Path(f"/proc/{build.pid}/wchan").read_text():
        assert build.poll() is None and time.monotonic() < deadline, "snakemake never blocked"
        time.sleep(0.01)
    os.kill(build.pid, signal.SIGINT)
    with os.fdopen(read_end, "rb") as stderr:
        output = stderr.read().decode(errors="replace")  # lets it go on
    build.wait(timeout=WAIT_S)
    assert build.returncode != 0
    assert "interrupted (Ctrl-C)" in output
    assert_every_figure_is_whole(workdir)


def job_processes(build) -> list[int]:
    """The build's processes that run a job's Python script (Snakemake writes each one to
    .snakemake/scripts/) once it has begun importing its libraries (numpy is mapped; Linux: /proc).
    The shell that starts a script names it too, but maps no numpy."""
    pids = []
    for proc in Path("/proc").iterdir():
        try:
            if not proc.name.isdigit() or os.getpgid(int(proc.name)) != build.pid:
                continue
            script = Path((proc / "cmdline").read_bytes().split(b"\0")[-2].decode())
            if (
                script.parent.parts[-2:] == (".snakemake", "scripts")
                and "numpy" in (proc / "maps").read_text()
            ):
                pids.append(int(proc.name))
        except (OSError, IndexError):  # the process ended meanwhile, or has no arguments
            continue
    return pids


def open_logs(pid: int, workdir: Path) -> list[Path]:
    """The files under ``workdir``/logs that process ``pid`` has open."""
    fds = Path(f"/proc/{pid}/fd")
    return [
        Path(target)
        for target in (os.readlink(fd) for fd in fds.iterdir())
        if Path(target).is_relative_to(workdir / "logs")
    ]


def test_ctrl_c_while_a_job_imports_its_libraries_prints_no_traceback(tmp_path):
    """Ctrl-C reaches every process of the group: a job still importing its libraries stops with a
    note in its log, and the terminal shows Snakemake's own lines only."""
    workdir = copy_workflow(tmp_path)
    stderr = tmp_path / "stderr.txt"
    with stderr.open("w") as terminal:
        build = subprocess.Popen(
            [sys.executable, "-m", "snakemake", "--cores", "1", "figures/solvers.png"]
            + ["--configfile", "tiny.yaml"],
            cwd=workdir,
            stdout=terminal,
            stderr=terminal,
            start_new_session=True,  # its own process group, as a terminal gives a foreground job
        )
    deadline = time.monotonic() + WAIT_S
    while not (jobs := job_processes(build)):
        assert build.poll() is None and time.monotonic() < deadline, "no job ever started"
        time.sleep(0.005)
    # Stopped while importing, the job takes the Ctrl-C where it stands once it continues.
    for pid in jobs:
        os.kill(pid, signal.SIGSTOP)
    logs = [log for pid in jobs for log in open_logs(pid, workdir)]
    os.killpg(build.pid, signal.SIGINT)
    for pid in jobs:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGCONT)
    build.wait(timeout=WAIT_S)
    assert build.returncode != 0
    output = stderr.read_text()
    assert "Traceback" not in output and "KeyboardInterrupt" not in output, output
    assert logs, "the job imported its libraries before opening its log"
    for log in logs:
        assert log.read_text().splitlines()[-1].endswith("interrupted (Ctrl-C)")


def test_a_job_stops_once_the_snakemake_that_started_it_is_killed(tiny_build, tmp_path):
    """SIGKILL to Snakemake alone (not its group): it cannot stop its jobs, which notice."""
    workdir = copy_of_build(tiny_build, tmp_path)
    build = start_slow_build(workdir)
    try:
        render = stop_the_render_job_mid_way(workdir, build)
        os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=WAIT_S)
        for pid in render:
            os.kill(pid, signal.SIGCONT)
        deadline = time.monotonic() + WAIT_S
        while render_job_processes(build):
            assert time.monotonic() < deadline, "the render job is still running"
            time.sleep(0.05)
    finally:  # whatever still runs of the build
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)
    render_log = (workdir / RENDER_LOG).read_text()
    assert f"frame {N_FRAMES} of {N_FRAMES}" not in render_log  # it stopped mid-render
    assert f"the Snakemake process that started it (pid {build.pid}) has ended" in render_log
    assert render_log.splitlines()[-1].endswith("chunk=0 terminated")
    assert_every_figure_is_whole(workdir)  # its temporaries removed as it stopped
