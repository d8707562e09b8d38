"""Job plumbing: every script first sends its messages and any failure to the rule's log, and
reads what it is to do from its spec (specs.py)."""

import logging
import os
import signal
import sys
import threading
import traceback

from l1l2figures.files import read_json
from l1l2figures.pipeline.build import read_products
from l1l2figures.pipeline.layout import maker_of


def job_log(snakemake) -> logging.Logger:
    """Route logging and stderr to the rule's ``log:`` file and return the job's logger.

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
    return log


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
