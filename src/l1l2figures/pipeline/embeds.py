"""Embeds for the static site generators blog authors use: what `site` writes for each, and where.

Each generator gets a folder of site/ laid out as its own project is, to copy over the blog's
folder: the figures' folders where the generator publishes static files, one fragment per figure,
and the generator's way to call it from a post (a Hugo shortcode, a Jekyll include, an MkDocs hook,
a MyST include). A fragment is the figure's snippet itself, rendered with the generator's own
expression for the URL of the figures' folders, so that the URLs resolve from a post at any depth
and under a site's base path. Pure data: the workflow reads it when it parses the rules.

MyST is the exception: mystmd turns raw HTML into its own document tree, which has no video
sources, picture sources or style (tried on mystmd 1.8), so its fragment shows the figure's page,
``<figure>/embed.html``, in an iframe, with everything the snippet has.
"""

from dataclasses import dataclass, field

# The figures' folder name in every generator's tree.
FIGURES_FOLDER = "l1l2figures"
# In an MkDocs fragment, the URL of the figures' folder; its hook puts the page's relative one.
MKDOCS_FOLDER_URL = "{{ l1l2figures }}"


@dataclass(frozen=True)
class Generator:
    name: str  # its folder in site/
    assets: str  # where the figures' folders go in its tree (hard links to site/'s files)
    base: str  # the URL of that folder, with a trailing slash, in the generator's template language
    fragment: str  # a figure's embed in its tree, "{figure}" for the figure's name
    post_line: str  # what an author writes in a post, "{figure}" for the figure's name
    # The embed's template: the snippet itself, or what shows it where raw HTML does not pass.
    fragment_template: str = "snippet.html"
    # Its other files, the same for every figure: {path in its tree: template}.
    files: dict[str, str] = field(default_factory=dict)


GENERATORS = [
    Generator(
        name="hugo",
        assets=f"static/{FIGURES_FOLDER}",
        base=f'{{{{ "{FIGURES_FOLDER}/" | relURL }}}}',
        fragment=f"layouts/partials/{FIGURES_FOLDER}/{{figure}}.html",
        post_line="{{{{< l1l2figure {figure} >}}}}",
        files={"layouts/shortcodes/l1l2figure.html": "hugo_shortcode.html"},
    ),
    Generator(
        name="jekyll",
        assets=f"assets/{FIGURES_FOLDER}",
        base=f'{{{{ "/assets/{FIGURES_FOLDER}/" | relative_url }}}}',
        fragment=f"_includes/{FIGURES_FOLDER}/{{figure}}.html",
        post_line='{{% include l1l2figure.html figure="{figure}" %}}',
        files={"_includes/l1l2figure.html": "jekyll_include.html"},
    ),
    Generator(
        name="mkdocs",
        assets=f"docs/{FIGURES_FOLDER}",
        base=f"{MKDOCS_FOLDER_URL}/",
        fragment=f"{FIGURES_FOLDER}/{{figure}}.html",  # beside mkdocs.yml, not published
        post_line="{{{{< l1l2figure {figure} >}}}}",
        files={f"{FIGURES_FOLDER}/hook.py": "mkdocs_hook.py"},
    ),
    Generator(
        name="myst",
        assets=FIGURES_FOLDER,
        # mystmd's page URLs are one level deep by default (/<page>); config.site.myst_figures_url
        # sets another (build_site)
        base=f"{FIGURES_FOLDER}/",
        # Not .md, which mystmd would publish as a page of its own; it parses an include as MyST.
        fragment=f"{FIGURES_FOLDER}/{{figure}}.myst.txt",
        post_line="```{{include}} /" + FIGURES_FOLDER + "/{figure}.myst.txt\n```",
        fragment_template="myst_figure.md",
    ),
]


def embed_paths(generator: Generator, figures: list[str]) -> list[str]:
    """The files of ``generator``'s tree other than the figures' folders, relative to site/."""
    paths = [generator.fragment.format(figure=figure) for figure in figures]
    return [f"{generator.name}/{path}" for path in (*paths, *generator.files)]


def embedded_asset(generator: Generator, site_path: str) -> str:
    """Where a file of a figure's folder (a path relative to site/) is copied in ``generator``'s tree."""
    return f"{generator.name}/{generator.assets}/{site_path}"


def site_outputs(layout, catalogue: dict) -> list[str]:
    """Every file of the site of ``layout`` (a layout.Layout): the gallery, a snippet per figure,
    the figures' folders and each generator's tree (its embeds and links to the folders)."""
    pages = ["index.html", *(f"{figure}.html" for figure in catalogue)]
    folders = layout.figure_folders(catalogue)
    embeds = [
        path
        for generator in GENERATORS
        for path in (
            *embed_paths(generator, list(catalogue)),
            *(embedded_asset(generator, file) for file in folders),
        )
    ]
    return [f"{layout.site}/{name}" for name in (*pages, *folders, *embeds)]
