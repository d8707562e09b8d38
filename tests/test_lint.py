"""The linters the Snakemake and Python communities use report nothing."""

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

BIN = Path(sys.executable).parent
LINTERS = {
    "ruff": [str(BIN / "ruff"), "check", "."],
    "ruff format": [str(BIN / "ruff"), "format", "--check", "."],
    "snakefmt": [str(BIN / "snakefmt"), "--check", "."],
    "snakemake --lint": [sys.executable, "-m", "snakemake", "--lint"],
}


@pytest.mark.parametrize("name", LINTERS)
def test_linter_is_clean(name):
    result = subprocess.run(LINTERS[name], check=False, cwd=REPO, capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    if name == "snakemake --lint":  # and it says so
        assert "Congratulations, your workflow is in a good condition" in output
