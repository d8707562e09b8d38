"""Baseline for the benchmark: one animation as one plain script, the way a user would write it.

The same data, fits and scene as the pipeline, built in one process, animated with FuncAnimation
and saved with PillowWriter.
Usage: python bench/baseline.py FIGURE CONFIG.yaml OUT.gif
"""

import sys
from pathlib import Path

import yaml
from matplotlib.animation import FuncAnimation, PillowWriter

from l1l2figures.pipeline.inprocess import scene

figure, config_path, out = sys.argv[1:]
config = yaml.safe_load(Path(config_path).read_text())
section = config[figure]
fig, update = scene(figure, config)
animation = FuncAnimation(fig, update, frames=section["n_frames"])
animation.save(out, writer=PillowWriter(fps=1000 / section["frame_duration_ms"]))
