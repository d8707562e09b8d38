"""Each job declares exactly the library modules it imports, so that an edit reruns exactly it;
each shared stage is one rule."""

import ast
import json
import re
import subprocess
import sys
from types import SimpleNamespace

import pytest
import yaml

from conftest import PLANNED_JOB, REPO, copy_workflow, snakemake, workflow_rules
from l1l2figures.catalogue import ANIMATIONS, CATALOGUE, STILLS
from l1l2figures.pipeline.dependencies import library_modules, module_file

LIBRARY = REPO / "src" / "l1l2figures"
# What a job of each rule draws or computes with, from its figure's catalogue entry.
STAGES_OF_RULE = {
    "data": ("data",),
    "fit": ("fit",),
    "render": ("draw",),
    "pace": ("moments",),
    "gate": ("draw",),
    "sheet": ("draw",),
    "frame": ("draw",),
    "draw": ("draw",),
    "poster2x": ("draw",),
    "svg": ("draw",),
    "still_gate": ("draw",),
    "words": ("words",),
    "theme_words": ("words",),
}
SHARED_STAGES = ["data", "fit", "words", "render", "gate", "sheet", "frame", "assemble", "poster"]
SHARED_STAGES += ["poster2x"]
SHARED_STAGES += ["draw", "svg", "publish", "site", "readme_pictures"]


@pytest.fixture(scope="module")
def every_job(tmp_path_factory) -> list[tuple[str, str | None, set[str], str]]:
    """(rule, figure, library modules among its inputs, script) of every job a full build,
    the site, the gate, the contact sheets and one frame plan."""
    workdir = copy_workflow(tmp_path_factory.mktemp("plan"), overrides={})
    targets = ["all", "site", "quality", "contact_sheets", "preview/robustness/light/frame_1.png"]
    plan = snakemake(workdir, "--dry-run", "--forceall", *targets).stdout
    scripts = {rule.name: rule.script for rule in workflow_rules()}
    jobs = []
    for rule, properties in PLANNED_JOB.findall(plan):
        if scripts.get(rule) is None:
            continue
        inputs = properties.split("    input: ", 1)[1].split("\n", 1)[0].split(", ")
        wildcards = dict(
            item.split("=")
            for line in properties.splitlines()
            if line.startswith("    wildcards: ")
            for item in line.removeprefix("    wildcards: ").split(", ")
        )
        modules = {
            path.removeprefix("src/l1l2figures/").removesuffix(".py").removesuffix("/__init__")
            for path in inputs
            # templates/ holds files for other programs (the MkDocs hook), never imported
            if path.startswith("src/l1l2figures/")
            and path.endswith(".py")
            and "/templates/" not in path
        }
        jobs.append((rule, wildcards.get("figure"), modules, scripts[rule].removeprefix("../")))
    return jobs


def functions_of(rule: str, figure: str | None) -> tuple[str, ...]:
    stages = STAGES_OF_RULE.get(rule, ())  # assemble, poster: the same for every figure
    calls = (CATALOGUE[figure].stage(stage) for stage in stages)
    return tuple(call.function for call in calls if call)  # moments are optional


def test_every_figure_and_shared_stage_is_planned(every_job):
    planned = {(rule, figure) for rule, figure, _, _ in every_job}
    assert {("render", f) for f in ANIMATIONS} | {("frame", "robustness")} <= planned
    assert {("poster2x", f) for f in ANIMATIONS} <= planned
    assert {("draw", f) for f in STILLS if "svg" not in CATALOGUE[f].formats} <= planned
    assert {(rule, None) for rule in ("publish", "site")} <= planned


def test_every_job_declares_the_modules_its_script_and_its_figures_functions_import(every_job):
    for rule, figure, declared, script in every_job:
        expected = library_modules(REPO / script, functions=functions_of(rule, figure))
        assert declared == expected, (rule, figure)


FUNCTIONS = sorted(
    call.function
    for entry in CATALOGUE.values()
    for call in (entry.data, entry.fit, entry.draw, entry.words, entry.moments)
    if call
)
# Run in one fresh interpreter: it imports the heavy third-party libraries once (which loads no
# module of the package), then forks a child per module that imports it and reports which of the
# package's modules it then has. argv: the modules.
LOADED_MODULES = """
import importlib, json, os, sys
for heavy in ("numpy", "matplotlib.pyplot", "PIL.Image", "scipy.optimize", "sklearn.ensemble",
              "sklearn.linear_model", "imageio_ffmpeg"):
    try:
        importlib.import_module(heavy)
    except ImportError:
        pass
assert not [m for m in sys.modules if m.startswith("l1l2figures")]
loaded = {}
for module in sys.argv[1:]:
    read, write = os.pipe()
    if os.fork() == 0:
        try:  # a child that fails writes nothing, and the parent's json.loads fails
            os.close(read)
            importlib.import_module(module)
            names = [m for m in sys.modules if m.startswith("l1l2figures.")]
            os.write(write, json.dumps(names).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        loaded[module] = json.loads(pipe.read())
    os.wait()
print(json.dumps(loaded))
"""


