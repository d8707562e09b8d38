# The README's pictures: one of each figure (an animation's GIF, a still's first format) in its
# default build, copied to docs/ and committed (not part of `all`).
# Refresh them after changing a figure: snakemake --cores 4 readme_pictures.

README_PICTURES = [
    f"{name}.{'gif' if name in ANIMATIONS else CATALOGUE[name].formats[0]}"
    for name in CATALOGUE
]


rule readme_pictures:
    input:
        [LAYOUT.shared.published(name) for name in README_PICTURES],
    output:
        expand("docs/{name}", name=README_PICTURES),
    log:
        LAYOUT.shared.log("", "readme_pictures"),
    conda:
        "../environment.yml"
    shell:
        "cp {input} docs/ 2> {log}"
