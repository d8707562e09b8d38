#!/usr/bin/env bash
# A stand-in for a scheduler's submit command (sbatch, qsub): start the job script given as the
# last argument as its own detached process and print a job id. Jobs share this filesystem, so
# Snakemake learns each job's end from the marker files the job script leaves behind.
set -euo pipefail
jobscript="${!#}"
nohup bash "$jobscript" >/dev/null 2>&1 &
echo "$!"
