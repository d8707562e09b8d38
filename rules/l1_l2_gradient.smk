# The L1-L2 gradient GIF: gradient descent on each penalty alone, from the same starting weight.
#   fit (both trajectories, one record per frame) -> render (frames, in chunks) -> assemble

GRADIENT = config["l1_l2_gradient"]


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


animation(
    "l1_l2_gradient",
    GRADIENT,
    scene=pick(GRADIENT, "w_limits"),
    modules=["regularization", "scenes/l1_l2_gradient"],
    inputs={"fits": "results/l1_l2_gradient/fits.json"},
    category="L1-L2 gradient",
)
