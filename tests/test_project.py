"""The project's promises about itself: same pins everywhere, README commands are what CI runs."""

import re
import tomllib

import yaml

from conftest import REPO


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    requirements = project["dependencies"] + [req for extra in extras.values() for req in extra]
    # An extra may name another ("l1l2figures[cluster]"): its pins are listed there.
    return dict(req.split("==") for req in requirements if not req.startswith(project["name"]))


def test_environment_yml_has_the_same_pins_as_pyproject():
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    conda = dict(dep.split("=", 1) for dep in env["dependencies"] if isinstance(dep, str))
    assert conda.pop("python") == "3.11"
    assert conda == pyproject_pins()


def readme_commands() -> list[str]:
    return re.findall(r"^python3 -m venv .*$", (REPO / "README.md").read_text(), re.MULTILINE)


def test_readme_has_one_build_and_one_test_command():
    commands = readme_commands()
    assert len(commands) == 2
    build, test = commands
    assert build.endswith("snakemake --cores 4")
    assert test.endswith("pytest")


def test_ci_runs_the_readme_test_command():
    test_command = readme_commands()[1]
    ci_lines = (REPO / ".ci" / "run").read_text().splitlines()
    assert test_command in ci_lines
