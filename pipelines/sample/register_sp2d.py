"""Writes the BUD's register of SP2D as DOMAIN.md describes it ("Real layouts (seen)" 3):
sheet "Data Realisasi", the header on the first row (No, Tanggal Pembuatan, Tanggal
Pencairan, Nomor SP2D, SKPD by name, Nama Penerima, Keterangan, Jenis SP2D, Bruto,
Potongan, Neto), one row per SP2D, dates as long Indonesian text."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import xlsxwriter

from pipelines.sample.documents import RegisterRow, long_date
from pipelines.sources.sp2d.register_workbook import SHEET, TITLES

COLUMNS = ("nomor_urut", "tanggal_pembuatan", "tanggal_pencairan", "nomor_sp2d", "nama_skpd",
           "nama_penerima", "keterangan", "jenis_sp2d", "bruto", "potongan", "neto")
FIRST_DATA_ROW = 2  # as the spreadsheet shows it: the header is row 1


def register_file_name(tahun: int, month: int) -> str:
    return f"register-sp2d-{tahun}-{month:02d}.xlsx"


def write_register(path: Path, rows: list[RegisterRow], created: date) -> Path:
    # in_memory: every zip entry dated 1980-01-01; the document dated the month's end.
    workbook = xlsxwriter.Workbook(str(path), {"in_memory": True})
    workbook.set_properties({"author": "BUD", "created": datetime.combine(
        created, datetime.min.time())})
    sheet = workbook.add_worksheet(SHEET)
    money = workbook.add_format({"num_format": "#,##0.00"})
    sheet.write_row(0, 0, [TITLES[name][0] for name in COLUMNS])
    for index, row in enumerate(rows, 1):
        sheet.write_number(index, 0, index)
        sheet.write_row(index, 1, [long_date(row.tanggal_pembuatan),
                                   long_date(row.tanggal_pencairan), row.nomor_sp2d,
                                   row.nama_skpd, row.nama_penerima, row.keterangan,
                                   row.jenis_sp2d])
        for column, amount in zip((8, 9, 10), (row.bruto, row.potongan, row.neto)):
            sheet.write_number(index, column, amount, money)
    workbook.close()
    return path
