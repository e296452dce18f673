"""Small RFK workbooks written by hand for tests: serapan's template and hand-made ones.

The hand-made layout is what OPDs send: split title cells, a two-row header under merged
cells ("TARGET" and "REALISASI" over "KEUANGAN (Rp)" | "FISIK (%)"), a row of column
numbers, funding-source blocks, JUMLAH/TOTAL rows, a signature, one sheet per month.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl

SKPD = "1.02.0.00.0.00.01.0000"
SUB_KEGIATAN = "1.02.02.2.01.0001"

TEMPLATE_TITLES = [
    "KODE SUB KEGIATAN", "NAMA SUB KEGIATAN", "PAGU DPA", "RAK (%)",
    "REALISASI KEUANGAN (Rp)", "REALISASI FISIK (%)", "PERMASALAHAN", "TINDAK LANJUT",
    "CATATAN VERIFIKATOR",
]
TEMPLATE_TITLE_ROWS = [
    ["LAPORAN REALISASI FISIK DAN KEUANGAN"],
    [f"SKPD: {SKPD} Dinas Kesehatan"],
    ["BULAN: Maret 2025"],
    ["Petunjuk: isi realisasi kumulatif sampai akhir bulan; fisik dalam persen (0-100)."],
]


def template_row(kode: str | None = SUB_KEGIATAN, nama: str = "Pengadaan Alat Kesehatan",
                 pagu=100_000_000, rak=25, keuangan=20_000_000, fisik=30, masalah=None,
                 tindak=None, catatan=None) -> list:
    return [kode, nama, pagu, rak, keuangan, fisik, masalah, tindak, catatan]


def write_template(path: Path, rows: list[list], *, title_rows: list[list] = TEMPLATE_TITLE_ROWS,
                   titles: list[str] = TEMPLATE_TITLES, sheet: str = "RFK") -> Path:
    """serapan's own layout: one sheet, title rows, one header row, the data."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in [*title_rows, titles, *rows]:
        worksheet.append(row)
    return _save(workbook, path)


# Hand-made: columns A..J.
HANDMADE_PARENTS = ["NO", "KODE SUB KEGIATAN", "NAMA SUB KEGIATAN", "PAGU DPA", "TARGET", None,
                    "REALISASI", None, "PERMASALAHAN", "TINDAK LANJUT"]
HANDMADE_CHILDREN = [None, None, None, None, "KEUANGAN (Rp)", "FISIK (%)", "KEUANGAN (Rp)",
                     "FISIK (%)", None, None]
HANDMADE_HEADER_ROW = 5  # the header is rows 5 and 6, column numbers row 7, data from 8
FISIK_COLUMNS = ("F", "H")


@dataclass(frozen=True)
class Label:
    """A row with no code: its text merged over NO..NAMA, with figures if a subtotal."""

    text: str
    pagu: object = None
    keuangan: object = None


def item(kode: str | None, pagu=100_000_000, target=30_000_000, target_fisik=30,
         keuangan=20_000_000, fisik=25, masalah=None, tindak=None,
         nama: str = "Pengadaan Alat Kesehatan", no=None) -> list:
    return [no, kode, nama, pagu, target, target_fisik, keuangan, fisik, masalah, tindak]


def write_handmade(path: Path, sheets: dict[str, list | None], *, skpd: str | None = SKPD,
                   percent_format: str | None = None) -> Path:
    """One sheet per name; None makes an empty sheet, [] a sheet with the header only.

    percent_format, if given, is set on the FISIK cells of item rows (write fractions
    such as 0.455 in them for '0.0%').
    """
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, body in sheets.items():
        worksheet = workbook.create_sheet(name)
        if body is not None:
            _write_handmade_sheet(worksheet, name, body, skpd, percent_format)
    return _save(workbook, path)


def _write_handmade_sheet(worksheet, name, body, skpd, percent_format) -> None:
    worksheet["A1"] = "LAPORAN REALISASI FISIK DAN KEUANGAN"
    worksheet.merge_cells("A1:J1")
    if skpd:
        worksheet["A2"], worksheet["C2"] = "SKPD", f": {skpd} - Dinas Kesehatan"
    worksheet["A3"], worksheet["C3"] = "BULAN", f": {name}"
    top = HANDMADE_HEADER_ROW
    for column, (parent, child) in enumerate(zip(HANDMADE_PARENTS, HANDMADE_CHILDREN), 1):
        if parent is not None:
            worksheet.cell(top, column, parent)
        if child is not None:
            worksheet.cell(top + 1, column, child)
        elif parent is not None:
            worksheet.merge_cells(start_row=top, start_column=column, end_row=top + 1,
                                  end_column=column)
    worksheet.merge_cells("E5:F5")
    worksheet.merge_cells("G5:H5")
    for column in range(1, 11):
        worksheet.cell(top + 2, column, column)
    for offset, row in enumerate(body):
        number = top + 3 + offset
        if isinstance(row, Label):
            worksheet.cell(number, 1, row.text)
            worksheet.merge_cells(f"A{number}:C{number}")
            worksheet[f"D{number}"], worksheet[f"G{number}"] = row.pagu, row.keuangan
            continue
        for column, value in enumerate(row, 1):
            worksheet.cell(number, column, value)
        if percent_format:
            for column in FISIK_COLUMNS:
                worksheet[f"{column}{number}"].number_format = percent_format


def _save(workbook, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
