"""profiles/slurm on a real one-node Slurm (tests/slurm/start.sh): every figure through sbatch."""

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import REPO, TINY, copy_workflow, merged, planned_rules, workflow_rules
from l1l2figures.catalogue import ANIMATIONS

SLURM_SCRIPTS = REPO / "tests" / "slurm"
PROFILE = yaml.safe_load((REPO / "profiles" / "slurm" / "profile.yaml").read_text())
DAEMONS = ["munged", "mariadbd", "slurmdbd", "slurmctld", "slurmd"]
# Start and stop take 10-20 s; a build of the tiny config 1-3 min. Past these, something hangs.
CLUSTER_TIMEOUT_S = 180
BUILD_TIMEOUT_S = 600
# Fewer Slurm jobs (each starts Snakemake twice), the same stages: each animation in one render
# job and one format, GIF.
SLURM_FORMATS = ["gif"]
FEWER_JOBS = {
    "formats": SLURM_FORMATS,
    **{figure: {"frames_per_job": TINY[figure]["n_frames"]} for figure in ANIMATIONS},
}
# Below the ~145 MB that the Snakemake process in every Slurm job needs by itself.
TOO_LITTLE_MEMORY_MB = 100
# Killed: the assemble jobs, whose encodings would replace the published figure.
KILLED_RULE, KILLED_FIGURE = "assemble", "robustness.gif"
KILLED_JOB_OUTPUT = "results/robustness/light/robustness.gif"  # the one assemble job forced
KILLED_RULE_LOG = r"logs/robustness/\S*assemble\S*\.log"


def missing_slurm() -> str | None:
    """Why this machine cannot run tests/slurm/start.sh, or None if it can."""
    sbin = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])
    missing = [cmd for cmd in [*DAEMONS, "sbatch", "sacct"] if shutil.which(cmd, path=sbin) is None]
    if missing:
        return f"Slurm is not installed ({', '.join(missing)} missing): run tests/slurm/install.sh"
    if os.geteuid() != 0:
        return "slurmd runs jobs as their users and so needs root"
    return None


@pytest.fixture(scope="module")
def slurm_env(tmp_path_factory):
    """A running one-node Slurm; the environment that points Slurm's commands at it."""
    reason = missing_slurm()
    if reason and os.environ.get("CI"):
        pytest.fail(f"CI must run the Slurm test: {reason}")
    if reason:
        pytest.skip(reason)
    cluster = tmp_path_factory.mktemp("slurm")
    env = dict(os.environ, SLURM_CONF=str(cluster / "slurm.conf"))
    env["PATH"] = os.pathsep.join([env.get("PATH", ""), "/usr/sbin", "/sbin"])
    try:
        started = subprocess.run(
            ["bash", SLURM_SCRIPTS / "start.sh", cluster],
            check=False,
            env=env,
            capture_output=True,
            text=True,
            timeout=CLUSTER_TIMEOUT_S,
        )
        assert started.returncode == 0, f"start.sh failed:\n{started.stdout}\n{started.stderr}"
        pids = [int(line.split()[1]) for line in (cluster / "pids").read_text().splitlines()]
        assert len(pids) == len(DAEMONS)
        yield env
    finally:
        # stop.sh ends what start.sh noted down, also after a start that failed half-way.
        stop = ["bash", SLURM_SCRIPTS / "stop.sh", cluster]
        subprocess.run(stop, check=False, env=env, timeout=CLUSTER_TIMEOUT_S)
    assert not [pid for pid in pids if is_running(pid)], "stop.sh left a daemon running"


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def slurm_snakemake(workdir, env, *args) -> subprocess.CompletedProcess:
    """snakemake --profile profiles/slurm with the tiny config, looking for finished jobs often."""
    cmd = [sys.executable, "-m", "snakemake", "--configfile", "tiny.yaml", "--profile"]
    cmd += ["profiles/slurm", "--slurm-init-seconds-before-status-checks", "1", *args]
    return subprocess.run(
        cmd,
        check=False,
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )


@pytest.fixture(scope="module")
def slurm_build(tmp_path_factory, slurm_env):
    """Every figure built through sbatch; the Slurm jobs it ran, as sacct lists them."""
    workdir = copy_workflow(tmp_path_factory.mktemp("slurm_build"), merged(TINY, FEWER_JOBS))
    planned = planned_rules(workdir)
    result = slurm_snakemake(workdir, slurm_env)
    assert result.returncode == 0, f"the Slurm build failed:\n{result.stdout}\n{result.stderr}"
    return workdir, planned, sacct(slurm_env)


