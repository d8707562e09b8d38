# The blog bundle: `snakemake --cores 4 site` (not part of `all`). Every figure's light and dark
# assets are copied into site/, with a snippet to paste per figure and a gallery page, index.html.
# The words come from report/: alt texts in words.yaml, descriptions from the report captions.

from l1l2figures.site import FIGURES, TEMPLATES_DIR, site_inputs, site_outputs

REPORT_DIR = os.path.join(workflow.basedir, "report")


rule site:
    input:
        library(
            "site", "configuration", "encode", "errors", "regularization", "taxicab"
        ),
        templates=sorted(str(path) for path in TEMPLATES_DIR.iterdir()),
        words=os.path.join(REPORT_DIR, "words.yaml"),
        captions=expand(os.path.join(REPORT_DIR, "{figure}.rst"), figure=FIGURES),
        assets=site_inputs(),
    output:
        site_outputs("site"),
    log:
        "logs/site.log",
    conda:
        "../environment.yml"
    params:
        # the captions may quote any config value
        config=config,
    script:
        "../scripts/build_site.py"
