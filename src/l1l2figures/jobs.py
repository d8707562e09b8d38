"""What every pipeline script does first: send its messages, and any failure, to the rule's log."""

import logging
import sys
import traceback


def job_log(snakemake) -> logging.Logger:
    """Route logging and stderr to the rule's ``log:`` file and return the job's logger.

    Snakemake names the log file when a job fails; the log then ends with the traceback and one
    sentence that says which rule failed and why.
    """
    # Open for the job's whole life, line-buffered so that `tail -f` follows it.
    stream = open(snakemake.log[0], "w", buffering=1)  # noqa: SIM115
    sys.stderr = stream
    logging.basicConfig(
        stream=stream, level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s"
    )
    log = logging.getLogger("l1l2figures")

    def report_failure(kind, error, trace):
        traceback.print_exception(kind, error, trace, file=stream)
        log.error("%s failed: %s", snakemake.rule, str(error) or kind.__name__)

    sys.excepthook = report_failure
    return log
