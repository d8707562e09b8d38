"""Reading and writing the pipeline's files: atomic writes, and readers that catch corrupt files.

Every output is written to a hidden temporary file beside it and renamed into place, so a killed
job never leaves a truncated file where a finished one is expected, and the rename never crosses
filesystems, wherever the target directory is mounted. A temporary belongs to its target: the
writer removes it, or, if the writer was killed, the next writer of the same target.

An intermediate that cannot be read back makes its reader raise a ``CorruptFileError`` naming the
file, after marking it so that the next plain run remakes it (the job's log names the job).
"""

import contextlib
import ctypes
import errno
import hashlib
import io
import json
import os
import shutil
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np
from PIL import Image

from l1l2figures.errors import CorruptFileError

# A temporary's name: "." + the target's name + "." + a random part + PARTIAL. It never ends in the
# target's suffix (no tool takes it for a finished figure), so writers name formats explicitly.
PARTIAL = ".partial"

# mkstemp creates files readable by their owner only; outputs get the usual umask-based mode.
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK


def _is_temporary_of(name: str, path: Path) -> bool:
    prefix = f".{path.name}."
    random_part = name[len(prefix) : -len(PARTIAL)]
    return name.startswith(prefix) and name.endswith(PARTIAL) and "." not in random_part


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a fresh temporary path beside ``path``; rename it to ``path`` if the block succeeds.

    One writer per target at a time (Snakemake never runs two jobs with the same output), so any
    other temporary of the same target is a killed writer's, and is removed first.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.iterdir():
        if _is_temporary_of(stale.name, path):
            stale.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=PARTIAL)
    os.close(fd)
    tmp = Path(tmp)
    try:
        yield tmp
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# renameat2(2)'s flag that swaps two paths in one step (Linux 3.15+, on ext4, xfs, btrfs, tmpfs).
RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap the directories ``a`` and ``b`` in one step; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:  # not Linux, or a C library without it
        return False
    swapped = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0
    if not swapped and ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(a), None, str(b))
    return swapped


@contextlib.contextmanager
def atomic_directory(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a fresh hidden directory beside ``path``; if the block succeeds, it replaces ``path``
    whole, and the previous ``path`` is removed.

    Until then ``path`` is untouched. The two are swapped in one step where the system can
    (renameat2), so that ``path`` is never missing; elsewhere it is missing between two renames.
    A killed writer's directory is removed by the next writer of the same ``path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.iterdir():
        if _is_temporary_of(stale.name, path):
            shutil.rmtree(stale, ignore_errors=True)
    building = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=PARTIAL))
    try:
        yield building
        os.chmod(building, 0o777 & ~_UMASK)
        if not path.exists():
            os.rename(building, path)
        elif not _exchange(building, path):
            aside = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=PARTIAL))
            os.replace(path, aside)  # an empty directory is replaced by a rename
            os.rename(building, path)
            building = aside
    finally:
        shutil.rmtree(building, ignore_errors=True)


def publish(source: str | os.PathLike, target: str | os.PathLike) -> None:
    """Put a copy of a finished file at ``target``, which is replaced only once the copy is complete.

    A copy, never a hard link: Snakemake touches every output after its job, and a link's touch
    would also date its source, an intermediate that other jobs read, later than their outputs (a
    rerun next time, or Snakemake's "older modification time" error in a job with many outputs).
    """
    with atomic_path(target) as tmp:
        shutil.copyfile(source, tmp)


# A file dated to the epoch is older than any input of the rule that makes it (every rule has the
# library among its inputs), so Snakemake remakes it; other jobs that read it meanwhile still find
# it, and report the same damage rather than a missing file.
OUT_OF_DATE = (0, 0)


def corrupt(paths: Iterable[str | os.PathLike], reason: str) -> CorruptFileError:
    """Make the next run remake ``paths`` (outputs of one rule); return the error that says why.

    A file is dated out of date; a directory (a render job's frames) is removed.
    """
    paths = sorted(set(map(Path, paths)))
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists():
            os.utime(path, OUT_OF_DATE)
    names = " and ".join(map(str, paths))
    return CorruptFileError(f"{reason}; the next run remakes {names}", paths=tuple(map(str, paths)))


def write_json(path: str | os.PathLike, obj) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(obj, indent=1) + "\n")


def sha256(path: str | os.PathLike) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def write_receipt(path: str | os.PathLike, written: Iterable[str | os.PathLike]) -> None:
    """A receipt of the files a publication wrote: {path: SHA-256}, as ``damaged`` reads it."""
    write_json(path, {str(file): sha256(file) for file in written})


