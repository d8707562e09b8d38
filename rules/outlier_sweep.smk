# The outlier sweep: gradient boosting with L1 and L2 loss while one outlier moves left to right.
#   data -> fit -> render (frames, in chunks) -> assemble (each format); the grid renders from the fits.

SWEEP = config["outlier_sweep"]


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


animation(
    "outlier_sweep",
    SWEEP,
    scene=pick(SWEEP, "x_limits", "y_limits"),
    modules=["scenes/outlier_sweep"],
    inputs={
        "data": "results/outlier_sweep/data.json",
        "fits": "results/outlier_sweep/fits.npz",
    },
    category="Outlier sweep",
)


rule render_outlier_sweep_grid:
    input:
        library("style", "encode", "formats", "grids", "scenes/outlier_sweep"),
        data="results/outlier_sweep/data.json",
        fits="results/outlier_sweep/grid_fits.npz",
    output:
        png=report(
            f"{RENDERED}/outlier_sweep_grid/{{theme}}/outlier_sweep_grid.png",
            caption="../report/outlier_sweep_grid.rst",
            category="Outlier sweep",
            labels={"theme": "{theme}"},
        ),
        png2x=f"{RENDERED}/outlier_sweep_grid/{{theme}}/outlier_sweep_grid@2x.png",
    log:
        f"{DRAFTS}logs/outlier_sweep/render_grid_{{theme}}.log",
    benchmark:
        f"{DRAFTS}benchmarks/outlier_sweep/render_grid_{{theme}}.tsv"
    conda:
        "../environment.yml"
    params:
        scene=pick(SWEEP, "x_limits", "y_limits", "grid_columns"),
        style=themed_style("outlier_sweep"),
    script:
        "../scripts/render_outlier_sweep_grid.py"


still_figure("outlier_sweep_grid", "png")
