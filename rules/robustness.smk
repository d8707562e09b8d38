# Robustness: straight lines fitted with L1 and L2 loss while one point rises above the rest.
#   data -> fit (both lines, one record per frame) -> render (frames, in chunks) -> assemble

ROBUSTNESS = config["robustness"]


rule data_robustness:
    input:
        library("grids"),
    output:
        "results/robustness/data.json",
    log:
        "logs/robustness/data.log",
    benchmark:
        "benchmarks/robustness/data.tsv"
    conda:
        "../environment.yml"
    params:
        dataset=pick(
            ROBUSTNESS,
            "seed",
            "n_points",
            "x_range",
            "line_slope",
            "line_intercept",
            "noise_half_width",
            "outlier_x",
            "outlier_rise",
            "n_frames",
        ),
    script:
        "../scripts/data_robustness.py"


rule fit_robustness:
    input:
        library("models"),
        data="results/robustness/data.json",
    output:
        "results/robustness/fits.json",
    log:
        "logs/robustness/fit.log",
    benchmark:
        "benchmarks/robustness/fit.tsv"
    conda:
        "../environment.yml"
    script:
        "../scripts/fit_robustness.py"


animation(
    "robustness",
    ROBUSTNESS,
    scene=pick(ROBUSTNESS, "x_limits", "y_limits", "line_slope", "line_intercept"),
    modules=["scenes/robustness"],
    inputs={
        "data": "results/robustness/data.json",
        "fits": "results/robustness/fits.json",
    },
    category="Robustness",
)
