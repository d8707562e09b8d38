"""Last stage of every animation: the frames of all render jobs, in order, in each format asked for."""

from pathlib import Path

from l1l2figures.encode import ANIMATION_WRITERS
from l1l2figures.files import animation_frames
from l1l2figures.jobs import job_log

log = job_log(snakemake)
durations_ms = snakemake.params.durations_ms
paths = animation_frames(snakemake.input.frames, len(durations_ms))
for output in snakemake.output:
    ANIMATION_WRITERS[Path(output).suffix](paths, output, durations_ms)
    log.info("wrote %s: %d frames, %d ms", output, len(paths), sum(durations_ms))
