"""Each rule declares exactly the library modules its script imports, so edits rerun exactly it."""

import ast

import pytest

from conftest import REPO, workflow_rules, yaml_config

LIBRARY = REPO / "src" / "l1l2figures"


def rules() -> dict[str, tuple[set[str], str]]:
    """{rule: (library modules among its inputs, its script)} for every rule with a script."""
    found = {}
    for rule in workflow_rules():
        if rule.script is None:
            continue
        # inputs are relative to the project (input functions give no library module)
        paths = [REPO / f for f in rule.input if not callable(f)]
        modules = {
            str(path.relative_to(LIBRARY).with_suffix(""))
            for path in paths
            if path.is_relative_to(LIBRARY) and path.suffix == ".py"
        }
        # A shared rule names its script by the figure in its params.
        script = rule.script.format(params=rule.params)
        found[rule.name] = (modules, script.removeprefix("../"))
    return found


def library_imports(path) -> set[str]:
    """Modules of l1l2figures imported by the file at ``path``, as 'name' or 'scenes/name'."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("l1l2figures.")
        ):
            names.add(node.module.removeprefix("l1l2figures.").replace(".", "/"))
        elif isinstance(node, ast.Import):
            names.update(
                a.name.removeprefix("l1l2figures.").replace(".", "/")
                for a in node.names
                if a.name.startswith("l1l2figures.")
            )
    return names


def transitive_imports(path) -> set[str]:
    seen, todo = set(), set(library_imports(path))
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo |= library_imports(LIBRARY / f"{module}.py")
    return seen


def test_every_figure_section_has_its_render_rule():
    sections = [
        name
        for name, value in yaml_config().items()
        if isinstance(value, dict) and "style" in value
    ]
    assert sections and all(f"render_{name}" in rules() for name in sections)


@pytest.mark.parametrize("rule", sorted(rules()))
def test_rule_declares_exactly_the_modules_its_script_imports(rule):
    declared, script = rules()[rule]
    assert declared == transitive_imports(REPO / script)


@pytest.mark.parametrize("rule", [r for r in sorted(rules()) if r.startswith("render_")])
def test_render_jobs_do_not_import_scikit_learn(rule):
    _, script = rules()[rule]
    sources = [REPO / script] + [LIBRARY / f"{m}.py" for m in transitive_imports(REPO / script)]
    assert not any("sklearn" in source.read_text() for source in sources)
