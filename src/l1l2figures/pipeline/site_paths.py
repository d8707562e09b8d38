"""Where the blog bundle's files are: what each figure brings to site/, and where the pipeline
writes it. Pure Python: the workflow reads it when it parses the rules, on every run."""

from pathlib import Path

from l1l2figures.pipeline.embeds import GENERATORS, embed_paths, embedded_asset
from l1l2figures.rendering.formats import VIDEO_MIME_TYPES
from l1l2figures.rendering.theme import COLOR_SCHEMES

# What the catalogue says of an animation, instead of a still's file extensions.
ANIMATED = "animated"
RESULTS_DIR = "results"
TEMPLATES_DIR = Path(__file__).parent / "templates"

# The figures of the site, in the workflow's order: {figure: ANIMATED, or a still's extensions}.
Catalogue = dict[str, str | tuple[str, ...]]


def asset_paths(
    figure: str, kind: str | tuple[str, ...], theme: str, results: str = RESULTS_DIR
) -> dict[str, str]:
    """The files one theme of a figure brings to the site, by role, where the pipeline writes them."""
    if kind == ANIMATED:
        names = {fmt: f"{figure}.{fmt}" for fmt in (*VIDEO_MIME_TYPES, "gif")}
        names["poster"] = "poster.png"
        names["poster2x"] = "poster@2x.png"
    else:
        names = {"png": f"{figure}.png", "png2x": f"{figure}@2x.png"}
        if "svg" in kind:
            names["svg"] = f"{figure}.svg"
    return {role: f"{results}/{figure}/{theme}/{name}" for role, name in names.items()}


def site_url(asset: str, results: str = RESULTS_DIR) -> str:
    """An asset's URL inside the site, relative to ``site/``: its path below ``results``."""
    return Path(asset).relative_to(results).as_posix()


def site_inputs(catalogue: Catalogue, results: str = RESULTS_DIR) -> list[str]:
    """Every asset of every figure and theme, as the pipeline writes them."""
    return [
        path
        for figure, kind in catalogue.items()
        for theme in COLOR_SCHEMES
        for path in asset_paths(figure, kind, theme, results).values()
    ]


def manifest_url(figure: str) -> str:
    """Where a figure's manifest (how it was made) is, relative to site/."""
    return f"{figure}/manifest.json"


def embed_page_url(figure: str) -> str:
    """Where a figure's page of its own is (for an iframe), relative to site/."""
    return f"{figure}/embed.html"


def figure_folders(catalogue: Catalogue, results: str = RESULTS_DIR) -> list[str]:
    """The files of every site/<figure>/ folder, relative to site/: what an embed copies."""
    assets = [site_url(path, results) for path in site_inputs(catalogue, results)]
    return [
        *assets,
        *(manifest_url(figure) for figure in catalogue),
        *(embed_page_url(figure) for figure in catalogue),
    ]


def site_outputs(site_dir: str, catalogue: Catalogue, results: str = RESULTS_DIR) -> list[str]:
    """Every file the site consists of: the gallery, one snippet per figure, the figures' folders
    (assets, manifest, page), and each generator's tree (embeds and copies of the folders)."""
    pages = ["index.html", *(f"{figure}.html" for figure in catalogue)]
    folders = figure_folders(catalogue, results)
    embeds = [
        path
        for generator in GENERATORS
        for path in (
            *embed_paths(generator, list(catalogue)),
            *(embedded_asset(generator, file) for file in folders),
        )
    ]
    return [f"{site_dir}/{name}" for name in (*pages, *folders, *embeds)]
