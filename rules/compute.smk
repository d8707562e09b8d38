# The data and fit stages of every figure that has them (catalogue: data, fit), written once:
#   data: results/<figure>/data.json, from the config;
#   fit:  results/<figure>/fits.json (or .npz, arrays), from the config and earlier products.


rule data:
    input:
        library_of("data", "compute.py"),
        unpack(products_of("data")),
        spec=spec_of("data"),
    output:
        LAYOUT.product("{figure}", "data", "json"),
    log:
        LAYOUT.shared.log("{figure}", "data"),
    benchmark:
        LAYOUT.shared.benchmark("{figure}", "data")
    wildcard_constraints:
        figure=one_of(with_stage("data")),
    conda:
        "../environment.yml"
    script:
        "../scripts/compute.py"


use rule data as fit with:
    input:
        library_of("fit", "compute.py"),
        unpack(products_of("fit")),
        spec=spec_of("fit"),
    output:
        LAYOUT.product("{figure}", "fit"),
    log:
        LAYOUT.shared.log("{figure}", "fits.{suffix}"),
    benchmark:
        LAYOUT.shared.benchmark("{figure}", "fits.{suffix}")
    wildcard_constraints:
        figure=one_of(with_stage("fit")),
        suffix="json|npz",


# The words of every figure (catalogue: words), written once: its measures, from the products it
# reads, and the words made from them (results/<figure>/words.json: title, alt text, description),
# with its report caption (caption.rst); theme_words, the words in one theme's colour names
# (results/<figure>/<theme>/words.json: an SVG's title and description), so that a change to one
# theme's colours redraws only that theme's files.
rule words:
    input:
        library_of("words", "words.py"),
        unpack(products_of("words")),
        spec=spec_of("words"),
        caption=project_path("report", "{figure}.rst"),
    output:
        words=LAYOUT.words("{figure}"),
        caption=LAYOUT.caption("{figure}"),
    log:
        LAYOUT.shared.log("{figure}", "words"),
    benchmark:
        LAYOUT.shared.benchmark("{figure}", "words")
    wildcard_constraints:
        figure=one_of(CATALOGUE),
    conda:
        "../environment.yml"
    script:
        "../scripts/words.py"


use rule words as theme_words with:
    input:
        library_of("words", "words.py"),
        unpack(products_of("words")),
        spec=spec_of("theme_words"),
    output:
        words=LAYOUT.words("{figure}", "{theme}"),
    log:
        LAYOUT.shared.log("{figure}", "words_{theme}"),
    benchmark:
        LAYOUT.shared.benchmark("{figure}", "words_{theme}")


# A job's spec (common.smk: SPECS), written in this process: it costs no interpreter start.
rule spec:
    output:
        f"{{drafted}}{LAYOUT.spec('{job}', '{digest}')}",
    log:
        f"{{drafted}}{LAYOUT.shared.log('specs', '{job}/{digest}')}",
    wildcard_constraints:
        drafted=f"|{DRAFTS}",
        job=r"[^/]+(/[^/=]+=[^/]+)*",
        digest=r"[0-9a-f]+",
    localrule: True
    run:
        write_job_spec(output[0], log[0], wildcards.job)