def sacct(env) -> list[dict]:
    """Every job the cluster ran: JobIDRaw, Comment (rule_<name>...), ReqMem, Timelimit, State."""
    fields = ["JobIDRaw", "Comment", "ReqMem", "Timelimit", "State"]
    out = subprocess.run(
        ["sacct", "--allocations", "--parsable2", "--noheader", "--starttime", "2000-01-01"]
        + [f"--format={','.join(fields)}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return [dict(zip(fields, line.split("|"))) for line in out.splitlines()]


def rule_of(job: dict) -> str:
    """The rule of a job submitted by the plugin, from its comment rule_<name>[_wildcards_...]."""
    return re.fullmatch(r"rule_(\w+?)(_wildcards_.*)?", job["Comment"]).group(1)


def requested(rule: str) -> dict:
    return PROFILE["default-resources"] | PROFILE["set-resources"].get(rule, {})


def minutes(limit: str) -> int:
    """Slurm's [days-]hours:minutes:seconds as whole minutes."""
    days, _, clock = limit.rpartition("-")
    hours, mins, secs = (int(part) for part in clock.split(":"))
    return (int(days or 0) * 24 + hours) * 60 + mins + (secs > 0)


def test_the_profile_sets_resources_only_for_rules_of_the_workflow():
    """A renamed rule would silently fall back to the default request."""
    assert set(PROFILE["set-resources"]) <= {rule.name for rule in workflow_rules()}


def test_every_figure_built_through_slurm_is_byte_identical_to_a_local_build(
    slurm_build, tiny_build
):
    """The local build splits animations into render jobs as TINY does, Slurm's into one each:
    the same bytes either way."""
    workdir, _, _ = slurm_build
    dropped = {f".{fmt}" for fmt in TINY["formats"]} - {f".{fmt}" for fmt in SLURM_FORMATS}
    figures = sorted(p.name for p in (tiny_build / "figures").iterdir() if p.suffix not in dropped)
    assert sorted(path.name for path in (workdir / "figures").iterdir()) == figures
    for name in figures:
        assert (workdir / "figures" / name).read_bytes() == (
            tiny_build / "figures" / name
        ).read_bytes(), name


def test_slurm_ran_every_job_with_the_memory_and_time_the_profile_asks_for(slurm_build):
    _, planned, jobs = slurm_build
    ran: dict[str, int] = {}
    for job in jobs:
        rule = rule_of(job)
        ran[rule] = ran.get(rule, 0) + 1
        assert job["State"] == "COMPLETED", job
        assert job["ReqMem"] == f"{requested(rule)['mem_mb']}M", job
        assert minutes(job["Timelimit"]) == requested(rule)["runtime"], job
    planned.pop("all")  # no output of its own: Snakemake finishes it without a Slurm job
    for local in ("publish", "spec"):  # local rules: a copy, a JSON, done by Snakemake itself
        planned.pop(local)
    assert ran == planned


def test_a_job_over_its_memory_request_is_killed_named_and_the_figure_stays(slurm_build, slurm_env):
    workdir, _, jobs_before = slurm_build
    figure = workdir / "figures" / KILLED_FIGURE
    built = figure.read_bytes()
    result = slurm_snakemake(
        workdir,
        slurm_env,
        "--forcerun",
        KILLED_JOB_OUTPUT,
        "--set-resources",
        f"{KILLED_RULE}:mem_mb={TOO_LITTLE_MEMORY_MB}",
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"Error in rule {KILLED_RULE}:" in output
    assert re.search(rf"log: {KILLED_RULE_LOG}", output)
    slurm_log = re.search(rf"\S+/slurm_logs/rule_{KILLED_RULE}/\S*?\d+\.log", output)
    assert slurm_log, output
    assert "Exceeded job memory limit" in (workdir / slurm_log.group()).read_text()
    killed = sacct(slurm_env)[len(jobs_before) :]  # a job per format
    assert killed
    for job in killed:
        assert (rule_of(job), job["ReqMem"]) == (KILLED_RULE, f"{TOO_LITTLE_MEMORY_MB}M")
        assert job["State"] in ("FAILED", "OUT_OF_MEMORY")
    assert figure.read_bytes() == built
