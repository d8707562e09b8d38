# The L1-L2 gradient GIF: gradient descent on each penalty alone, from the same starting weight.
#   fit (both trajectories, one record per frame) -> render (frames, in chunks) -> assemble

GRADIENT = config["l1_l2_gradient"]
GRADIENT_CHUNKS = frame_chunks(GRADIENT)


rule fit_l1_l2_gradient:
    input:
        library("regularization"),
    output:
        "results/l1_l2_gradient/fits.json",
    log:
        "logs/l1_l2_gradient/fit.log",
    benchmark:
        "benchmarks/l1_l2_gradient/fit.tsv"
    conda:
        "../environment.yml"
    params:
        descent=pick(GRADIENT, "w0", "learning_rate", "lam", "l1_step", "n_frames"),
    script:
        "../scripts/fit_l1_l2_gradient.py"


rule render_l1_l2_gradient:
    input:
        library("style", "animate", "regularization", "scenes/l1_l2_gradient"),
        fits="results/l1_l2_gradient/fits.json",
    output:
        directory("results/l1_l2_gradient/frames/{chunk}"),
    log:
        "logs/l1_l2_gradient/render_{chunk}.log",
    benchmark:
        "benchmarks/l1_l2_gradient/render_{chunk}.tsv"
    wildcard_constraints:
        chunk=r"\d+",
    conda:
        "../environment.yml"
    params:
        frames=lambda wildcards: list(GRADIENT_CHUNKS[int(wildcards.chunk)]),
        w_limits=GRADIENT["w_limits"],
        style=GRADIENT["style"],
        house_style=config["style"],
    script:
        "../scripts/render_l1_l2_gradient.py"


rule assemble_l1_l2_gradient:
    input:
        library("encode", "errors", "formats"),
        frames=frame_dirs("l1_l2_gradient"),
    output:
        report(
            animation_files("l1_l2_gradient"),
            caption="../report/l1_l2_gradient.rst",
            category="L1-L2 gradient",
        ),
    log:
        "logs/l1_l2_gradient/assemble.log",
    benchmark:
        "benchmarks/l1_l2_gradient/assemble.tsv"
    conda:
        "../environment.yml"
    params:
        durations_ms=animation_durations(GRADIENT),
    script:
        "../scripts/assemble_animation.py"
