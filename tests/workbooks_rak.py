"""Small cash plan (anggaran kas, RAK) workbooks written by hand for tests, in the shape
SIPD-RI's tools export (DOMAIN.md, "Real layouts" 6).

The writer puts title rows above the header, can shuffle the column order and rename
titles, and writes rows exactly as given: numbers, number text or anything else.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

SKPD = "1.02.0.00.0.00.01.0000"
SUB_UNIT = "1.02.0.00.0.00.01.0001"
SUB_KEGIATAN = "1.02.02.2.01.0001"
REKENING = "5.1.02.01.01.0024"

MONTH_TITLES = [f"Bulan {month}" for month in range(1, 13)]
MONTH_NAMES = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
               "September", "Oktober", "November", "Desember"]
QUARTER_TITLES = ["TRIWULAN I", "TRIWULAN II", "TRIWULAN III", "TRIWULAN IV"]
RAK_TITLES = [
    "Kode SKPD", "Nama SKPD", "Kode Sub SKPD", "Nama Sub SKPD", "Kode Urusan", "Nama Urusan",
    "Kode Bidang Urusan", "Nama Bidang Urusan", "Kode Program", "Nama Program",
    "Kode Kegiatan", "Nama Kegiatan", "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode Akun",
    "Nama Akun", "Nilai Rincian", *MONTH_TITLES, "Total RAK", "Selisih",
]
RAK_TITLE_ROWS = [
    ["LAPORAN ANGGARAN KAS"],
    ["PEMERINTAH KABUPATEN CONTOH"],
    ["TAHUN ANGGARAN 2025"],
    [],
]
FIRST_MONTH_COLUMN = RAK_TITLES.index("Bulan 1")  # 0-based, in the default order
_WRITTEN = object()  # Total RAK and Selisih as the export computes them


def _numbers(values) -> list:
    return [v for v in values if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool)]


def rak_line(months=(100_000,) * 12, pagu=None, rekening: str = REKENING,
             sub_kegiatan: str | None = SUB_KEGIATAN, skpd: str | None = SKPD,
             nama_rekening: str = "Belanja Alat Tulis Kantor", total_rak=_WRITTEN,
             selisih=_WRITTEN) -> list:
    """An account line in RAK_TITLES' order. Nilai Rincian is the sum of the months written
    as numbers unless given; Total RAK that sum and Selisih Nilai Rincian - Total RAK,
    unless given."""
    planned = sum(_numbers(months))
    if pagu is None:
        pagu = planned
    if total_rak is _WRITTEN:
        total_rak = planned
    if selisih is _WRITTEN:
        selisih = (pagu - total_rak) if _numbers([pagu, total_rak]) == [pagu, total_rak] \
            else None
    levels = sub_kegiatan.split(".") if sub_kegiatan else []
    codes = [".".join(levels[:n]) or None for n in (1, 2, 3, 5)]
    return [skpd, "Dinas Kesehatan", SUB_UNIT, "UPTD Puskesmas Kota",
            codes[0], "Urusan Pemerintahan Wajib Pelayanan Dasar", codes[1], "Kesehatan",
            codes[2], "Program Pemenuhan Upaya Kesehatan", codes[3], "Penyediaan Fasilitas",
            sub_kegiatan, "Pengadaan Alat Kesehatan", rekening, nama_rekening, pagu, *months,
            total_rak, selisih]


def rak_subtotal(label: str, pagu, months, *, skpd: str | None = None,
                 sub_kegiatan: str | None = None, rekening: str | None = None) -> list:
    """A row with sums and a higher-level code or a label instead of an account code."""
    total = sum(_numbers(months))
    return [skpd, None, None, None, None, None, None, None, None, None, None, None,
            sub_kegiatan, None, rekening, label, pagu, *months, total, pagu - total]


def with_quarters(row: list, quarters: list) -> list:
    """The row (titles or a line) with a TRIWULAN value after each third month."""
    first = FIRST_MONTH_COLUMN
    months = row[first:first + 12]
    spread = [value for quarter in range(4)
              for value in (*months[quarter * 3:quarter * 3 + 3], quarters[quarter])]
    return [*row[:first], *spread, *row[first + 12:]]


def quarter_sums(line: list) -> list:
    """The four quarters' totals of a line's months (all written as numbers)."""
    months = line[FIRST_MONTH_COLUMN:FIRST_MONTH_COLUMN + 12]
    return [sum(months[quarter * 3:quarter * 3 + 3]) for quarter in range(4)]


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
