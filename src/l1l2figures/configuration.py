"""Checks of the config that JSON Schema cannot express; run right after the schema."""


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
