# Computational difficulty: lasso by coordinate descent against ridge's closed form.
#   fit (every sweep of coordinate descent, the ridge solve) -> render (PNG)


rule fit_solvers:
    input:
        library("models", "regularization", "solvers"),
    output:
        "results/solvers/fits.json",
    log:
        "logs/solvers/fit.log",
    benchmark:
        "benchmarks/solvers/fit.tsv"
    conda:
        "../environment.yml"
    params:
        solvers=pick(
            config["solvers"], "lasso_alpha", "ridge_alpha", "tolerance", "max_sweeps"
        ),
    script:
        "../scripts/fit_solvers.py"


rule render_solvers:
    input:
        library("style", "encode", "formats", "grids", "scenes/solvers"),
        fits="results/solvers/fits.json",
    output:
        png=report(
            f"{RENDERED}/solvers/{{theme}}/solvers.png",
            caption="../report/solvers.rst",
            category="Computational difficulty",
            labels={"theme": "{theme}"},
        ),
        png2x=f"{RENDERED}/solvers/{{theme}}/solvers@2x.png",
    log:
        f"{DRAFTS}logs/solvers/render_{{theme}}.log",
    benchmark:
        f"{DRAFTS}benchmarks/solvers/render_{{theme}}.tsv"
    conda:
        "../environment.yml"
    params:
        style=themed_style("solvers"),
    script:
        "../scripts/render_solvers.py"


still_figure("solvers", "png")
