"""Last stage of every animation: the frames of all render jobs, in frame order, in one format."""

from pathlib import Path

from l1l2figures.encode import ANIMATION_WRITERS
from l1l2figures.jobs import job_log

log = job_log(snakemake)
frames = {int(path.stem): path for d in snakemake.input.frames for path in Path(d).glob("*.png")}
expected = snakemake.params.frames
if sorted(frames) != expected:
    raise RuntimeError(
        f"found frames {sorted(frames)} in {snakemake.input.frames}, expected {expected}"
    )
paths = [frames[index] for index in expected]
durations_ms = snakemake.params.durations_ms
output = snakemake.output[0]
ANIMATION_WRITERS[Path(output).suffix](paths, output, durations_ms)
log.info("wrote %s: %d frames, %d ms", output, len(paths), sum(durations_ms))
