"""Every error the pipeline raises on purpose, each with a message that names what is at fault
and, where it can, what to do."""


class ConfigError(ValueError):
    """A config value the pipeline refuses; the message names the key and says why."""


class SetupError(RuntimeError):
    """The environment the pipeline runs in cannot work; the message says why and what to do."""


class CorruptFileError(ValueError):
    """An intermediate file that cannot be read back; the next run remakes it."""


class IncompleteFileError(ValueError):
    """A finished file that reads back, but holds less than it must."""


class QualityError(RuntimeError):
    """Frames that fail the figure-quality gate."""


class SiteError(ValueError):
    """Assets or words the site cannot be built from; the message names the file."""
