# The blog bundle: `snakemake --cores 4 site` (not part of `all`). Every figure's light and dark
# assets are copied into site/, with a snippet to paste per figure and a gallery page, index.html.
# The words come from each figure's words stage (results/<figure>/words.json).
# Each figure gets a manifest of how it was made, and each static site generator an embed.

from l1l2figures.pipeline.provenance import figures_read
from l1l2figures.pipeline.site_paths import (
    ANIMATED,
    TEMPLATES_DIR,
    site_inputs,
    site_outputs,
)

SITE_DIR = f"{DRAFTS}site"
# Every figure of the catalogue: {figure: ANIMATED, or the formats a still comes in}.
SITE_CATALOGUE = {
    name: ANIMATED if name in ANIMATIONS else CATALOGUE[name].formats
    for name in CATALOGUE
}
# {figure: the figures whose results it reads}: a manifest's config has their sections too.
FIGURES_READ = {
    figure: sorted(read) for figure, read in figures_read(CATALOGUE).items()
}


rule site:
    input:
        library("build_site.py"),
        templates=sorted(
            project_path("src", "l1l2figures", "pipeline", "templates", path.name)
            for path in TEMPLATES_DIR.iterdir()
        ),
        words=[words_of(figure) for figure in SITE_CATALOGUE],
        checked_for_video=checked_for_video,
        assets=site_inputs(SITE_CATALOGUE, RENDERED),
        # each animation's frame times (rule pace), which its encodings are checked against
        pacing=[pacing_file(figure) for figure in ANIMATIONS],
    # update(): Snakemake leaves the previous bundle in place; the job replaces it whole, once the
    # new one is complete (site.build_site).
    output:
        [update(path) for path in site_outputs(SITE_DIR, SITE_CATALOGUE, RENDERED)],
    log:
        f"{DRAFTS}logs/site.log",
    conda:
        "../environment.yml"
    params:
        catalogue=SITE_CATALOGUE,
        # where the assets are, for their paths inside site/ (results/ or drafts/results/)
        results=lambda wildcards: RENDERED,
        # the manifests' config slices
        config=config,
        reads=FIGURES_READ,
        # the git checkout the manifests name the commit of
        project_dir=project_path(),
        # the animations, in the order of the pacing files among the inputs
        animations=list(ANIMATIONS),
    script:
        "../scripts/build_site.py"
