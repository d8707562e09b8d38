"""Each rule declares exactly the library modules its script imports, so edits rerun exactly it."""

import ast
import re

import pytest

from conftest import REPO

LIBRARY = REPO / "src" / "l1l2figures"
RULE = re.compile(r"^rule (\w+):\n((?:    .*\n|\n)+)", re.MULTILINE)
ALWAYS_DECLARED = {"files", "jobs"}  # rules/common.smk's library() adds these to every rule


def rules() -> dict[str, tuple[set[str], str]]:
    """{rule: (modules named in its library(...) call, its script path)} for every rule file."""
    found = {}
    for smk in sorted((REPO / "rules").glob("*.smk")):
        for name, body in RULE.findall(smk.read_text()):
            script = re.search(r'script:\n\s+"\.\./(scripts/[\w.]+)"', body)
            if script is None:
                continue
            call = re.search(r"library\(([^)]*)\)", body)
            modules = set(re.findall(r'"([\w/]+)"', call.group(1))) if call else set()
            found[name] = (modules | ALWAYS_DECLARED, script.group(1))
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


def test_the_list_of_rules_with_a_script_is_complete():
    assert set(rules()) == {
        "data_outlier_sweep",
        "fit_outlier_sweep",
        "render_outlier_sweep",
        "assemble_outlier_sweep",
        "render_outlier_sweep_grid",
        "fit_l1_l2_gradient",
        "render_l1_l2_gradient",
        "assemble_l1_l2_gradient",
        "data_manhattan_distance",
        "render_manhattan_distance",
        "data_robustness",
        "fit_robustness",
        "render_robustness",
        "assemble_robustness",
        "fit_stability",
        "render_stability",
        "data_sparsity",
        "fit_sparsity",
        "render_sparsity",
        "assemble_sparsity",
        "fit_solvers",
        "render_solvers",
        "site",
    }


@pytest.mark.parametrize("rule", sorted(rules()))
def test_rule_declares_exactly_the_modules_its_script_imports(rule):
    declared, script = rules()[rule]
    assert declared == transitive_imports(REPO / script)


@pytest.mark.parametrize("rule", [r for r in sorted(rules()) if r.startswith("render_")])
def test_render_jobs_do_not_import_scikit_learn(rule):
    _, script = rules()[rule]
    sources = [REPO / script] + [LIBRARY / f"{m}.py" for m in transitive_imports(REPO / script)]
    assert not any("sklearn" in source.read_text() for source in sources)
