"""The library modules a script or a function depends on, from their import statements.

The workflow declares them as a job's inputs (Snakemake's code trigger sees only the script), so
that editing a module reruns exactly the jobs that use it. Pure Python: read at parse time.
"""

import ast
from pathlib import Path

PACKAGE = "l1l2figures"
LIBRARY = Path(__file__).parents[1]  # the package, above pipeline/


def imported_modules(path: str | Path) -> set[str]:
    """The modules of the package that the file at ``path`` imports, as ``name`` or ``scenes/name``
    (anywhere in the file: an import inside a function counts too)."""
    names = set()
    for node in ast.walk(ast.parse(Path(path).read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        else:
            continue
        names.update(
            module.removeprefix(f"{PACKAGE}.").replace(".", "/")
            for module in modules
            if module.startswith(f"{PACKAGE}.")
        )
    return names


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
