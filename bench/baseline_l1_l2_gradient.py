"""Baseline for the benchmark: the L1-L2 gradient GIF as one plain script, as a user would write it.

Same trajectories and scene as the pipeline, animated with FuncAnimation and saved with PillowWriter.
Usage: python baseline_l1_l2_gradient.py CONFIG.yaml OUT.gif
"""

import sys
from pathlib import Path

import yaml
from matplotlib.animation import FuncAnimation, PillowWriter

from l1l2figures.regularization import gradient_descent
from l1l2figures.scenes.l1_l2_gradient import animation_scene
from l1l2figures.style import apply_house_style

config = yaml.safe_load(Path(sys.argv[1]).read_text())
gradient = config["l1_l2_gradient"]
apply_house_style(config["style"])
fig, update = animation_scene(gradient_descent(gradient), gradient["w_limits"], gradient["style"])
animation = FuncAnimation(fig, update, frames=gradient["n_frames"])
animation.save(sys.argv[2], writer=PillowWriter(fps=1000 / gradient["frame_duration_ms"]))
