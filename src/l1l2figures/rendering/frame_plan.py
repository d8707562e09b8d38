"""Which frames an animation shows and which job draws each (pacing.py: how long each is shown)."""

import numpy as np


def chunks(items: list, per_chunk: int) -> list[list]:
    """Split ``items`` into consecutive lists of at most ``per_chunk`` items."""
    return [items[start : start + per_chunk] for start in range(0, len(items), per_chunk)]


def evenly_spaced(n_items: int, n_picks: int) -> list[int]:
    """At most ``n_picks`` indices of ``n_items``, evenly spaced, the first and the last included.

    The frames of a draft or a contact sheet, and the frames an encoder samples for its palette.
    """
    picks = np.linspace(0, n_items - 1, min(n_picks, n_items)).round()
    return np.unique(picks).astype(int).tolist()
