# Stability, quantified: measured on the outlier sweep's fits (reused through the DAG, not refitted).
#   fit (shift and sensitivity per outlier position) -> render (PNG)


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
        library("style", "encode", "formats", "grids", "scenes/stability"),
        measures="results/stability/measures.json",
        data="results/outlier_sweep/data.json",
    output:
        png=report(
            f"{RENDERED}/stability/{{theme}}/stability.png",
            caption="../report/stability.rst",
            category="Stability",
            labels={"theme": "{theme}"},
        ),
        png2x=f"{RENDERED}/stability/{{theme}}/stability@2x.png",
    log:
        f"{DRAFTS}logs/stability/render_{{theme}}.log",
    benchmark:
        f"{DRAFTS}benchmarks/stability/render_{{theme}}.tsv"
    conda:
        "../environment.yml"
    params:
        style=themed_style("stability"),
    script:
        "../scripts/render_stability.py"


still_figure("stability", "png")
