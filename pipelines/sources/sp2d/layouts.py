"""Which SP2D layout a file is, told by its form and titles, and its reader.

- a .json file: SIPD-RI's SP2D records (records_json.py);
- a workbook: the BUD's register or the FMIS print (register_workbook.py) where a sheet
  (`Data Realisasi` first) carries their titles, else the SP2D list (read.py);
- a .csv file: the SP2D list.

The register layouts land in raw.sp2d_register, the list in raw.sp2d_rincian.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.inbox import FileMeta
from pipelines.sources.base import ParsedFile
from pipelines.sources.sp2d import read, register, register_workbook
from pipelines.sources.sp2d.records_json import read_records_json
from pipelines.sources.spreadsheet import first_sheet_with_layout

WORKBOOK_LAYOUTS = {
    "register SP2D": (register_workbook.TITLES, register_workbook.REQUIRED),
    "daftar SP2D": (read.TITLES, read.REQUIRED),
}


def read_sp2d_file(path: Path, meta: FileMeta) -> ParsedFile:
    return stream_sp2d_file(path, meta).whole()


def stream_sp2d_file(path: Path, meta: FileMeta) -> ParsedFile:
    """The file read; a large register workbook's SP2D as they land."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_records_json(path, meta)
    if suffix not in read.WORKBOOK_SUFFIXES:
        return read.read_sp2d(path, meta)  # a csv list, or the unsupported format's error
    layout, sheet, header = first_sheet_with_layout(
        path, WORKBOOK_LAYOUTS, f"{read.NOT_A_LIST} (juga bukan register SP2D / nor an SP2D "
        "register)", prefer=register_workbook.SHEET)
    if layout == "register SP2D":
        return register_workbook.read_register(path, meta, sheet, header)
    return read.read_list_sheet(path, meta, sheet.name, sheet.whole(), header)


def supersede_key(meta: FileMeta, parsed: ParsedFile) -> str:
    if parsed.table == register.TABLE:
        return register.supersede_key(meta, parsed)
    return read.supersede_key(meta, parsed)
