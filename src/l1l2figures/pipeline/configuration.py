"""Checks before any job runs: the interpreter's path, the config's YAML syntax, the schema, and
what the schema cannot say.

Every config refusal is a ConfigError whose message has one line per problem, each naming the key's
path, the bad value and what is allowed.
"""

import difflib
import math
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, validators

from l1l2figures.catalogue import ANIMATIONS, CATALOGUE
from l1l2figures.errors import ConfigError, SetupError
from l1l2figures.limits import MAX_FRAMES
from l1l2figures.pipeline.build import function_of
from l1l2figures.rendering.formats import VIDEO_BLOCK_PX, VIDEO_MIME_TYPES
from l1l2figures.rendering.theme import COLOR_SCHEMES, check_theme

# What a config may cost, from what the figures need: the largest shipped figure is 1500 x 1000 px
# and the largest animation 60 frames of 1200 x 416 px. The bounds leave room for retina (2x dpi)
# versions and long animations, and keep every job's peak memory under the 1000 MB that
# profiles/slurm/profile.yaml asks for. Measured at the bounds: encoding 71 frames of 1920 x 1088 px
# peaked at 720 MB (WebP holds every frame), and 17 frames of 3840 x 2160 px at 1.6 GB (the GIF
# palette and x264 grow with the frame), hence the smaller frames.
FIGURE_PIXELS = (3840, 2160)  # a static figure: a 4K screen
ANIMATION_FRAME_PIXELS = (1920, 1088)  # an animation frame: full HD, in whole 16-px MP4 blocks
MAX_ANIMATION_PIXELS = 150_000_000  # all frames of one animation together

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
    """A YAML file's contents; a syntax error, or bytes that are not UTF-8, name the file, line and
    column."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read it: {error.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = line_and_column(data, error.start)
        raise ConfigError(
            f"{path}, line {line}, column {column}: not UTF-8 text (byte "
            f"0x{data[error.start]:02x}); save the file as UTF-8"
        ) from None
    try:
        return yaml.load(text, Loader=YAML_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ConfigError(
            f"{path}, line {mark.line + 1}, column {mark.column + 1}: invalid YAML: {error.problem}"
        ) from None
    except yaml.reader.ReaderError as error:  # a control character, which YAML does not allow
        line, column = line_and_column(text, error.position)
        raise ConfigError(
            f"{path}, line {line}, column {column}: invalid YAML: character "
            f"#x{error.character:04x} is not allowed in YAML"
        ) from None


def line_and_column(text: str | bytes, position: int) -> tuple[int, int]:
    """The 1-based line and column of ``position`` in ``text`` (a column counts bytes in bytes)."""
    newline = b"\n" if isinstance(text, bytes) else "\n"
    line_start = text.rfind(newline, 0, position) + 1
    return text.count(newline, 0, position) + 1, position - line_start + 1


def checked_config(config: dict, schema_path: str | Path) -> dict:
    """``config`` with command-line strings made numbers, checked.

    Raises ConfigError with one line per problem: non-finite numbers, then what the schema refuses,
    then (only for a config the schema accepts) the checks that need more than one key.
    """
    config = parse_numbers(config)
    schema = read_schema(schema_path)
    problems = non_finite_problems(config)
    bad_paths = {path for path, _ in problems}
    validator = VALIDATOR(schema)
    for error in validator.iter_errors(config):
        path = key_path(error.absolute_path)
        if path not in bad_paths:  # a NaN fails no bound, an infinity several: say it once
            problems.append((path, describe_schema_error(error, path, schema)))
    if problems:
        raise ConfigError("\n".join(line for _, line in problems))
    check_config(config)
    return config


# The schema's definitions whose maximum is MAX_FRAMES, set here so that it is written once.
FRAME_BOUNDED = ("frame_count", "frames_per_job")


def read_schema(path: str | Path) -> dict:
    """The config's JSON schema, with its frame bounds."""
    schema = read_yaml(path)
    for name in FRAME_BOUNDED:
        schema["$defs"][name]["maximum"] = MAX_FRAMES
    return schema


# Its integers are ints only: JSON Schema also counts 5.0, which range() and numpy refuse. The
# schema has no defaults: config/config.yaml holds every value; a key is required unless its
# section's `required:` list leaves it out (poster_at, the <role>_color overrides).
VALIDATOR = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool)
    ),
)


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
    """``at least 2 and at most 2000``, ``at least 1``, ``11``: the bounds a schema sets on a
    number."""
    if "minimum" in schema and schema.get("maximum") == schema["minimum"]:
        return f"{schema['minimum']:g}, the one value accepted (config/schema.yaml says why)"
    words = [f"{BOUND_WORDS[key]} {schema[key]:g}" for key in BOUND_WORDS if key in schema]
    return " and ".join(words)


def enum_values(error) -> list:
    """The values an enum (or an anyOf of enums, such as a colour) allows."""
    if error.validator == "enum":
        return list(error.validator_value)
    return [value for sub in error.context or () for value in enum_values(sub)]


