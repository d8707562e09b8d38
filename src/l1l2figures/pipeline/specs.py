"""A job's spec: everything it reads from the config and the catalogue, as one JSON file named by
the digest of its content (layout.Layout.spec). A tweak names a spec that does not exist yet, so
the job that reads it is planned, and only that job; nothing depends on Snakemake's records.

A job key names one job: its rule and wildcards, ``render/figure=robustness/theme=light/chunk=0``.
"""

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from types import SimpleNamespace

from l1l2figures.catalogue import ANIMATION, CATALOGUE, stage_config
from l1l2figures.errors import ConfigError
from l1l2figures.files import damaged, write_if_changed
from l1l2figures.pipeline.build import call_spec
from l1l2figures.pipeline.configuration import frame_size_px
from l1l2figures.pipeline.layout import ANIMATED, Layout
from l1l2figures.pipeline.provenance import figures_read
from l1l2figures.rendering.formats import HIGH_DENSITY_SCALE
from l1l2figures.rendering.frame_plan import chunks, evenly_spaced
from l1l2figures.rendering.theme import figure_style, theme_names
from l1l2figures.words import words_style

# Hex digits of the SHA-256 of a spec's JSON that name its file.
DIGEST_CHARS = 16


def spec_text(values) -> str:
    # Keys in their order: a mapping's order in the config can be what a figure draws (the
    # Manhattan paths, one over another), so it is part of what a job reads.
    return json.dumps(values, indent=1) + "\n"


def digest(values) -> str:
    """The name of the spec file that holds ``values``."""
    return hashlib.sha256(spec_text(values).encode()).hexdigest()[:DIGEST_CHARS]


def job_key(rule: str, wildcards: Mapping[str, str]) -> str:
    """The key of the job of ``rule`` with ``wildcards``."""
    return rule + "".join(f"/{name}={value}" for name, value in wildcards.items())


def parse_job_key(job: str) -> tuple[str, SimpleNamespace]:
    """The rule and wildcards (as attributes) of a job key."""
    rule, *named = job.split("/")
    pairs = (pair.partition("=") for pair in named)
    return rule, SimpleNamespace(**{name: value for name, _, value in pairs})


def job_name(job: str) -> str:
    """A job key as the job's log names the job: ``render figure=robustness theme=light``."""
    rule, wildcards = parse_job_key(job)
    return " ".join([rule, *(f"{name}={value}" for name, value in vars(wildcards).items())])


# A key that one of two compared values has and the other has not.
_ABSENT = object()


def changed_keys(before, now, path: str = "") -> list[str]:
    """The keys whose values differ between two JSON-able values, as dotted paths (``style.dpi``),
    sorted: dicts are compared key by key, anything else (a list) as a whole."""
    if isinstance(before, dict) and isinstance(now, dict):
        return [
            changed
            for key in sorted(set(before) | set(now), key=str)
            for changed in changed_keys(
                before.get(key, _ABSENT), now.get(key, _ABSENT), f"{path}{key}."
            )
        ]
    return [] if before == now else [path.removesuffix(".")]


def write_spec(path: str | Path, values) -> list[str]:
    """Write the spec file ``path`` and remove the job's earlier specs; the keys that changed
    since the latest of them. One spec per job: going back to an earlier value writes its spec
    again, newer than the job's outputs."""
    path = Path(path)
    earlier = sorted(
        (other for other in path.parent.glob("*.json") if other != path),
        key=lambda other: other.stat().st_mtime_ns,
    )
    changed = []
    if earlier:
        changed = changed_keys(json.loads(earlier[-1].read_text()), json.loads(spec_text(values)))
    write_if_changed(path, spec_text(values))
    for other in earlier:
        other.unlink(missing_ok=True)
    return changed


