# The outlier sweep: gradient boosting with L1 and L2 loss while one outlier moves left to right.
#   data -> fit -> render (frames, in chunks) -> assemble (each format); the grid renders from the fits.

SWEEP = config["outlier_sweep"]
SWEEP_CHUNKS = frame_chunks(SWEEP)


rule data_outlier_sweep:
    input:
        library("grids"),
    output:
        "results/outlier_sweep/data.json",
    log:
        "logs/outlier_sweep/data.log",
    benchmark:
        "benchmarks/outlier_sweep/data.tsv"
    conda:
        "../environment.yml"
    params:
        dataset=pick(
            SWEEP,
            "seed",
            "base_x",
            "line_slope",
            "line_intercept",
            "noise_half_width",
            "outlier_y",
            "outlier_x_range",
            "n_frames",
            "grid_panels",
            "x_limits",
            "prediction_points",
        ),
    script:
        "../scripts/data_outlier_sweep.py"


rule fit_outlier_sweep:
    input:
        library("models"),
        data="results/outlier_sweep/data.json",
    output:
        sweep="results/outlier_sweep/fits.npz",
        grid="results/outlier_sweep/grid_fits.npz",
    log:
        "logs/outlier_sweep/fit.log",
    benchmark:
        "benchmarks/outlier_sweep/fit.tsv"
    conda:
        "../environment.yml"
    params:
        gbr=SWEEP["gbr"],
    script:
        "../scripts/fit_outlier_sweep.py"


rule render_outlier_sweep:
    input:
        library("style", "animate", "scenes/outlier_sweep"),
        data="results/outlier_sweep/data.json",
        fits="results/outlier_sweep/fits.npz",
    output:
        directory("results/outlier_sweep/frames/{chunk}"),
    log:
        "logs/outlier_sweep/render_{chunk}.log",
    benchmark:
        "benchmarks/outlier_sweep/render_{chunk}.tsv"
    wildcard_constraints:
        chunk=r"\d+",
    conda:
        "../environment.yml"
    params:
        frames=lambda wildcards: list(SWEEP_CHUNKS[int(wildcards.chunk)]),
        limits=pick(SWEEP, "x_limits", "y_limits"),
        style=SWEEP["style"],
        house_style=config["style"],
    script:
        "../scripts/render_outlier_sweep.py"


rule assemble_outlier_sweep:
    input:
        library("encode", "errors", "formats"),
        frames=frame_dirs("outlier_sweep"),
    output:
        report(
            animation_files("outlier_sweep"),
            caption="../report/outlier_sweep.rst",
            category="Outlier sweep",
        ),
    log:
        "logs/outlier_sweep/assemble.log",
    benchmark:
        "benchmarks/outlier_sweep/assemble.tsv"
    conda:
        "../environment.yml"
    params:
        durations_ms=animation_durations(SWEEP),
    script:
        "../scripts/assemble_animation.py"


rule render_outlier_sweep_grid:
    input:
        library("style", "scenes/outlier_sweep"),
        data="results/outlier_sweep/data.json",
        fits="results/outlier_sweep/grid_fits.npz",
    output:
        report(
            "figures/outlier_sweep_grid.png",
            caption="../report/outlier_sweep_grid.rst",
            category="Outlier sweep",
        ),
    log:
        "logs/outlier_sweep/render_grid.log",
    benchmark:
        "benchmarks/outlier_sweep/render_grid.tsv"
    conda:
        "../environment.yml"
    params:
        columns=SWEEP["grid_columns"],
        limits=pick(SWEEP, "x_limits", "y_limits"),
        style=SWEEP["style"],
        house_style=config["style"],
    script:
        "../scripts/render_outlier_sweep_grid.py"
