"""How a figure was made: its manifest in site/ names what made it, and its command remakes it."""

import hashlib
import json
import os
import shlex
import subprocess
import sys

import pytest
import yaml

from conftest import copy_of_build, copy_workflow, site_catalogue, snakemake, tiny_config
from l1l2figures.catalogue import CATALOGUE, Call, animation, still
from l1l2figures.pipeline.configuration import parse_numbers
from l1l2figures.pipeline.layout import (
    chapters_url,
    embed_page_url,
    manifest_url,
    player_data_url,
)
from l1l2figures.pipeline.provenance import (
    MADE_WITH,
    config_slice,
    figures_read,
    git_state,
    rebuild_command,
    upstream,
)

SITE_CATALOGUE = site_catalogue()


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- the library ----


def test_a_figure_reads_the_results_of_the_figures_its_calls_read_and_theirs():
    def reading(*sources):
        return Call("m:f", (), reads={f"r{i}": (s, "fit") for i, s in enumerate(sources)})

    catalogue = {
        "a": animation("a", category="A", draw=Call("m:f", ()), fit=reading("a")),
        "b": still("b", "png", category="B", draw=reading("a")),
        "d": still("d", "png", category="D", draw=reading("b"), fit=reading("c")),
        "c": still("c", "png", category="C", draw=Call("m:f", ())),
    }
    reads = figures_read(catalogue)
    assert reads == {"a": set(), "b": {"a"}, "d": {"b", "c"}, "c": set()}
    assert upstream("d", reads) == {"a", "b", "c", "d"}
    assert upstream("a", reads) == {"a"}
    assert figures_read(CATALOGUE)["stability"] == {"outlier_sweep"}


def test_the_config_slice_is_the_style_and_the_sections_of_the_figures_read():
    config = tiny_config()
    assert config_slice(config, {"stability", "outlier_sweep", "outlier_sweep_grid"}) == {
        "style": config["style"],
        "outlier_sweep": config["outlier_sweep"],
        "stability": config["stability"],
    }
    draft = {**config, "draft": True}
    assert set(config_slice(draft, {"solvers"})) == {"style", "solvers", "draft", "drafting"}


def test_the_rebuild_command_gives_snakemake_the_slice_back():
    config = config_slice(tiny_config(), set(CATALOGUE))  # every section: 1e-08, null, colours
    command = shlex.split(rebuild_command(config, ["results/x/light/x.webm", "results/x/y z.png"]))
    separator = command.index("--")
    assert command[:4] == ["snakemake", "--cores", "4", "--config"]
    assert command[separator + 1 :] == ["results/x/light/x.webm", "results/x/y z.png"]
    # Snakemake parses each value as YAML that keeps every scalar text; the config check reads
    # the numbers, booleans and nulls back (and refuses 1e-08, which YAML 1.1 reads as text)
    given = dict(value.split("=", 1) for value in command[4:separator])
    parsed = {key: parse_numbers(yaml.load(v, Loader=yaml.BaseLoader)) for key, v in given.items()}
    assert parsed == config


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def test_git_state_names_the_commit_and_whether_tracked_files_changed(tmp_path):
    repo = tmp_path / "project"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "Snakefile").write_text("a\n")
    git(repo, "add", "Snakefile")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one")
    head = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    (repo / "site").mkdir()
    (repo / "site" / "new.html").write_text("untracked: a build's output\n")
    assert git_state(repo) == {"commit": head, "dirty": False}
    (repo / "Snakefile").write_text("b\n")
    assert git_state(repo) == {"commit": head, "dirty": True}
    # a project folder inside another checkout is not that checkout
    (repo / "inner").mkdir()
    assert git_state(repo / "inner") == {"commit": None, "dirty": None}
    assert git_state(tmp_path) == {"commit": None, "dirty": None}


# ---- in a build ----


@pytest.fixture(scope="module")
def site_build(tiny_build, tmp_path_factory):
    workdir = copy_of_build(tiny_build, tmp_path_factory.mktemp("provenance"))
    snakemake(workdir, "site")
    return workdir


def manifest_of(site_build, figure) -> dict:
    return json.loads((site_build / "site" / manifest_url(figure)).read_text())


def test_every_figure_has_a_manifest_of_its_published_files(site_build):
    site = site_build / "site"
    config = tiny_config()
    for figure in SITE_CATALOGUE:
        manifest = manifest_of(site_build, figure)
        # the files the pipeline makes, not the site's own pages made from them and its words
        site_made = {manifest_url(figure), embed_page_url(figure), player_data_url(figure)}
        site_made.add(chapters_url(figure))
        published = {
            p.relative_to(site).as_posix()
            for p in (site / figure).rglob("*")
            if p.is_file() and p.relative_to(site).as_posix() not in site_made
        }
        assert manifest["files"] == {path: sha256(site / path) for path in published}, figure
        assert manifest["figure"] == figure
        assert set(manifest["versions"]) == {"python", *MADE_WITH}
        assert manifest["project"]["version"] == "0.1.0"
        assert manifest["project"]["commit"] is None  # the test's copy is no git checkout
        assert manifest["config"]["style"] == yaml.safe_load(yaml.safe_dump(config["style"]))
    assert set(manifest_of(site_build, "stability")["config"]) == {
        "style",
        "stability",
        "outlier_sweep",
    }


def test_the_snippet_links_its_manifest(site_build):
    for figure in SITE_CATALOGUE:
        html = (site_build / "site" / f"{figure}.html").read_text()
        assert f'<a href="{manifest_url(figure)}">How this was made</a>' in html


def test_a_rerun_of_site_leaves_every_file_byte_identical(site_build):
    site = site_build / "site"
    before = {p: sha256(p) for p in site.rglob("*") if p.is_file()}
    snakemake(site_build, "site", "--forcerun", "site")
    assert {p: sha256(p) for p in site.rglob("*") if p.is_file()} == before


def test_each_manifest_s_command_rebuilds_its_figure_s_bytes_on_a_fresh_copy(site_build, tmp_path):
    fresh = copy_workflow(tmp_path / "fresh", overrides={})  # the defaults: no tiny config
    env = {**os.environ, "PYTHONPATH": str(fresh / "src")}
    for figure in SITE_CATALOGUE:
        manifest = manifest_of(site_build, figure)
        command = shlex.split(manifest["rebuild"])
        assert command[0] == "snakemake"
        subprocess.run(
            [sys.executable, "-m", *command], cwd=fresh, env=env, check=True, capture_output=True
        )
        rebuilt = {path: sha256(fresh / "results" / path) for path in manifest["files"]}
        assert rebuilt == manifest["files"], figure
