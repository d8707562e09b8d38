"""Where every product of every stage lives: the one module that spells a path.

The rules take their output patterns from here (called with wildcard placeholders such as
``"{figure}"``), the scripts and the site their files, the preview its sheets, and a job's log the
job that makes a damaged input (``maker_of``). A draft (``Layout(draft=True)``) keeps everything
it draws apart under ``drafts/``; data, fits and words are the same for both and are shared.
Pure Python: the Snakefile reads it on every run.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from l1l2figures.rendering.formats import VIDEO_MIME_TYPES
from l1l2figures.rendering.theme import COLOR_SCHEMES

RESULTS = "results"
DRAFTS = "drafts/"
# The file each data or fit stage writes, by stage: results/<figure>/<name>.<suffix>.
PRODUCT_NAMES = {"data": "data", "fit": "fits"}
# What the catalogue says of an animation, instead of a still's file extensions.
ANIMATED = "animated"
# A figure of the site: ANIMATED, or the file extensions of a still.
Kind = str | tuple[str, ...]
# The site's templates, in the package: inputs of the site's job.
TEMPLATES_DIR = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Layout:
    """The paths of one build: a normal one, or a draft (``draft=True``)."""

    draft: bool = False

    @property
    def drafted(self) -> str:
        """The prefix of everything drawn: ``drafts/`` in a draft."""
        return DRAFTS if self.draft else ""

    # --- computed once for drafts and finished figures alike ---

    def product(self, figure: str, stage: str, suffix: str = "{suffix}") -> str:
        """The file of ``figure``'s data or fit stage."""
        return f"{RESULTS}/{figure}/{PRODUCT_NAMES[stage]}.{suffix}"

    def words(self, figure: str, theme: str | None = None) -> str:
        """A figure's words (words.json), or its words in one theme's colour names."""
        themed = f"{theme}/" if theme else ""
        return f"{RESULTS}/{figure}/{themed}words.json"

    def caption(self, figure: str) -> str:
        """A figure's caption in the Snakemake report, made by its words stage."""
        return f"{RESULTS}/{figure}/caption.rst"

    def spec(self, job: str, digest: str, drafted: bool = False) -> str:
        """The spec of ``job`` (everything it reads from the config and the catalogue), named by
        the digest of its content; under drafts/ for a job that draws a draft (``drafted``)."""
        return f"{DRAFTS if drafted else ''}{RESULTS}/specs/{job}/{digest}.json"

    # --- drawn: apart in a draft ---

    def rendered(self, figure: str, theme: str, name: str) -> str:
        """A file drawn or encoded for ``figure`` in ``theme``."""
        return f"{self.drafted}{RESULTS}/{figure}/{theme}/{name}"

    def frames(self, figure: str, theme: str, chunk) -> str:
        """The folder of render job ``chunk``'s frames."""
        return self.rendered(figure, theme, f"frames/{chunk}")

    def pacing(self, figure: str) -> str:
        """An animation's pacing: each frame's time and its poster frame."""
        return f"{self.drafted}{RESULTS}/{figure}/pacing.json"

    def encoding(self, figure: str, theme: str, extension: str) -> str:
        """An animation encoded in one format, or a still in one of its formats."""
        return self.rendered(figure, theme, f"{figure}.{extension}")

    def high_density(self, figure: str, theme: str) -> str:
        """A still's PNG at twice its dpi."""
        return self.rendered(figure, theme, f"{figure}@2x.png")

    def poster(self, figure: str, theme: str, scale: str = "") -> str:
        """An animation's poster frame as a PNG (``scale="@2x"``: drawn at twice the dpi)."""
        return self.rendered(figure, theme, f"poster{scale}.png")

    def published(self, name: str) -> str:
        """A finished figure (a file name) in figures/."""
        return f"{self.drafted}figures/{name}"

    def sheet(self, figure: str, theme: str) -> str:
        """An animation's contact sheet."""
        return f"{self.drafted}preview/{figure}/{theme}/sheet.png"

    def frame(self, figure: str, theme: str, index) -> str:
        """One frame of an animation, drawn alone."""
        return f"{self.drafted}preview/{figure}/{theme}/frame_{index}.png"

    def receipt(self, name: str) -> str:
        """The receipt of a publication (the site): the SHA-256 of each file it wrote. Not an
        update() output, so Snakemake removes it when the publishing job fails."""
        return f"{self.drafted}{RESULTS}/receipts/{name}.json"

    @property
    def preview_lock(self) -> str:
        """What a running live preview holds locked (drafts or not: one preview per folder)."""
        return "preview/.lock"

    def quality(self, figure: str, theme: str) -> str:
        """The figure-quality gate's report on a figure (every frame of an animation) in one
        theme."""
        return f"{self.drafted}quality/{figure}/{theme}.txt"

    def log(self, folder: str, name: str) -> str:
        """A job's log, in the folder of its figure or of what it does (publish), or in logs/
        itself (``folder=""``)."""
        return f"{self.drafted}logs/{folder}{'/' if folder else ''}{name}.log"

    def benchmark(self, figure: str, name: str) -> str:
        return f"{self.drafted}benchmarks/{figure}/{name}.tsv"

    @property
    def shared(self) -> "Layout":
        """The layout of what drafts and finished figures share (data, fits, words): their logs."""
        return Layout()

    # --- the blog bundle ---

    @property
    def site(self) -> str:
        return f"{self.drafted}site"

    def assets(self, figure: str, kind: Kind, theme: str) -> dict[str, str]:
        """The files one theme of a figure brings to the site, by role."""
        if kind == ANIMATED:
            paths = {fmt: self.encoding(figure, theme, fmt) for fmt in (*VIDEO_MIME_TYPES, "gif")}
            paths["poster"] = self.poster(figure, theme)
            paths["poster2x"] = self.poster(figure, theme, "@2x")
            return paths
        paths = {
            "png": self.encoding(figure, theme, "png"),
            "png2x": self.high_density(figure, theme),
        }
        if "svg" in kind:
            paths["svg"] = self.encoding(figure, theme, "svg")
        return paths

    def site_url(self, asset: str) -> str:
        """An asset's URL inside the site, relative to ``site/``: its path below results/."""
        return Path(asset).relative_to(f"{self.drafted}{RESULTS}").as_posix()

    def site_inputs(self, catalogue: dict[str, Kind]) -> list[str]:
        """Every asset of every figure and theme."""
        return [
            path
            for figure, kind in catalogue.items()
            for theme in COLOR_SCHEMES
            for path in self.assets(figure, kind, theme).values()
        ]

    def figure_folders(self, catalogue: dict[str, Kind]) -> list[str]:
        """The files of every site/<figure>/ folder, and the players' script and stylesheet,
        relative to site/: what an embed copies."""
        animations = [figure for figure, kind in catalogue.items() if kind == ANIMATED]
        return [
            *(self.site_url(path) for path in self.site_inputs(catalogue)),
            *(manifest_url(figure) for figure in catalogue),
            *(embed_page_url(figure) for figure in catalogue),
            *(player_data_url(figure) for figure in animations),
            *(chapters_url(figure) for figure in animations),
            *PLAYER_FILES,
        ]


