"""Atomic writes: a failed writer leaves neither a partial file nor a temporary one."""

import os

import numpy as np
import pytest

from l1l2figures.files import (
    STAGING_DIR,
    atomic_path,
    load_arrays,
    read_json,
    save_arrays,
    write_json,
)


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "figure.gif"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("killed mid-write")
    assert target.read_bytes() == b"old"
    assert sorted(os.listdir(tmp_path)) == [".staging", "figure.gif"]  # the test runs in tmp_path
    assert os.listdir(STAGING_DIR) == []


def test_concurrent_writers_get_distinct_temporaries(tmp_path):
    with atomic_path(tmp_path / "x.png") as a, atomic_path(tmp_path / "x.png") as b:
        assert a != b


def test_outputs_get_the_umask_mode_not_owner_only(tmp_path):
    write_json(tmp_path / "d.json", {"a": 1})
    assert (tmp_path / "d.json").stat().st_mode & 0o044 == 0o044 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_round_trips(tmp_path):
    write_json(tmp_path / "d.json", {"x": [0.1, 2.5]})
    assert read_json(tmp_path / "d.json") == {"x": [0.1, 2.5]}
    arrays = {"a": np.arange(6.0).reshape(2, 3), "b": np.array([1.5])}
    save_arrays(tmp_path / "f.npz", arrays)
    loaded = load_arrays(tmp_path / "f.npz")
    assert loaded.keys() == arrays.keys()
    for key, array in arrays.items():
        np.testing.assert_array_equal(loaded[key], array)
