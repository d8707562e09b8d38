"""Atomic writes leave neither a partial file nor a temporary one; readers catch corrupt files."""

import errno
import io
import os
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image

from conftest import flip_a_bit, truncate
from l1l2figures.arrays import (
    animation_frames,
    frame_name,
    load_arrays,
    png_bytes,
    read_frame,
    read_png,
    save_arrays,
)
from l1l2figures.errors import CorruptFileError
from l1l2figures.files import (
    PARTIAL,
    atomic_directory,
    atomic_path,
    publish,
    read_json,
    write_if_changed,
    write_json,
)


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "figure.gif"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("killed mid-write")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["figure.gif"]


def test_a_temporary_is_hidden_beside_its_target_and_never_ends_in_its_suffix(tmp_path):
    with atomic_path(tmp_path / "figure.gif") as tmp:
        assert tmp.parent == tmp_path
        assert tmp.name.startswith(".figure.gif.")
        assert not tmp.name.endswith(".gif")


def test_a_killed_writers_temporary_is_removed_by_the_next_writer_of_the_same_target(tmp_path):
    with atomic_path(tmp_path / "figure.gif") as killed:
        killed.write_bytes(b"half")
        os.link(killed, tmp_path / "kept")  # what a SIGKILL leaves: the temporary stays
    os.rename(tmp_path / "kept", killed)
    with atomic_path(tmp_path / "other.gif") as other:  # another job, e.g. of a concurrent run
        write_json(tmp_path / "figure.gif", {"new": 1})
        assert not killed.exists()
        assert other.exists()  # the other target's temporary is untouched
        other.write_bytes(b"other")
    assert sorted(os.listdir(tmp_path)) == ["figure.gif", "other.gif"]


@pytest.fixture
def other_filesystem(monkeypatch):
    """Renames fail across directories, as they do across filesystems (EXDEV)."""
    real_replace, real_rename = os.replace, os.rename

    def same_directory_only(real):
        def rename(src, dst, *args, **kwargs):
            if os.path.dirname(os.path.abspath(src)) != os.path.dirname(os.path.abspath(dst)):
                raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), src, None, dst)
            return real(src, dst, *args, **kwargs)

        return rename

    monkeypatch.setattr(os, "replace", same_directory_only(real_replace))
    monkeypatch.setattr(os, "rename", same_directory_only(real_rename))


def test_writes_and_publishing_work_when_the_target_is_on_another_filesystem(
    tmp_path, other_filesystem
):
    results, figures = tmp_path / "results", tmp_path / "mounted" / "figures"
    write_json(results / "fig.json", {"a": 1})
    (figures / "fig.json").parent.mkdir(parents=True)
    (figures / "fig.json").write_text("old")
    publish(results / "fig.json", figures / "fig.json")
    assert read_json(figures / "fig.json") == {"a": 1}
    assert os.listdir(figures) == ["fig.json"]
    assert os.listdir(results) == ["fig.json"]  # published by copy: the source stays


def test_a_published_file_is_its_own_file_so_touching_it_leaves_its_source_alone(tmp_path):
    # Snakemake touches every output after its job; the source is an input of other jobs.
    write_json(tmp_path / "results" / "fig.json", {"a": 1})
    publish(tmp_path / "results" / "fig.json", tmp_path / "figures" / "fig.json")
    source_time = (tmp_path / "results" / "fig.json").stat().st_mtime_ns
    os.utime(tmp_path / "figures" / "fig.json", ns=(source_time + 10**9, source_time + 10**9))
    assert (tmp_path / "results" / "fig.json").stat().st_mtime_ns == source_time
    assert read_json(tmp_path / "figures" / "fig.json") == {"a": 1}


def test_a_failed_publish_keeps_the_published_file(tmp_path):
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "fig.gif").write_bytes(b"good")
    with pytest.raises(FileNotFoundError):
        publish(tmp_path / "results" / "missing.gif", tmp_path / "figures" / "fig.gif")
    assert os.listdir(tmp_path / "figures") == ["fig.gif"]
    assert (tmp_path / "figures" / "fig.gif").read_bytes() == b"good"


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


FRAME_SIZE = (16, 8)  # width, height


