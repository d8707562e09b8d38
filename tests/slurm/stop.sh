#!/usr/bin/env bash
# Stop the Slurm that tests/slurm/start.sh started in DIR (default /tmp/l1l2-slurm): cancel its
# jobs, then end each daemon named in DIR/pids by its process id, newest first. Safe to run twice.
set -uo pipefail
DIR="$(realpath -m "${1:-${L1L2_SLURM_DIR:-/tmp/l1l2-slurm}}")"
# How long jobs get to end after scancel, and each daemon after SIGTERM, before SIGKILL.
STOP_TIMEOUT_S=20
export SLURM_CONF="$DIR/slurm.conf"

[ -s "$DIR/pids" ] || exit 0

alive() { kill -0 "$1" 2>/dev/null; }

wait_gone() {
    local deadline=$((SECONDS + STOP_TIMEOUT_S))
    while [ $SECONDS -lt $deadline ]; do
        "$@" || return 0
        sleep 0.5
    done
    return 1
}

jobs_left() { [ -n "$(timeout 10 squeue --noheader --format=%i 2>/dev/null)" ]; }

# Jobs first, while slurmd can still end their processes.
if timeout 10 squeue --noheader >/dev/null 2>&1; then
    timeout 10 scancel --full --partition=debug 2>/dev/null
    wait_gone jobs_left || echo "stop.sh: jobs still listed after ${STOP_TIMEOUT_S}s" >&2
fi

tac "$DIR/pids" | while read -r name pid; do
    alive "$pid" || continue
    kill -TERM "$pid"
    if ! wait_gone alive "$pid"; then
        echo "stop.sh: $name ($pid) ignored SIGTERM for ${STOP_TIMEOUT_S}s; killing it" >&2
        kill -KILL "$pid"
        wait_gone alive "$pid"
    fi
done
rm -f "$DIR/pids"
