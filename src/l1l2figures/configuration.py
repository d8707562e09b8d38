"""Preparing the config for the schema, and the checks that JSON Schema cannot express."""

import yaml


class ConfigError(ValueError):
    """A config value the pipeline refuses, with the key and the reason in its message."""


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


def parse_numbers(value):
    """``value`` with every string that reads as a YAML number turned into that number.

    Snakemake parses nested ``--config`` values with YAML's BaseLoader, which keeps every scalar a
    string: ``--config outlier_sweep='{n_frames: 120}'`` arrives as ``{'n_frames': '120'}``.
    """
    if isinstance(value, dict):
        return {key: parse_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [parse_numbers(item) for item in value]
    if isinstance(value, str):
        try:
            number = yaml.safe_load(value)
        except yaml.YAMLError:
            return value
        if isinstance(number, (int, float)) and not isinstance(number, bool):
            return number
    return value
