# Sparsity: least squares inside the L1 diamond and the L2 disc, and lasso and ridge paths.
#   data (the centre per frame, the alpha grids) -> fit (constrained solutions, paths)
#   -> render (frames, in chunks) -> assemble

SPARSITY = config["sparsity"]
SPARSITY_CHUNKS = frame_chunks(SPARSITY)


rule data_sparsity:
    input:
        library("grids"),
    output:
        "results/sparsity/data.json",
    log:
        "logs/sparsity/data.log",
    benchmark:
        "benchmarks/sparsity/data.tsv"
    conda:
        "../environment.yml"
    params:
        grid=pick(
            SPARSITY,
            "centre_radius",
            "centre_angles_deg",
            "n_frames",
            "lasso_alphas_log10",
            "ridge_alphas_log10",
            "n_alphas",
        ),
    script:
        "../scripts/data_sparsity.py"


rule fit_sparsity:
    input:
        library("models", "sparsity"),
        data="results/sparsity/data.json",
    output:
        "results/sparsity/fits.json",
    log:
        "logs/sparsity/fit.log",
    benchmark:
        "benchmarks/sparsity/fit.tsv"
    conda:
        "../environment.yml"
    params:
        problem=pick(SPARSITY, "budget", "loss_matrix"),
    script:
        "../scripts/fit_sparsity.py"


rule render_sparsity:
    input:
        library("style", "animate", "sparsity", "scenes/sparsity"),
        fits="results/sparsity/fits.json",
    output:
        directory("results/sparsity/frames/{chunk}"),
    log:
        "logs/sparsity/render_{chunk}.log",
    benchmark:
        "benchmarks/sparsity/render_{chunk}.tsv"
    wildcard_constraints:
        chunk=r"\d+",
    conda:
        "../environment.yml"
    params:
        frames=lambda wildcards: list(SPARSITY_CHUNKS[int(wildcards.chunk)]),
        picture=pick(SPARSITY, "budget", "loss_matrix", "beta_limits"),
        style=SPARSITY["style"],
        house_style=config["style"],
    script:
        "../scripts/render_sparsity.py"


rule assemble_sparsity:
    input:
        library("encode", "errors", "formats"),
        frames=frame_dirs("sparsity"),
    output:
        report(
            animation_files("sparsity"),
            caption="../report/sparsity.rst",
            category="Sparsity",
        ),
    log:
        "logs/sparsity/assemble.log",
    benchmark:
        "benchmarks/sparsity/assemble.tsv"
    conda:
        "../environment.yml"
    params:
        durations_ms=animation_durations(SPARSITY),
    script:
        "../scripts/assemble_animation.py"
