"""Jobs import only what they use: each heavy library costs every job that loads it start-up time
(bench/results.md lists each script's)."""

import subprocess
import sys

import pytest

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
