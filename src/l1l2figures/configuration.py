"""Checks before any job runs: the interpreter's path, the config's YAML syntax, the schema, and
what the schema cannot say.

Every config refusal is a ConfigError whose message has one line per problem, each naming the key's
path, the bad value and what is allowed.
"""

import copy
import difflib
import math
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, validators

from l1l2figures.errors import ConfigError, SetupError
from l1l2figures.formats import VIDEO_BLOCK_PX, VIDEO_MIME_TYPES
from l1l2figures.regularization import L1_STEP_FUNCTIONS, first_zero, l2_step, trajectory
from l1l2figures.taxicab import check_paths
from l1l2figures.theme import COLOR_SCHEMES, check_theme


def animations(config: dict) -> list[str]:
    """The config sections that are animations: those drawn in render jobs of frames."""
    return [
        name
        for name, section in config.items()
        if isinstance(section, dict) and "frames_per_job" in section
    ]


# What a config may cost, from what the figures need: the largest shipped figure is 1500 x 1000 px
# and the largest animation 60 frames of 1200 x 416 px. The bounds leave room for retina (2x dpi)
# versions and long animations, and keep every job's peak memory under the 1000 MB that
# profiles/slurm/profile.yaml asks for. Measured at the bounds: encoding 71 frames of 1920 x 1088 px
# peaked at 720 MB (WebP holds every frame), and 17 frames of 3840 x 2160 px at 1.6 GB (the GIF
# palette and x264 grow with the frame), hence the smaller frames.
FIGURE_PIXELS = (3840, 2160)  # a static figure: a 4K screen
ANIMATION_FRAME_PIXELS = (1920, 1088)  # an animation frame: full HD, in whole 16-px MP4 blocks
MAX_ANIMATION_PIXELS = 150_000_000  # all frames of one animation together
# n_frames * prediction_points: the outlier sweep's fitted curves (16 bytes each in fits.npz).
MAX_PREDICTION_VALUES = 1_000_000
# Trees the outlier sweep's fit job grows: an L1 and an L2 model per frame and grid panel. A tree
# takes 1-4 ms here, so the job stays within the 10 minutes the Slurm profile asks for.
MAX_FITTED_TREES = 100_000
# The schema's frame_count maximum: the most frames an animation may have.
MAX_FRAMES = 2000

# Loads YAML faster with libyaml where PyYAML has it; the config is checked on every run.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def check_interpreter_path(executable: str) -> None:
    """Refuse an interpreter whose path holds whitespace, before any job fails on it.

    Snakemake (9.27) runs every script job as ``<interpreter> <script>`` with the interpreter's
    path unquoted, so the shell splits it at the space. A project folder with a space is fine.
    """
    if any(character.isspace() for character in executable):
        raise SetupError(
            f"the Python running Snakemake is {executable!r}, a path with a space: Snakemake runs "
            "each job as `<python path> <script>` without quoting that path, so every job would "
            "fail. Create the virtual environment in a folder without spaces (for example "
            "`python3 -m venv ~/.venvs/l1l2figures`), activate it, run `pip install -e .` in this "
            "folder, then snakemake."
        )


def read_yaml(path: str | Path) -> dict:
    """A YAML file's contents; a syntax error names the file, line and column."""
    try:
        with open(path, encoding="utf-8") as stream:
            return yaml.load(stream, Loader=YAML_LOADER)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read it: {error.strerror}") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ConfigError(
            f"{path}, line {mark.line + 1}, column {mark.column + 1}: invalid YAML: {error.problem}"
        ) from None


def checked_config(config: dict, schema_path: str | Path) -> dict:
    """``config`` with command-line strings made numbers and schema defaults filled in.

    Raises ConfigError with one line per problem: non-finite numbers, then what the schema refuses,
    then (only for a config the schema accepts) the checks that need more than one key.
    """
    config = parse_numbers(config)
    schema = read_yaml(schema_path)
    problems = non_finite_problems(config)
    bad_paths = {path for path, _ in problems}
    validator = _VALIDATOR_WITH_DEFAULTS(schema)
    for error in validator.iter_errors(config):
        path = key_path(error.absolute_path)
        if path not in bad_paths:  # a NaN fails no bound, an infinity several: say it once
            problems.append((path, describe_schema_error(error, path)))
    if problems:
        raise ConfigError("\n".join(line for _, line in problems))
    check_config(config)
    return config


