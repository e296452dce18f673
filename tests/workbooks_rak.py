"""Small "Anggaran Kas" (RAK) workbooks written by hand for tests.

The writer puts title rows above the header, can shuffle the column order and rename
titles, and writes rows exactly as given: numbers, number text or anything else.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

SKPD = "1.02.0.00.0.00.01.0000"
SUB_UNIT = "1.02.0.00.0.00.01.0001"
SUB_KEGIATAN = "1.02.02.2.01.0001"
REKENING = "5.1.02.01.01.0024"

MONTH_TITLES = ["JANUARI", "FEBRUARI", "MARET", "APRIL", "MEI", "JUNI", "JULI", "AGUSTUS",
                "SEPTEMBER", "OKTOBER", "NOVEMBER", "DESEMBER"]
RAK_TITLES = [
    "KODE SKPD", "NAMA SKPD", "KODE SUB UNIT", "KODE SUB KEGIATAN", "NAMA SUB KEGIATAN",
    "KODE REKENING", "NAMA REKENING", "PAGU", *MONTH_TITLES,
]
RAK_TITLE_ROWS = [
    ["LAPORAN ANGGARAN KAS"],
    ["PEMERINTAH KABUPATEN CONTOH"],
    ["TAHUN ANGGARAN 2025"],
    [],
]
FIRST_MONTH_COLUMN = RAK_TITLES.index("JANUARI")  # 0-based, in the default order


def rak_line(months=(100_000,) * 12, pagu=None, rekening: str = REKENING,
             sub_kegiatan: str | None = SUB_KEGIATAN, skpd: str | None = SKPD,
             nama_rekening: str = "Belanja Alat Tulis Kantor") -> list:
    """An account line; PAGU is the sum of the months written as numbers unless given."""
    if pagu is None:
        pagu = sum(m for m in months
                   if isinstance(m, (int, float)) and not isinstance(m, bool))
    return [skpd, "Dinas Kesehatan", SUB_UNIT, sub_kegiatan, "Pengadaan Alat Kesehatan",
            rekening, nama_rekening, pagu, *months]


def rak_subtotal(label: str, pagu, months, *, skpd: str | None = None,
                 sub_kegiatan: str | None = None, rekening: str | None = None) -> list:
    """A subtotal row as exports interleave them: a higher-level code or none, and sums."""
    return [skpd, None, None, sub_kegiatan, None, rekening, label, pagu, *months]


def write_rak(path: Path, rows: list[list], *, titles: list[str] = RAK_TITLES,
              title_rows: list[list] = RAK_TITLE_ROWS, sheet: str = "Sheet 1",
              column_order: list[int] | None = None, more_sheets: dict | None = None) -> Path:
    """An xlsx: title rows, the header, then rows, columns in the given order.

    more_sheets adds sheets after the first: name -> rows written as they are.
    """
    order = column_order or list(range(len(titles)))
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for title_row in title_rows:
        worksheet.append(title_row)
    worksheet.append([titles[i] for i in order])
    for row in rows:
        worksheet.append([row[i] if i < len(row) else None for i in order])
    for name, extra_rows in (more_sheets or {}).items():
        extra = workbook.create_sheet(name)
        for row in extra_rows:
            extra.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
