"""An animation's pacing (rule pace): its scene's key moments, computed from the figure's data by
its catalogue function (none if it declares none), turned into each frame's time and the poster
frame (rendering.pacing.plan)."""

from l1l2figures.pipeline.calls import run
from l1l2figures.pipeline.files import write_json
from l1l2figures.pipeline.jobs import job_log
from l1l2figures.pipeline.products import read_products
from l1l2figures.rendering.pacing import plan

log = job_log(snakemake)
params = snakemake.params
call = params.call
if call:
    moments, poster = run(
        call["function"], call["args"], read_products(snakemake.input, call["reads"])
    )
else:
    moments, poster = [], None
paced = plan(
    params.frames,
    params.timing["frame_duration_ms"],
    params.timing["end_pause_ms"],
    moments,
    poster,
    params.poster_override,
)
write_json(snakemake.output[0], paced)
for frame, what in moments:
    log.info("key moment, frame %d: %s", frame, what)
log.info("poster: frame %d; %d ms in all", paced["poster"], sum(paced["durations_ms"]))
