"""The project's promises about itself: same pins everywhere, README commands are what CI runs."""

import re
import shlex
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


def snakemake_commands(text: str) -> list[list[str]]:
    """The words of every `snakemake` command in ``text``: code blocks' lines and inline code."""
    lines = re.findall(r"^(snakemake .*)$", text, re.MULTILINE)
    lines += re.findall(r"`(snakemake [^`]*)`", text.replace("\n  ", " "))
    return [shlex.split(line.split("  #")[0], comments=True) for line in lines]


def misplaced_targets(words: list[str]) -> list[str]:
    """The words Snakemake would read as settings though they are not: after ``--config`` every
    word up to the next option is a key=value setting, after ``--configfile`` a file."""
    misplaced, taking = [], None
    for word in words[1:]:
        if word.startswith("-"):
            taking = word if word in ("--config", "-C", "--configfile", "--configfiles") else None
            continue
        takes_a_setting = taking in ("--config", "-C")
        takes_a_file = taking in ("--configfile", "--configfiles")
        if (takes_a_setting and "=" not in word) or (
            takes_a_file and not word.endswith(CONFIG_SUFFIXES)
        ):
            misplaced.append(word)
    return misplaced


CONFIG_SUFFIXES = (".yaml", ".yml", ".json")


def test_the_check_of_commands_finds_a_target_after_config():
    assert misplaced_targets(["snakemake", "--cores", "2", "--config", "draft=true", "site"]) == [
        "site"
    ]
    assert misplaced_targets(["snakemake", "--configfile", "my.yaml", "all"]) == ["all"]
    assert misplaced_targets(["snakemake", "--cores", "2", "site", "--config", "draft=true"]) == []


def test_every_documented_snakemake_command_puts_its_targets_before_config():
    # `snakemake --config draft=true site` fails with Snakemake's `Unparsable value: 'site'`
    # before the pipeline can say anything. The README quotes one such command on purpose, as
    # the one that fails; every other must run.
    quoted_failure = "snakemake --cores 4 --config draft=true drafts/figures/sparsity.gif"
    for path in [REPO / "README.md", *REPO.glob("docs/*.md")]:
        for words in snakemake_commands(path.read_text()):
            if " ".join(words) != quoted_failure:
                assert misplaced_targets(words) == [], (path.name, " ".join(words))
