"""The README's table of figures, written from the build's words: each row is the figure's title
and description as its words stage wrote them (``results/<figure>/words.json``).

``python -m l1l2figures.words.readme`` (from the project folder, after a default build) rewrites the
table between the README's two markers; ``--check`` only says whether it is current (exit 1 if
not). The words never print a value at round-off (words.ROUND_OFF), so the table is the same on
every machine.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from l1l2figures.catalogue import ANIMATIONS, CATALOGUE
from l1l2figures.words import markdown_cell

START = (
    "<!-- figure table: `python -m l1l2figures.words.readme` writes it from the build's words -->"
)
END = "<!-- end of the figure table -->"
HEADER = "| figure | what it shows (default settings) |\n| --- | --- |"
# The format the README names for an animation; a still's is the first of its formats.
ANIMATION_FORMAT = "gif"


def figure_cell(figure: str) -> str:
    """``figures/<figure>.gif``, or a still's first format, naming its other formats' previews."""
    if figure in ANIMATIONS:
        return f"`figures/{figure}.{ANIMATION_FORMAT}`"
    first, *others = CATALOGUE[figure].formats
    previews = "".join(f" (and a `.{extension}` preview)" for extension in others)
    return f"`figures/{figure}.{first}`{previews}"


def table(words: dict[str, dict]) -> str:
    """The Markdown table, one row per figure of the catalogue in its order: ``words`` is
    {figure: its words.json}."""
    rows = [f"| {figure_cell(figure)} | {row_text(words[figure])} |" for figure in CATALOGUE]
    return "\n".join([HEADER, *rows])


def row_text(figure_words: dict) -> str:
    """What a figure shows: its title in bold, then its description, as a table cell."""
    return markdown_cell(f"**{figure_words['title']}.** {figure_words['description']}")


def table_in(readme: str) -> str:
    """The table between the README's markers."""
    _, start, rest = readme.partition(START)
    inside, end, _after = rest.partition(END)
    if not (start and end):
        raise ValueError(f"no figure table between the markers {START} and {END}")
    return inside.strip("\n")


def with_table(readme: str, new_table: str) -> str:
    """``readme`` with ``new_table`` between its markers."""
    old = table_in(readme)
    return readme.replace(f"{START}\n{old}\n{END}", f"{START}\n{new_table}\n{END}", 1)


def build_words(results: Path) -> dict[str, dict]:
    """{figure: words.json} of every figure of the catalogue, from a build's ``results/``."""
    words = {}
    for figure in CATALOGUE:
        path = results / figure / "words.json"
        try:
            words[figure] = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise ValueError(
                f"cannot read {path} ({error.strerror}): build the figures first "
                "(`snakemake --cores 4`)"
            ) from None
    return words


def main(argv: list[str] | None = None) -> None:
    """[--check] [README.md [results]]: rewrite (or check) the README's table."""
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    paths = [arg for arg in args if arg != "--check"]
    readme = Path(paths[0] if paths else "README.md")
    results = Path(paths[1] if len(paths) > 1 else "results")
    try:
        text = readme.read_text(encoding="utf-8")
        new = with_table(text, table(build_words(results)))
    except OSError as error:
        sys.exit(f"{readme}: cannot read it: {error.strerror}")
    except ValueError as problem:
        sys.exit(f"{readme}: {problem}")
    if check:
        if new != text:
            sys.exit(
                f"{readme}: the figure table differs from the build's words; run {__spec__.name}"
            )
        print(f"{readme}: the figure table is current")
    elif new != text:
        readme.write_text(new, encoding="utf-8")
        print(f"{readme}: figure table rewritten")
    else:
        print(f"{readme}: the figure table is current")


if __name__ == "__main__":
    main()