def manifest_url(figure: str) -> str:
    """Where a figure's manifest (how it was made) is, relative to site/."""
    return f"{figure}/manifest.json"


def player_data_url(figure: str) -> str:
    """Where an animation's player finds its frames' times, words and chapters, relative to site/."""
    return f"{figure}/player.json"


def chapters_url(figure: str) -> str:
    """Where an animation's key moments are, as a WebVTT chapters track, relative to site/."""
    return f"{figure}/chapters.vtt"


# The script and stylesheet every player shares, at the top of site/ (made from the templates of
# the same names).
PLAYER_FILES = ("l1l2-player.js", "l1l2-player.css")


def embed_page_url(figure: str) -> str:
    """Where a figure's page of its own is (for an iframe), relative to site/."""
    return f"{figure}/embed.html"


# The job that makes a file, by the pattern of its path: (rule, the pattern's wildcards). Only the
# files a job reads back are here: those that ``maker_of`` may be asked about.
_MAKERS = [
    ("data", Layout().product("{figure}", "data", "{suffix}")),
    ("fit", Layout().product("{figure}", "fit", "{suffix}")),
    ("render", Layout().frames("{figure}", "{theme}", "{chunk}")),
    ("pace", Layout().pacing("{figure}")),
    ("assemble", Layout().encoding("{figure}", "{theme}", "{format}")),
    ("words", Layout().words("{figure}")),
]


def _regex(pattern: str) -> re.Pattern:
    """``pattern``'s wildcards as named groups (a wildcard seen again must match the same)."""
    regex, seen = "", set()
    for i, part in enumerate(re.split(r"\{(\w+)\}", pattern)):
        if i % 2 == 0:
            regex += re.escape(part)
        else:
            regex += f"(?P={part})" if part in seen else rf"(?P<{part}>[^/]+)"
            seen.add(part)
    return re.compile(rf"(?:{re.escape(DRAFTS)})?{regex}(?:/.*)?")


_MAKER_REGEXES = [(rule, _regex(pattern)) for rule, pattern in _MAKERS]


def maker_of(path: str) -> str | None:
    """The job that makes ``path`` (its rule and the wildcards that tell its jobs apart), as its
    log names it; None for a file no job of the workflow reads back."""
    for rule, regex in _MAKER_REGEXES:
        if match := regex.fullmatch(Path(path).as_posix()):
            wildcards = [
                f"{key}={value}" for key, value in match.groupdict().items() if key != "suffix"
            ]
            return " ".join([rule, *wildcards])
    return None
