# The rules every animation shares, for each animation declared with animation() (common.smk):
#   render_<figure>   its frames, in jobs of frames_per_job, one set per theme;
#   quality_<figure>  the figure-quality gate on every frame (quality/<figure>/<theme>.txt);
#   preview_<figure>  a contact sheet of a few frames, and still_<figure> any one frame: the same
#                     render script, nothing encoded;
#   assemble_<figure> the frames encoded, one format per job;
#   poster_<figure>   the frame that shows the lesson (poster_at), for the blog bundle.
# scripts/render_<figure>.py draws the frames of each (the figure's rule file declares what it reads).

for figure, spec in ANIMATIONS.items():
    frames_dir = f"{RENDERED}/{figure}/{{theme}}/frames"
    # stage: (its outputs, the frames it draws, the wildcards that name its log)
    drawings = {
        "render": (
            {"frames": directory(f"{frames_dir}/{{chunk}}")},
            frames_of_job(spec["frame_jobs"]),
            "{theme}_{chunk}",
        ),
        "quality": (
            {"problems": f"{DRAFTS}quality/{figure}/{{theme}}.txt"},
            spec["shown"],
            "{theme}",
        ),
        "preview": (
            {"sheet": f"{DRAFTS}preview/{figure}/{{theme}}/sheet.png"},
            evenly_spaced(spec["section"]["n_frames"], config["preview"]["frames"]),
            "{theme}",
        ),
        "still": (
            {"still": f"{DRAFTS}preview/{figure}/{{theme}}/frame_{{index}}.png"},
            one_frame(figure, spec["section"]["n_frames"]),
            "{theme}_{index}",
        ),
    }
    for stage, (drawn, indices, named) in drawings.items():

        rule:
            name:
                f"{stage}_{figure}"
            input:
                library("style", "animate", "quality", *spec["modules"]),
                **spec["inputs"],
            output:
                **drawn,
            log:
                f"{DRAFTS}logs/{figure}/{stage}_{named}.log",
            benchmark:
                f"{DRAFTS}benchmarks/{figure}/{stage}_{named}.tsv"
            conda:
                "../environment.yml"
            params:
                figure=figure,
                frames=indices,
                scene=spec["scene"],
                style=themed_style(figure),
            # Formatted when the job runs, from its own params: `figure` is the loop's last by then.
            script:
                "../scripts/render_{params.figure}.py"

    rule:
        name:
            f"assemble_{figure}"
        input:
            library("encode", "formats", "grids"),
            frames=expand(
                f"{frames_dir}/{{chunk}}",
                chunk=range(len(spec["frame_jobs"])),
                allow_missing=True,
            ),
        output:
            report(
                f"{RENDERED}/{figure}/{{theme}}/{figure}.{{format}}",
                caption=f"../report/{figure}.rst",
                category=spec["category"],
                labels={"theme": "{theme}", "format": "{format}"},
            ),
        log:
            f"{DRAFTS}logs/{figure}/assemble_{{theme}}_{{format}}.log",
        benchmark:
            f"{DRAFTS}benchmarks/{figure}/assemble_{{theme}}_{{format}}.tsv"
        wildcard_constraints:
            format="|".join(ANIMATION_FORMATS),
        conda:
            "../environment.yml"
        params:
            frames=spec["shown"],
            size=frame_size(figure),
            durations_ms=spec["durations_ms"],
        script:
            "../scripts/assemble_animation.py"

    poster_job, poster_index = poster_frame(spec)

    rule:
        name:
            f"poster_{figure}"
        input:
            library("encode", "formats", "grids"),
            frames=f"{frames_dir}/{poster_job}",
        output:
            f"{RENDERED}/{figure}/{{theme}}/poster.png",
        log:
            f"{DRAFTS}logs/{figure}/poster_{{theme}}.log",
        conda:
            "../environment.yml"
        params:
            frame=poster_index,
            size=frame_size(figure),
        script:
            "../scripts/poster.py"