# A refused value is quoted whole up to this many characters; a longer one is cut (one line per
# problem, however long the value).
MAX_SHOWN_CHARS = 80


def shown_value(value) -> str:
    """``value`` as an error line quotes it: its repr, cut after MAX_SHOWN_CHARS characters."""
    text = repr(value)
    if len(text) <= MAX_SHOWN_CHARS:
        return text
    if isinstance(value, str):
        return f"{value[: MAX_SHOWN_CHARS // 2]!r}... ({len(value):,} characters)"
    return f"{text[:MAX_SHOWN_CHARS]}... ({len(text):,} characters)"


def declared_keys(schema: dict, root: dict) -> list[str]:
    """The keys a section's schema declares: its own, then those of a definition it refers to
    (an animation's timing keys)."""
    keys = list(schema.get("properties", {}))
    if "$ref" in schema:
        keys += declared_keys(root["$defs"][schema["$ref"].removeprefix("#/$defs/")], root)
    return keys


def describe_schema_error(error, path: str, root: dict) -> str:
    """One line for one schema error: the key's path, the bad value, and what is allowed
    (``root``: the whole schema, whose definitions a section may refer to)."""
    kind, value, schema = error.validator, error.instance, error.schema
    if kind in ("additionalProperties", "unevaluatedProperties"):
        known = declared_keys(schema, root)
        unknown = [key for key in value if key not in known]
        return "\n".join(
            f"{path}.{key}: unknown key{closest(key, known) or '; known keys: ' + ', '.join(known)}"
            for key in unknown
        )
    shown = f"{path} = {shown_value(value)}"
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
        *(
            lambda check=check, section=entry.section: function_of(check)(
                config[section], f"config.{section}"
            )
            for entry in CATALOGUE.values()
            for check in entry.checks
        ),
        lambda: check_costs(config),
        *(lambda scheme=scheme: check_theme(config, scheme) for scheme in COLOR_SCHEMES),
    ]
    if set(VIDEO_MIME_TYPES) & set(config["formats"]):  # video frames are never rescaled
        checks += [
            lambda figure=figure: check_video_frame_size(
                config[figure]["style"], f"config.{figure}.style"
            )
            for figure in ANIMATIONS
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
    for section, value in config.items():
        style = value.get("style", {}) if isinstance(value, dict) else {}
        for key in style:
            if key.endswith("size_in"):
                animated = section in ANIMATIONS and key == "size_in"
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
    for figure in ANIMATIONS:
        section = config[figure]
        width, height = frame_size_px(section["style"])
        total = section["n_frames"] * width * height
        if total > MAX_ANIMATION_PIXELS:
            problems.append(
                f"config.{figure}: n_frames {section['n_frames']} of {width} x {height} px is "
                f"{total:,} px, more than the {MAX_ANIMATION_PIXELS:,} px an animation may have "
                "(its encoder holds every frame in memory); use fewer n_frames or a lower dpi"
            )
    if problems:
        raise ConfigError("\n".join(problems))


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
    for figure in ANIMATIONS:
        style = config[figure]["style"]
        try:
            check_video_frame_size(
                {**style, "dpi": style["dpi"] * dpi_scale}, f"config.{figure}.style", wanted_by
            )
        except ConfigError as refusal:
            problems.append(str(refusal))
    if problems:
        raise ConfigError("\n".join(problems))


# An axis's [low, high] pair must ascend; a sweep's [first, last] may run either way (its
# direction is the author's choice) but must go somewhere.
LIMITS_SUFFIX = "_limits"
SWEEP_SUFFIX = "_range"


def check_intervals(config: dict, path: str = "config") -> None:
    """Refuse any ``*_limits`` pair that does not ascend, and any ``*_range`` with equal ends."""
    for key, value in config.items():
        where = f"{path}.{key}"
        if isinstance(value, dict):
            check_intervals(value, where)
        elif key.endswith(LIMITS_SUFFIX) and not value[0] < value[1]:
            raise ConfigError(f"{where} = {value}: the first value must be less than the second")
        elif key.endswith(SWEEP_SUFFIX) and value[0] == value[1]:
            raise ConfigError(f"{where} = {value}: the two values must differ")


def parse_numbers(value):
    """``value`` with every string that reads as a YAML number, or is true, false or null, turned
    into it.

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
        if number is None:  # a value that may be null, as the odds figure's `weak`
            return None if value == "null" else value
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


def main(argv: list[str] | None = None) -> None:
    """``l1l2-check-config [my-settings.yaml ...]`` (or ``python -m
    l1l2figures.pipeline.configuration``), from the project folder: "config OK", or one line per
    problem and exit status 1."""
    try:
        check_files(sys.argv[1:] if argv is None else argv)
    except ConfigError as problems:
        sys.exit(str(problems))
    print("config OK")


if __name__ == "__main__":
    main()
