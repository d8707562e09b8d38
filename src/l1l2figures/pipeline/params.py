"""A job's params as Snakemake records, prints and reports them: short.

Snakemake records each param of a job by its ``repr``; when one has changed, a job's reason prints
the ``repr`` before and now, and the report lists every param with ``str``. The params of this
workflow's jobs are config slices: a figure's whole resolved style, the index of every frame a job
draws. A one-number tweak then printed the whole style twice per job. Each param is written in
full to its job's config slice (results/config/<rule>/<wildcards>/params.json, an input of the
job); Snakemake is given it as a ``Shown`` dict or list: the same value to the job's script, and
printed as its name with its value when that is short, or a digest of it otherwise, which changes
whenever the value does (so the job still reruns on exactly the changes it did before).
``changed_keys`` names what changed in a config slice, for a one-line note per job.
"""

import hashlib
import json

# A param whose JSON is at most this long is shown as it is; a longer one by a digest.
SHOWN_CHARS = 40
# Hex digits of the SHA-256 of a param's JSON that stand for it.
DIGEST_CHARS = 12


def summary(value) -> str:
    """``value`` in a few characters: its JSON (keys sorted) if short, else ``#<digest>``."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"))
    if len(text) <= SHOWN_CHARS:
        return text
    return "#" + hashlib.sha256(text.encode()).hexdigest()[:DIGEST_CHARS]


class Shown:
    """A param that Snakemake records and prints by its name and ``summary``; ``str`` (the
    report's listing, which names the param already) is the summary alone."""

    name = ""

    def __repr__(self) -> str:
        shown = summary(self)
        return f"{self.name}{'' if shown.startswith('#') else '='}{shown}"

    def __str__(self) -> str:
        return summary(self)


class ShownDict(Shown, dict):
    pass


class ShownList(Shown, list):
    pass


SHOWN = {dict: ShownDict, list: ShownList}


def shown(name: str, value):
    """``value`` as a param named ``name`` that Snakemake shows briefly; a value other than a dict
    or a list (a number, a path) is short already and is returned as it is."""
    kind = SHOWN.get(type(value))
    if kind is None:
        return value
    param = kind(value)
    param.name = name
    return param


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
