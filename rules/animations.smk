# The stages every animation shares (catalogue kind "animation"), written once:
#   render   its frames, in jobs of frames_per_job, one set per theme;
#   gate     the figure-quality gate on every frame, and on the colour words of the figure's words
#            (quality/<figure>/<theme>.txt; `quality` runs them all);
#   sheet    a contact sheet of a few frames (`preview` makes them all), and frame any one frame:
#            drawn as render draws, nothing encoded;
#   pace     each frame's time and the poster frame, from the key moments of the figure's data
#            (catalogue: moments; results/<figure>/pacing.json);
#   assemble the frames encoded, one format per job, each frame for its time;
#   poster   the frame that shows the lesson (the scene's, or poster_at), for the blog bundle;
#   poster2x that frame drawn again at twice the dpi, for high-density screens (srcset's 2x).
# scripts/frames.py draws with the figure's draw function; the job's rule says what it writes.


rule render:
    input:
        library_of("draw", "frames.py"),
        unpack(products_of("draw")),
    output:
        directory(frames_dir("{figure}", "{chunk}")),
    log:
        f"{DRAFTS}logs/{{figure}}/render_{{theme}}_{{chunk}}.log",
    benchmark:
        f"{DRAFTS}benchmarks/{{figure}}/render_{{theme}}_{{chunk}}.tsv"
    wildcard_constraints:
        figure=one_of(ANIMATIONS),
    conda:
        "../environment.yml"
    params:
        draw=call_of("draw"),
        frames=lambda wildcards: frame_jobs(wildcards.figure)[int(wildcards.chunk)],
        scene=slice_of("draw"),
        style=themed_style,
    script:
        "../scripts/frames.py"


use rule render as gate with:
    input:
        library_of("draw", "frames.py"),
        unpack(products_of("draw")),
        words=lambda wildcards: words_of(wildcards.figure),
    output:
        f"{DRAFTS}quality/{{figure}}/{{theme}}.txt",
    log:
        f"{DRAFTS}logs/{{figure}}/quality_{{theme}}.log",
    benchmark:
        f"{DRAFTS}benchmarks/{{figure}}/quality_{{theme}}.tsv"
    params:
        frames=lambda wildcards: shown_frames(wildcards.figure),


use rule render as sheet with:
    output:
        f"{DRAFTS}preview/{{figure}}/{{theme}}/sheet.png",
    log:
        f"{DRAFTS}logs/{{figure}}/preview_{{theme}}.log",
    benchmark:
        f"{DRAFTS}benchmarks/{{figure}}/preview_{{theme}}.tsv"
    params:
        frames=lambda wildcards: evenly_spaced(
            section(wildcards.figure)["n_frames"], config["preview"]["frames"]
        ),


use rule render as frame with:
    output:
        f"{DRAFTS}preview/{{figure}}/{{theme}}/frame_{{index}}.png",
    log:
        f"{DRAFTS}logs/{{figure}}/still_{{theme}}_{{index}}.log",
    benchmark:
        f"{DRAFTS}benchmarks/{{figure}}/still_{{theme}}_{{index}}.tsv"
    params:
        frames=lambda wildcards: one_frame(wildcards.figure, int(wildcards.index)),


rule pace:
    input:
        library_of("moments", "pace_animation.py"),
        unpack(products_of("moments")),
    output:
        pacing_file("{figure}"),
    log:
        f"{DRAFTS}logs/{{figure}}/pace.log",
    wildcard_constraints:
        figure=one_of(ANIMATIONS),
    conda:
        "../environment.yml"
    params:
        call=call_of("moments"),
        frames=lambda wildcards: shown_frames(wildcards.figure),
        timing=lambda wildcards: {
            key: section(wildcards.figure)[key]
            for key in ("frame_duration_ms", "end_pause_ms")
        },
        poster_override=lambda wildcards: poster_override(wildcards.figure),
    script:
        "../scripts/pace_animation.py"


rule assemble:
    input:
        library("assemble_animation.py"),
        frames=all_frames,
        pacing=lambda wildcards: pacing_file(wildcards.figure),
    output:
        report(
            f"{RENDERED}/{{figure}}/{{theme}}/{{figure}}.{{format}}",
            caption="../report/figure.rst",
            category=category,
            labels={"figure": "{figure}", "theme": "{theme}", "format": "{format}"},
        ),
    log:
        f"{DRAFTS}logs/{{figure}}/assemble_{{theme}}_{{format}}.log",
    benchmark:
        f"{DRAFTS}benchmarks/{{figure}}/assemble_{{theme}}_{{format}}.tsv"
    wildcard_constraints:
        figure=one_of(ANIMATIONS),
        format=one_of(ANIMATION_FORMATS),
    conda:
        "../environment.yml"
    params:
        frames=lambda wildcards: shown_frames(wildcards.figure),
        size=frame_size,
        caption=caption,
    script:
        "../scripts/assemble_animation.py"


rule poster:
    input:
        library("poster.py"),
        frames=all_frames,
        pacing=lambda wildcards: pacing_file(wildcards.figure),
    output:
        f"{RENDERED}/{{figure}}/{{theme}}/poster.png",
    log:
        f"{DRAFTS}logs/{{figure}}/poster_{{theme}}.log",
    wildcard_constraints:
        figure=one_of(ANIMATIONS),
    conda:
        "../environment.yml"
    params:
        size=frame_size,
    script:
        "../scripts/poster.py"


rule poster2x:
    input:
        library_of("draw", "poster2x.py"),
        unpack(products_of("draw")),
        pacing=lambda wildcards: pacing_file(wildcards.figure),
    output:
        f"{RENDERED}/{{figure}}/{{theme}}/poster@2x.png",
    log:
        f"{DRAFTS}logs/{{figure}}/poster2x_{{theme}}.log",
    benchmark:
        f"{DRAFTS}benchmarks/{{figure}}/poster2x_{{theme}}.tsv"
    wildcard_constraints:
        figure=one_of(ANIMATIONS),
    conda:
        "../environment.yml"
    params:
        draw=call_of("draw"),
        scene=slice_of("draw"),
        style=high_density_style,
    script:
        "../scripts/poster2x.py"
