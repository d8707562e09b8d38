"""Every figure of the project, once: what it is, what computes it and which config keys each
stage reads. `rule all`, the blog bundle, the README's pictures, the one-process builds, the
benchmark, the tests and the workflow's generic rules all take their list of figures from here.

An entry names functions as "module:function" (under l1l2figures) and says how each is called
(``Call.args``), so that this module imports none of them: the Snakefile reads it on every run,
and a job imports only the modules its own figure uses.

A figure has up to five stages, each a ``Call``:
- ``data``: the dataset and one record per frame, from the config (a JSON file);
- ``fit``: the models and trajectories (JSON, or .npz for arrays);
- ``draw``: the picture. An animation's returns (figure, update(i)); a still's returns the figure;
- ``words``: the figure's measures (``words.<figure>:measures``), from which its title, caption,
  alt text and SVG description are made (``words.figures``); without one, a figure says its name.
- ``moments`` (animations, optional): the scene's key moments and poster frame, computed from the
  same products (rendering.pacing says how they pace the animation).
"""

from dataclasses import dataclass, field

ANIMATION = "animation"
STILL = "still"
# The names a Call's args may use besides the files it reads: the config slice (its `keys` of the
# figure's section) and, for drawings, the resolved house style of the job's theme.
CONFIG, STYLE = "config", "style"


@dataclass(frozen=True)
class Call:
    """A library function and how a stage calls it.

    ``args``: what it is passed, in order: the name of a file it reads (a key of ``reads``),
    ``config``, ``style``, or ``name.key`` for one item of those. ``keys``: the config keys of the
    figure's section the stage reads (its params: a change to any other key leaves it alone).
    ``reads``: {name: (figure, stage)}, the files of earlier stages it reads.
    """

    function: str
    args: tuple[str, ...]
    keys: tuple[str, ...] = ()
    reads: dict[str, tuple[str, str]] = field(default_factory=dict)
    suffix: str = "json"  # of the file a data or fit stage writes: json, or npz for arrays


@dataclass(frozen=True)
class Figure:
    """One figure. ``section``: its config section (its keys and its ``style``); ``category``:
    its heading in the Snakemake report; ``formats``: a still's file formats, the first the one the
    README shows; ``checks``: functions (section, key path) that refuse a config the schema
    cannot; ``small``: what a small build changes in its section (few frames, a low dpi, yet every
    stage runs: more than one render job), which the tests build every figure with."""

    name: str
    kind: str
    section: str
    category: str
    draw: Call
    data: Call | None = None
    fit: Call | None = None
    formats: tuple[str, ...] = ()
    # a figure without a words module says its name only (words.figures.named_only)
    words: Call = Call("words.figures:no_measures", ())
    checks: tuple[str, ...] = ()
    moments: Call | None = None
    small: dict = field(default_factory=dict)

    def stage(self, name: str) -> Call | None:
        """The Call of ``name``: data, fit, draw, words or moments (None where the figure has
        none)."""
        return getattr(self, name)


def animation(name: str, **entry) -> Figure:
    return Figure(name=name, kind=ANIMATION, section=name, **entry)


def still(name: str, *formats: str, section: str | None = None, **entry) -> Figure:
    return Figure(name=name, kind=STILL, section=section or name, formats=formats, **entry)


# The outlier sweep's points, which its animation, its grid and the stability figure all read.
SWEEP_DATA = ("outlier_sweep", "data")


def sweep_fit(function: str) -> Call:
    """The fit of the outlier sweep's animation or grid: gradient boosting on its points, with the
    outlier at each position."""
    return Call(
        function, ("data", "config.gbr"), keys=("gbr",), reads={"data": SWEEP_DATA}, suffix="npz"
    )


# The stability measures of the outlier sweep's fits (the stability figure's fit), which the sweep's
# words and the stability figure's words read.
SWEEP_STABILITY = ("stability", "fit")