@pytest.fixture(scope="module")
def loaded_modules() -> dict[str, set[str]]:
    """{function: the package's modules an interpreter has loaded once it has the function's
    module}: what the imports really pull in, against what the source says."""
    modules = {function: f"l1l2figures.{function.partition(':')[0]}" for function in FUNCTIONS}
    out = subprocess.run(
        [sys.executable, "-c", LOADED_MODULES, *sorted(set(modules.values()))],
        check=True,
        capture_output=True,
        text=True,
    )
    loaded = json.loads(out.stdout)
    return {
        function: {m.removeprefix("l1l2figures.").replace(".", "/") for m in loaded[module]}
        for function, module in modules.items()
    }


@pytest.mark.parametrize("function", FUNCTIONS)
def test_the_modules_read_from_the_source_are_those_python_loads(function, loaded_modules):
    # The package's __init__ modules load with their children; the source names the children.
    loaded = loaded_modules[function] - {"maths", "rendering", "pipeline", "scenes"}
    assert library_modules(functions=(function,)) == loaded


def test_render_jobs_do_not_import_scikit_learn(every_job):
    for rule, figure, declared, script in every_job:
        if rule in ("render", "draw", "svg", "poster2x"):
            sources = [REPO / script, *(module_file(module) for module in declared)]
            assert not any("sklearn" in path.read_text() for path in sources), (rule, figure)


def test_each_shared_stage_is_one_rule():
    names = [rule.name for rule in workflow_rules()]
    assert sorted(set(SHARED_STAGES) & set(names)) == sorted(SHARED_STAGES)
    # A figure's own rules are its short targets only, which make nothing themselves.
    per_figure = {name for name in names if any(name.endswith(f"_{f}") for f in CATALOGUE)}
    short = {f"draft_{f}" for f in CATALOGUE} | {f"contact_sheet_{f}" for f in ANIMATIONS}
    assert per_figure == short
    for rule in workflow_rules():
        if rule.name in short:
            assert not rule.output and rule.script is None and rule.shellcmd is None, rule.name


def python_of(path) -> str:
    """The Python that Snakemake runs for a Snakefile or rule file (its own parser's translation),
    or a script's source."""
    if path.suffix == ".py":
        return path.read_text()
    from snakemake.parser import parse
    from snakemake.sourcecache import LocalSourceFile

    class SourceCache:  # all of a workflow that the parser uses: it opens the file
        @staticmethod
        def open(source):
            return open(source.get_path_or_uri(secret_free=True), encoding="utf-8")

    code, _ = parse(LocalSourceFile(str(path)), SimpleNamespace(sourcecache=SourceCache), {})
    return code


def strings_in_code(code: str) -> list[str]:
    """The string constants of Python code that it computes with: its docstrings, a rule's
    docstring (``@workflow.docstring(...)``) and the rule file's own path (``snakefile=``) left out;
    comments are no constants."""
    tree = ast.parse(code)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "docstring":
                docstrings |= {id(arg) for arg in node.args}
            docstrings |= {id(kw.value) for kw in node.keywords if kw.arg == "snakefile"}
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def strings_in_yaml(node) -> list[str]:
    """Every key and text value of a parsed YAML document."""
    if isinstance(node, dict):
        return [text for key, value in node.items() for text in [str(key), *strings_in_yaml(value)]]
    if isinstance(node, list):
        return [text for item in node for text in strings_in_yaml(item)]
    return [node] if isinstance(node, str) else []


def figures_named(strings) -> list[str]:
    """The catalogue's figures that any of ``strings`` names, as a whole word (``outlier_sweep``
    is not named by ``outlier_sweep_grid``)."""
    return sorted(
        figure
        for figure in CATALOGUE
        if any(re.search(rf"(?<![\w-]){figure}(?![\w-])", text) for text in strings)
    )


def test_the_check_reads_code_and_settings_not_comments(tmp_path):
    smk = tmp_path / "example.smk"
    smk.write_text(
        "# the stability figure reads the sweep's fits\n"
        'rule stable:\n    """Not for stability alone."""\n    output: "a.txt"\n'
        '    shell: "touch {output}"\n'
    )
    assert figures_named(strings_in_code(python_of(smk))) == []
    smk.write_text('rule stable:\n    output: "results/stability/a.txt"\n')
    assert figures_named(strings_in_code(python_of(smk))) == ["stability"]
    script = "# for sparsity\nif snakemake.wildcards.figure == 'sparsity':\n    pass\n"
    assert figures_named(strings_in_code(script)) == ["sparsity"]
    assert figures_named(strings_in_code("grid = 'outlier_sweep_grid'")) == ["outlier_sweep_grid"]
    profile = yaml.safe_load("# robustness\nset-resources:\n  render:\n    mem_mb: 900\n")
    assert figures_named(strings_in_yaml(profile)) == []
    assert figures_named(strings_in_yaml({"set-resources": {"robustness": 1}})) == ["robustness"]


def test_no_rule_script_or_profile_names_a_figure():
    """The figures are listed once, in the catalogue: the workflow, its scripts and the cluster
    profile work for any figure it lists. Read as Snakemake and Python parse them: a comment or a
    docstring may name a figure, a string the code computes with may not."""
    files = [REPO / "Snakefile", *REPO.glob("rules/*.smk"), *REPO.glob("scripts/*.py")]
    for path in files:
        named = figures_named(strings_in_code(python_of(path)))
        assert not named, f"{path.relative_to(REPO)} names {named}"
    for path in REPO.glob("profiles/**/*.yaml"):
        named = figures_named(strings_in_yaml(yaml.safe_load(path.read_text())))
        assert not named, f"{path.relative_to(REPO)} names {named}"
