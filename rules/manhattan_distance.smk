# The Manhattan-distance SVG: taxicab paths on a city grid against the straight line.
#   data (geometry and every number on the figure) -> render (SVG and a PNG preview)

MANHATTAN = config["manhattan_distance"]


rule data_manhattan_distance:
    input:
        library("errors", "taxicab"),
    output:
        "results/manhattan_distance/city.json",
    log:
        "logs/manhattan_distance/data.log",
    benchmark:
        "benchmarks/manhattan_distance/data.tsv"
    conda:
        "../environment.yml"
    params:
        city=pick(MANHATTAN, "blocks", "start", "end", "paths"),
    script:
        "../scripts/data_manhattan_distance.py"


rule render_manhattan_distance:
    input:
        library("style", "encode", "formats", "grids", "scenes/manhattan_distance"),
        city="results/manhattan_distance/city.json",
    output:
        svg=report(
            f"{RENDERED}/manhattan_distance/{{theme}}/manhattan_distance.svg",
            caption="../report/manhattan_distance.rst",
            category="Manhattan distance",
            labels={"theme": "{theme}"},
        ),
        png=f"{RENDERED}/manhattan_distance/{{theme}}/manhattan_distance.png",
        png2x=f"{RENDERED}/manhattan_distance/{{theme}}/manhattan_distance@2x.png",
    log:
        f"{DRAFTS}logs/manhattan_distance/render_{{theme}}.log",
    benchmark:
        f"{DRAFTS}benchmarks/manhattan_distance/render_{{theme}}.tsv"
    conda:
        "../environment.yml"
    params:
        style=themed_style("manhattan_distance"),
    script:
        "../scripts/render_manhattan_distance.py"


still_figure("manhattan_distance", "svg", "png")
