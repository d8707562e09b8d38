"""After a failed publication, the next plain run publishes again: Snakemake restores the last good
figure or bundle (update()), with a new date, which the workflow's onerror handler dates back.
A bundle file changed after its build is made again."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import copy_of_build, snakemake, truncate

pytestmark = pytest.mark.slow  # each builds, kills or damages a real workflow

TWEAK = ("--config", "robustness={style: {line_width: 1.8}}")
WAIT_S = 300
POLL_S = 0.01


@pytest.fixture(scope="module")
def published(tiny_build, tmp_path_factory) -> Path:
    """The tiny build with its blog bundle."""
    workdir = copy_of_build(tiny_build, tmp_path_factory.mktemp("published"))
    snakemake(workdir, "site")
    return workdir


def job_processes(group: int, script: str) -> list[int]:
    """The processes of the process group ``group`` that run the job script ``script``."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            ours = proc.name.isdigit() and os.getpgid(int(proc.name)) == group
            if ours and script.encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:  # the process ended meanwhile
            continue
    return found


def kill_job_while_it_runs(workdir: Path, target: str, script: str) -> None:
    """Run ``snakemake target`` with TWEAK and kill -9 the job running ``script`` once it starts."""
    cmd = [sys.executable, "-m", "snakemake", "--cores", "2", target, "--configfile", "tiny.yaml"]
    build = subprocess.Popen(
        [*cmd, *TWEAK],
        cwd=workdir,
        env={**os.environ, "PYTHONPATH": str(workdir / "src")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + WAIT_S
    killed = False
    while not killed and build.poll() is None and time.monotonic() < deadline:
        for pid in job_processes(build.pid, script):
            os.kill(pid, 9)
            killed = True
        time.sleep(POLL_S)
    build.wait(WAIT_S)
    assert killed, f"{script} ran no job to kill"
    assert build.returncode != 0


@pytest.mark.parametrize(
    "target, script, published_file, source",
    [
        (
            "figures/robustness.gif",
            "publish.py",
            "figures/robustness.gif",
            "results/robustness/light/robustness.gif",
        ),
        (
            "site",
            "build_site.py",
            "site/robustness/light/robustness.webm",
            "results/robustness/light/robustness.webm",
        ),
    ],
)
def test_after_a_killed_publication_the_next_run_publishes_again(
    published, tmp_path, target, script, published_file, source
):
    workdir = copy_of_build(published, tmp_path)
    before = (workdir / published_file).read_bytes()
    kill_job_while_it_runs(workdir, target, script)
    assert (workdir / published_file).read_bytes() == before  # the last good one, kept
    assert (workdir / source).read_bytes() != before  # while the tweak's is made
    result = snakemake(workdir, target, *TWEAK)  # the same command again, nothing forced
    assert "Nothing to be done" not in result.stdout + result.stderr
    assert (workdir / published_file).read_bytes() == (workdir / source).read_bytes()
    again = snakemake(workdir, target, *TWEAK)
    assert "Nothing to be done" in again.stdout + again.stderr


def test_a_bundle_file_changed_after_its_build_is_made_again_by_the_next_run(published, tmp_path):
    workdir = copy_of_build(published, tmp_path)
    damaged = "site/robustness/light/robustness.webm"
    truncate(workdir / damaged)
    snakemake(workdir, "site")  # the plain command
    source = workdir / "results" / "robustness" / "light" / "robustness.webm"
    assert (workdir / damaged).read_bytes() == source.read_bytes()