# Every figure, in the order the gallery and the README show them.
ENTRIES = [
    animation(
        "outlier_sweep",
        category="Outlier sweep",
        data=Call(
            "maths.datasets:outlier_sweep_data",
            (CONFIG,),
            keys=(
                "seed",
                "base_x",
                "line_slope",
                "line_intercept",
                "noise_half_width",
                "outlier_y",
                "outlier_x_range",
                "n_frames",
                "grid_panels",
                "x_limits",
                "prediction_points",
            ),
        ),
        fit=sweep_fit("maths.models:sweep_fits"),
        draw=Call(
            "scenes.outlier_sweep:animation_scene",
            ("data", "fits", STYLE, CONFIG),
            keys=("x_limits", "y_limits", "gbr"),
            reads={"data": SWEEP_DATA, "fits": ("outlier_sweep", "fit")},
        ),
        words=Call(
            "words.outlier_sweep:measures",
            ("data", "stability", CONFIG),
            keys=("line_slope", "line_intercept", "gbr"),
            reads={"data": SWEEP_DATA, "stability": SWEEP_STABILITY},
        ),
        moments=Call(
            "scenes.outlier_sweep:key_moments",
            ("fits", "data"),
            reads={"fits": ("outlier_sweep", "fit"), "data": SWEEP_DATA},
        ),
        checks=(
            "maths.models:check_sweep_costs",
            "maths.models:check_boosting",
            "maths.models:check_sweep_limits",
        ),
        small={"n_frames": 5, "frames_per_job": 3, "prediction_points": 101, "style": {"dpi": 40}},
    ),
    still(
        "outlier_sweep_grid",
        "png",
        section="outlier_sweep",
        category="Outlier sweep",
        fit=sweep_fit("maths.models:grid_fits"),
        draw=Call(
            "scenes.outlier_sweep:grid_figure",
            ("data", "fits", STYLE, CONFIG, "config.grid_columns"),
            keys=("x_limits", "y_limits", "grid_columns", "gbr"),
            reads={"data": SWEEP_DATA, "fits": ("outlier_sweep_grid", "fit")},
        ),
        words=Call(
            "words.outlier_sweep_grid:measures",
            ("data", "fits", "config.grid_columns"),
            keys=("grid_columns",),
            reads={"data": SWEEP_DATA, "fits": ("outlier_sweep_grid", "fit")},
        ),
        checks=("maths.models:check_grid_layout",),
        small={"grid_panels": 4, "grid_columns": 2},  # a 2 x 2 grid
    ),
    animation(
        "l1_l2_gradient",
        category="L1-L2 gradient",
        fit=Call(
            "maths.regularization:gradient_descent",
            (CONFIG,),
            keys=("w0", "learning_rate", "lam", "l1_step", "n_frames"),
        ),
        draw=Call(
            "scenes.l1_l2_gradient:animation_scene",
            ("fits", "config.w_limits", STYLE),
            keys=("w_limits",),
            reads={"fits": ("l1_l2_gradient", "fit")},
        ),
        words=Call(
            "words.l1_l2_gradient:measures", ("fits",), reads={"fits": ("l1_l2_gradient", "fit")}
        ),
        moments=Call(
            "scenes.l1_l2_gradient:key_moments",
            ("fits",),
            reads={"fits": ("l1_l2_gradient", "fit")},
        ),
        checks=("maths.regularization:check_gradient_descent",),
        small={
            "n_frames": 10,
            "learning_rate": 0.25,  # L1 reaches 0 at step 8; L2 halves each step
            "frames_per_job": 6,
            "style": {"dpi": 40},  # 288 x 160 px: multiples of 16, as MP4 needs
        },
    ),
    still(
        "manhattan_distance",
        "svg",
        "png",
        category="Manhattan distance",
        data=Call("maths.taxicab:city", (CONFIG,), keys=("blocks", "start", "end", "paths")),
        draw=Call(
            "scenes.manhattan_distance:city_figure",
            ("data", STYLE),
            reads={"data": ("manhattan_distance", "data")},
        ),
        words=Call(
            "words.manhattan_distance:measures",
            ("data",),
            reads={"data": ("manhattan_distance", "data")},
        ),
        checks=("maths.taxicab:check_paths",),
    ),
    animation(
        "robustness",
        category="Robustness",
        data=Call(
            "maths.datasets:robustness_data",
            (CONFIG,),
            keys=(
                "seed",
                "n_points",
                "x_range",
                "line_slope",
                "line_intercept",
                "noise_half_width",
                "outlier_x",
                "outlier_rise",
                "n_frames",
            ),
        ),
        fit=Call("maths.models:robustness_fits", ("data",), reads={"data": ("robustness", "data")}),
        draw=Call(
            "scenes.robustness:animation_scene",
            ("data", "fits", STYLE, CONFIG),
            keys=("line_slope", "line_intercept"),
            reads={"data": ("robustness", "data"), "fits": ("robustness", "fit")},
        ),
        words=Call(
            "words.robustness:measures",
            ("data", "fits", CONFIG),
            keys=("line_slope", "line_intercept"),
            reads={"data": ("robustness", "data"), "fits": ("robustness", "fit")},
        ),
        moments=Call(
            "scenes.robustness:key_moments", ("fits",), reads={"fits": ("robustness", "fit")}
        ),
        small={"n_frames": 6, "frames_per_job": 4, "style": {"dpi": 40}},
    ),
    still(
        "stability",
        "png",
        category="Stability",
        # measured on the outlier sweep's fits (reused through the DAG, not refitted)
        fit=Call("maths.stability:stability", ("fits",), reads={"fits": ("outlier_sweep", "fit")}),
        draw=Call(
            "scenes.stability:stability_figure",
            ("fits", "data", "sweep_fits", STYLE),
            reads={
                "fits": ("stability", "fit"),
                "data": SWEEP_DATA,
                "sweep_fits": ("outlier_sweep", "fit"),
            },
        ),
        words=Call(
            "words.stability:measures",
            ("data", "stability"),
            reads={"data": SWEEP_DATA, "stability": SWEEP_STABILITY},
        ),
    ),
    animation(
        "sparsity",
        category="Sparsity",
        data=Call(
            "maths.datasets:sparsity_data",
            (CONFIG,),
            keys=(
                "centre_radius",
                "centre_angles_deg",
                "n_frames",
                "lasso_alphas_log10",
                "ridge_alphas_log10",
                "n_alphas",
            ),
        ),
        fit=Call(
            "maths.sparsity_fit:sparsity_fits",
            ("data", CONFIG),
            keys=("budget", "loss_matrix"),
            reads={"data": ("sparsity", "data")},
        ),
        draw=Call(
            "scenes.sparsity:animation_scene",
            ("fits", CONFIG, STYLE),
            keys=("budget", "loss_matrix", "beta_limits", "centre_angles_deg"),
            reads={"fits": ("sparsity", "fit")},
        ),
        words=Call(
            "words.sparsity:measures",
            ("fits", CONFIG),
            keys=("budget", "centre_radius", "centre_angles_deg"),
            reads={"fits": ("sparsity", "fit")},
        ),
        moments=Call("scenes.sparsity:key_moments", ("fits",), reads={"fits": ("sparsity", "fit")}),
        checks=("maths.sparsity:check_sparsity",),
        small={
            "n_frames": 5,
            "frames_per_job": 3,
            "n_alphas": 8,
            "style": {"dpi": 50, "size_in": [6.4, 2.56]},  # 320 x 128 px: multiples of 16
        },
    ),
    still(
        "solvers",
        "png",
        category="Computational difficulty",
        fit=Call(
            "maths.solvers:solver_comparison",
            (CONFIG,),
            keys=("lasso_alpha", "ridge_alpha", "tolerance", "max_sweeps"),
        ),
        draw=Call(
            "scenes.solvers:solvers_figure", ("fits", STYLE), reads={"fits": ("solvers", "fit")}
        ),
        words=Call("words.solvers:measures", ("fits",), reads={"fits": ("solvers", "fit")}),
    ),
    still(
        "sparsity_odds",
        "png",
        category="Sparsity by the odds",
        fit=Call(
            "maths.sparsity_odds:odds",
            (CONFIG,),
            keys=(
                "seed",
                "n_losses",
                "region_size",
                "centre_limit",
                "boundary_points",
                "near_fraction",
                "families",
            ),
            suffix="npz",
        ),
        draw=Call(
            "scenes.sparsity_odds:odds_figure",
            ("fits", CONFIG, STYLE),
            keys=("region_size", "centre_limit", "boundary_points"),
            reads={"fits": ("sparsity_odds", "fit")},
        ),
        words=Call(
            "words.sparsity_odds:measures",
            ("fits", CONFIG),
            keys=("n_losses", "region_size", "boundary_points", "near_fraction"),
            reads={"fits": ("sparsity_odds", "fit")},
        ),
        checks=("maths.sparsity_odds:check_sparsity_odds",),
        small={"n_losses": 400, "style": {"dpi": 40}},
    ),
]  # the last entry: a new figure's goes above this line

CATALOGUE = {figure.name: figure for figure in ENTRIES}
ANIMATIONS = [name for name, figure in CATALOGUE.items() if figure.kind == ANIMATION]
STILLS = [name for name, figure in CATALOGUE.items() if figure.kind == STILL]


def with_stage(stage: str) -> list[str]:
    """The figures that have ``stage`` (data or fit)."""
    return [name for name, figure in CATALOGUE.items() if figure.stage(stage)]


def stage_config(config: dict, figure: str, stage: str) -> dict:
    """The keys of ``figure``'s section that ``stage`` reads, with their values.

    A job's params: Snakemake reruns it when they change, and only then.
    """
    entry = CATALOGUE[figure]
    section = config[entry.section]
    return {key: section[key] for key in entry.stage(stage).keys}
