"""An animation's pacing (rule pace): its scene's key moments, computed from the figure's data by
its catalogue function (none if it declares none), turned into each frame's time and the poster
frame (rendering.pacing.plan)."""

from l1l2figures.pipeline.jobs import job_log, job_products, job_spec

log = job_log(snakemake)

from l1l2figures.files import write_json
from l1l2figures.pipeline.build import compute
from l1l2figures.rendering.pacing import plan

spec = job_spec(snakemake)
call = spec["call"]
moments, poster = compute(call, job_products(snakemake, call)) if call else ([], None)
paced = plan(
    spec["frames"],
    spec["frame_duration_ms"],
    spec["end_pause_ms"],
    moments,
    poster,
    spec["poster_override"],
)
write_json(snakemake.output[0], paced)
for frame, what in moments:
    log.info("key moment, frame %d: %s", frame, what)
log.info("poster: frame %d; %d ms in all", paced["poster"], sum(paced["durations_ms"]))
