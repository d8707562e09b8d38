# A finished figure, from results/<figure>/light/ into figures/.


rule publish:
    """A finished figure into figures/, once checked whole: copied beside it, then renamed over it.

    update(): Snakemake keeps the previous figure until the rename replaces it, so whatever fails
    on the way (a render, an encoder, a damaged file, a full disk, a signal) the last good figure
    stays.
    """
    input:
        library("publish.py"),
        finished=LAYOUT.encoding("{name}", PUBLISHED_THEME, "{extension}"),
        pacing=published_pacing,
    output:
        update(LAYOUT.published("{name}.{extension}")),
    log:
        LAYOUT.log("publish", "{name}.{extension}"),
    wildcard_constraints:
        name=r"[A-Za-z0-9_]+",
        extension=r"[a-z0-9]+",
    localrule: True
    conda:
        "../environment.yml"
    script:
        "../scripts/publish.py"
