"""Writes a "Laporan Realisasi Per Dokumen" workbook as SIPD-RI Penatausahaan exports it
(../shared/DOMAIN.md, "Real layouts (seen)" 2): sheet "Data Realisasi Dokumen", a title
block, the header on row 5 (row 1 when re-saved by a tool), one row per document line,
a total row at the end. Dates as SIPD-RI prints them (long Indonesian text), as a tool
re-saves them (Excel serials in date cells) or as dd/mm/yyyy text."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import xlsxwriter

from pipelines.sample.spending import month_end
from pipelines.sources.dates import MONTH_NAMES
from pipelines.sources.realisasi.dokumen import DATES, EXPORT_COLUMNS, MONEY, SHEET, TITLES

DATE_STYLES = ("panjang", "serial", "dd/mm/yyyy")
# The sample year's months re-saved by a tool (header on row 1, dates as Excel serials)
# and typed dd/mm/yyyy; the others as SIPD-RI exports them.
RESAVED_MONTHS, DDMMYYYY_MONTHS = (6, 12), (3,)


def dokumen_file_name(tahun: int, month: int) -> str:
    return f"realisasi-dokumen-{tahun}-{month:02d}.xlsx"


def first_data_row(month: int) -> int:
    """The spreadsheet row of a sample month's first line."""
    return 2 if month in RESAVED_MONTHS else 6


def write_month(path: Path, lines: list, nama_pemda: str, tahun: int, month: int) -> Path:
    """A sample month's export for all SKPD (lines: documents.DocumentLine)."""
    resaved = month in RESAVED_MONTHS
    style = "serial" if resaved else "dd/mm/yyyy" if month in DDMMYYYY_MONTHS else "panjang"
    return write_realisasi_dokumen(path, [line.cells for line in lines],
                                   pemda=f"PEMERINTAH {nama_pemda.upper()}", resaved=resaved,
                                   date_style=style, created=month_end(tahun, month))


def write_realisasi_dokumen(path: Path, lines: list[dict], *, pemda: str | None = None,
                            resaved: bool = False, date_style: str = "panjang",
                            total: bool = True, columns: tuple[str, ...] = EXPORT_COLUMNS,
                            sheet: str = SHEET, created: date | None = None) -> Path:
    """Lines are dicts by column name (dokumen.TITLES); absent ones are empty cells."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # in_memory: every zip entry dated 1980-01-01, so the same lines give the same bytes
    workbook = xlsxwriter.Workbook(str(path), {"in_memory": True})
    if created is not None:  # the document dated too: the same lines, the same bytes
        workbook.set_properties({"author": "SIPD-RI",
                                 "created": datetime.combine(created, datetime.min.time())})
    worksheet = workbook.add_worksheet(sheet)
    date_cell = workbook.add_format({"num_format": "dd/mm/yyyy"})
    row = 0
    if not resaved:
        worksheet.merge_range(0, 0, 0, len(columns) - 1, "LAPORAN REALISASI PER DOKUMEN")
        worksheet.merge_range(1, 0, 1, len(columns) - 1, pemda or "")
        worksheet.merge_range(2, 0, 2, len(columns) - 1, "")
        row = 4  # a blank row, then the header on row 5
    worksheet.write_row(row, 0, [TITLES[name][0] for name in columns])
    for line in lines:
        row += 1
        for position, name in enumerate(columns):
            value = line.get(name)
            if value is None:
                continue
            if name in DATES:
                _write_date(worksheet, row, position, value, date_style, date_cell)
            elif name in MONEY:
                worksheet.write_number(row, position, float(Decimal(value)))
            else:
                worksheet.write_string(row, position, str(value))
    if total:
        row += 1
        worksheet.write_string(row, 0, "Total")
        for name in ("nilai_realisasi", "nilai_setoran"):
            if name in columns:
                worksheet.write_number(row, columns.index(name), float(sum(
                    Decimal(line.get(name) or 0) for line in lines)))
    workbook.close()
    return path


def _write_date(worksheet, row: int, column: int, day: date, style: str, date_cell) -> None:
    if style == "panjang":
        worksheet.write_string(row, column, f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}")
    elif style == "serial":
        worksheet.write_number(row, column, (day - date(1899, 12, 30)).days)
    elif style == "dd/mm/yyyy":
        worksheet.write_string(row, column, day.strftime("%d/%m/%Y"))
    else:
        raise ValueError(f"date style {style!r}: one of {DATE_STYLES}")
