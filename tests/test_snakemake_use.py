"""Snakemake is used through what its documentation offers: no private attribute, nothing of it
replaced or wrapped, nothing parsed from its printed output; scripts are told what to do by their
spec, never by the rule's name; and jobs run the project's own src/, whatever copy is installed."""

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, copy_workflow

# What the shell once reached into (issue 31), each as a pattern of the code that did it.
INTERNALS = {
    "a rule changed after parsing": r"\.set_(input|params|output)\(",
    "a private attribute of a rule or the workflow": r"\b(rule|workflow|sliced)\._\w+",
    "a rule asked whether it makes a file": r"\bis_producer\(",
    "Snakemake's backups wrapped": r"\bpersistence\b|\bbackup_output\b",
    "Snakemake's timers cancelled": r"threading\.Timer",
    "the executor or dry-run mode looked up": r"workflow\.(executor_plugin|dryrun)",
    "Snakemake's containers imported": r"snakemake\.iocontainers",
    "a script branching on its rule's name": r"snakemake\.rule\s*(==|!=|\bin\b)|\[snakemake\.rule\]",
    "Snakemake's printed summary parsed": r"--summary|--detailed-summary",
}
SHELL = ["Snakefile", "rules", "scripts", "src"]


def shell_files():
    for part in SHELL:
        path = REPO / part
        yield from sorted(path.rglob("*.[ps][ym]*")) if path.is_dir() else [path]


@pytest.mark.parametrize("what", INTERNALS)
def test_no_snakemake_internals_in_the_shell(what):
    pattern = re.compile(INTERNALS[what])
    found = [
        f"{path.relative_to(REPO)}:{number}"
        for path in shell_files()
        if path.suffix in {".py", ".smk", ""}
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == [], what


def test_the_check_finds_what_it_looks_for():
    assert re.search(INTERNALS["a rule changed after parsing"], "rule.set_params(makers=f)")
    branching = INTERNALS["a script branching on its rule's name"]
    assert re.search(branching, 'if snakemake.rule == "gate":')
    assert re.search(branching, "write[snakemake.rule](fig)")
    assert any((REPO / "scripts").glob("*.py")) and any((REPO / "rules").glob("*.smk"))


MARK = "ran from the project's own copy"


@pytest.mark.slow
def test_jobs_run_the_project_s_code_whatever_copy_is_installed(tmp_path):
    """With a copy of the package installed first on the path (as `pip install .` leaves it),
    the workflow and its jobs still run the project's src/: an edit there is what they run."""
    installed = tmp_path / "installed"
    workdir = copy_workflow(tmp_path / "project")
    for packaging in ("pyproject.toml", "README.md"):  # installed from the copy: builds land there
        shutil.copy2(REPO / packaging, workdir)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(installed),
            str(workdir),
        ],
        check=True,
    )
    assert (installed / "l1l2figures" / "catalogue.py").is_file()
    shutil.rmtree(installed / "l1l2figures" / "__pycache__", ignore_errors=True)
    words = workdir / "src" / "l1l2figures" / "words" / "figures.py"
    # an edit of the project's copy: its figure_words also marks what it made
    words.write_text(
        words.read_text()
        + "\n\n_unmarked = figure_words\n\n\n"
        + "def figure_words(*args):\n"
        + f'    return {{**_unmarked(*args), "mark": "{MARK}"}}\n'
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "--cores",
            "2",
            "results/manhattan_distance/words.json",
            "--configfile",
            "tiny.yaml",
        ],
        cwd=workdir,
        env={**os.environ, "PYTHONPATH": str(installed)},
        check=True,
        capture_output=True,
    )
    assert MARK in (workdir / "results" / "manhattan_distance" / "words.json").read_text()
