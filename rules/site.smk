# The blog bundle: `snakemake --cores 4 site` (not part of `all`). Every figure's light and dark
# assets are copied into site/, with a snippet to paste per figure and a gallery page, index.html.
# The words come from each figure's words stage (results/<figure>/words.json).
# Each figure gets a manifest of how it was made, and each static site generator an embed.

from l1l2figures.pipeline.layout import TEMPLATES_DIR

SITE_CATALOGUE = site_catalogue()


rule site:
    input:
        library("build_site.py"),
        spec=spec_of("site"),
        templates=sorted(
            os.path.relpath(path) for path in TEMPLATES_DIR.iterdir() if path.is_file()
        ),
        words=[LAYOUT.words(figure) for figure in SITE_CATALOGUE],
        checked_for_video=checked_for_video,
        assets=LAYOUT.site_inputs(SITE_CATALOGUE),
        # each animation's frame times (rule pace), which its encodings are checked against
        pacing=[LAYOUT.pacing(figure) for figure in ANIMATIONS],
    # update(): Snakemake leaves the previous bundle in place; the job replaces it whole, once the
    # new one is complete (site.build_site). The receipt holds the SHA-256 of every file written:
    # a file changed since is a change of the site's spec (pipeline.specs), and a run without a
    # receipt failed (mark_failed_publications).
    output:
        [update(path) for path in site_outputs(LAYOUT, SITE_CATALOGUE)],
        receipt=LAYOUT.receipt("site"),
    log:
        LAYOUT.log("", "site"),
    conda:
        "../environment.yml"
    script:
        "../scripts/build_site.py"
