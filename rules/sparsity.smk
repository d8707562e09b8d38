# Sparsity: least squares inside the L1 diamond and the L2 disc, and lasso and ridge paths.
#   data (the centre per frame, the alpha grids) -> fit (constrained solutions, paths)
#   -> render (frames, in chunks) -> assemble

SPARSITY = config["sparsity"]


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


animation(
    "sparsity",
    SPARSITY,
    scene=pick(SPARSITY, "budget", "loss_matrix", "beta_limits"),
    modules=["sparsity", "scenes/sparsity"],
    inputs={"fits": "results/sparsity/fits.json"},
    category="Sparsity",
)
