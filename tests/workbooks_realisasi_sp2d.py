"""Small SP2D lists written by hand for tests.

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

SP2D_TITLES = [
    "NOMOR SP2D", "TANGGAL SP2D", "JENIS SP2D", "NOMOR SPM", "KODE SKPD", "NAMA SKPD",
    "KODE SUB UNIT", "KODE SUB KEGIATAN", "KODE REKENING", "URAIAN", "NILAI", "POTONGAN",
    "NAMA PENERIMA", "NPWP", "BANK", "NOMOR REKENING BANK",
]
NPWP = "012345678901000"  # leading zero: lost if ever read as a number
REKENING_BANK = "0012345678"
# A URAIAN with the recipient's bank account and NPWP typed in, and as it leaves raw
# (tests/test_personal_numbers.py).
URAIAN_WITH_NUMBERS = "Pembayaran ATK ke CV Maju Jaya rek. 0012345678 NPWP 01.234.567.8-901.000"
URAIAN_MASKED = "Pembayaran ATK ke CV Maju Jaya rek. ******5678 NPWP **.***.***.*-**1.000"


def sp2d_line(nomor: str = "00001/LS/1.02.0.00.0.00.01.0000/M/2025", tanggal="14/03/2025",
              jenis: str = "LS", nilai="1.234.567,00", potongan="0,00",
              rekening: str | None = REKENING, sub_kegiatan: str | None = SUB_KEGIATAN,
              npwp=NPWP, rekening_bank=REKENING_BANK,
              uraian: str = "Pembayaran belanja ATK") -> list:
    return [
        nomor, tanggal, jenis, nomor.replace("/M/", "/SPM/"), SKPD, "Dinas Kesehatan",
        SUB_UNIT, sub_kegiatan, rekening, uraian, nilai, potongan, "CV Maju Jaya", npwp,
        "Bank Maluku", rekening_bank,
    ]


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


def write_sp2d_xlsx(path: Path, rows: list[list], *, titles: list[str] | None = None,
                    **layout) -> Path:
    return write_sheet(path, list(titles or SP2D_TITLES), rows, **layout)


def write_sp2d_csv(path: Path, rows: list[list], *, titles: list[str] | None = None,
                   title_rows: list[list] = (), column_order: list[int] | None = None,
                   encoding: str = "utf-8-sig", separator: str = ";",
                   ragged: bool = False) -> Path:
    """A csv as the export writes it: ';'-separated, quoted only where a field needs it.
    Rows are cut or padded to the header's width, unless `ragged`: then written as given."""
    titles = list(titles or SP2D_TITLES)
    order = column_order or list(range(len(titles)))
    lines = [separator.join(_csv_field(cell) for cell in row) for row in title_rows]
    lines.append(separator.join(_csv_field(titles[i]) for i in order))
    for row in rows:
        cells = row if ragged else [row[i] if i < len(row) else None for i in order]
        lines.append(separator.join(_csv_field(cell) for cell in cells))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def _csv_field(value) -> str:
    text = "" if value is None else str(value)
    if any(mark in text for mark in (";", '"', "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text
