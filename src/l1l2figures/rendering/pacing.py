"""Pacing from the data: an animation slows into the moments that matter and holds there.

A scene declares its key moments, ``[(frame_index, "what happens")]``, computed from the data it
draws (its catalogue entry's ``moments`` stage; rule pace writes the plan): the fits change shape,
L1 reaches 0, the solution leaves a corner. Each key moment shows for ``HOLD_FACTOR`` base frame
times, and at least ``MOMENT_HOLD_MS``; the frames before and after it ease in and out
(``EASE_FACTORS``). The first frame holds too (at least ``FIRST_HOLD_MS``: the reader meets the
title there), and the last one pauses, so the loop restarts from a still picture instead of jumping
mid-motion. Every duration is a whole multiple of the base frame time, so a video's constant frame
rate (the greatest common divisor of the durations) stays the base rate.
"""

from collections.abc import Iterable, Sequence

HOLD_FACTOR = 5  # a key moment shows this many base frame times (the issue asks at least 4)
# The frames 1, 2, ... away from a key moment: slower the nearer they are (an ease in and out).
EASE_FACTORS = (3, 2)

# A key moment's frame says something new (its sentence changes): it holds at least this long, time
# to read two lines of about ten words however quick the frames (five of the sweep's 100 ms frames
# left 0.5 s; two cold reviews found 0.5 s and 1.2 s too short to read).
MOMENT_HOLD_MS = 1800
# The scene's poster, when it is a key moment, is the lesson at a glance: it holds at least this
# long however quick the frames (the gradient's 60 ms frames would hold its landing 0.3 s).
LESSON_HOLD_MS = 2500
# The first frame, where a reader meets the title (and the loop restarts), holds at least this long.
FIRST_HOLD_MS = 1500

Moments = list[tuple[int, str]]


def nearest_shown(shown: Sequence[int], frame: int) -> int:
    """The position in ``shown`` of the shown frame nearest ``frame`` (a draft shows a few)."""
    return min(range(len(shown)), key=lambda position: abs(shown[position] - frame))


def paced_durations(
    shown: Sequence[int],
    base_ms: int,
    end_pause_ms: int,
    key_frames: Iterable[int] = (),
    hold: int = HOLD_FACTOR,
    ease: Sequence[int] = EASE_FACTORS,
) -> list[int]:
    """Each shown frame's display time in ms.

    ``base_ms`` between moments; ``hold`` times it at a key frame, and at least MOMENT_HOLD_MS (and
    at the first frame, where the loop restarts, at least FIRST_HOLD_MS); ``ease[d - 1]`` times it d
    frames away from a key frame; at least ``end_pause_ms`` for the last frame. Frames are positions
    in ``shown``; a key frame that is not shown counts at the nearest shown one.
    """
    factors = [1] * len(shown)
    moments = {nearest_shown(shown, frame) for frame in key_frames}
    holds = {0, *moments}
    for key in holds:
        for distance, factor in enumerate((hold, *ease)):
            for position in {key - distance, key + distance}:
                if 0 <= position < len(shown):
                    factors[position] = max(factors[position], factor)
    durations = [factor * base_ms for factor in factors]
    for key in moments:
        durations[key] = max(durations[key], whole_frames(MOMENT_HOLD_MS, base_ms))
    durations[0] = max(durations[0], whole_frames(FIRST_HOLD_MS, base_ms))
    durations[-1] = max(durations[-1], end_pause_ms)
    return durations


def whole_frames(ms: int, base_ms: int) -> int:
    """``ms`` rounded up to whole base frame times, as every duration is."""
    return -(-ms // base_ms) * base_ms


def plan(
    shown: Sequence[int],
    base_ms: int,
    end_pause_ms: int,
    moments: Moments,
    poster: int | None,
    poster_override: int | None = None,
) -> dict:
    """An animation's pacing: each shown frame's duration, its key moments, and its poster (the
    override if the config sets one, else the scene's, else the first frame), as a shown frame."""
    wanted = poster if poster_override is None else poster_override
    durations = paced_durations(shown, base_ms, end_pause_ms, [frame for frame, _ in moments])
    if poster is not None and poster in {frame for frame, _ in moments}:
        at = nearest_shown(shown, poster)
        durations[at] = max(durations[at], whole_frames(LESSON_HOLD_MS, base_ms))
    return {
        "durations_ms": durations,
        "moments": [[frame, what] for frame, what in moments],
        "poster": shown[nearest_shown(shown, wanted or 0)],
    }
