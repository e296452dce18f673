"""Small Laporan Realisasi workbooks written by hand for tests, and the personal numbers
tests type into texts (SP2D registers and records: tests/workbooks_sp2d_register.py).

Each writer puts optional title rows above the header, can shuffle the column order and
rename titles, and writes rows exactly as given: numbers, number text, dates or date text.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

SKPD = "1.02.0.00.0.00.01.0000"
SUB_UNIT = "1.02.0.00.0.00.01.0001"
SUB_KEGIATAN = "1.02.02.2.01.0001"
REKENING = "5.1.02.01.01.0024"

REALISASI_TITLES = [
    "KODE SKPD", "NAMA SKPD", "KODE SUB UNIT", "NAMA SUB UNIT", "KODE SUB KEGIATAN",
    "NAMA SUB KEGIATAN", "KODE REKENING", "NAMA REKENING", "ANGGARAN", "REALISASI", "SISA",
    "PERSENTASE",
]
REALISASI_TITLE_ROWS = [
    ["LAPORAN REALISASI ANGGARAN PENDAPATAN DAN BELANJA DAERAH"],
    ["PEMERINTAH KABUPATEN CONTOH"],
    ["PERIODE 1 JANUARI 2025 S.D. 31 MARET 2025"],
    [],
]

NPWP = "012345678901000"  # leading zero: lost if ever read as a number
REKENING_BANK = "0012345678"
# A text with the recipient's bank account and NPWP typed in, and as it leaves raw
# (tests/test_personal_numbers.py, tests/test_marts.py).
URAIAN_WITH_NUMBERS = "Pembayaran ATK ke CV Maju Jaya rek. 0012345678 NPWP 01.234.567.8-901.000"
URAIAN_MASKED = "Pembayaran ATK ke CV Maju Jaya rek. ******5678 NPWP **.***.***.*-**1.000"


def realisasi_line(rekening: str = REKENING, anggaran=1_000_000, realisasi=250_000,
                   sub_kegiatan: str = SUB_KEGIATAN, skpd: str | None = SKPD) -> list:
    sisa = anggaran - realisasi if isinstance(anggaran, int) and isinstance(realisasi, int) \
        else None
    return [
        skpd, "Dinas Kesehatan", SUB_UNIT, "Dinas Kesehatan", sub_kegiatan,
        "Pengadaan Alat Kesehatan", rekening, "Belanja Alat Tulis Kantor", anggaran, realisasi,
        sisa, "25,00",
    ]


def realisasi_subtotal(label: str, anggaran, realisasi, *, skpd: str | None = None,
                       sub_kegiatan: str | None = None, rekening: str | None = None) -> list:
    """A subtotal row as exports interleave them: a higher-level code or none, and sums."""
    return [skpd, None, None, None, sub_kegiatan, None, rekening, label, anggaran, realisasi,
            None, None]


def write_sheet(path: Path, titles: list[str], rows: list[list], *,
                title_rows: list[list] = (), sheet: str = "Sheet 1",
                column_order: list[int] | None = None) -> Path:
    """An xlsx: title rows, the header, then rows, columns in the given order."""
    order = column_order or list(range(len(titles)))
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for title_row in title_rows:
        worksheet.append(title_row)
    worksheet.append([titles[i] for i in order])
    for row in rows:
        worksheet.append([row[i] if i < len(row) else None for i in order])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def write_realisasi(path: Path, rows: list[list], *, titles: list[str] | None = None,
                    title_rows: list[list] = REALISASI_TITLE_ROWS, **layout) -> Path:
    return write_sheet(path, list(titles or REALISASI_TITLES), rows, title_rows=title_rows,
                       **layout)
