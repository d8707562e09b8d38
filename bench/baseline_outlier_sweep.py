"""Baseline for the benchmark: the outlier sweep as one plain script, the way a user would write it.

Same data, fits and scene as the pipeline, animated with FuncAnimation and saved with PillowWriter.
Usage: python baseline_outlier_sweep.py CONFIG.yaml OUT.gif
"""

import sys
from pathlib import Path

import yaml
from matplotlib.animation import FuncAnimation, PillowWriter

from l1l2figures.grids import outlier_sweep_data
from l1l2figures.models import outlier_fits
from l1l2figures.scenes.outlier_sweep import animation_scene
from l1l2figures.style import apply_house_style

config = yaml.safe_load(Path(sys.argv[1]).read_text())
sweep = config["outlier_sweep"]
apply_house_style(config["style"])
data = outlier_sweep_data(sweep)
fits = outlier_fits(data, sweep["gbr"], "sweep_outlier_x")
fig, update = animation_scene(data, fits, sweep["style"], (sweep["x_limits"], sweep["y_limits"]))
animation = FuncAnimation(fig, update, frames=sweep["n_frames"])
animation.save(sys.argv[2], writer=PillowWriter(fps=1000 / sweep["frame_duration_ms"]))
