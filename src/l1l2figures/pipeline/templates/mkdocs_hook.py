"""MkDocs hook from l1l2-figures: a line `{{< l1l2figure NAME >}}` in a page shows figure NAME.

In mkdocs.yml: `hooks: [l1l2figures/hook.py]`. Python-Markdown passes the figure's HTML through,
but not its URLs: this puts the URL of docs/l1l2figures/ relative to each page into them, so they
resolve from a page at any depth, with or without directory URLs.
"""

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

FRAGMENTS = Path(__file__).parent  # l1l2figures/NAME.html, beside mkdocs.yml
FIGURES_URL = "l1l2figures"  # docs/l1l2figures/, as published
FOLDER_URL = "{{ l1l2figures }}"  # what the fragments say instead, as embeds.MKDOCS_FOLDER_URL
CALL = re.compile(r"^\{\{< l1l2figure (\w+) >\}\}[ \t]*$", re.MULTILINE)


def on_page_markdown(markdown, page, config, files):
    def figure(call: re.Match) -> str:
        fragment = FRAGMENTS / f"{call[1]}.html"
        if not fragment.is_file():
            raise PluginError(f"{page.file.src_uri}: no figure {call[1]!r} ({fragment} is missing)")
        html = fragment.read_text().replace(FOLDER_URL, get_relative_url(FIGURES_URL, page.url))
        return f"\n{html}\n"  # a raw HTML block needs blank lines around it

    return CALL.sub(figure, markdown)
