"""The pipeline's own error: a config value it refuses, with the key and the reason."""


class ConfigError(ValueError):
    """A config value the pipeline refuses; the message names the key and says why."""


class SetupError(RuntimeError):
    """The environment the pipeline runs in cannot work; the message says why and what to do."""
