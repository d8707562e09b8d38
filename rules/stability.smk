# Stability, quantified: measured on the outlier sweep's fits (reused through the DAG, not refitted).
#   fit (shift and jump per outlier position) -> render (PNG)


rule fit_stability:
    input:
        library("stability"),
        fits="results/outlier_sweep/fits.npz",
    output:
        "results/stability/measures.json",
    log:
        "logs/stability/fit.log",
    benchmark:
        "benchmarks/stability/fit.tsv"
    conda:
        "../environment.yml"
    script:
        "../scripts/fit_stability.py"


rule render_stability:
    input:
        library("style", "scenes/stability"),
        measures="results/stability/measures.json",
        data="results/outlier_sweep/data.json",
    output:
        report(
            "figures/stability.png",
            caption="../report/stability.rst",
            category="Stability",
        ),
    log:
        "logs/stability/render.log",
    benchmark:
        "benchmarks/stability/render.tsv"
    conda:
        "../environment.yml"
    params:
        style=figure_style(config, "stability"),
    script:
        "../scripts/render_stability.py"
