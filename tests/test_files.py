"""Atomic writes: a failed writer leaves neither a partial file nor a temporary one."""

import os
import re

import numpy as np
import pytest

from l1l2figures.files import (
    STAGING_DIR,
    animation_frames,
    atomic_path,
    frame_name,
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


def write_frames(frame_dir, indices) -> None:
    frame_dir.mkdir(parents=True, exist_ok=True)
    for index in indices:
        (frame_dir / frame_name(index)).write_bytes(b"")


def test_frames_are_ordered_by_index_across_ten_and_more_directories(tmp_path):
    dirs = [tmp_path / "frames" / str(chunk) for chunk in range(12)]
    for chunk, frame_dir in enumerate(dirs):
        write_frames(frame_dir, range(2 * chunk, 2 * chunk + 2))
    paths = animation_frames(dirs, 24)
    assert [int(p.stem) for p in paths] == list(range(24))
    assert [p.parent for p in paths] == [d for d in dirs for _ in range(2)]


@pytest.mark.parametrize(
    "damage, blamed",
    [
        (lambda d: (d[10] / frame_name(21)).unlink(), ["10"]),  # the last frame of a chunk
        (lambda d: (d[3] / frame_name(6)).unlink(), ["2", "3"]),  # first of a chunk: either side
        (lambda d: write_frames(d[10], [22]), ["10"]),  # beyond the last frame
        (lambda d: write_frames(d[4], [20]), ["4", "10"]),  # in two chunks
        (lambda d: [p.unlink() for p in d[5].iterdir()], ["4", "5", "6"]),
        (lambda d: (d[7] / "notes.png").write_bytes(b""), ["7"]),
    ],
    ids=["missing-last", "missing-first", "extra", "duplicate", "empty-dir", "foreign-name"],
)
def test_frames_missing_twice_or_extra_are_refused_naming_the_directory(tmp_path, damage, blamed):
    dirs = [tmp_path / "frames" / str(chunk) for chunk in range(11)]
    for chunk, frame_dir in enumerate(dirs):
        write_frames(frame_dir, range(2 * chunk, min(2 * chunk + 2, 22)))
    animation_frames(dirs, 22)  # whole before the damage
    damage(dirs)
    with pytest.raises(ValueError) as refused:
        animation_frames(dirs, 22)
    named = {int(n) for n in re.findall(r"frames/(\d+)", str(refused.value))}
    assert named == {int(chunk) for chunk in blamed}
