"""Jobs import only what they use: each heavy library costs every job that loads it start-up time
(bench/results.md lists each script's)."""

import re
import subprocess
import sys

import pytest

from conftest import REPO

HEAVY = ("sklearn", "matplotlib", "PIL", "imageio_ffmpeg")


def heavy_modules_after(code: str) -> set[str]:
    """The modules under HEAVY that a fresh interpreter has loaded after running ``code``."""
    report = f"import sys; print(' '.join(m for m in sys.modules if m.startswith({HEAVY!r})))"
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\n{report}"], check=True, capture_output=True, text=True
    )
    return set(out.stdout.split())


def test_the_snakefiles_config_check_loads_no_imaging_or_plotting_library():
    assert heavy_modules_after("import l1l2figures.pipeline.configuration") == set()


def test_the_workflow_s_own_imports_load_no_numpy_nor_any_heavy_library():
    """Snakemake reads the Snakefile and rules/ on every run, a no-op too: numpy's import alone
    costs each run about a tenth of a second."""
    shell = [REPO / "Snakefile", *sorted((REPO / "rules").glob("*.smk"))]
    modules = sorted(
        {
            m
            for path in shell
            for m in re.findall(r"^from (l1l2figures\S*) import", path.read_text(), re.MULTILINE)
        }
    )
    assert "l1l2figures.pipeline.specs" in modules  # the modules were found
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules)
    out = subprocess.run(
        [sys.executable, "-c", f"{code}print('numpy' in sys.modules)"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert out.stdout.split() == ["False"]
    assert heavy_modules_after(code) == set()


def test_a_job_s_first_import_loads_no_numpy_nor_any_heavy_library():
    """Scripts import pipeline.jobs before job_log guards them against Ctrl-C: it must be quick."""
    code = "import sys, l1l2figures.pipeline.jobs; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.split() == ["False"]
    assert heavy_modules_after("import l1l2figures.pipeline.jobs") == set()


@pytest.mark.parametrize("module", ["models", "solvers"])
def test_importing_the_model_modules_loads_no_scikit_learn(module):
    assert heavy_modules_after(f"import l1l2figures.maths.{module}") == set()


def test_fitting_straight_lines_loads_no_gradient_boosting():
    loaded = heavy_modules_after(
        "from l1l2figures.maths.models import line_fits; line_fits([0, 1, 2], [0, 1, 3])"
    )
    assert "sklearn.linear_model" in loaded
    assert "sklearn.ensemble" not in loaded


def test_assembling_an_animation_loads_no_matplotlib():
    loaded = heavy_modules_after("import l1l2figures.rendering.encode")
    assert not any(m.startswith("matplotlib") for m in loaded)


# The library's layers, lowest first: a module imports only from its own layer or those below.
# The core's own parts are layers too: numbers, then pictures of them, words about them, and the
# scenes that draw and word a figure.
LAYERS = [
    {"errors", "limits", "files", "arrays", "catalogue"},
    {"maths"},
    {"rendering"},
    {"words"},
    {"scenes"},
    {"pipeline"},
    {"preview"},
]


def layer_of(module: str) -> int:
    top = module.removeprefix("l1l2figures.").split(".")[0]
    return next(i for i, layer in enumerate(LAYERS) if top in layer)


def test_no_lower_layer_imports_from_a_higher_one():
    from l1l2figures.pipeline.dependencies import LIBRARY, imported_modules

    upward = []
    for path in sorted(LIBRARY.rglob("*.py")):
        module = path.relative_to(LIBRARY).with_suffix("").as_posix()
        if module == "__init__":
            continue
        for imported in imported_modules(path):
            if layer_of(imported.replace("/", ".")) > layer_of(module.replace("/", ".")):
                upward.append(f"{module} imports {imported}")
    assert upward == []


def test_the_layer_check_knows_every_part_of_the_library():
    from l1l2figures.pipeline.dependencies import LIBRARY

    parts = {p.stem for p in LIBRARY.iterdir() if p.suffix == ".py" or p.is_dir()}
    assert parts - {"__init__", "__pycache__"} <= set().union(*LAYERS)


@pytest.mark.parametrize("script", ["compute.py", "draw.py", "frames.py"])
def test_a_job_that_reads_or_writes_products_depends_on_their_readers_and_writers(script):
    # declared as the job's inputs: editing how a product is stored reruns the jobs that store it
    from l1l2figures.pipeline.dependencies import library_modules

    assert {"files", "arrays", "pipeline/build"} <= library_modules(REPO / "scripts" / script)
