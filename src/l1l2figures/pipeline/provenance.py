"""How a published figure was made: a small JSON manifest beside its files in site/.

It holds what the figure's bytes depend on (the config sections its jobs read, the versions of the
packages that drew and encoded it, the project's version and git commit) and what it is (the
SHA-256 of each published file), and the one command that rebuilds it: in a checkout of that
commit with those versions, the command writes files with exactly those hashes. It is written with
sorted keys and no date, so a rerun of `site` leaves it byte-identical.
"""

from __future__ import annotations

import importlib.metadata
import json
import math
import platform
import shlex
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from l1l2figures.files import sha256

# The distributions whose versions decide a figure's bytes: drawing, fitting, encoding, scheduling.
MADE_WITH = ("matplotlib", "numpy", "scikit-learn", "pillow", "imageio-ffmpeg", "snakemake")
PROJECT = "l1l2figures"
# Config sections every figure reads besides its own: the house style and its themes.
SHARED_SECTIONS = ("style",)
# The sections a draft reads too (`--config draft=true`: fewer frames at a lower dpi).
DRAFT_SECTIONS = ("draft", "drafting")
# A catalogue entry's calls, any of which may read another figure's results.
CALLS = ("data", "fit", "draw", "words")
REBUILD = ("snakemake", "--cores", "4")


def figures_read(catalogue: Mapping) -> dict[str, set[str]]:
    """{figure: the other figures whose results its calls read}, from the catalogue's entries."""
    return {
        name: {
            source
            for call in map(figure.stage, CALLS)
            if call is not None
            for source, _ in call.reads.values()
        }
        - {name}
        for name, figure in catalogue.items()
    }


def upstream(figure: str, reads: Mapping[str, set[str]]) -> set[str]:
    """``figure`` and every figure whose results it reads, directly or through another."""
    found, todo = set(), [figure]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(reads.get(current, ()))
    return found


def config_slice(config: Mapping, figures: set[str]) -> dict:
    """The config sections that the files of a figure, made from ``figures``' results, depend on."""
    sections = [*SHARED_SECTIONS, *sorted(figures)]
    if config.get("draft"):
        sections += DRAFT_SECTIONS
    return {section: config[section] for section in sections if section in config}


def package_versions() -> dict[str, str]:
    versions = {name: importlib.metadata.version(name) for name in MADE_WITH}
    return {"python": platform.python_version(), **versions}


def git_state(project_dir: str | Path) -> dict:
    """{"commit", "dirty"} of the git checkout that ``project_dir`` is the top of, or Nones."""
    project_dir = Path(project_dir).resolve()

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(project_dir), *args], capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        if Path(git("rev-parse", "--show-toplevel")).resolve() != project_dir:
            raise ValueError("inside another project's checkout")
        commit = git("rev-parse", "HEAD")
        dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.CalledProcessError, ValueError):  # no git, or not a checkout
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": dirty}


def flow_yaml(value) -> str:
    """``value`` as one line of YAML (a scalar without the end-of-document marker)."""
    text = yaml.safe_dump(value, default_flow_style=True, sort_keys=False, width=math.inf)
    return text.removesuffix("\n...\n").strip()


def rebuild_command(config: Mapping, targets: Iterable[str]) -> str:
    """The command that rebuilds ``targets`` with ``config`` over the project's defaults.

    Each --config value is YAML in flow style, on one line, keys in the config's order: a float
    keeps its point (YAML reads JSON's 1e-08 as text).
    """
    values = [f"{key}={flow_yaml(value)}" for key, value in config.items()]
    return shlex.join([*REBUILD, "--config", *values, "--", *targets])


def manifest(
    figure: str,
    config: dict,
    published: Mapping[str, str],
    project: dict,
    versions: dict[str, str],
) -> str:
    """The manifest's JSON text. ``published`` maps each file as the pipeline writes it (the
    command's target) to its path in site/, under which its hash is recorded."""
    record = {
        "figure": figure,
        "config": config,
        "versions": versions,
        "project": project,
        "files": {site_path: sha256(path) for path, site_path in published.items()},
        "rebuild": rebuild_command(config, published),
    }
    # The config's keys in its own order, which the rebuild keeps (see specs.spec_text).
    return json.dumps(record, indent=2) + "\n"


def project_state(project_dir: str | Path) -> dict:
    """The project's name, version and git state, for the manifests."""
    return {
        "name": PROJECT,
        "version": importlib.metadata.version(PROJECT),
        **git_state(project_dir),
    }
