"""What every pipeline script does first: send its messages and any traceback to the rule's log."""

import logging
import sys


def log_to(path: str) -> logging.Logger:
    """Route logging and stderr to ``path`` (the rule's ``log:``) and return the job's logger.

    Snakemake names the log file when a job fails, so the traceback must end up there.
    """
    stream = open(path, "w", buffering=1)  # line-buffered: progress is visible while a job runs
    sys.stderr = stream
    logging.basicConfig(
        stream=stream, level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s"
    )
    return logging.getLogger("l1l2figures")
