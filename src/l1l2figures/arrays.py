"""Arrays on disk: a stage's .npz products, and an animation's frames as PNG files, written
atomically (files.atomic_path) and read back whole, a damaged one refused with a
``CorruptFileError`` naming it (files.corrupt).
"""

import io
import os
import struct
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from PIL import Image

from l1l2figures.files import atomic_path, corrupt


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
