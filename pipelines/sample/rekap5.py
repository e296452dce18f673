"""One budget version written as a SIPD-RI "Rekap 5" export, in the real export's layout:
one sheet "Sheet 1", one header row of 23 titles, every code a text cell, amounts numbers.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path

import xlsxwriter

from pipelines.sample.budget import KELOMPOK, BudgetLine, BudgetVersion
from pipelines.sample.universe import SubKegiatan, SubUnit, Universe

SHEET_NAME = "Sheet 1"
HEADER = (
    "NO", "TAHUN", "KODE URUSAN", "NAMA URUSAN", "KODE SKPD", "NAMA SKPD", "KODE SUB UNIT",
    "NAMA SUB UNIT", "KODE BIDANG URUSAN", "NAMA BIDANG URUSAN", "KODE PROGRAM",
    "NAMA PROGRAM", "KODE KEGIATAN", "NAMA KEGIATAN", "KODE SUB KEGIATAN",
    "NAMA SUB KEGIATAN", "KODE SUMBER DANA", "NAMA SUMBER DANA", "KODE REKENING",
    "NAMA REKENING", "PAKET/KELOMPOK", "NAMA PAKET/KELOMPOK", "PAGU",
)
# Column widths of the real export: codes 25, names 40.
_WIDTHS = (5, 5) + (25, 40) * 9 + (40, 40, 40)


def rekap5_rows(universe: Universe, version: BudgetVersion) -> list[tuple]:
    """The data rows in export order. A sub kegiatan a unit runs without budget lines
    still gets a row, with no funding source, no account and no PAGU (None)."""
    lines_of = defaultdict(list)
    for line in version.lines:
        lines_of[line.sub_unit.kode, line.sub_kegiatan.kode].append(line)
    rows = []
    for where in universe.sub_kegiatan:
        lines = lines_of.get((where.sub_unit.kode, where.sub_kegiatan.kode))
        for line in lines or [None]:
            rows.append(_row(len(rows) + 1, universe.tahun, where.sub_unit,
                             where.sub_kegiatan, line))
    return rows


def _row(no: int, tahun: int, unit: SubUnit, sub: SubKegiatan, line: BudgetLine | None):
    kegiatan, program, bidang = sub.kegiatan, sub.program, sub.bidang
    if line is None:
        budget = (None, None, None, None, KELOMPOK, None, None)
    else:
        budget = (line.sumber_dana.kode, line.sumber_dana.nama, line.rekening.kode,
                  line.rekening.nama, line.paket, line.nama_paket, line.pagu)
    return (
        no, tahun, bidang.kode_urusan, bidang.nama_urusan, unit.skpd.kode, unit.skpd.nama,
        unit.kode, unit.nama, bidang.kode, bidang.nama, program.kode, program.nama,
        kegiatan.kode, kegiatan.nama, sub.kode, sub.nama, *budget,
    )


def write_rekap5(path: Path, universe: Universe, version: BudgetVersion) -> Path:
    # in_memory: xlsxwriter then dates every zip entry 1980-01-01, and the document dates
    # are set below, so the same version always gives the same bytes.
    workbook = xlsxwriter.Workbook(str(path), {"in_memory": True})
    workbook.set_properties({"author": "Unknown",
                             "created": datetime.combine(version.tanggal_versi,
                                                         datetime.min.time())})
    sheet = workbook.add_worksheet(SHEET_NAME)
    title = workbook.add_format({"bold": True, "font_size": 10, "border": 1,
                                 "align": "center", "valign": "vcenter"})
    text = workbook.add_format({"border": 1, "align": "left", "valign": "vcenter",
                                "text_wrap": True})
    amount = workbook.add_format({"border": 1, "align": "right", "valign": "vcenter",
                                  "text_wrap": True})
    for column, width in enumerate(_WIDTHS):
        sheet.set_column(column, column, width)
    sheet.set_row(0, 30)
    for column, heading in enumerate(HEADER):
        sheet.write_string(0, column, heading, title)
    last = len(HEADER) - 1
    for row_number, row in enumerate(rekap5_rows(universe, version), start=1):
        for column, value in enumerate(row):
            cell_format = amount if column == last else text
            if value is None:
                sheet.write_blank(row_number, column, None, cell_format)
            elif isinstance(value, str):
                sheet.write_string(row_number, column, value, cell_format)
            else:
                sheet.write_number(row_number, column, value, cell_format)
    workbook.close()
    return path