class Specs:
    """What each job of the workflow reads from the config and the catalogue, by rule: a method
    per rule, on the job's wildcards (attributes: ``figure``, ``theme``, ``chunk``...). The
    workflow writes them as the jobs' spec files; the live preview draws from the same specs."""

    def __init__(self, config: dict, project_dir: str = "."):
        self.config = config
        self.draft = config["draft"]
        self.themes = theme_names(config)
        self.project_dir = project_dir

    def __call__(self, rule: str, wildcards) -> dict:
        return getattr(self, rule)(wildcards)

    # --- what the rules ask ---

    def _section(self, figure: str) -> dict:
        return self.config[CATALOGUE[figure].section]

    def style(self, figure: str, theme: str, scale: float = 1) -> dict:
        """The resolved look of ``figure`` in ``theme``, at ``scale`` times its dpi (and at the
        draft's dpi in a draft)."""
        resolved = figure_style(self.config, CATALOGUE[figure].section, theme)
        draft_scale = self.config["drafting"]["dpi_scale"] if self.draft else 1
        resolved["dpi"] = resolved["dpi"] * draft_scale * scale
        return resolved

    def shown_frames(self, figure: str) -> list[int]:
        """The frames an animation shows: all of them, or an evenly spaced few in a draft."""
        n_frames = self._section(figure)["n_frames"]
        if self.draft:
            return evenly_spaced(n_frames, self.config["drafting"]["frames"])
        return list(range(n_frames))

    def frame_jobs(self, figure: str) -> list[list[int]]:
        """The frames of each of an animation's render jobs: chunks of frames_per_job."""
        return chunks(self.shown_frames(figure), self._section(figure)["frames_per_job"])

    def sheet_frames(self, figure: str) -> list[int]:
        """The frames a contact sheet shows."""
        n_frames = self._section(figure)["n_frames"]
        return evenly_spaced(n_frames, self.config["preview"]["frames"])

    def _words_styles(self, figure: str, themes) -> dict:
        section = CATALOGUE[figure].section
        return {theme: words_style(figure_style(self.config, section, theme)) for theme in themes}

    def _computed(self, w, stage: str) -> dict:
        return {
            "call": call_of(w.figure, stage),
            "config": stage_config(self.config, w.figure, stage),
        }

    def _drawing(self, w, scale: float = 1, **task) -> dict:
        return {
            "draw": call_of(w.figure, "draw"),
            "config": stage_config(self.config, w.figure, "draw"),
            "style": self.style(w.figure, w.theme, scale),
            **task,
        }

    # --- one method per rule ---

    def data(self, w) -> dict:
        return self._computed(w, "data")

    def fit(self, w) -> dict:
        return self._computed(w, "fit")

    def words(self, w, themes=None, caption=True) -> dict:
        return {
            **self._computed(w, "words"),
            "styles": self._words_styles(w.figure, themes or self.themes),
            "name": CATALOGUE[w.figure].category,
            "caption": caption,
        }

    def theme_words(self, w) -> dict:
        return self.words(w, [w.theme], caption=False)

    def render(self, w) -> dict:
        return self._drawing(w, task="frames", frames=self.frame_jobs(w.figure)[int(w.chunk)])

    def gate(self, w) -> dict:
        return self._drawing(w, task="gate", frames=self.shown_frames(w.figure))

    def sheet(self, w) -> dict:
        return self._drawing(w, task="sheet", frames=self.sheet_frames(w.figure))

    def frame(self, w) -> dict:
        n_frames, index = self._section(w.figure)["n_frames"], int(w.index)
        if index >= n_frames:
            raise ConfigError(
                f"{w.figure} has frames 0 to {n_frames - 1}; there is no frame {index}"
            )
        return self._drawing(w, task="frame", frames=[index])

    def poster2x(self, w) -> dict:
        return self._drawing(w, HIGH_DENSITY_SCALE, task="poster")

    def draw(self, w) -> dict:
        return self._drawing(w, task="png")

    def svg(self, w) -> dict:
        return self._drawing(w, task="svg")

    def still_gate(self, w) -> dict:
        return self._drawing(w, task="gate")

    def pace(self, w) -> dict:
        section = self._section(w.figure)
        poster_at = section.get("poster_at")  # 0 the first frame, 1 the last; None: the scene's
        return {
            "call": call_of(w.figure, "moments"),
            "frames": self.shown_frames(w.figure),
            "frame_duration_ms": section["frame_duration_ms"],
            "end_pause_ms": section["end_pause_ms"],
            "poster_override": None
            if poster_at is None
            else round(poster_at * (section["n_frames"] - 1)),
        }

    def assemble(self, w) -> dict:
        return {
            "frames": self.shown_frames(w.figure),
            "size": frame_size_px(self.style(w.figure, w.theme)),
        }

    def poster(self, w) -> dict:
        return {"size": frame_size_px(self.style(w.figure, w.theme))}

    def site(self, w) -> dict:
        # A bundle file that is not what its build wrote (cut short, edited) makes a new spec, so
        # the bundle is built again.
        damaged_files = damaged(Layout(self.draft).receipt("site"))
        return {
            **({"damaged": damaged_files} if damaged_files else {}),
            "catalogue": site_catalogue(),  # in the gallery's order
            "draft": self.draft,
            # the frames each animation shows, which its player steps through
            "shown": {
                name: self.shown_frames(name)
                for name, entry in CATALOGUE.items()
                if entry.kind == ANIMATION
            },
            # the manifests' config slices: each figure's sections and those it reads
            "config": self.config,
            "reads": {figure: sorted(read) for figure, read in figures_read(CATALOGUE).items()},
            # the git checkout the manifests name the commit of
            "project_dir": self.project_dir,
        }


def call_of(figure: str, stage: str) -> dict | None:
    """What a job of ``stage`` calls for ``figure``, as the catalogue says (None: an optional
    stage the figure does without)."""
    entry = CATALOGUE[figure].stage(stage)
    return None if entry is None else call_spec(entry)


def site_catalogue() -> dict:
    """The figures of the blog bundle: {figure: ANIMATED, or the formats a still comes in}."""
    return {
        name: ANIMATED if entry.kind == ANIMATION else entry.formats
        for name, entry in CATALOGUE.items()
    }
