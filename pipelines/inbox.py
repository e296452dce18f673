"""The inbox: where exports and OPD uploads arrive, and how their metadata is recorded.

Layout (documented in the README):

    inbox/<source>/<any name>.xlsx
    inbox/<source>/<any name>.xlsx.meta.json     # the sidecar: what the file is

The sidecar carries what the file itself does not say: the pemda, the fiscal year, and
for a budget export its version and the date that version took effect. `serapan ingest`
and `serapan sample` write sidecars; a person can write or read one with any editor.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

SOURCES = ("anggaran", "rak", "realisasi", "sp2d", "rfk")
SIDECAR_SUFFIX = ".meta.json"
_PERIODE = re.compile(r"^20\d{2}-(0[1-9]|1[0-2])$")
_VERSION = re.compile(r"^(murni|pergeseran_[1-9][0-9]?|perubahan|penyesuaian(_[1-9])?)$")
DEFAULT_PEMDA = "00.00"


class MetadataError(ValueError):
    pass


@dataclass(frozen=True)
class FileMeta:
    source: str
    kode_pemda: str = DEFAULT_PEMDA
    tahun: int | None = None
    # budget (anggaran) only
    versi: str | None = None
    tanggal_versi: date | None = None
    # monthly sources (realisasi, rfk): the month reported, YYYY-MM
    periode: str | None = None
    # OPD reports (rfk): the reporting OPD's SKPD code
    kode_opd: str | None = None
    # SP2D: a name that ties a corrected export to the one it replaces
    batch: str | None = None
    extra: dict = field(default_factory=dict)

    def validate(self, where: str) -> "FileMeta":
        if self.source not in SOURCES:
            raise MetadataError(f"{where}: sumber tidak dikenal / unknown source {self.source!r}")
        if self.source == "anggaran":
            if not self.versi or not _VERSION.match(self.versi):
                raise MetadataError(
                    f"{where}: versi anggaran {self.versi!r} tidak sah / invalid version: "
                    "pakai murni, pergeseran_N, perubahan atau penyesuaian"
                )
            if self.tanggal_versi is None:
                raise MetadataError(f"{where}: tanggal_versi wajib diisi / version date required")
        if self.periode is not None and not _PERIODE.match(self.periode):
            raise MetadataError(
                f"{where}: periode {self.periode!r} harus YYYY-MM / must be YYYY-MM"
            )
        return self

    def to_json(self) -> str:
        data = asdict(self)
        data["tanggal_versi"] = self.tanggal_versi.isoformat() if self.tanggal_versi else None
        return json.dumps({k: v for k, v in data.items() if v not in (None, {})}, indent=2)


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def write_meta(path: Path, meta: FileMeta) -> Path:
    sidecar = sidecar_path(path)
    sidecar.write_text(meta.validate(str(path)).to_json() + "\n")
    return sidecar


def read_meta(path: Path) -> FileMeta:
    """The file's metadata: its sidecar, else what its folder name says."""
    sidecar = sidecar_path(path)
    if sidecar.exists():
        try:
            data = json.loads(sidecar.read_text())
        except json.JSONDecodeError as exc:
            raise MetadataError(f"{sidecar}: JSON tidak sah / invalid JSON: {exc}") from exc
    else:
        data = {"source": path.parent.name}
    if data.get("source") != path.parent.name:
        raise MetadataError(
            f"{sidecar}: sumber {data.get('source')!r} tidak sesuai folder "
            f"{path.parent.name!r} / source does not match the inbox folder"
        )
    known = {k: data.pop(k) for k in list(data) if k in FileMeta.__dataclass_fields__}
    if known.get("tanggal_versi"):
        try:
            known["tanggal_versi"] = date.fromisoformat(known["tanggal_versi"])
        except ValueError as exc:
            raise MetadataError(f"{sidecar}: tanggal_versi harus YYYY-MM-DD: {exc}") from exc
    if known.get("tahun") is not None:
        known["tahun"] = int(known["tahun"])
    # Keys serapan does not know are kept, whether written at the top or under "extra".
    extra = {**(known.pop("extra", None) or {}), **data}
    return FileMeta(**known, extra=extra).validate(str(path))


def pending_files(inbox: Path, source: str | None = None) -> list[Path]:
    """Data files in the inbox, or in one source's folder of it, in a stable order.

    Sidecars and hidden files (editors' lock files such as `~$x.xlsx` too) are left out,
    and so is every entry scan_inbox refuses.
    """
    return scan_inbox(inbox, source).files


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
    """The data files in the inbox (or one source's folder), and the entries refused.

    The inbox takes regular files of its own only: a symbolic link (to a file or a
    folder, the source's folder too), a device, fifo or socket, a file with other hard
    links, or a data file whose sidecar is any of those, would have serapan read and
    archive what lies elsewhere (`ln -s /etc/shadow inbox/rfk/x.xlsx`). Such an entry
    is never read, only named; links are not followed, so nothing found lies outside.
    """
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
