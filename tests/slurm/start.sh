#!/usr/bin/env bash
# Start a one-node Slurm on this machine, on loopback only, to try profiles/slurm:
#
#   sudo bash tests/slurm/install.sh          # Debian's packages, once
#   bash tests/slurm/start.sh [DIR]           # then: export SLURM_CONF=DIR/slurm.conf
#   snakemake --profile profiles/slurm
#   bash tests/slurm/stop.sh [DIR]
#
# Everything lives in DIR (default /tmp/l1l2-slurm): configs, munge key, database, logs, and a
# `pids` file naming each daemon started, which stop.sh ends by process id. Run as the user the
# jobs should run as (root in CI). Ports can be moved with L1L2_SLURM_PORT_BASE (default 26810:
# slurmctld +7, slurmd +8, slurmdbd +9, MariaDB +6), away from a real Slurm's 6817-6819.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
DIR="$(realpath -m "${1:-${L1L2_SLURM_DIR:-/tmp/l1l2-slurm}}")"
PORT_BASE="${L1L2_SLURM_PORT_BASE:-26810}"
# Each wait for a daemon gives up after this many seconds (they take 1-5 s here).
READY_TIMEOUT_S=60

if [ -s "$DIR/pids" ]; then
    echo "start.sh: $DIR/pids exists: a cluster may be running; run stop.sh $DIR first" >&2
    exit 1
fi
# A folder start.sh made before (it holds MARKER) is emptied; any other must be empty or absent.
MARKER="$DIR/.made-by-start.sh"
if [ -d "$DIR" ] && [ -n "$(ls -A "$DIR")" ] && [ ! -e "$MARKER" ]; then
    echo "start.sh: $DIR is not empty; give an empty or new folder" >&2
    exit 1
fi
rm -rf "${DIR:?}"/* "$MARKER"
mkdir -p "$DIR"/{log,state,spool,db}
touch "$MARKER"
# A start that fails half-way stops what it had started.
trap 'status=$?; [ $status -eq 0 ] || bash "$HERE/stop.sh" "$DIR" >&2; exit $status' EXIT

export SLURM_CONF="$DIR/slurm.conf"
USER_NAME="$(id -un)"
MEMORY_MB=$(($(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024))
for conf in slurm.conf slurmdbd.conf; do
    sed -e "s|@DIR@|$DIR|g" -e "s|@HOST@|$(hostname -s)|g" -e "s|@USER@|$USER_NAME|g" \
        -e "s|@CPUS@|$(nproc)|g" -e "s|@MEMORY_MB@|$MEMORY_MB|g" \
        -e "s|@CTLD_PORT@|$((PORT_BASE + 7))|g" -e "s|@SLURMD_PORT@|$((PORT_BASE + 8))|g" \
        -e "s|@DBD_PORT@|$((PORT_BASE + 9))|g" -e "s|@DB_PORT@|$((PORT_BASE + 6))|g" \
        "$HERE/$conf.in" >"$DIR/$conf"
done
chmod 600 "$DIR/slurmdbd.conf" # slurmdbd refuses a config others can read (it may hold a password)

# Start a daemon that stays in the foreground, in its own session, its output in log/; note its pid.
start_daemon() {
    local name=$1
    shift
    setsid "$@" </dev/null >>"$DIR/log/$name.out" 2>&1 &
    echo "$name $!" >>"$DIR/pids"
}

wait_until() {
    local what=$1 deadline=$((SECONDS + READY_TIMEOUT_S))
    shift
    until "$@" >/dev/null 2>&1; do
        if [ $SECONDS -ge $deadline ]; then
            echo "start.sh: $what not ready after ${READY_TIMEOUT_S}s; logs in $DIR/log" >&2
            tail -n 20 "$DIR"/log/* >&2 || true
            return 1
        fi
        sleep 0.5
    done
}

node_is_idle() { [ "$(sinfo --noheader --format=%T)" = idle ]; }

dd if=/dev/urandom of="$DIR/munge.key" bs=1024 count=1 status=none
chmod 400 "$DIR/munge.key"
# --force: munged would refuse a socket under a world-writable directory such as /tmp.
start_daemon munged munged --foreground --force --socket="$DIR/munge.socket" \
    --key-file="$DIR/munge.key" --pid-file="$DIR/munged.pid" --log-file="$DIR/log/munged.log" \
    --seed-file="$DIR/munged.seed"
wait_until munged munge --socket="$DIR/munge.socket" --string=ready

mariadb-install-db --no-defaults --datadir="$DIR/db" --user="$USER_NAME" \
    --auth-root-authentication-method=normal --skip-test-db >"$DIR/log/mariadb-install.out" 2>&1
start_daemon mariadbd mariadbd --no-defaults --datadir="$DIR/db" --user="$USER_NAME" \
    --bind-address=127.0.0.1 --port=$((PORT_BASE + 6)) --socket="$DIR/mariadb.socket" \
    --pid-file="$DIR/mariadbd.pid" --log-error="$DIR/log/mariadbd.log" --skip-grant-tables
wait_until MariaDB mariadb-admin --no-defaults --host=127.0.0.1 --port=$((PORT_BASE + 6)) ping

start_daemon slurmdbd slurmdbd -D
wait_until slurmdbd sacctmgr --noheader list cluster
sacctmgr --immediate add cluster l1l2 >/dev/null

start_daemon slurmctld slurmctld -D
start_daemon slurmd slurmd -D
wait_until "the node" node_is_idle

echo "Slurm $(sinfo --version | cut -d' ' -f2) is up. Use it with:"
echo "export SLURM_CONF=$SLURM_CONF"
