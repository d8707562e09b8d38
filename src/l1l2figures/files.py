"""Reading and writing the pipeline's files: atomic writes, and readers that catch corrupt files.

Every output is written to a hidden temporary file beside it and renamed into place, so a killed
job never leaves a truncated file where a finished one is expected, and the rename never crosses
filesystems, wherever the target directory is mounted. A temporary belongs to its target: the
writer removes it, or, if the writer was killed, the next writer of the same target.

An intermediate that cannot be read back makes its reader raise a ``CorruptFileError`` naming the
file, after marking it so that the next plain run remakes it (the job's log names the job).

The standard library only: the Snakefile uses it on every run. Arrays and frames, which need numpy
and Pillow, are ``l1l2figures.arrays``'s.
"""

import contextlib
import ctypes
import errno
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

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
