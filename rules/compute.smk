# The data and fit stages of every figure that has them (catalogue: data, fit), written once:
#   data: results/<figure>/data.json, from the config;
#   fit:  results/<figure>/fits.json (or .npz, arrays), from the config and earlier products.


rule data:
    input:
        library_of("data", "compute.py"),
        unpack(products_of("data")),
    output:
        "results/{figure}/data.json",
    log:
        "logs/{figure}/data.log",
    benchmark:
        "benchmarks/{figure}/data.tsv"
    wildcard_constraints:
        figure=one_of(with_stage("data")),
    conda:
        "../environment.yml"
    params:
        call=call_of("data"),
        config=slice_of("data"),
    script:
        "../scripts/compute.py"


use rule data as fit with:
    input:
        library_of("fit", "compute.py"),
        unpack(products_of("fit")),
    output:
        "results/{figure}/fits.{suffix}",
    log:
        "logs/{figure}/fits.{suffix}.log",
    benchmark:
        "benchmarks/{figure}/fits.{suffix}.tsv"
    wildcard_constraints:
        figure=one_of(with_stage("fit")),
        suffix="json|npz",
    params:
        call=call_of("fit"),
        config=slice_of("fit"),


# The words of every figure (catalogue: words), written once: its measures, from the products it
# reads, and the words made from them (results/<figure>/words.json: title, alt text, description),
# with its report caption (caption.rst); theme_words, the words in one theme's colour names
# (results/<figure>/<theme>/words.json: an SVG's title and description), so that a change to one
# theme's colours redraws only that theme's files.
rule words:
    input:
        library_of("words", "words.py"),
        unpack(products_of("words")),
        caption=project_path("report", "{figure}.rst"),
    output:
        words="results/{figure}/words.json",
        caption="results/{figure}/caption.rst",
    log:
        "logs/{figure}/words.log",
    benchmark:
        "benchmarks/{figure}/words.tsv"
    wildcard_constraints:
        figure=one_of(CATALOGUE),
    conda:
        "../environment.yml"
    params:
        call=call_of("words"),
        config=slice_of("words"),
        # the colours each theme draws, which the words name
        styles=words_styles,
        name=category,
    script:
        "../scripts/words.py"


use rule words as theme_words with:
    input:
        library_of("words", "words.py"),
        unpack(products_of("words")),
    output:
        words="results/{figure}/{theme}/words.json",
    log:
        "logs/{figure}/words_{theme}.log",
    benchmark:
        "benchmarks/{figure}/words_{theme}.tsv"
    params:
        call=call_of("words"),
        config=slice_of("words"),
        styles=lambda wildcards: {
            wildcards.theme: words_styles(wildcards)[wildcards.theme]
        },
        name=category,
