"""Check that a change publishes the same bytes: the default build (`all` and `site`) of a
commit and of the working tree, every file of figures/ and site/ compared.

    pip install -e '.[bench]' && python bench/same_bytes.py [--rev 4ed9e6f]

A restructure must pass it (issue 22 did, against 4ed9e6f); a change to a figure lists the files
it changes. Builds twice from scratch in a temporary directory: minutes.
"""

import argparse
import sys
import tempfile
from pathlib import Path

from run import fresh_copy, snakemake

PUBLISHED = ("figures", "site")


def published_files(workdir: Path) -> dict[str, bytes]:
    """{path below the workflow: bytes} of every published file."""
    return {
        path.relative_to(workdir).as_posix(): path.read_bytes()
        for folder in PUBLISHED
        for path in sorted((workdir / folder).rglob("*"))
        if path.is_file()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="4ed9e6f", help="the commit to compare with")
    rev = parser.parse_args().rev
    with tempfile.TemporaryDirectory() as parent:
        built = {}
        for name, source in ((rev, rev), ("working tree", None)):
            workdir = fresh_copy(Path(parent), name.replace(" ", "_"), source)
            snakemake(workdir, "all", "site")
            built[name] = published_files(workdir)
    before, after = built.values()
    differ = sorted(
        path for path in before.keys() | after.keys() if before.get(path) != after.get(path)
    )
    print(f"{len(after)} published files; {len(differ)} differ from {rev}")
    for path in differ:
        print(f"  {path}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
