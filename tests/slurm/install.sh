#!/usr/bin/env bash
# Install Debian's Slurm (controller, node daemon, accounting daemon and client), munge and a
# MariaDB server for tests/slurm/start.sh. Idempotent and quiet: does nothing when all are there.
set -euo pipefail
PACKAGES=(slurmctld slurmd slurmdbd slurm-client munge mariadb-server)
missing=()
for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
# The packages' maintainer scripts try to start their services; on a machine without an init
# system (a container, CI) that fails the install. policy-rc.d tells them not to start anything:
# tests/slurm/start.sh starts the daemons itself.
policy=/usr/sbin/policy-rc.d
created_policy=false
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy"
    created_policy=true
fi
trap '$created_policy && rm -f "$policy"' EXIT
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
