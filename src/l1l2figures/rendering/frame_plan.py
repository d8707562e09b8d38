"""Which frames an animation shows and which job draws each (pacing.py: how long each is shown).

Plain Python: the Snakefile plans the jobs with it on every run, and numpy's import would cost each
run a tenth of a second.
"""


def chunks(items: list, per_chunk: int) -> list[list]:
    """Split ``items`` into consecutive lists of at most ``per_chunk`` items."""
    return [items[start : start + per_chunk] for start in range(0, len(items), per_chunk)]


def evenly_spaced(n_items: int, n_picks: int) -> list[int]:
    """At most ``n_picks`` indices of ``n_items``, evenly spaced, the first and the last included.

    The frames of a draft or a contact sheet, and the frames an encoder samples for its palette.
    """
    count = min(n_picks, n_items)
    if count < 2:
        return list(range(count))
    # As numpy.linspace computes them (each index times one step, the last exactly the last), and
    # rounded half to even, as numpy.round does.
    step = (n_items - 1) / (count - 1)
    picks = [i * step for i in range(count - 1)] + [n_items - 1]
    return sorted({round(pick) for pick in picks})
