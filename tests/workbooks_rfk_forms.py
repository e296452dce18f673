"""FORM-RFK workbooks written for tests, in the shape of Kota Banjarmasin's form (label
rows, a three-row header under merged titles, a row of column numbers, named lines, a
Jumlah row, the signatures), with what the real files do not show: amounts in thousands,
percentages in cells formatted as percent, rows that cannot be read."""

from __future__ import annotations

from pathlib import Path

import openpyxl

LABELS = [
    ["LAPORAN REALISASI FISIK DAN KEUANGAN"],
    [None] * 17 + ["FORM-RFK"],
    ["NAMA KEGIATAN", None, ": Pengelolaan Pendidikan Sekolah Dasar"],
    ["SUB KEGIATAN", None, ": Pembangunan Sarana, Prasarana dan Utilitas Sekolah"],
    ["SKPD", None, ": Dinas Pendidikan Kota Banjarmasin"],
    ["KONDISI S/D TGL.", None, ": 31 Maret 2023"],
    [],
]
# Columns A..R: NO, URAIAN (B:C), NILAI DPA Rp, %, KEUANGAN RENCANA Rp % KUM % TTB,
# REALISASI Rp % KUM % TTB, CAPAIAN, SISA, FISIK RENCANA KUM TTB, REALISASI KUM TTB,
# CAPAIAN.
HEADER = [
    ["NO", "URAIAN KEGIATAN", None, "NILAI DPA", None, "KEUANGAN"] + [None] * 7
    + ["FISIK ( % )"] + [None] * 4,
    [None] * 3 + ["{unit}", "%", "RENCANA", None, None, "REALISASI", None, None,
                  "CAPAIAN (%)", "SISA ANGGARAN ( {unit} )", "RENCANA", None, "REALISASI",
                  None, "CAPAIAN %"],
    [None] * 5 + ["{unit}", "% KUM", "% TTB", "{unit}", "% KUM", "% TTB", None, None, "KUM",
                  "TTB", "KUM", "TTB", None],
]
MERGES = ["A8:A10", "B8:C10", "D8:E8", "F8:M8", "N8:R8", "D9:D10", "E9:E10", "F9:H9",
          "I9:K9", "L9:L10", "M9:M10", "N9:O9", "P9:Q9", "R9:R10"]
NUMBERS = [1, 2, None, 3, 4, 5, "6a", "6b", 7, "8a", "8b", "9a", 10, 11, 12, 13, 14, 15]
FIRST_LINE = 12  # the row of the first line
PERCENT_COLUMNS = "GHJKNOPQ"


def line(no, uraian, pagu, rencana, realisasi, fisik, *, ttb="0,5") -> list:
    """A line: figures as the cells hold them (numbers, text, '#REF!')."""
    return [no, uraian, None, pagu, None, rencana, None, ttb, realisasi, None, ttb, None,
            None, 100, ttb, fisik, ttb, None]


def write_form_rfk(path: Path, lines: list[list], *, unit: str = "Rp",
                   percent_format: bool = False, below: list[list] = ()) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "RFK"
    for row in LABELS:
        sheet.append(row)
    for row in HEADER:
        sheet.append([cell.format(unit=unit) if isinstance(cell, str) else cell
                      for cell in row])
    sheet.append(NUMBERS)
    for row in lines:
        sheet.append(row)
    total = FIRST_LINE + len(lines)
    sheet.append(["Jumlah"])
    for row in [[], [None] * 13 + ["Banjarmasin, 31 Maret 2023"], *below]:
        sheet.append(row)
    for cells in MERGES:
        sheet.merge_cells(cells)
    if percent_format:
        for row in range(FIRST_LINE, total):
            for column in PERCENT_COLUMNS:
                sheet[f"{column}{row}"].number_format = "0.00%"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
