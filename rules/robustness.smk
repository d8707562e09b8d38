# Robustness: straight lines fitted with L1 and L2 loss while one point rises above the rest.
#   data -> fit (both lines, one record per frame) -> render (frames, in chunks) -> assemble

ROBUSTNESS = config["robustness"]
ROBUSTNESS_CHUNKS = frame_chunks(ROBUSTNESS)


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


rule render_robustness:
    input:
        library("style", "animate", "scenes/robustness"),
        data="results/robustness/data.json",
        fits="results/robustness/fits.json",
    output:
        directory("results/robustness/frames/{chunk}"),
    log:
        "logs/robustness/render_{chunk}.log",
    benchmark:
        "benchmarks/robustness/render_{chunk}.tsv"
    wildcard_constraints:
        chunk=r"\d+",
    conda:
        "../environment.yml"
    params:
        frames=lambda wildcards: list(ROBUSTNESS_CHUNKS[int(wildcards.chunk)]),
        limits=pick(ROBUSTNESS, "x_limits", "y_limits"),
        style=ROBUSTNESS["style"],
        house_style=config["style"],
    script:
        "../scripts/render_robustness.py"


rule assemble_robustness:
    input:
        library("encode", "errors", "formats"),
        frames=frame_dirs("robustness"),
    output:
        report(
            animation_files("robustness"),
            caption="../report/robustness.rst",
            category="Robustness",
        ),
    log:
        "logs/robustness/assemble.log",
    benchmark:
        "benchmarks/robustness/assemble.tsv"
    conda:
        "../environment.yml"
    params:
        durations_ms=animation_durations(ROBUSTNESS),
    script:
        "../scripts/assemble_animation.py"
