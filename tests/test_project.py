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


def readme_command(ending: str) -> str:
    """The README's one set-up command line that ends in ``ending``."""
    commands = re.findall(r"^python3 -m venv .*$", (REPO / "README.md").read_text(), re.MULTILINE)
    [command] = [command for command in commands if command.endswith(ending)]
    return command


def test_ci_runs_the_readme_test_command():
    test_command = readme_command("pytest")
    ci_lines = (REPO / ".ci" / "run").read_text().splitlines()
    assert test_command in ci_lines
