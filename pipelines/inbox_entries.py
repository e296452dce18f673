"""What the inbox holds that serapan reads, and what it refuses to.

The inbox takes regular files of its own only. A symbolic link (to a file or a folder,
the source's folder too), a device, fifo or socket, a file with other hard links, or a
data file whose sidecar is any of those, would have serapan read and archive what lies
elsewhere (`ln -s /etc/shadow inbox/rfk/x.xlsx`, or a link to the warehouse's password).
Such an entry is never read, only named; links are not followed, so nothing found lies
outside the inbox.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.inbox import SIDECAR_SUFFIX, sidecar_path


@dataclass(frozen=True)
class Refused:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: ditolak / refused: {self.reason}"


@dataclass
class InboxScan:
    files: list[Path] = field(default_factory=list)  # regular data files, sorted
    refused: list[Refused] = field(default_factory=list)


def scan_inbox(inbox: Path, source: str | None = None) -> InboxScan:
    """The data files in the inbox (or one source's folder), and the entries refused;
    sidecars and hidden files (editors' lock files such as `~$x.xlsx` too) left out."""
    scan = InboxScan()
    folder = inbox / source if source else inbox
    if folder.is_symlink():
        scan.refused.append(Refused(folder, _irregular(folder, os.lstat(folder))))
    elif folder.is_dir():
        _scan_folder(folder, scan)
    scan.files.sort()
    scan.refused.sort(key=lambda refused: refused.path)
    return scan


def _scan_folder(folder: Path, scan: InboxScan) -> None:
    with os.scandir(folder) as listing:
        entries = {entry.name: entry for entry in listing}
    for name, entry in entries.items():
        if name.startswith((".", "~$")):
            continue
        path = folder / name
        status = entry.stat(follow_symlinks=False)
        if stat.S_ISDIR(status.st_mode):
            _scan_folder(path, scan)
            continue
        if name.endswith(SIDECAR_SUFFIX):
            continue  # judged with its data file, read with it or not at all
        sidecar = entries.get(name + SIDECAR_SUFFIX)
        problem = _problem(path, status, sidecar and (folder / sidecar.name,
                                                      sidecar.stat(follow_symlinks=False)))
        if problem is None:
            scan.files.append(path)
        else:
            scan.refused.append(Refused(path, problem))


def refusal(path: Path) -> str | None:
    """Why scan_inbox would refuse this file (given by hand, or changed since), or None."""
    sidecar = sidecar_path(path)
    try:
        sidecar_status = os.lstat(sidecar)
    except FileNotFoundError:
        return _problem(path, os.lstat(path), None)
    return _problem(path, os.lstat(path), (sidecar, sidecar_status))


def _problem(path: Path, status: os.stat_result,
             sidecar: tuple[Path, os.stat_result] | None) -> str | None:
    """Why a data file, or its sidecar if it has one, is refused, or None."""
    problem = _irregular(path, status)
    if problem is None and sidecar is not None:
        sidecar_problem = _irregular(*sidecar)
        if sidecar_problem:
            problem = f"sidecar {sidecar[0].name}: {sidecar_problem}"
    return problem


def _irregular(path: Path, status: os.stat_result) -> str | None:
    """Why an entry is not a regular file of the inbox's own, or None."""
    if stat.S_ISLNK(status.st_mode):
        return (f"tautan simbolik ke / symbolic link to {os.readlink(path)}: inbox hanya "
                "menerima file biasa, kirim salinan file / the inbox takes regular files "
                "only, send a copy of the file")
    if not stat.S_ISREG(status.st_mode):
        return ("bukan file biasa (perangkat, fifo atau soket) / not a regular file (a "
                "device, fifo or socket)")
    if status.st_nlink > 1:
        return (f"file dengan {status.st_nlink - 1} tautan keras lain / a file with "
                f"{status.st_nlink - 1} other hard link(s): kirim salinan file / send a "
                "copy of the file")
    return None
