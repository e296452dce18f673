"""The archive: every file received, byte for byte under its sha256, private.

It holds the finance system's exports as they came, unmasked NPWP and bank accounts
among them: its folders are 0700 and its files 0600 whatever the umask, and an archive
an earlier version left readable by others is made so at start (make_private).
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
from pathlib import Path

from pipelines.config import settings

# typing.TYPE_CHECKING without importing typing: a reading command passes through here
# (make_private) and spends on imports what psql spends on a whole query
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO

FOLDER_MODE, FILE_MODE = 0o700, 0o600


def sha256_of(path: Path) -> str:
    """The file's sha256, computed once per process while its size and modification time
    stay the same: a night plans the inbox again for each month with new files."""
    status = path.stat()
    return _sha256(str(path), status.st_size, status.st_mtime_ns)


@functools.lru_cache(maxsize=None)
def _sha256(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open_regular(path) as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def archive(path: Path, sha256: str, root: Path | None = None) -> Path:
    """Keep the file's bytes under their hash (in `root`, the settings' archive_dir
    unless given); the inbox copy may go away later."""
    import shutil
    import tempfile

    root = root or settings().archive_dir
    target = root / sha256[:2] / (sha256 + path.suffix.lower())
    if target.exists():
        return target
    root.parent.mkdir(parents=True, exist_ok=True)
    for folder in (root, target.parent):
        folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
    # A copy of its own for each writer (mkstemp: a new name, mode 0600): two runs
    # archiving the same file each rename theirs, and the bytes are the same.
    handle, part = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                    suffix=".part")
    try:
        with os.fdopen(handle, "wb") as copy, open_regular(path) as original:
            shutil.copyfileobj(original, copy)
        os.replace(part, target)
    except BaseException:
        Path(part).unlink(missing_ok=True)
        raise
    return target


def open_regular(path: Path | str) -> BinaryIO:
    """The file for reading, refused if it is no longer the regular file the inbox scan
    found (a link or fifo swapped in since): serapan reads nothing else."""
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise OSError(f"{path}: bukan file biasa / not a regular file")
    return os.fdopen(handle, "rb")


def make_private(root: Path | None = None) -> None:
    """Folders 0700 and files 0600 throughout the archive (an earlier version's too)."""
    root = root or settings().archive_dir
    if not root.is_dir():
        return
    for folder, _, names in os.walk(root):  # links are not followed
        _set_mode(folder, FOLDER_MODE)
        for name in names:
            _set_mode(os.path.join(folder, name), FILE_MODE)


def _set_mode(path: str, mode: int) -> None:
    status = os.lstat(path)
    if not stat.S_ISLNK(status.st_mode) and stat.S_IMODE(status.st_mode) != mode:
        os.chmod(path, mode)
