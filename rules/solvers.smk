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
        library("style", "scenes/solvers"),
        fits="results/solvers/fits.json",
    output:
        report(
            "figures/solvers.png",
            caption="../report/solvers.rst",
            category="Computational difficulty",
        ),
    log:
        "logs/solvers/render.log",
    benchmark:
        "benchmarks/solvers/render.tsv"
    conda:
        "../environment.yml"
    params:
        style=figure_style(config, "solvers"),
    script:
        "../scripts/render_solvers.py"
