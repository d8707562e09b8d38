# README previews: the default figures, copied to docs/ and committed (not part of `all`).
# Refresh them after changing a figure: snakemake --cores 4 previews

PREVIEWS = [
    "outlier_sweep.gif",
    "outlier_sweep_grid.png",
    "l1_l2_gradient.gif",
    "manhattan_distance.svg",
    "robustness.gif",
    "stability.png",
    "sparsity.gif",
    "solvers.png",
]


rule previews:
    input:
        expand("figures/{name}", name=PREVIEWS),
    output:
        expand("docs/{name}", name=PREVIEWS),
    log:
        "logs/previews.log",
    conda:
        "../environment.yml"
    shell:
        "cp {input} docs/ 2> {log}"
