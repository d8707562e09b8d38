"""Every word about a figure, computed from the figure's own measures.

Each figure has a module here with two pure functions, which know nothing of Snakemake or of
where files live:

- ``measures(...)``: a plain dict of builtins, computed from the data and fits the figure draws
  (what the DAG writes under ``results/``, already read) and the few config values it names;
- ``words(measures, colours)``: the figure's words as a list of :class:`Claim`. ``colours`` names
  the colours drawn, by role (``colours.colour_names``); a role whose name differs between themes
  is None, and the words then name no colour for it.
- ``frame_words(measures)``, for an animation: each frame's words for the blog player's slider
  (``swept``), from the values its measures keep frame by frame.

A claim is one title, alt text or sentence, with a key that says what it asserts and the facts
(the measured values) it states. A sentence is made only when the measures support it for this
config; otherwise a different sentence (another key) is made, or none. ``texts`` joins the claims
into the figure's title, alt text and description; tests/test_words.py checks every key against
an independent computation on generated configs.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field

from l1l2figures.maths.rounding import rounded_up

# The fields a figure's words fill. The title is the caption's bold lead and the gallery's heading;
# the description is the caption's first paragraph and the site's text; alt is the short text
# alternative (img alt, video aria-label, the README's pictures).
TITLE, ALT, DESCRIPTION = "title", "alt", "description"
# Fields of a theme's own: the words an SVG carries for screen readers, naming that theme's colours.
SVG_TITLE, SVG_DESC = "svg_title", "svg_desc"


SERIES_ROLES = ("l1", "l2", "outlier")  # the roles the captions may name, in every figure
# The keys of a resolved style that words may name colours from: the series roles, and the colour
# words of the Manhattan paths and straight line (hues).
WORDS_STYLE_KEYS = (*(f"{role}_color" for role in SERIES_ROLES), "euclidean_color", "hues")


def words_style(style: dict) -> dict:
    """The part of a resolved style the words read: a change elsewhere (a size, a contour's
    colour) leaves a figure's words alone. Light to import: the Snakefile calls it."""
    return {key: style[key] for key in WORDS_STYLE_KEYS}


@dataclass(frozen=True)
class Claim:
    where: str  # the field the text belongs to: TITLE, ALT, DESCRIPTION or a figure's own
    key: str  # what the text asserts; the tests hold one check per key
    text: str
    facts: dict = field(default_factory=dict)  # the measured values the text states


def texts(claims: list[Claim]) -> dict:
    """Each field's text (its claims' texts in order, joined by spaces) and the claims, as
    builtins."""
    fields: dict[str, list[str]] = {}
    for claim in claims:
        fields.setdefault(claim.where, []).append(claim.text)
    return {where: " ".join(parts) for where, parts in fields.items()} | {
        "claims": [asdict(claim) for claim in claims]
    }


def measured(value: float, digits: int = 2) -> str:
    """A measured value to ``digits`` significant digits, as a reader writes it: 2.2, 0.031, 920,
    0.05, 1.2e−15; never "-0", and a minus sign rather than a hyphen."""
    if value == 0:
        return "0"
    exponent = math.floor(math.log10(abs(value)))
    if exponent < SCIENTIFIC_BELOW:
        mantissa, power = f"{value:.{digits - 1}e}".split("e")
        return signed(f"{_trimmed(mantissa)}e{int(power)}")
    return signed(
        _trimmed(f"{round(value, digits - 1 - exponent):.{max(0, digits - 1 - exponent)}f}")
    )


# The most significant digits ``told_apart`` prints: values equal to this many are as good as equal.
MOST_DIGITS = 4


def told_apart(values: list[float], digits: int = 2) -> list[str]:
    """The ``values`` ``measured`` to the fewest significant digits, at least ``digits``, that print
    different values differently (7.05 and 7.02, not 7 and 7), to MOST_DIGITS at the most."""
    for shown in range(digits, MOST_DIGITS + 1):
        printed = [measured(value, shown) for value in values]
        if len(set(printed)) == len(set(values)):
            break
    return printed


def measured_up(value: float, digits: int = 2) -> str:
    """A bound measured as ``value``, rounded up to ``digits`` significant digits, so that the
    printed bound still holds: "no more than 0.029" for 0.0283, where 0.028 would be false."""
    return measured(rounded_up(value, digits) if value > 0 else value, digits)


SCIENTIFIC_BELOW = -4  # decimal exponent under which a value is written as 1.2e−15

# A relative distance below this is floating-point round-off, not a fact about the figure: a double
# carries about 16 digits, and two exact solutions of one linear system, computed differently,
# differ by about its condition number times 2.2e−16 (1.3e−15 for the default ridge on one
# machine, 1.7e−15 on another whose BLAS sums in another order). Words and titles say "at
# round-off" for such a value, never its digits.
ROUND_OFF = 1e-12


def accuracy(distance: float) -> str:
    """A relative distance as words: "0.66", "1.2e−11", or "round-off (under 1e−12)" for one below
    ROUND_OFF, whose digits differ between machines."""
    if abs(distance) < ROUND_OFF:
        return f"round-off (under {given(ROUND_OFF)})"
    return measured(distance)


def passes(work: float) -> str:
    """ "6.6 passes": work counted in passes over the data (the solvers' work axis), two digits."""
    said = measured(work)
    return f"{said} {'pass' if said == '1' else 'passes'}"


def _trimmed(decimal: str) -> str:
    """Without trailing zeros after the point: 0.050 -> 0.05, 3.0 -> 3."""
    return decimal.rstrip("0").rstrip(".") if "." in decimal else decimal


def given(value: float) -> str:
    """A configured value as the config writes it (2, 0.05, −3, 1e−8), with a minus sign."""
    text = f"{value:g}"
    if "e" in text:
        mantissa, power = text.split("e")
        text = f"{mantissa}e{int(power)}"
    return signed(text)


def signed(text: str) -> str:
    return "0" if float(text) == 0 else text.replace("-", "−")


def value_of(text: str) -> float:
    """A number as the words print it (with a minus sign), read back."""
    return float(text.replace("−", "-"))


def fixed(value: float, decimals: int) -> str:
    """A swept value to a fixed number of decimals, with a minus sign: −2.7, 40.0, and 0.0 for
    −0.01 at one decimal."""
    text = f"{value:.{decimals}f}"
    return (text.lstrip("-") if float(text) == 0 else text).replace("-", "−")


def swept(parameter: str, labels: list[str], sentences: list[str]) -> dict:
    """An animation's words frame by frame, for a player's slider: the swept parameter's name,
    each frame's value in the parameter's words ("outlier at x = 5.1") and its own sentence."""
    if len(labels) != len(sentences):
        raise ValueError(f"{len(labels)} labels for {len(sentences)} frames")
    return {"parameter": parameter, "labels": labels, "sentences": sentences}


def count(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 coefficient", "3 coefficients"."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def agree(n: int, singular: str, plural: str) -> str:
    """The verb for ``n`` things: agree(1, "exists", "exist") -> "exists"."""
    return singular if n == 1 else plural


def listing(parts: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def with_colour(name: str | None, before: str = ", ") -> str:
    """The colour word after a series' name, or nothing when the themes draw it differently."""
    return f"{before}{name}" if name else ""


def markdown_cell(text: str) -> str:
    """``text`` inside a Markdown table cell: its bars escaped (|w| is a norm, not a column)."""
    return text.replace("|", "\\|")


def rst_text(text: str) -> str:
    """``text`` as reStructuredText that shows it as it is (|w| is not a substitution)."""
    return re.sub(r"([\\|*`_])", r"\\\1", text)
