"""A visit workbook filled in as a sidak team would: openpyxl over the file serapan wrote,
cells found by their titles and labels, as a person finds them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from pipelines.sources.sidak.layout import DATE_LABEL, TEAM_LABEL, TITLES


def fill_visit_workbook(path: Path, results: dict[str, dict], *, tim: str | None = "Tim Sidak "
                        "Inspektorat: A. Rahman, B. Sari", tanggal: date | str | None =
                        date(2025, 5, 14), out: Path | None = None) -> Path:
    """`results`: kode sub kegiatan -> {column: value} (fisik_terverifikasi, temuan,
    bukti, koordinat)."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    header = columns = None
    for row in sheet.iter_rows():
        texts = {str(cell.value).strip(): cell.column for cell in row if cell.value is not None}
        first = str(row[0].value or "")
        if first == TEAM_LABEL and tim is not None:
            sheet.cell(row[0].row, 2, tim)
        if first == DATE_LABEL and tanggal is not None:
            sheet.cell(row[0].row, 2, tanggal)
        if TITLES["kode_sub_kegiatan"][0] in texts:
            header, columns = row[0].row, {name: texts[titles[0]]
                                           for name, titles in TITLES.items()}
            break
    assert header is not None, "no header"
    for row in sheet.iter_rows(min_row=header + 1):
        kode = row[columns["kode_sub_kegiatan"] - 1].value
        for name, value in results.get(kode, {}).items():
            sheet.cell(row[0].row, columns[name], value)
    out = out or path
    book.save(out)
    return out