def pillow_png(value: int = 0, size: tuple[int, int] = FRAME_SIZE) -> bytes:
    """A PNG as any tool writes it (Pillow filters its rows)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (value, 128, 255)).save(buffer, format="PNG")
    return buffer.getvalue()


def frame_png(value: int = 0, size: tuple[int, int] = FRAME_SIZE) -> bytes:
    """A PNG as the render jobs write their frames."""
    width, height = size
    return png_bytes(np.tile(np.array([value, 128, 255], dtype=np.uint8), (height, width, 1)))


def write_frames(frame_dir, indices, writer=frame_png) -> None:
    frame_dir.mkdir(parents=True, exist_ok=True)
    for index in indices:
        (frame_dir / frame_name(index)).write_bytes(writer(index))


@given(arrays(np.uint8, st.tuples(st.integers(1, 9), st.integers(1, 9), st.just(3))))
def test_a_png_written_reads_back_the_same_pixels_in_pillow_and_in_the_pipeline(pixels):
    data = png_bytes(pixels)
    with Image.open(io.BytesIO(data)) as image:
        image.verify()
    np.testing.assert_array_equal(np.asarray(Image.open(io.BytesIO(data)).convert("RGB")), pixels)


@pytest.mark.parametrize("writer", [frame_png, pillow_png], ids=["frame", "pillow"])
def test_the_png_reader_reads_its_own_frames_and_any_other_png(tmp_path, writer):
    (tmp_path / "a.png").write_bytes(writer(7, size=(5, 3)))
    pixels = read_png(tmp_path / "a.png", size=(5, 3))
    assert pixels.shape == (3, 5, 3)
    assert (pixels == (7, 128, 255)).all()


def frame_dirs(tmp_path, n_dirs: int) -> list:
    return [tmp_path / "results" / "fig" / "frames" / str(chunk) for chunk in range(n_dirs)]


def test_frames_are_ordered_by_index_across_ten_and_more_directories(tmp_path):
    dirs = frame_dirs(tmp_path, 12)
    for chunk, frame_dir in enumerate(dirs):
        write_frames(frame_dir, range(2 * chunk, 2 * chunk + 2))
    paths = animation_frames(dirs, range(24), FRAME_SIZE)
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
        (lambda d: (d[7] / "notes.png").write_bytes(frame_png()), ["7"]),
        (lambda d: truncate(d[8] / frame_name(17)), ["8"]),
        (lambda d: flip_a_bit(d[9] / frame_name(18)), ["9"]),
        (lambda d: (d[6] / frame_name(13)).write_bytes(frame_png(13, size=(8, 16))), ["6"]),
    ],
    ids=[
        "missing-last",
        "missing-first",
        "extra",
        "duplicate",
        "empty-dir",
        "foreign-name",
        "truncated",
        "bit-flipped",
        "another-size",
    ],
)
def test_frames_missing_twice_extra_or_damaged_are_refused_and_their_directories_removed(
    tmp_path, damage, blamed
):
    dirs = frame_dirs(tmp_path, 11)
    for chunk, frame_dir in enumerate(dirs):
        write_frames(frame_dir, range(2 * chunk, min(2 * chunk + 2, 22)))
    animation_frames(dirs, range(22), FRAME_SIZE)  # whole before the damage
    damage(dirs)
    with pytest.raises(CorruptFileError, match="; the next run remakes .*frames/") as refused:
        animation_frames(dirs, range(22), FRAME_SIZE)
    named = {int(n) for n in re.findall(r"frames/(\d+)", str(refused.value))}
    assert named == {int(chunk) for chunk in blamed}
    assert {d.name for d in dirs if not d.exists()} == set(blamed)  # the next run remakes them


def test_a_missing_frame_of_a_draft_blames_the_directories_of_the_frames_beside_it(tmp_path):
    """A draft shows every few frames: the neighbours of a missing one are in ``shown``."""
    shown = [0, 5, 11, 16, 22, 27]
    dirs = frame_dirs(tmp_path, 3)
    for frame_dir, chunk in zip(dirs, [shown[0:2], shown[2:4], shown[4:6]]):
        write_frames(frame_dir, chunk)
    (dirs[1] / frame_name(11)).unlink()
    with pytest.raises(CorruptFileError, match="frame 11 missing") as refused:
        animation_frames(dirs, shown, FRAME_SIZE)
    named = {int(n) for n in re.findall(r"frames/(\d+)", str(refused.value))}
    assert named == {0, 1}
    assert not dirs[0].exists() and not dirs[1].exists() and dirs[2].exists()


def test_a_truncated_or_damaged_intermediate_is_named_and_dated_out_of_date(tmp_path):
    figure = tmp_path / "results" / "outlier_sweep"
    write_json(figure / "data.json", {"base_y": [0.5, 1.5]})
    save_arrays(figure / "fits.npz", {"l1": np.arange(50.0)})
    save_arrays(figure / "more_fits.npz", {"l1": np.arange(50.0)})
    truncate(figure / "data.json")
    truncate(figure / "fits.npz")
    flip_a_bit(figure / "more_fits.npz")
    for reader, name in [
        (read_json, "data.json"),
        (load_arrays, "fits.npz"),
        (load_arrays, "more_fits.npz"),
    ]:
        with pytest.raises(CorruptFileError, match=f"{name}.*; the next run remakes .*{name}$"):
            reader(figure / name)
        # Older than any input: the next run remakes it; a concurrent reader still finds it.
        assert (figure / name).stat().st_mtime == 0


def test_a_missing_file_is_not_taken_for_a_corrupt_one(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_json(tmp_path / "results" / "fig" / "data.json")
    with pytest.raises(FileNotFoundError):
        load_arrays(tmp_path / "results" / "fig" / "fits.npz")


@pytest.mark.parametrize(
    "damage",
    [
        truncate,
        flip_a_bit,
        lambda path: path.write_bytes(frame_png(size=(8, 16))),  # a whole PNG, of another figure
    ],
    ids=["truncated", "bit-flipped", "another-size"],
)
@pytest.mark.parametrize("writer", [frame_png, pillow_png], ids=["frame", "pillow"])
def test_a_damaged_frame_is_refused_by_the_frame_reader_naming_it(tmp_path, damage, writer):
    """The poster reads one frame through the same reader: it names the frame and removes the
    frame's directory, so that the next run renders it again."""
    [frame_dir] = frame_dirs(tmp_path, 1)
    write_frames(frame_dir, [0, 1], writer)
    np.testing.assert_array_equal(
        read_frame(frame_dir / frame_name(1), FRAME_SIZE)[0, 0], (1, 128, 255)
    )
    damage(frame_dir / frame_name(1))
    with pytest.raises(
        CorruptFileError, match=r"0001\.png is damaged .*; the next run remakes .*fig/frames/0$"
    ):
        read_frame(frame_dir / frame_name(1), FRAME_SIZE)
    assert not frame_dir.exists()


