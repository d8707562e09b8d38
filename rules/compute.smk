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
