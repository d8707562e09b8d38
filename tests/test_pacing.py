"""Pacing from the data: holds at the key moments, easing around them, a still loop restart."""

import math

import pytest

from l1l2figures.rendering.pacing import (
    EASE_FACTORS,
    FIRST_HOLD_MS,
    HOLD_FACTOR,
    LESSON_HOLD_MS,
    MOMENT_HOLD_MS,
    nearest_shown,
    paced_durations,
    plan,
)

BASE_MS, END_MS = 100, 1000


def test_a_key_moment_holds_at_least_four_base_frames_and_its_neighbours_ease():
    durations = paced_durations(list(range(30)), BASE_MS, END_MS, key_frames=[12])
    assert durations[12] >= 4 * BASE_MS
    # slower the nearer the key moment, on both sides, then the base pace
    assert durations[9] == durations[15] == BASE_MS
    assert BASE_MS < durations[10] < durations[11] < durations[12]
    assert durations[12] > durations[13] > durations[14] > BASE_MS


def test_the_loop_restarts_from_a_hold_and_ends_on_a_pause():
    durations = paced_durations(list(range(30)), BASE_MS, END_MS)
    assert durations[0] == max(HOLD_FACTOR * BASE_MS, FIRST_HOLD_MS)
    assert durations[-1] == END_MS
    assert set(durations[len(EASE_FACTORS) + 1 : -1]) == {BASE_MS}


@pytest.mark.parametrize("base_ms", [40, 60, 100, 300])
def test_a_key_moment_holds_long_enough_to_read_its_new_sentence_however_quick_the_frames(base_ms):
    durations = paced_durations(list(range(30)), base_ms, END_MS, key_frames=[12, 20])
    for key in (12, 20):
        assert durations[key] >= MOMENT_HOLD_MS >= 1200 and durations[key] % base_ms == 0
        assert durations[key] >= HOLD_FACTOR * base_ms


def test_every_duration_is_a_whole_number_of_base_frames_so_videos_keep_the_base_rate():
    durations = paced_durations(list(range(60)), BASE_MS, END_MS, key_frames=[3, 12, 13, 58])
    assert math.gcd(*durations) == BASE_MS


def test_neighbouring_key_moments_keep_the_slower_pace():
    durations = paced_durations(list(range(20)), BASE_MS, END_MS, key_frames=[8, 9])
    assert durations[8] == durations[9] == max(HOLD_FACTOR * BASE_MS, MOMENT_HOLD_MS)
    assert durations[7] == durations[10] == EASE_FACTORS[0] * BASE_MS


def test_a_draft_holds_at_the_shown_frame_nearest_each_key_moment():
    shown = [0, 10, 20, 30, 40]
    assert nearest_shown(shown, 23) == 2
    durations = paced_durations(shown, BASE_MS, END_MS, key_frames=[23])
    assert durations[2] == max(HOLD_FACTOR * BASE_MS, MOMENT_HOLD_MS)
    assert len(durations) == len(shown)


@pytest.mark.parametrize("n", [1, 2])
def test_tiny_animations_still_get_one_duration_per_frame(n):
    durations = paced_durations(list(range(n)), BASE_MS, END_MS, key_frames=[0])
    assert len(durations) == n and durations[-1] >= END_MS


def test_the_poster_is_the_scene_s_unless_the_config_picks_one_and_always_a_shown_frame():
    shown = [0, 10, 20, 30]
    moments = [(22, "L1 reaches 0")]
    paced = plan(shown, BASE_MS, END_MS, moments, poster=22)
    assert paced["poster"] == 20  # a draft shows frame 20, not 22
    # the poster is the key moment: held at the shown frame, at least LESSON_HOLD_MS
    assert paced["durations_ms"][2] == max(HOLD_FACTOR * BASE_MS, LESSON_HOLD_MS)
    assert plan(shown, BASE_MS, END_MS, moments, poster=22, poster_override=0)["poster"] == 0
    assert plan(shown, BASE_MS, END_MS, [], poster=None)["poster"] == 0


@pytest.mark.parametrize("base_ms", [60, 100, 40])
def test_a_poster_that_is_a_key_moment_holds_at_least_the_lesson_hold(base_ms):
    shown = list(range(50))
    paced = plan(shown, base_ms, END_MS, [(40, "L1 reaches exactly 0")], poster=40)
    hold = paced["durations_ms"][40]
    assert hold >= LESSON_HOLD_MS >= 1500 and hold % base_ms == 0
    # a poster that is no key moment is not held mid-motion
    other = plan(shown, base_ms, END_MS, [(10, "a moment")], poster=30)["durations_ms"]
    assert other[30] == base_ms


@pytest.mark.parametrize("base_ms", [60, 100, 40, 1200])
def test_the_first_frame_holds_long_enough_to_read_the_title(base_ms):
    """At least FIRST_HOLD_MS, in whole base frame times; longer still where it is the lesson."""
    first = paced_durations(list(range(30)), base_ms, END_MS, key_frames=[20])[0]
    assert first == max(HOLD_FACTOR * base_ms, math.ceil(FIRST_HOLD_MS / base_ms) * base_ms)
    held = plan(list(range(30)), base_ms, END_MS, [(0, "the lesson")], poster=0)["durations_ms"][0]
    assert held >= LESSON_HOLD_MS and held % base_ms == 0