def same_bytes(path: str | os.PathLike, other: str | os.PathLike) -> bool:
    """Whether two files hold the same bytes (False if ``other`` is gone)."""
    return Path(other).is_file() and Path(path).read_bytes() == Path(other).read_bytes()


def damaged(receipt: str | os.PathLike) -> list[str]:
    """The files ``receipt`` lists whose bytes are not those it records, or that are gone (none
    without a receipt: nothing was published)."""
    if not Path(receipt).exists():
        return []
    return [
        file
        for file, digest in read_json(receipt).items()
        if not Path(file).is_file() or sha256(file) != digest
    ]


def write_if_changed(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` unless it holds it already: the file's date says when its
    content last changed."""
    path = Path(path)
    with contextlib.suppress(FileNotFoundError):
        if path.read_text() == text:
            return
    with atomic_path(path) as tmp:
        tmp.write_text(text)


def read_json(path: str | os.PathLike):
    path = Path(path)
    try:
        return json.loads(path.read_bytes())
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise corrupt([path], f"{path} is not valid JSON ({error})") from error


def save_arrays(path: str | os.PathLike, arrays: dict[str, np.ndarray]) -> None:
    with atomic_path(path) as tmp, open(tmp, "wb") as f:
        np.savez(f, **arrays)


# What numpy and zipfile raise for a truncated or damaged .npz (each member has a CRC-32).
_NPZ_DAMAGE = (zipfile.BadZipFile, ValueError, EOFError)


def load_arrays(path: str | os.PathLike) -> dict[str, np.ndarray]:
    path = Path(path)
    try:
        with np.load(path) as npz:
            return {key: npz[key] for key in npz.files}
    except _NPZ_DAMAGE as error:
        raise corrupt([path], f"{path} is not a readable .npz file ({error})") from error


# What reading a truncated PNG, or one that fails a chunk's CRC-32, raises (Pillow's, zlib's, ours).
PNG_DAMAGE = (SyntaxError, OSError, ValueError, EOFError, struct.error, zlib.error)


def read_png(path: str | os.PathLike, size: tuple[int, int] | None = None) -> np.ndarray:
    """The RGB pixels of a PNG whose every chunk passes its CRC-32, that decodes to its end and,
    if ``size`` is given, is ``size`` (width, height) pixels; else one of ``PNG_DAMAGE``."""
    data = Path(path).read_bytes()
    pixels = _unfiltered_png(data)
    if pixels is None:  # not as png_bytes writes: Pillow reads it
        with Image.open(io.BytesIO(data)) as image:
            image.verify()  # every chunk's CRC-32 (decoding alone misses a flipped bit in a chunk)
        with Image.open(io.BytesIO(data)) as image:
            pixels = np.asarray(image.convert("RGB"))  # decodes every row: a truncated one fails
    height, width, _ = pixels.shape
    if size is not None and (width, height) != tuple(size):
        raise ValueError(f"{width} x {height} px, not {size[0]} x {size[1]}")
    return pixels


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Frames are intermediates, read back only by this project's encoders: favour speed over size.
# Unfiltered rows at zlib's fastest level write in a quarter of the time Pillow takes (it filters
# every row) and read in half, for files about as small: a frame's flat areas compress either way.
PNG_ZLIB_LEVEL = 1
# The header fields after width and height that png_bytes writes and its reader expects: bit depth
# 8, colour type 2 (RGB), then the only compression and filter methods and no interlacing.
PNG_RGB8_LAYOUT = (8, 2, 0, 0, 0)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data)
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_bytes(pixels: np.ndarray) -> bytes:
    """(height, width, 3) uint8 ``pixels`` as a PNG file: 8-bit RGB, no row filter."""
    height, width, _ = pixels.shape
    rows = np.zeros((height, 1 + pixels[0].size), dtype=np.uint8)  # a 0 byte: row not filtered
    rows[:, 1:] = pixels.reshape(height, -1)
    header = struct.pack(">IIBBBBB", width, height, *PNG_RGB8_LAYOUT)
    return b"".join(
        [
            PNG_SIGNATURE,
            _png_chunk(b"IHDR", header),
            _png_chunk(b"IDAT", zlib.compress(rows.tobytes(), PNG_ZLIB_LEVEL)),
            _png_chunk(b"IEND", b""),
        ]
    )


def _unfiltered_png(data: bytes) -> np.ndarray | None:
    """The pixels of a PNG laid out as ``png_bytes`` writes it, in a third of Pillow's time, every
    chunk's CRC-32 checked (one of ``PNG_DAMAGE`` if one fails); None for any other PNG."""
    chunks, position = [], len(PNG_SIGNATURE)
    while data.startswith(PNG_SIGNATURE) and position < len(data):
        (length,) = struct.unpack_from(">I", data, position)
        kind, body = data[position + 4 : position + 8], data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack_from(">I", data, position + 8 + length)
        if crc != zlib.crc32(kind + body):
            raise ValueError(f"the CRC-32 of a {kind!r} chunk fails")
        chunks.append((kind, body))
        position += 12 + length
    if [kind for kind, _ in chunks] != [b"IHDR", b"IDAT", b"IEND"]:
        return None
    (_, header), (_, image_data), _ = chunks
    width, height, *layout = struct.unpack(">IIBBBBB", header)
    if tuple(layout) != PNG_RGB8_LAYOUT:
        return None
    rows = np.frombuffer(zlib.decompress(image_data), dtype=np.uint8)
    rows = rows.reshape(height, 1 + 3 * width)  # ValueError if rows are missing
    if rows[:, 0].any():  # filtered rows
        return None
    return rows[:, 1:].reshape(height, width, 3)


def save_png(pixels: np.ndarray, path: str | os.PathLike) -> None:
    """``pixels`` written atomically as a PNG (``png_bytes``)."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(png_bytes(pixels))


FRAME_SUFFIX = ".png"


def frame_name(index: int) -> str:
    """The file name of an animation's frame ``index``: its index, zero-padded, then the suffix."""
    return f"{index:04d}{FRAME_SUFFIX}"


def read_frame(path: str | os.PathLike, size: tuple[int, int]) -> np.ndarray:
    """The RGB pixels of the rendered frame ``path``, which must be ``size`` (width, height) px.

    Every reader of frames reads them here. A damaged frame (truncated, a flipped bit, another
    size) is refused with a ``CorruptFileError`` naming it; its directory is
    removed, so that the next run renders it again.
    """
    try:
        return read_png(path, size)
    except PNG_DAMAGE as error:
        raise corrupt([Path(path).parent], f"{path} is damaged ({error})") from error


def animation_frames(
    frame_dirs: Iterable[str | os.PathLike], shown: Sequence[int], size: tuple[int, int]
) -> list[Path]:
    """The frames ``shown`` (indices, in order) of an animation's render jobs, by frame index.

    Never by path: as strings, ``frames/10/`` sorts between ``frames/1/`` and ``frames/2/``.
    Every frame is read whole (read_frame: its chunks, its pixels, its ``size``). A frame that is
    missing, found twice, not among ``shown`` or damaged is refused with a ``CorruptFileError``
    naming the directories at fault, which are removed, so that the next run renders them again.
    """
    expected = set(shown)
    found: dict[int, Path] = {}
    problems: dict[str, set[Path]] = {}  # what is wrong -> the directories at fault
    for frame_dir in map(Path, frame_dirs):
        paths = sorted(frame_dir.glob(f"*{FRAME_SUFFIX}"))
        if not paths:
            problems[f"{frame_dir} holds no frames"] = {frame_dir}
        for path in paths:
            index = int(path.stem) if path.stem.isdigit() else None
            if index is None:
                problems[f"{path} is not named after a frame index"] = {frame_dir}
            elif index not in expected:
                problems[f"{path}: frame {index} is not one the animation shows"] = {frame_dir}
            elif index in found:
                other = found[index].parent
                problems[f"{path}: frame {index} is also in {other}"] = {frame_dir, other}
            else:
                found[index] = path
                try:
                    read_png(path, size)
                except PNG_DAMAGE as error:
                    problems[f"{path} is damaged ({error})"] = {frame_dir}
    problems.update(_missing_frames(found, shown))
    if problems:
        at_fault = set().union(*problems.values())
        raise corrupt(at_fault, "; ".join(problems))
    return [found[index] for index in shown]


def _missing_frames(found: dict[int, Path], shown: Sequence[int]) -> dict[str, set[Path]]:
    """A sentence per run of missing frames, with the directories of the frames either side.

    Render jobs write consecutive frames of ``shown`` (every frame, or a draft's few), so a missing
    frame belongs to a neighbour's directory: neighbours in ``shown``, not in index.
    """
    runs = []  # [first, last] positions in shown
    for position, index in enumerate(shown):
        if index in found:
            continue
        if runs and runs[-1][1] == position - 1:
            runs[-1][1] = position
        else:
            runs.append([position, position])
    sentences = {}
    for first, last in runs:
        beside = [shown[p] for p in (first - 1, last + 1) if 0 <= p < len(shown)]
        neighbours = {found[i].parent for i in beside if i in found}
        frames = (
            f"frame {shown[first]}" if first == last else f"frames {shown[first]}-{shown[last]}"
        )
        where = " and ".join(map(str, sorted(neighbours)))
        sentences[f"{frames} missing" + (f" (next to {where})" if where else "")] = neighbours
    return sentences
