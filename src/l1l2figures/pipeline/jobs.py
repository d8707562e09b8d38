"""Job plumbing: a script's first statement hands its job to ``job_log``, which sends its messages
and any failure to the rule's log and has the job stop with a note there, not a traceback on the
terminal, on Ctrl-C or once the Snakemake process that started it is gone; then the job reads what
it is to do from its spec (specs.py).

This module loads only the standard library and the library's light modules (layout, files, build):
what it imports runs before that guard, so the heavy libraries (numpy, matplotlib) are imported by
the functions that need them."""

import logging
import os
import select
import signal
import sys
import threading
import traceback
from pathlib import Path

from l1l2figures.files import read_json
from l1l2figures.pipeline.build import read_products
from l1l2figures.pipeline.layout import maker_of

# Where the Snakemake process that starts the jobs gives them its process id.
WORKFLOW_PID = "L1L2FIGURES_WORKFLOW_PID"
# What a job stopped by a signal writes in its log, and its exit status: 128 + the signal's number,
# as a shell reports a process the signal killed.
STOP_NOTES = {signal.SIGINT: "interrupted (Ctrl-C)", signal.SIGTERM: "terminated"}
SIGNAL_EXIT_BASE = 128


def job_log(snakemake) -> logging.Logger:
    """Route logging and stderr to the rule's ``log:`` file, stop the job quietly on Ctrl-C, on
    SIGTERM and when Snakemake is gone, and return the job's logger.

    Snakemake names the log file when a job fails; the log then ends with the traceback and one
    sentence that says which job failed and why, and which job makes a damaged input.
    """
    # Open for the job's whole life, line-buffered so that `tail -f` follows it.
    stream = open(snakemake.log[0], "w", buffering=1)  # noqa: SIM115
    sys.stderr = stream
    logging.basicConfig(
        stream=stream, level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s"
    )
    log = logging.getLogger("l1l2figures")

    # The rule and the wildcards that tell its jobs apart: "render figure=robustness theme=light".
    job = " ".join([snakemake.rule, *(f"{k}={v}" for k, v in snakemake.wildcards.items())])

    def report_failure(kind, error, trace):
        traceback.print_exception(kind, error, trace, file=stream)
        made_by = sorted(filter(None, map(maker_of, getattr(error, "paths", ()))))
        remade = f" (made by {', '.join(made_by)})" if made_by else ""
        log.error("%s failed: %s%s", job, str(error) or kind.__name__, remade)

    sys.excepthook = report_failure

    def stop(signum, frame):
        log.error("%s %s", job, STOP_NOTES[signum])
        # SystemExit, not os._exit: `finally` blocks still remove the job's temporaries.
        sys.exit(SIGNAL_EXIT_BASE + signum)

    for signum in STOP_NOTES:
        # A signal ignored by whoever started Snakemake (SIGINT for a background job) stays so.
        if signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, stop)
    stop_when_the_workflow_ends(log, job)
    return log


def jobs_follow_this_process() -> None:
    """Tell every job started from here which process it belongs to (called by the Snakefile, in
    each Snakemake process that starts jobs, here or on a cluster node)."""
    os.environ[WORKFLOW_PID] = str(os.getpid())


def stop_when_the_workflow_ends(log: logging.Logger, job: str) -> None:
    """Send this job SIGTERM once the Snakemake process that started it ends (killed with SIGKILL,
    it cannot stop its jobs itself).

    Snakemake starts a job through a shell, which outlives it: the job waits on the process itself
    (Linux's pidfd, 5.3+), and only if it is one of its ancestors; elsewhere nothing is watched.
    """
    pid = int(os.environ.get(WORKFLOW_PID, "0"))
    if not pid or not hasattr(os, "pidfd_open"):
        return
    try:
        workflow = os.pidfd_open(pid)
    except OSError:  # gone already, or not this machine's
        return
    # Checked once the pidfd is open: a process id reused after Snakemake ended is not an ancestor.
    if pid not in ancestors():
        os.close(workflow)
        return

    def wait_then_stop():
        select.select([workflow], [], [])  # readable once the process has ended
        log.error("%s: the Snakemake process that started it (pid %d) has ended", job, pid)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=wait_then_stop, name="workflow watch", daemon=True).start()


def ancestors() -> list[int]:
    """This process's parent, its parent's parent, and so on (Linux: /proc/<pid>/stat)."""
    chain, pid = [], os.getppid()
    while pid > 1:
        chain.append(pid)
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:  # ended meanwhile
            break
        # After the command name, in parentheses (it may hold any character): state, then ppid.
        pid = int(stat.rpartition(")")[2].split()[1])
    return chain


def job_spec(snakemake) -> dict:
    """What the job is to do: its spec, from the config and the catalogue."""
    return read_json(snakemake.input.spec)


def job_products(snakemake, call: dict | None) -> dict:
    """The products the job's ``call`` reads, from its inputs."""
    return read_products(snakemake.input, call["reads"]) if call else {}


def record_interrupts() -> list[int]:
    """Record every SIGINT (Ctrl-C) in the returned list, then raise KeyboardInterrupt as usual.

    The record survives code that catches the KeyboardInterrupt and carries on. Only the main
    thread may install a signal handler; elsewhere (Snakemake run from a thread) nothing is recorded.
    """
    interrupts = []

    def remember(signum, frame):
        interrupts.append(signum)
        signal.default_int_handler(signum, frame)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, remember)
    return interrupts


def run_jobs_on(source: str) -> None:
    """Have every job import the library from ``source`` (the project's src/) first: a job
    inherits the workflow's environment, wherever it runs."""
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")]))
