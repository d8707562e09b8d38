"""Every error the pipeline raises on purpose, each with a message that names what is at fault
and, where it can, what to do."""


class ConfigError(ValueError):
    """A config value the pipeline refuses; the message names the key and says why."""


class SetupError(RuntimeError):
    """The environment the pipeline runs in cannot work; the message says why and what to do."""


class CorruptFileError(ValueError):
    """An intermediate file that cannot be read back; the next run remakes it.

    ``paths`` are the damaged files, so that the job can name the job that makes each.
    """

    def __init__(self, message: str, paths: tuple[str, ...] = ()):
        super().__init__(message)
        self.paths = paths


class IncompleteFileError(ValueError):
    """A finished file that reads back, but holds less than it must."""


class QualityError(RuntimeError):
    """Frames that fail the figure-quality gate."""


class SiteError(ValueError):
    """Assets or words the site cannot be built from; the message names the file."""
