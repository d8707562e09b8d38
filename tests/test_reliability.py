"""Failures and interruptions: clear messages, nothing built is lost, killed builds resume."""

import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import imageio_ffmpeg
import numpy as np
import pytest
from PIL import Image

from conftest import copy_workflow, run_snakemake, snakemake

# Long enough to be caught mid-render, small enough to finish quickly once resumed.
SLOW_RENDER = "outlier_sweep={n_frames: 600, frames_per_job: 600}"
KILL_AFTER_FRAMES = 20
WAIT_S = 120


def assert_every_figure_is_whole(workdir) -> None:
    """Every file under figures/ reads back completely: nothing truncated, no temporaries."""
    for path in (workdir / "figures").iterdir():
        assert not path.name.startswith("."), f"temporary file left behind: {path.name}"
        if path.suffix == ".svg":
            ET.parse(path)
        elif path.suffix == ".mp4":
            assert len(list(imageio_ffmpeg.read_frames(str(path)))) > 1  # metadata, then frames
        else:
            with Image.open(path) as im:
                for frame in range(getattr(im, "n_frames", 1)):
                    im.seek(frame)
                    im.load()


def test_a_failing_job_names_its_log_says_why_and_keeps_what_was_built(tmp_path):
    workdir = copy_workflow(tmp_path)
    snakemake(workdir)
    gif = workdir / "figures" / "outlier_sweep.gif"
    built = gif.read_bytes()
    (workdir / "results" / "outlier_sweep" / "fits.npz").write_bytes(b"not an npz file")
    result = run_snakemake(workdir, "--forcerun", "render_outlier_sweep")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "logs/outlier_sweep/render_0.log" in output
    last_line = (workdir / "logs" / "outlier_sweep" / "render_0.log").read_text().splitlines()[-1]
    assert "render_outlier_sweep failed:" in last_line
    assert gif.read_bytes() == built  # the assemble job never ran: the built GIF is untouched


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


def wait_until_rendering(workdir, build) -> None:
    frames = workdir / "results" / "outlier_sweep" / "frames" / "0"
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if frames.is_dir() and len(list(frames.glob("*.png"))) >= KILL_AFTER_FRAMES:
            return
        assert build.poll() is None, "the build ended before it could be interrupted"
        time.sleep(0.05)
    pytest.fail("the render job never started")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_a_killed_build_leaves_no_broken_figure_and_resumes(tmp_path, sig):
    workdir = copy_workflow(tmp_path)
    build = start_slow_build(workdir)
    wait_until_rendering(workdir, build)
    os.killpg(build.pid, sig)  # the whole process group, like Ctrl-C or a closed terminal
    build.wait(timeout=WAIT_S)
    assert build.returncode != 0
    assert_every_figure_is_whole(workdir)
    if sig == signal.SIGKILL:
        # A hard kill cannot release Snakemake's lock; the README says to unlock once.
        snakemake(workdir, "--unlock")
    snakemake(workdir, "--config", SLOW_RENDER)  # the same command, run again
    assert_every_figure_is_whole(workdir)
    with Image.open(workdir / "figures" / "outlier_sweep.gif") as im:
        assert im.n_frames == 600
        im.seek(im.n_frames - 1)
        assert np.asarray(im.convert("RGB")).std() > 0
