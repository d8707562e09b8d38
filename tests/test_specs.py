"""A job's spec file and key (pipeline.specs), and which job makes a file (pipeline.layout)."""

import json

import pytest

from l1l2figures.pipeline.layout import Layout, maker_of
from l1l2figures.pipeline.specs import (
    changed_keys,
    digest,
    job_key,
    job_name,
    parse_job_key,
    write_spec,
)


def test_the_changed_keys_are_named_by_their_dotted_paths():
    before = {"style": {"l2_color": "#D64700", "dpi": 80}, "frames": [0, 1]}
    now = {"style": {"l2_color": "purple", "dpi": 80, "new": 1}, "frames": [0, 2]}
    assert changed_keys(before, now) == ["frames", "style.l2_color", "style.new"]
    assert changed_keys(before, before) == []


def test_a_job_key_gives_back_its_rule_and_wildcards():
    wildcards = {"figure": "outlier_sweep", "theme": "dark", "chunk": "3"}
    key = job_key("render", wildcards)
    rule, parsed = parse_job_key(key)
    assert (rule, vars(parsed)) == ("render", wildcards)
    assert job_name(key) == "render figure=outlier_sweep theme=dark chunk=3"


def test_a_spec_is_named_by_its_content_and_a_draft_s_kept_apart():
    assert digest({"a": 1, "b": [2]}) == digest({"a": 1, "b": [2]})
    # a mapping's order is content: the Manhattan paths are drawn one over another in it
    assert digest({"a": 1, "b": [2]}) != digest({"b": [2], "a": 1})
    assert digest({"a": 1}) != digest({"a": 2})
    assert Layout().spec("data/figure=x", "ab").startswith("results/specs/data/figure=x/")
    assert Layout().spec("sheet/figure=x", "ab", drafted=True).startswith("drafts/results/specs/")


def test_a_new_spec_replaces_the_job_s_earlier_one_and_names_what_changed(tmp_path):
    job = job_key("render", {"figure": "robustness"})
    first, second = {"style": {"dpi": 80}}, {"style": {"dpi": 90}}
    old = tmp_path / Layout().spec(job, digest(first))
    assert write_spec(old, first) == []
    new = tmp_path / Layout().spec(job, digest(second))
    assert write_spec(new, second) == ["style.dpi"]
    assert sorted(new.parent.iterdir()) == [new]  # going back writes the first one anew
    assert json.loads(new.read_text()) == second


@pytest.mark.parametrize(
    "path, maker",
    [
        (
            "results/robustness/light/frames/1/0004.png",
            "render figure=robustness theme=light chunk=1",
        ),
        ("drafts/results/sparsity/pacing.json", "pace figure=sparsity"),
        ("results/sparsity/dark/sparsity.mp4", "assemble figure=sparsity theme=dark format=mp4"),
        ("results/outlier_sweep/fits.npz", "fit figure=outlier_sweep"),
        ("results/solvers/words.json", "words figure=solvers"),
        ("figures/sparsity.gif", None),
    ],
)
def test_the_job_that_makes_a_file_is_found_from_its_path(path, maker):
    assert maker_of(path) == maker
