"""However an animation's frames are split into render jobs, the animation is the same."""

import pytest

from conftest import TINY, copy_workflow, snakemake

N_FRAMES = 11
# One job, and one frame per job: eleven chunks, each laid out on its own, and chunk 10 sorts
# between 1 and 2 as a string.
FRAMES_PER_JOB = [N_FRAMES, 1]
TARGETS = [f"figures/sparsity.{fmt}" for fmt in TINY["formats"]]


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[int, list[bytes]]:
    """The sparsity animation's files, built with each split, in one workflow copy."""
    workdir = copy_workflow(tmp_path_factory.mktemp("split"))
    out = {}
    for per_job in FRAMES_PER_JOB:
        split = f"sparsity={{n_frames: {N_FRAMES}, frames_per_job: {per_job}}}"
        snakemake(workdir, "--config", split, "--cores", "2", *TARGETS)  # after a 1-value flag
        out[per_job] = [(workdir / target).read_bytes() for target in TARGETS]
    return out


@pytest.mark.parametrize("per_job", FRAMES_PER_JOB[1:])
def test_splitting_into_render_jobs_gives_identical_bytes(builds, per_job):
    assert builds[per_job] == builds[N_FRAMES]
