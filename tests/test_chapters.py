"""Key moments as a WebVTT chapters track: cue times from the frames' durations."""

import re

import pytest

from l1l2figures.rendering.chapters import ChaptersError, chapters_vtt, timestamp

CUE = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})$")


def cues(vtt: str) -> list[tuple[float, float, str]]:
    """(start s, end s, text) of each cue, read back as a player would."""
    header, *blocks = vtt.strip().split("\n\n")
    assert header == "WEBVTT"
    found = []
    for block in blocks:
        timing, text = block.split("\n")
        h1, m1, s1, ms1, h2, m2, s2, ms2 = map(int, CUE.fullmatch(timing).groups())
        found.append(
            (h1 * 3600 + m1 * 60 + s1 + ms1 / 1000, h2 * 3600 + m2 * 60 + s2 + ms2 / 1000, text)
        )
    return found


def test_each_moment_lasts_from_its_frame_until_the_next_moment_or_the_end():
    # 60 frames of 100 ms and a 1 s pause on the last: 6.9 s in all
    durations = [100] * 59 + [1000]
    moments = [(0, "The outlier enters on the left"), (25, "It crosses the points"), (59, "Done")]
    assert cues(chapters_vtt(moments, durations)) == [
        (0.0, 2.5, "The outlier enters on the left"),
        (2.5, 5.9, "It crosses the points"),
        (5.9, 6.9, "Done"),
    ]


def test_times_past_an_hour_and_uneven_durations():
    assert timestamp(3_723_045) == "01:02:03.045"
    vtt = chapters_vtt([(1, "b"), (2, "c")], [1000, 3_600_000, 7])
    assert (
        vtt == "WEBVTT\n\n00:00:01.000 --> 01:00:01.000\nb\n\n01:00:01.000 --> 01:00:01.007\nc\n\n"
    )


@pytest.mark.parametrize(
    "moments, message",
    [
        ([(3, "x")], r"frames \[3\]: an animation of 3 frames has frames 0 to 2"),
        ([(-1, "x")], r"frames \[-1\]"),
        ([(2, "x"), (1, "y")], r"must be in order, one per frame"),
        ([(1, "x"), (1, "y")], r"must be in order, one per frame"),
        ([(0, "two\nlines")], r"frame 0: 'two\\nlines' must be one line"),
        ([(0, "a --> b")], r"must be one line"),
        ([(0, "  ")], r"must be one line"),
    ],
)
def test_moments_that_cannot_be_chapters_are_refused(moments, message):
    with pytest.raises(ChaptersError, match=message):
        chapters_vtt(moments, [100, 100, 100])
