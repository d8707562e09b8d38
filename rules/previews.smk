# README previews: one picture of each figure (an animation's GIF, a still's first format) in its
# default build, copied to docs/ and committed (not part of `all`).
# Refresh them after changing a figure: snakemake --cores 4 previews.

PREVIEWS = [
    f"{name}.{'gif' if name in ANIMATIONS else CATALOGUE[name].formats[0]}"
    for name in CATALOGUE
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