def _with_defaults(validator_class):
    """A validator class that also fills in each missing key's schema default, as Snakemake's does.

    Its integers are ints only: JSON Schema also counts 5.0, which range() and numpy refuse.
    """
    check_properties = validator_class.VALIDATORS["properties"]

    def properties(validator, properties, instance, schema):
        if isinstance(instance, dict):
            for key, subschema in properties.items():
                if "default" in subschema:
                    instance.setdefault(key, copy.deepcopy(subschema["default"]))
        yield from check_properties(validator, properties, instance, schema)

    type_checker = validator_class.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool)
    )
    return validators.extend(validator_class, {"properties": properties}, type_checker=type_checker)


_VALIDATOR_WITH_DEFAULTS = _with_defaults(Draft202012Validator)


def key_path(keys) -> str:
    """``config.outlier_sweep.x_limits[0]`` from the keys and list indices leading to a value."""
    return "config" + "".join(f"[{key}]" if isinstance(key, int) else f".{key}" for key in keys)


def non_finite_problems(node, keys: tuple = ()) -> list[tuple[str, str]]:
    """(path, message) for every NaN or infinity in the config, however deep."""
    if isinstance(node, dict):
        items = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        if isinstance(node, float) and not math.isfinite(node):
            path = key_path(keys)
            return [(path, f"{path} = {node}: must be a finite number")]
        return []
    return [problem for key, item in items for problem in non_finite_problems(item, (*keys, key))]


# YAML 1.1 (PyYAML, Snakemake) reads a number with an exponent but no decimal point as text.
EXPONENT_WITHOUT_POINT = re.compile(r"([-+]?\d+)([eE][-+]?\d+)")
TYPE_NAMES = {
    "number": "a number",
    "integer": "a whole number",
    "string": "text",
    "array": "a list",
    "object": "a mapping of keys to values",
    "boolean": "true or false",
}
BOUND_WORDS = {
    "minimum": "at least",
    "exclusiveMinimum": "greater than",
    "maximum": "at most",
    "exclusiveMaximum": "less than",
}


def _is_number(value) -> bool:
    """Whether ``value`` is a number, or text that reads as one (``60.0``, ``6e1``)."""
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return not isinstance(value, bool)


def closest(word, candidates) -> str:
    """`` (did you mean `x`?)`` for the candidate closest to ``word``, or nothing."""
    match = difflib.get_close_matches(str(word), [str(c) for c in candidates], n=1, cutoff=0.6)
    return f" (did you mean `{match[0]}`?)" if match else ""


def allowed_range(schema: dict) -> str:
    """``between 2 and 2000``, ``at least 1``: the bounds a schema sets on a number."""
    words = [f"{BOUND_WORDS[key]} {schema[key]:g}" for key in BOUND_WORDS if key in schema]
    return " and ".join(words)


def enum_values(error) -> list:
    """The values an enum (or an anyOf of enums, such as a colour) allows."""
    if error.validator == "enum":
        return list(error.validator_value)
    return [value for sub in error.context or () for value in enum_values(sub)]


