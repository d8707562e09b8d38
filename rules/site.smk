# The blog bundle: `snakemake --cores 4 site` (not part of `all`). Every figure's light and dark
# assets are copied into site/, with a snippet to paste per figure and a gallery page, index.html.
# The words come from report/: alt texts in words.yaml, descriptions from the report captions.
# Each figure gets a manifest of how it was made, and each static site generator an embed.

from l1l2figures.provenance import figures_read
from l1l2figures.site_paths import ANIMATED, TEMPLATES_DIR, site_inputs, site_outputs

REPORT_DIR = project_path("report")
# Every figure the rule files declare: {figure: ANIMATED, or the extensions a still comes in}.
SITE_CATALOGUE = {**{figure: ANIMATED for figure in ANIMATIONS}, **STILLS}
# {figure: the figures whose results its rules read}: a manifest's config has their sections too.
FIGURES_READ = {
    figure: sorted(read)
    for figure, read in figures_read(
        (rule.input, rule.output) for rule in workflow.rules
    ).items()
}


rule site:
    input:
        library(
            "site", "site_paths", "formats", "theme", "errors", "embeds", "provenance"
        ),
        templates=sorted(
            project_path("src", "l1l2figures", "templates", path.name)
            for path in TEMPLATES_DIR.iterdir()
        ),
        words=os.path.join(REPORT_DIR, "words.yaml"),
        captions=expand(os.path.join(REPORT_DIR, "{figure}.rst"), figure=SITE_CATALOGUE),
        assets=site_inputs(SITE_CATALOGUE, RENDERED),
    output:
        site_outputs(f"{DRAFTS}site", SITE_CATALOGUE, RENDERED),
    log:
        f"{DRAFTS}logs/site.log",
    conda:
        "../environment.yml"
    params:
        catalogue=SITE_CATALOGUE,
        # where the assets are, for their paths inside site/ (results/ or drafts/results/)
        results=lambda wildcards: RENDERED,
        # the captions may quote any config value
        config=config,
        reads=FIGURES_READ,
        # the git checkout the manifests name the commit of
        project_dir=project_path(),
    script:
        "../scripts/build_site.py"
