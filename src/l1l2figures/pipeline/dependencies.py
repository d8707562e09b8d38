"""The library modules a script or a function depends on, from their import statements.

The workflow declares them as a job's inputs (Snakemake's code trigger sees only the script), so
that editing a module reruns exactly the jobs that use it. Pure Python: read at parse time.
"""

import functools
import re
from pathlib import Path

PACKAGE = "l1l2figures"
LIBRARY = Path(__file__).parents[1]  # the package, above pipeline/


# An import of a package module, at any depth (an import inside a function counts too). A line
# that only looks like one (in a string) adds a module that is not needed: an input too many, never
# one too few. Read as text: parsing every module took most of a no-op run.
IMPORT = re.compile(rf"^[ \t]*(?:from|import)[ \t]+{PACKAGE}\.([\w.]+)", re.MULTILINE)


# A workflow's parse asks for each module dozens of times; its files do not change meanwhile (the
# preview imports this module afresh after a save).
@functools.cache
def imported_modules(path: str | Path) -> frozenset[str]:
    """The modules of the package that the file at ``path`` imports, as ``name`` or
    ``scenes/name``."""
    return frozenset(name.replace(".", "/") for name in IMPORT.findall(Path(path).read_text()))


@functools.cache
def module_file(module: str) -> Path:
    """The source file of ``module`` (``name`` or ``scenes/name``): a package's is its
    ``__init__.py``."""
    package = LIBRARY / module / "__init__.py"
    return package if package.exists() else LIBRARY / f"{module}.py"


def library_modules(*paths: str | Path, functions: tuple[str, ...] = ()) -> set[str]:
    """Every module of the package that the files ``paths`` and the modules of ``functions``
    (``module:function``, as the catalogue names them) import, directly or not."""
    seen: set[str] = set()
    todo = {function.partition(":")[0].replace(".", "/") for function in functions}
    for path in paths:
        todo |= imported_modules(path)
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo |= imported_modules(module_file(module))
    return seen
