"""A job's params as Snakemake records and prints them: short, yet changed whenever they change."""

import json
import pickle

from hypothesis import given
from hypothesis import strategies as st

from l1l2figures.pipeline.params import DIGEST_CHARS, SHOWN_CHARS, changed_keys, shown, summary

# JSON-able values as a job's params hold them: numbers, strings, lists and dicts of them.
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


def test_a_short_param_is_shown_with_its_name_and_value():
    assert repr(shown("frames", [12])) == "frames=[12]"
    assert str(shown("frames", [12])) == "[12]"


def test_a_long_param_is_shown_with_its_name_and_a_digest():
    style = shown("style", {f"colour_{i}": "#009E84" for i in range(30)})
    assert repr(style) == f"style{summary(style)}"
    assert len(repr(style)) == len("style#") + DIGEST_CHARS


@given(values, values)
def test_the_summary_changes_exactly_when_the_value_does(first, second):
    assert (summary(first) == summary(second)) == (
        json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    )
    assert len(summary(first)) <= max(SHOWN_CHARS, DIGEST_CHARS + 1)


def test_one_changed_key_of_a_long_dict_changes_its_summary():
    style = {f"colour_{i}": "#009E84" for i in range(30)}
    assert summary(style) != summary({**style, "colour_7": "purple"})


@given(values)
def test_the_job_s_script_gets_the_same_value(value):
    param = shown("p", value)
    assert param == value
    assert json.dumps(param, sort_keys=True) == json.dumps(value, sort_keys=True)
    unpickled = pickle.loads(pickle.dumps(param))  # as Snakemake hands params to a script
    assert unpickled == value
    assert repr(unpickled) == repr(param)


def test_a_number_or_a_path_is_passed_as_it_is():
    assert shown("poster_override", 3) == 3
    assert type(shown("results", "results")) is str


def test_the_changed_keys_are_named_by_their_dotted_paths():
    before = {"style": {"dpi": 100, "l2_color": "#D64700"}, "frames": [0, 1], "call": "f"}
    now = {"style": {"dpi": 100, "l2_color": "purple", "new": 1}, "frames": [0, 1, 2], "call": "f"}
    assert changed_keys(before, now) == ["frames", "style.l2_color", "style.new"]
    assert changed_keys(before, before) == []


@given(st.dictionaries(st.text(max_size=4), values, max_size=4), values)
def test_a_value_changed_anywhere_is_named_and_nothing_else(config, value):
    changed = {**config, "tweaked": {"key": value}}
    original = {**config, "tweaked": {"key": None if value is not None else 0}}
    assert changed_keys(original, changed) == ["tweaked.key"]
