# The stages every animation shares (catalogue kind "animation"), written once:
#   render   its frames, in jobs of frames_per_job, one set per theme;
#   gate     the figure-quality gate on every frame, and on the colour words of the figure's words
#            (quality/<figure>/<theme>.txt; `quality` runs them all);
#   sheet    a contact sheet of a few frames (`contact_sheets` makes them all), and frame any one
#            frame: drawn as render draws, nothing encoded;
#   pace     each frame's time and the poster frame, from the key moments of the figure's data
#            (catalogue: moments; results/<figure>/pacing.json);
#   assemble the frames encoded, one format per job, each frame for its time;
#   poster   the frame that shows the lesson (the scene's, or poster_at), for the blog bundle;
#   poster2x that frame drawn again at twice the dpi, for high-density screens (srcset's 2x).
# scripts/frames.py draws with the figure's draw function; the job's spec says what it writes.


rule render:
    input:
        library_of("draw", "frames.py"),
        unpack(products_of("draw")),
        spec=spec_of("render"),
    output:
        directory(LAYOUT.frames("{figure}", "{theme}", "{chunk}")),
    log:
        LAYOUT.log("{figure}", "render_{theme}_{chunk}"),
    benchmark:
        LAYOUT.benchmark("{figure}", "render_{theme}_{chunk}")
    wildcard_constraints:
        figure=one_of(ANIMATIONS),
    conda:
        "../environment.yml"
    script:
        "../scripts/frames.py"


use rule render as gate with:
    input:
        library_of("draw", "frames.py"),
        unpack(products_of("draw")),
        spec=spec_of("gate"),
        words=lambda wildcards: LAYOUT.words(wildcards.figure),
    output:
        LAYOUT.quality("{figure}", "{theme}"),
    log:
        LAYOUT.log("{figure}", "quality_{theme}"),
    benchmark:
        LAYOUT.benchmark("{figure}", "quality_{theme}")


use rule render as sheet with:
    input:
        library_of("draw", "frames.py"),
        unpack(products_of("draw")),
        spec=spec_of("sheet"),
    output:
        LAYOUT.sheet("{figure}", "{theme}"),
    log:
        LAYOUT.log("{figure}", "preview_{theme}"),
    benchmark:
        LAYOUT.benchmark("{figure}", "preview_{theme}")


use rule render as frame with:
    input:
        library_of("draw", "frames.py"),
        unpack(products_of("draw")),
        spec=spec_of("frame"),
    output:
        LAYOUT.frame("{figure}", "{theme}", "{index}"),
    log:
        LAYOUT.log("{figure}", "still_{theme}_{index}"),
    benchmark:
        LAYOUT.benchmark("{figure}", "still_{theme}_{index}")


rule pace:
    input:
        library_of("moments", "pace_animation.py"),
        unpack(products_of("moments")),
        spec=spec_of("pace"),
    output:
        LAYOUT.pacing("{figure}"),
    log:
        LAYOUT.log("{figure}", "pace"),
    wildcard_constraints:
        figure=one_of(ANIMATIONS),
    conda:
        "../environment.yml"
    script:
        "../scripts/pace_animation.py"


rule assemble:
    input:
        library("assemble_animation.py"),
        spec=spec_of("assemble"),
        frames=all_frames,
        pacing=lambda wildcards: LAYOUT.pacing(wildcards.figure),
    output:
        report(
            LAYOUT.encoding("{figure}", "{theme}", "{format}"),
            caption="../report/figure.rst",
            category=category,
            labels={"figure": "{figure}", "theme": "{theme}", "format": "{format}"},
        ),
    log:
        LAYOUT.log("{figure}", "assemble_{theme}_{format}"),
    benchmark:
        LAYOUT.benchmark("{figure}", "assemble_{theme}_{format}")
    wildcard_constraints:
        figure=one_of(ANIMATIONS),
        format=one_of(ANIMATION_FORMATS),
    conda:
        "../environment.yml"
    params:
        caption=caption,
    script:
        "../scripts/assemble_animation.py"


rule poster:
    input:
        library("poster.py"),
        spec=spec_of("poster"),
        frames=all_frames,
        pacing=lambda wildcards: LAYOUT.pacing(wildcards.figure),
    output:
        LAYOUT.poster("{figure}", "{theme}"),
    log:
        LAYOUT.log("{figure}", "poster_{theme}"),
    wildcard_constraints:
        figure=one_of(ANIMATIONS),
    conda:
        "../environment.yml"
    script:
        "../scripts/poster.py"


rule poster2x:
    input:
        library_of("draw", "poster2x.py"),
        unpack(products_of("draw")),
        spec=spec_of("poster2x"),
        pacing=lambda wildcards: LAYOUT.pacing(wildcards.figure),
    output:
        LAYOUT.poster("{figure}", "{theme}", "@2x"),
    log:
        LAYOUT.log("{figure}", "poster2x_{theme}"),
    benchmark:
        LAYOUT.benchmark("{figure}", "poster2x_{theme}")
    wildcard_constraints:
        figure=one_of(ANIMATIONS),
    conda:
        "../environment.yml"
    script:
        "../scripts/poster2x.py"
