# The stage every still figure shares (catalogue kind "still"), written once: draw, a PNG and its
# @2x twin in each theme; for a still whose formats include svg, svg writes an accessible SVG
# first (with the <title> and <desc> its words stage made for the theme), then the PNGs from the
# same figure (as the published PNGs have always been made).
# scripts/draw.py draws with the figure's draw function.


rule draw:
    input:
        library_of("draw", "draw.py"),
        unpack(products_of("draw")),
    output:
        png=report(
            f"{RENDERED}/{{figure}}/{{theme}}/{{figure}}.png",
            caption="../report/figure.rst",
            category=category,
            labels={"figure": "{figure}", "theme": "{theme}", "format": "png"},
        ),
        png2x=f"{RENDERED}/{{figure}}/{{theme}}/{{figure}}@2x.png",
    log:
        f"{DRAFTS}logs/{{figure}}/draw_{{theme}}.log",
    benchmark:
        f"{DRAFTS}benchmarks/{{figure}}/draw_{{theme}}.tsv"
    wildcard_constraints:
        figure=one_of(f for f in STILLS if "svg" not in CATALOGUE[f].formats),
    conda:
        "../environment.yml"
    params:
        draw=call_of("draw"),
        scene=slice_of("draw"),
        style=themed_style,
        caption=caption,
    script:
        "../scripts/draw.py"


use rule draw as svg with:
    input:
        library_of("draw", "draw.py"),
        unpack(products_of("draw")),
        # the SVG's <title> and <desc>, for screen readers
        words="results/{figure}/{theme}/words.json",
    output:
        svg=report(
            f"{RENDERED}/{{figure}}/{{theme}}/{{figure}}.svg",
            caption="../report/figure.rst",
            category=category,
            labels={"figure": "{figure}", "theme": "{theme}", "format": "svg"},
        ),
        png=f"{RENDERED}/{{figure}}/{{theme}}/{{figure}}.png",
        png2x=f"{RENDERED}/{{figure}}/{{theme}}/{{figure}}@2x.png",
    log:
        f"{DRAFTS}logs/{{figure}}/svg_{{theme}}.log",
    benchmark:
        f"{DRAFTS}benchmarks/{{figure}}/svg_{{theme}}.tsv"
    wildcard_constraints:
        figure=one_of(f for f in STILLS if "svg" in CATALOGUE[f].formats),
