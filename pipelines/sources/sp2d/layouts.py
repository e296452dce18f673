"""Which SP2D layout a file is, told by its form and titles, and its reader.

- a .json file: SIPD-RI's SP2D records (records_json.py);
- a workbook: the BUD's register or the FMIS print (register_workbook.py), on the first
  sheet (`Data Realisasi` first) that carries their titles.

Both land in raw.sp2d_register (register.py). Anything else is refused, saying what is
read: an SP2D list of detail lines (sub kegiatan and account per SP2D line, csv or
xlsx), which serapan read before, is no export of SIPD-RI, SIMDA or FMIS (DOMAIN.md,
"Layouts serapan read before").
"""

from __future__ import annotations

from pathlib import Path

from pipelines.inbox import FileMeta
from pipelines.sources.base import ParsedFile
from pipelines.sources.errors import SourceFileError
from pipelines.sources.sp2d import register_workbook
from pipelines.sources.sp2d.records_json import read_records_json
from pipelines.sources.spreadsheet import first_sheet_with_layout

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
READ = ("yang dibaca / what is read: register SP2D BUD atau cetakan FMIS (.xlsx) dan record "
        "SP2D SIPD-RI (.json) / the BUD's SP2D register or the FMIS print (.xlsx) and "
        "SIPD-RI's SP2D records (.json)")
NOT_A_REGISTER = f"bukan register SP2D / not an SP2D register ({READ})"


def read_sp2d_file(path: Path, meta: FileMeta) -> ParsedFile:
    return stream_sp2d_file(path, meta).whole()


def stream_sp2d_file(path: Path, meta: FileMeta) -> ParsedFile:
    """The file read; a large register workbook's SP2D as they land."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_records_json(path, meta)
    if suffix not in WORKBOOK_SUFFIXES:
        raise SourceFileError(
            path, f"format {suffix or 'tanpa akhiran / no suffix'} tidak dibaca / not read: "
            f"{READ}; daftar SP2D per rincian (csv) bukan ekspor sistem mana pun / an SP2D "
            "list of detail lines (csv) is no system's export")
    _, sheet, header = first_sheet_with_layout(
        path, {"": (register_workbook.TITLES, register_workbook.REQUIRED)},
        NOT_A_REGISTER, prefer=register_workbook.SHEET)
    return register_workbook.read_register(path, meta, sheet, header)