def describe_schema_error(error, path: str) -> str:
    """One line for one schema error: the key's path, the bad value, and what is allowed."""
    kind, value, schema = error.validator, error.instance, error.schema
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        unknown = [key for key in value if key not in known]
        return "\n".join(
            f"{path}.{key}: unknown key{closest(key, known) or '; known keys: ' + ', '.join(known)}"
            for key in unknown
        )
    shown = f"{path} = {value!r}"
    if kind == "required":
        return f"{path}: missing key `{error.message.split(chr(39))[1]}`"
    if kind == "type":
        expected = TYPE_NAMES.get(error.validator_value, error.validator_value)
        text = f"{shown}: must be {expected}"
        if error.validator_value == "integer":
            text += ", written without a decimal point" if _is_number(value) else ", in digits"
        if isinstance(value, str) and (match := EXPONENT_WITHOUT_POINT.fullmatch(value.strip())):
            text += (
                f"; YAML reads {value} as text, not a number: write it with a decimal point, "
                f"{match[1]}.0{match[2]}"
            )
        return text
    if kind in BOUND_WORDS:
        return f"{shown}: must be {allowed_range(schema)}"
    if kind in ("enum", "anyOf"):
        choices = enum_values(error)
        hint = closest(value, choices) if isinstance(value, str) else ""
        if kind == "enum":
            return f"{shown}: must be one of {', '.join(map(str, choices))}{hint}"
        return f"{shown}: must be {schema.get('description', 'one of the allowed forms')}{hint}"
    if kind == "multipleOf":
        return f"{shown}: must be a multiple of {error.validator_value}"
    if kind in ("minItems", "maxItems", "minProperties", "maxProperties"):
        bound = "at least" if kind.startswith("min") else "at most"
        count = error.validator_value
        return f"{shown}: must have {bound} {count} {'entry' if count == 1 else 'entries'}"
    if kind == "uniqueItems":
        return f"{shown}: must not repeat a value"
    if kind == "not" and "const" in error.validator_value:
        if "propertyNames" in error.schema_path:  # the value is a key's name
            return f"{path}.{value}: a key here must not be called {value}"
        return f"{shown}: must not be {error.validator_value['const']}"
    if kind in ("pattern", "maxLength", "minLength") and "description" in schema:
        return f"{shown}: must be {schema['description']}"
    return f"{path}: {error.message}"


def check_config(config: dict) -> None:
    """Every check that needs more than one key; raises ConfigError naming the keys.

    Each problem found is one line of the error.
    """
    checks = [
        lambda: check_intervals(config),
        lambda: check_gradient_descent(config["l1_l2_gradient"]),
        lambda: check_paths(config["manhattan_distance"]),
        lambda: check_loss_matrix(config["sparsity"]["loss_matrix"], "config.sparsity.loss_matrix"),
        lambda: check_costs(config),
        *(lambda scheme=scheme: check_theme(config, scheme) for scheme in COLOR_SCHEMES),
    ]
    if set(VIDEO_MIME_TYPES) & set(config["formats"]):  # video frames are never rescaled
        checks += [
            lambda figure=figure: check_video_frame_size(
                config[figure]["style"], f"config.{figure}.style"
            )
            for figure in animations(config)
        ]
    problems = []
    for check in checks:
        try:
            check()
        except ConfigError as refusal:
            problems.append(str(refusal))
    if problems:
        raise ConfigError("\n".join(problems))


def figure_sizes(config: dict) -> Iterator[tuple[str, str, dict, tuple[int, int]]]:
    """(path, size key, style, largest size) of each figure: each section's style ``*size_in`` keys.

    An animation's frames (its ``size_in``) are bounded more tightly than a static figure.
    """
    animated_sections = animations(config)
    for section, value in config.items():
        style = value.get("style", {}) if isinstance(value, dict) else {}
        for key in style:
            if key.endswith("size_in"):
                animated = section in animated_sections and key == "size_in"
                largest = ANIMATION_FRAME_PIXELS if animated else FIGURE_PIXELS
                yield f"config.{section}.style", key, style, largest


