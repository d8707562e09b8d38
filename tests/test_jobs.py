"""A job's first statement (pipeline.jobs.job_log): its log, and how it stops, without Snakemake.

A job here is a Python process that calls job_log with what Snakemake would give it, then waits.
"""

import ast
import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from l1l2figures.pipeline.jobs import SIGNAL_EXIT_BASE, WORKFLOW_PID, ancestors

WAIT_S = 120  # generous: only a broken job waits this long


def job_script(tmp_path: Path) -> Path:
    """A job that hands itself to job_log as a render job, logs its threads, and waits."""
    script = tmp_path / "job.py"
    script.write_text(
        textwrap.dedent(
            """
            import os, sys, threading, time
            from types import SimpleNamespace
            from l1l2figures.pipeline.jobs import job_log

            job = SimpleNamespace(log=[sys.argv[1]], rule="render", wildcards={"figure": "x"})
            log = job_log(job)
            threads = ", ".join(thread.name for thread in threading.enumerate())
            log.info("started as pid %d; threads: %s", os.getpid(), threads)
            time.sleep(600)
            """
        )
    )
    return script


def wait_for_line(log: Path, text: str) -> list[str]:
    deadline = time.monotonic() + WAIT_S
    while not (log.exists() and text in log.read_text()):
        assert time.monotonic() < deadline, f"never logged {text!r}"
        time.sleep(0.02)
    return log.read_text().splitlines()


def test_ctrl_c_stops_a_job_with_a_note_in_its_log_and_nothing_on_the_terminal(tmp_path):
    log = tmp_path / "job.log"
    job = subprocess.Popen(
        [sys.executable, job_script(tmp_path), log], stderr=subprocess.PIPE, text=True
    )
    wait_for_line(log, "started")
    job.send_signal(signal.SIGINT)
    _, stderr = job.communicate(timeout=WAIT_S)
    assert stderr == ""
    assert job.returncode == SIGNAL_EXIT_BASE + signal.SIGINT
    assert log.read_text().splitlines()[-1].endswith("ERROR render figure=x interrupted (Ctrl-C)")


# Snakemake in brief: it names itself to its jobs and starts one (argv: script, log) through a
# shell, which outlives it.
STARTER = """
import subprocess, sys, time
from l1l2figures.pipeline.jobs import jobs_follow_this_process

jobs_follow_this_process()
subprocess.Popen(["sh", "-c", f"{sys.executable} {sys.argv[1]} {sys.argv[2]}; :"])
time.sleep(600)
"""


def test_a_job_stops_once_the_process_that_started_it_has_ended(tmp_path):
    log = tmp_path / "job.log"
    starter = subprocess.Popen([sys.executable, "-c", STARTER, job_script(tmp_path), log])
    [started] = [line for line in wait_for_line(log, "started") if "started" in line]
    assert started.endswith("threads: MainThread, workflow watch")
    job_pid = int(started.split("pid ")[1].split(";")[0])
    starter.kill()
    starter.wait()
    try:
        lines = wait_for_line(log, "terminated")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(job_pid, signal.SIGKILL)
    assert lines[-2].endswith(
        f"the Snakemake process that started it (pid {starter.pid}) has ended"
    )
    assert lines[-1].endswith("ERROR render figure=x terminated")


def test_a_job_watches_no_process_that_is_not_its_ancestor(tmp_path):
    """A pid from elsewhere (a cluster job's environment may name a process of another machine)."""
    log = tmp_path / "job.log"
    with subprocess.Popen(["sleep", "600"]) as bystander:
        job = subprocess.Popen(
            [sys.executable, job_script(tmp_path), log],
            env={**os.environ, WORKFLOW_PID: str(bystander.pid)},
        )
        try:
            [started] = [line for line in wait_for_line(log, "started") if "started" in line]
        finally:
            job.kill()
            job.wait()
            bystander.kill()
    assert started.endswith("threads: MainThread")


def test_a_process_s_ancestors_are_its_parent_and_the_parent_s_own():
    code = "from l1l2figures.pipeline.jobs import ancestors; print(ancestors())"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert ast.literal_eval(out) == [os.getpid(), *ancestors()]
