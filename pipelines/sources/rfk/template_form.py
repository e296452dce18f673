"""serapan's template in the field's FORM-RFK shape (pipelines/rfk_template.py), read back.

Its RFK sheet is a FORM-RFK whose URAIAN KEGIATAN carries the sub kegiatan's code beside
its name: a header of three rows under merged titles, read as paths of titles
(headers.py) into the template reader's columns (read.py), so its lines land by code as
the template's always have, never matched by name. Only what the OPD and serapan wrote
is read: NILAI DPA Rp, KEUANGAN RENCANA Rp (the cash plan), REALISASI Rp, FISIK RENCANA
and REALISASI KUM, and the verifier's note; the %, TTB, CAPAIAN and SISA cells are the
template's formulas, worked out again downstream, and the finance system's realization is
serapan's own, shown for reference.

Its FORM-M sheet lists the same lines, numbered as the RFK sheet and with their codes:
the problem, its remedy and who should help land on the line of the same number.
A FORM-RFK with a code column is read so wherever it comes from: a code is what a line
joins on.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.sources.errors import SourceFileError
from pipelines.sources.rfk import form_m, form_rfk, read
from pipelines.sources.rfk.form_rows import framing, is_nil, is_signature
from pipelines.sources.rfk.headers import FormHeader, find_form_header, paths
from pipelines.sources.rfk.read import ReportHeader, Sheet, title_key
from pipelines.sources.spreadsheet import HEADER_SCAN_ROWS, cell_text

_URAIAN = ("URAIAN KEGIATAN",)
# Only a column titled for sub kegiatan codes is one: a form for one sub kegiatan lists
# its accounts, and a bare KODE over them would be taken for sub kegiatan.
_KODE = ("KODE SUB KEGIATAN",)
_NAMA = ("NAMA SUB KEGIATAN",)
# read.py's canonical column -> the FORM-RFK paths of titles it is written under.
TITLES: dict[str, tuple[str, ...]] = {
    "nomor": ("NO",),
    "kode_sub_kegiatan": paths(_URAIAN, _KODE) + _KODE,
    "nama_sub_kegiatan": paths(_URAIAN, _NAMA),
    "pagu": form_rfk.TITLES["pagu"],
    "rak_rupiah": form_rfk.TITLES["rak"],
    "realisasi_keuangan": form_rfk.TITLES["realisasi_keuangan"],
    "rencana_fisik": form_rfk.TITLES["rencana_fisik"],
    "realisasi_fisik": form_rfk.TITLES["realisasi_fisik"],
    "catatan_verifikator": read.TITLES["catatan_verifikator"],
}
REQUIRED = ("kode_sub_kegiatan", "pagu", "realisasi_keuangan", "realisasi_fisik")
MAX_HEIGHT = form_rfk.MAX_HEIGHT

# FORM-M's titles (form_m.py), with the code; UPAYA lands as the template's tindak_lanjut.
M_TITLES: dict[str, tuple[str, ...]] = {
    "nomor": form_m.TITLES["nomor"],
    "kode_sub_kegiatan": paths(_URAIAN, _KODE) + _KODE,
    "permasalahan": form_m.TITLES["permasalahan"],
    "tindak_lanjut": form_m.TITLES["upaya"],
    "pihak_diharapkan": form_m.TITLES["pihak_diharapkan"],
}
M_REQUIRED = ("nomor", "kode_sub_kegiatan", "permasalahan", "tindak_lanjut")
M_MAX_HEIGHT = 2
PROBLEM_COLUMNS = ("permasalahan", "tindak_lanjut", "pihak_diharapkan")


def _has_code_title(rows: list[list]) -> bool:
    """Whether a header may be there at all: a cell titled for sub kegiatan codes (the
    header search is costlier, and most workbooks have no such cell)."""
    return any(cell and title_key(cell) in _KODE
               for row in rows[:HEADER_SCAN_ROWS] for cell in row)


def find_template_header(rows: list[list], merges: list) -> ReportHeader | None:
    """The header of a FORM-RFK with a code column, as the template reader's header."""
    if not _has_code_title(rows):
        return None
    header = find_form_header(rows, merges, TITLES, REQUIRED, MAX_HEIGHT)
    if header is None:
        return None
    return ReportHeader(header.top, header.height, header.columns)


def _problems_header(sheet: Sheet) -> FormHeader | None:
    if not _has_code_title(sheet.rows):
        return None
    return find_form_header(sheet.rows, sheet.merges, M_TITLES, M_REQUIRED, M_MAX_HEIGHT)


def is_template(sheets: list[Sheet]) -> bool:
    """Whether the workbook is serapan's template in the FORM-RFK shape."""
    return any(not sheet.empty and find_template_header(sheet.rows, sheet.merges)
               for sheet in sheets)


def problem_sheets(sheets: list[Sheet]) -> list[Sheet]:
    """The template's FORM-M sheets (a FORM-M with a code column)."""
    return [sheet for sheet in sheets if not sheet.empty and _problems_header(sheet)]


def attach_problems(path: Path, sheets: list[Sheet], rows: list[tuple]) -> list[tuple]:
    """The RFK rows (sheet, row_number, *SHEET_COLUMNS) with each FORM-M line's problem,
    remedy and helper on the RFK line of the same NO; a FORM-M line whose code is not
    that line's, or with no such line, is refused naming its row."""
    by_sheet = {sheet.name: sheet for sheet in sheets}
    positions = {name: 2 + read.SHEET_COLUMNS.index(name)
                 for name in ("kode_sub_kegiatan", *PROBLEM_COLUMNS)}
    headers = {name: find_template_header(sheet.rows, sheet.merges)
               for name, sheet in by_sheet.items() if not sheet.empty}
    by_number: dict[str, int] = {}
    for index, row in enumerate(rows):
        header = headers.get(row[0])
        if header is None or "nomor" not in header.columns:
            continue
        nomor = cell_text(by_sheet[row[0]].rows[row[1] - 1][header.columns["nomor"]])
        if nomor:
            by_number.setdefault(nomor, index)
    rows = list(rows)
    for sheet in problem_sheets(sheets):
        for row_number, nomor, kode, said in _problems(sheet):
            index = by_number.get(nomor)
            if index is None or rows[index][positions["kode_sub_kegiatan"]] != kode:
                raise SourceFileError(
                    path, f"baris FORM-M NO {nomor} ({kode}) tidak cocok dengan baris RFK / "
                    "does not match the RFK line of that number: jangan mengubah NO atau kode",
                    sheet=sheet.name, row=row_number)
            landed = list(rows[index])
            for name, text in said.items():
                landed[positions[name]] = text
            rows[index] = tuple(landed)
    return rows


def _problems(sheet: Sheet):
    """(row number, NO, code, {column: text}) of each FORM-M line with anything written.
    A line has its NO and code; the first row after the lines without them (the
    signatures) ends the table."""
    header = _problems_header(sheet)
    started = False
    for index in range(header.bottom, len(sheet.rows)):
        row = sheet.rows[index]
        if framing(row, index, header, started):
            continue
        nomor, kode = _text(row, header, "nomor"), _text(row, header, "kode_sub_kegiatan")
        if nomor is None or kode is None:
            if started or is_signature(row):
                return
            continue
        started = True
        said = {name: _text(row, header, name) for name in PROBLEM_COLUMNS}
        if any(said.values()):
            yield index + 1, nomor, kode, said


def _text(row: list, header: FormHeader, name: str) -> str | None:
    position = header.columns.get(name)
    value = row[position] if position is not None and position < len(row) else None
    return None if is_nil(value) else cell_text(value)