def check_costs(config: dict) -> None:
    """Refuse configs whose pixels or fitted values would exceed what any job may use."""
    problems = []
    for path, key, style, (max_width, max_height) in figure_sizes(config):
        width, height = frame_size_px(style, key)
        if width * height > max_width * max_height:
            problems.append(
                f"{path}: {key} {style[key]} at dpi {style['dpi']} gives {width} x {height} = "
                f"{width * height:,} px, more than the {max_width * max_height:,} px "
                f"({max_width} x {max_height}) this figure may have; lower dpi or {key}"
            )
    for figure in animations(config):
        section = config[figure]
        width, height = frame_size_px(section["style"])
        total = section["n_frames"] * width * height
        if total > MAX_ANIMATION_PIXELS:
            problems.append(
                f"config.{figure}: n_frames {section['n_frames']} of {width} x {height} px is "
                f"{total:,} px, more than the {MAX_ANIMATION_PIXELS:,} px an animation may have "
                "(its encoder holds every frame in memory); use fewer n_frames or a lower dpi"
            )
    sweep = config["outlier_sweep"]
    values = sweep["n_frames"] * sweep["prediction_points"]
    if values > MAX_PREDICTION_VALUES:
        problems.append(
            f"config.outlier_sweep: n_frames {sweep['n_frames']} * prediction_points "
            f"{sweep['prediction_points']} = {values:,} fitted values per loss, more than "
            f"{MAX_PREDICTION_VALUES:,}; use fewer prediction_points (a few per pixel of width "
            "is all a curve can show)"
        )
    trees = 2 * (sweep["n_frames"] + sweep["grid_panels"]) * sweep["gbr"]["n_estimators"]
    if trees > MAX_FITTED_TREES:
        problems.append(
            f"config.outlier_sweep: 2 losses * (n_frames {sweep['n_frames']} + grid_panels "
            f"{sweep['grid_panels']}) * gbr.n_estimators {sweep['gbr']['n_estimators']} = "
            f"{trees:,} trees to fit, more than {MAX_FITTED_TREES:,}; use fewer n_estimators "
            "(on a handful of points a few dozen already fit them exactly) or fewer n_frames"
        )
    if problems:
        raise ConfigError("\n".join(problems))


def check_loss_matrix(matrix: list[list[float]], path: str) -> None:
    """The loss (b - c)' A (b - c) is a bowl only for a symmetric positive definite A."""
    (a, b), (c, d) = matrix
    if b != c or not (a > 0 and a * d - b * c > 0):
        raise ConfigError(
            f"{path} = {matrix}: must be symmetric with a positive first entry and determinant, "
            "so that the loss has one minimum"
        )


def frame_size_px(style: dict, key: str = "size_in") -> list[int]:
    """[width, height] of a figure in pixels, truncated as matplotlib does."""
    return [int(inches * style["dpi"]) for inches in style[key]]


def check_video_frame_size(
    style: dict, path: str, wanted_by: str = "video (mp4, webm in config.formats)"
) -> None:
    """Refuse frame sizes that an MP4 encoder would have to rescale; ``wanted_by`` says what
    encodes the video."""
    width, height = frame_size_px(style)
    if width % VIDEO_BLOCK_PX or height % VIDEO_BLOCK_PX:
        raise ConfigError(
            f"{path}: size_in {style['size_in']} at dpi {style['dpi']:g} gives {width} x {height} "
            f"px; {wanted_by} needs both to be multiples of {VIDEO_BLOCK_PX} px"
        )


def check_site_video(config: dict, draft: bool) -> None:
    """The blog bundle always encodes video, whatever ``formats`` says: refuse the frame sizes
    video cannot take, at the draft's dpi in a draft."""
    dpi_scale = config["drafting"]["dpi_scale"] if draft else 1
    wanted_by = "the blog bundle's video (`site`)"
    if draft:
        wanted_by += f" at a draft's dpi (config.drafting.dpi_scale {dpi_scale:g})"
    problems = []
    for figure in animations(config):
        style = config[figure]["style"]
        try:
            check_video_frame_size(
                {**style, "dpi": style["dpi"] * dpi_scale}, f"config.{figure}.style", wanted_by
            )
        except ConfigError as refusal:
            problems.append(str(refusal))
    if problems:
        raise ConfigError("\n".join(problems))


# Keys holding [low, high] pairs end in one of these; low must be below high.
INTERVAL_SUFFIXES = ("_range", "_limits")


def check_intervals(config: dict, path: str = "config") -> None:
    """Refuse any ``*_range`` or ``*_limits`` pair whose first value is not below its second."""
    for key, value in config.items():
        where = f"{path}.{key}"
        if isinstance(value, dict):
            check_intervals(value, where)
        elif key.endswith(INTERVAL_SUFFIXES) and not value[0] < value[1]:
            raise ConfigError(f"{where} = {value}: the first value must be less than the second")


