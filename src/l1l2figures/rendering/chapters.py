"""An animation's key moments as a WebVTT chapters track, for the video's ``<track kind=chapters>``.

A scene declares its key moments as (frame index, what happens there); the video shows frame i
from the sum of the durations of the frames before it. Each moment is a chapter that lasts until
the next one, the last until the video ends, so a reader's player lists them and seeks to each.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND = 3_600_000, 60_000, 1000


class ChaptersError(ValueError):
    """Key moments that cannot be chapters; the message says which."""


def timestamp(ms: int) -> str:
    """A WebVTT timestamp, hh:mm:ss.ttt."""
    hours, rest = divmod(ms, MS_PER_HOUR)
    minutes, rest = divmod(rest, MS_PER_MINUTE)
    seconds, millis = divmod(rest, MS_PER_SECOND)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def chapters_vtt(moments: Sequence[tuple[int, str]], frame_durations_ms: Sequence[int]) -> str:
    """The WebVTT text of ``moments``, (frame index, what happens), in a video whose frames last
    ``frame_durations_ms``."""
    indices = [index for index, _ in moments]
    if any(not 0 <= index < len(frame_durations_ms) for index in indices):
        raise ChaptersError(
            f"key moments at frames {indices}: an animation of {len(frame_durations_ms)} frames "
            f"has frames 0 to {len(frame_durations_ms) - 1}"
        )
    if indices != sorted(set(indices)):
        raise ChaptersError(f"key moments at frames {indices}: must be in order, one per frame")
    for index, text in moments:
        # A cue's text ends at a blank line, and "-->" would start a timing line.
        if not text.strip() or "\n" in text or "-->" in text:
            raise ChaptersError(f"key moment at frame {index}: {text!r} must be one line of text")
    starts = [0, *accumulate(frame_durations_ms)]  # starts[i]: frame i appears; the last: the end
    ends = [starts[index] for index in indices[1:]] + [starts[-1]]
    cues = [
        f"{timestamp(starts[index])} --> {timestamp(end)}\n{text.strip()}"
        for (index, text), end in zip(moments, ends)
    ]
    return "WEBVTT\n\n" + "".join(f"{cue}\n\n" for cue in cues)