def test_a_directory_is_replaced_whole_and_only_by_a_complete_one(tmp_path):
    site = tmp_path / "site"
    with atomic_directory(site) as building:
        (building / "index.html").write_text("first")
    first = site.stat().st_ino
    with pytest.raises(RuntimeError), atomic_directory(site) as building:
        (building / "index.html").write_text("half")
        assert (site / "index.html").read_text() == "first"  # in place while the next is built
        raise RuntimeError("a caption that no longer parses")
    assert (site / "index.html").read_text() == "first" and site.stat().st_ino == first
    with atomic_directory(site) as building:
        (building / "page.html").write_text("second")
    assert os.listdir(site) == ["page.html"]  # the new bundle whole, nothing of the old one
    assert os.listdir(tmp_path) == ["site"]  # no temporary left beside it
    assert site.stat().st_mode & 0o777 == 0o777 & ~current_umask()


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_killed_builders_directory_is_removed_by_the_next_builder(tmp_path):
    killed = tmp_path / f".site.a1b2{PARTIAL}"  # as atomic_directory names what it builds
    killed.mkdir()
    (killed / "index.html").write_text("half")
    with atomic_directory(tmp_path / "site"):
        assert not killed.exists()


def test_a_file_is_rewritten_only_when_its_content_changes(tmp_path):
    path = tmp_path / "config" / "render.json"
    write_if_changed(path, "{}")
    os.utime(path, (0, 0))
    write_if_changed(path, "{}")
    assert path.stat().st_mtime == 0  # unchanged: its date still says when it last changed
    write_if_changed(path, '{"dpi": 80}')
    assert path.read_text() == '{"dpi": 80}' and path.stat().st_mtime > 0