def check_gradient_descent(params: dict, path: str = "config.l1_l2_gradient") -> None:
    """Refuse settings under which the gradient figure would not show its lesson.

    L2 steps multiply w by 1 - 2 * learning_rate * lam: in (0, 1) w shrinks toward 0; at 0 it jumps
    to 0 in one step, below 0 it flips sign each step, and below -1 it diverges. The L1 weight must
    also reach 0 (proximal) or its neighbourhood (subgradient) within the frames, with a frame to spare;
    it moves learning_rate * lam per step, so a tiny rate needs more steps than any animation has.
    """
    lr, lam, w0 = params["learning_rate"], params["lam"], params["w0"]
    rate = lr * lam
    factor = 1 - 2 * rate
    if factor <= 0:
        behaviour = (
            "diverges" if factor <= -1 else "flips sign every step" if factor < 0 else "jumps to 0"
        )
        raise ConfigError(
            f"{path}.learning_rate = {lr} with lam = {lam}: each L2 step multiplies w by "
            f"1 - 2 * learning_rate * lam = {factor:g}, so the L2 weight {behaviour}; "
            f"choose learning_rate * lam below 0.5"
        )
    steps_to_zero = abs(w0) / rate
    if steps_to_zero > MAX_FRAMES - 3:
        raise ConfigError(
            f"{path}.learning_rate = {lr} with lam = {lam} is too small: the L1 weight needs "
            f"|w0| / (learning_rate * lam) = {steps_to_zero:.3g} steps to reach 0, and an animation "
            f"has at most {MAX_FRAMES} frames; choose learning_rate * lam of at least "
            f"{abs(w0) / (MAX_FRAMES - 3):.2g}"
        )
    l2 = trajectory(l2_step, w0, lr, lam, params["n_frames"])
    underflow = first_zero(l2)
    if underflow is not None:
        raise ConfigError(
            f"{path}: the L2 weight shrinks below the smallest float and becomes 0.0 at step "
            f"{underflow}, which the figure would show as exactly 0; use fewer n_frames "
            f"(at most {underflow}) or a smaller learning_rate * lam"
        )
    proximal = trajectory(L1_STEP_FUNCTIONS["proximal"], w0, lr, lam, params["n_frames"])
    zero_at = first_zero(proximal)
    if zero_at is None or zero_at > params["n_frames"] - 2:
        raise ConfigError(
            f"{path}.n_frames = {params['n_frames']} is too few: the L1 weight needs about "
            f"|w0| / (learning_rate * lam) = {steps_to_zero:.0f} steps to reach 0; "
            f"use n_frames >= {int(steps_to_zero) + 3}, or a larger learning_rate or lam"
        )


def parse_numbers(value):
    """``value`` with every string that reads as a YAML number, or is true or false, turned into it.

    Snakemake parses nested ``--config`` values with YAML's BaseLoader, which keeps every scalar a
    string: ``--config outlier_sweep='{n_frames: 120}'`` arrives as ``{'n_frames': '120'}``, and
    ``--config draft=true`` as ``'true'``. (YAML 1.1's other booleans, such as yes, stay text.)
    """
    if isinstance(value, dict):
        return {key: parse_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [parse_numbers(item) for item in value]
    if isinstance(value, str):
        try:
            number = yaml.load(value, Loader=YAML_LOADER)
        except yaml.YAMLError:
            return value
        if isinstance(number, bool):
            return number if value in ("true", "false") else value
        if isinstance(number, int | float):
            return number
    return value


def merged_over(base: dict, override: dict) -> dict:
    """``base`` updated recursively with ``override``, as Snakemake merges --configfile files."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged_over(out[key], value)
        else:
            out[key] = value
    return out


def check_files(paths: list[str], base="config/config.yaml", schema="config/schema.yaml") -> dict:
    """The config that ``snakemake --configfile <paths>`` would run with, checked.

    Snakemake reads --configfile files before the Snakefile and names no line for a YAML error;
    this names the file, line and column, then checks the merged config as the pipeline does.
    """
    config = read_yaml(base)
    for path in paths:
        override = read_yaml(path)
        if not isinstance(override, dict):
            raise ConfigError(
                f"{path}: must hold keys at its top level, as config/config.yaml does"
            )
        config = merged_over(config, override)
    return checked_config(config, schema)


if __name__ == "__main__":
    # python -m l1l2figures.configuration [my-settings.yaml ...], from the project folder
    try:
        check_files(sys.argv[1:])
    except ConfigError as problems:
        sys.exit(str(problems))
    print("config OK")
