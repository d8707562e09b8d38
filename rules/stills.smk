# The stage every still figure shares (catalogue kind "still"), written once: draw, a PNG and its
# @2x twin in each theme; for a still whose formats include svg, svg writes an accessible SVG
# first (with the <title> and <desc> its words stage made for the theme), then the PNGs from the
# same figure (as the published PNGs have always been made); still_gate, the figure-quality gate
# on the figure as drawn (quality/<figure>/<theme>.txt, as an animation's gate writes).
# scripts/draw.py draws with the figure's draw function.


rule draw:
    input:
        library_of("draw", "draw.py"),
        unpack(products_of("draw")),
        spec=spec_of("draw"),
    output:
        png=report(
            LAYOUT.encoding("{figure}", "{theme}", "png"),
            caption="../report/figure.rst",
            category=category,
            labels={"figure": "{figure}", "theme": "{theme}", "format": "png"},
        ),
        png2x=LAYOUT.high_density("{figure}", "{theme}"),
    log:
        LAYOUT.log("{figure}", "draw_{theme}"),
    benchmark:
        LAYOUT.benchmark("{figure}", "draw_{theme}")
    wildcard_constraints:
        figure=one_of(f for f in STILLS if "svg" not in CATALOGUE[f].formats),
    conda:
        "../environment.yml"
    params:
        caption=caption,
    script:
        "../scripts/draw.py"


use rule draw as svg with:
    input:
        library_of("draw", "draw.py"),
        unpack(products_of("draw")),
        spec=spec_of("svg"),
        # the SVG's <title> and <desc>, for screen readers
        words=LAYOUT.words("{figure}", "{theme}"),
    output:
        svg=report(
            LAYOUT.encoding("{figure}", "{theme}", "svg"),
            caption="../report/figure.rst",
            category=category,
            labels={"figure": "{figure}", "theme": "{theme}", "format": "svg"},
        ),
        png=LAYOUT.encoding("{figure}", "{theme}", "png"),
        png2x=LAYOUT.high_density("{figure}", "{theme}"),
    log:
        LAYOUT.log("{figure}", "svg_{theme}"),
    benchmark:
        LAYOUT.benchmark("{figure}", "svg_{theme}")
    wildcard_constraints:
        figure=one_of(f for f in STILLS if "svg" in CATALOGUE[f].formats),


use rule draw as still_gate with:
    input:
        library_of("draw", "draw.py"),
        unpack(products_of("draw")),
        spec=spec_of("still_gate"),
        words=lambda wildcards: LAYOUT.words(wildcards.figure),
    output:
        LAYOUT.quality("{figure}", "{theme}"),
    log:
        LAYOUT.log("{figure}", "quality_{theme}"),
    benchmark:
        LAYOUT.benchmark("{figure}", "quality_{theme}")
    wildcard_constraints:
        figure=one_of(STILLS),
