"""Small Rekap 5 workbooks written by hand for tests, independent of the sample generator."""

from __future__ import annotations

from pathlib import Path

import openpyxl

REKAP5_TITLES = [
    "NO", "TAHUN", "KODE URUSAN", "NAMA URUSAN", "KODE SKPD", "NAMA SKPD", "KODE SUB UNIT",
    "NAMA SUB UNIT", "KODE BIDANG URUSAN", "NAMA BIDANG URUSAN", "KODE PROGRAM",
    "NAMA PROGRAM", "KODE KEGIATAN", "NAMA KEGIATAN", "KODE SUB KEGIATAN",
    "NAMA SUB KEGIATAN", "KODE SUMBER DANA", "NAMA SUMBER DANA", "KODE REKENING",
    "NAMA REKENING", "PAKET/KELOMPOK", "NAMA PAKET/KELOMPOK", "PAGU",
]
SKPD = "1.02.0.00.0.00.01.0000"


def budget_row(no: int, sub_kegiatan: str = "1.02.02.2.01.0001",
               rekening: str | None = "5.1.02.01.01.0024", pagu=1_000_000, tahun=2025) -> list:
    program = sub_kegiatan[:7]
    kegiatan = sub_kegiatan[:12]
    return [
        no, tahun, "1", "URUSAN WAJIB PELAYANAN DASAR", SKPD, "Dinas Kesehatan", SKPD,
        "Dinas Kesehatan", "1.02", "KESEHATAN", program, "PROGRAM PEMENUHAN UPAYA KESEHATAN",
        kegiatan, "Penyediaan Fasilitas Kesehatan", sub_kegiatan, "Pengadaan Alat Kesehatan",
        "1.2.01.08" if rekening else "", "Dana Alokasi Umum (DAU)" if rekening else "",
        rekening or "", "Belanja Alat Tulis Kantor" if rekening else "", "Kelompok",
        "Belanja ATK" if rekening else "", pagu if rekening else "",
    ]


def write_rekap5(path: Path, rows: list[list], *, titles: list[str] | None = None,
                 title_rows: list[list] = (), sheet: str = "Sheet 1",
                 column_order: list[int] | None = None) -> Path:
    """Write rows under a header; optional title rows above it and a shuffled column order."""
    titles = list(titles or REKAP5_TITLES)
    order = column_order or list(range(len(titles)))
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for title_row in title_rows:
        worksheet.append(title_row)
    worksheet.append([titles[i] for i in order])
    for row in rows:
        worksheet.append([row[i] for i in order])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def write_empty_workbook(path: Path) -> Path:
    """A valid xlsx whose only sheet has no cells."""
    path.parent.mkdir(parents=True, exist_ok=True)
    openpyxl.Workbook().save(path)
    return path


def encrypt_with_password(plain: Path, target: Path, password: str = "rahasia") -> Path:
    """The same workbook as Excel's "Encrypt with Password" writes it."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with plain.open("rb") as source, target.open("wb") as out:
        OOXMLFile(source).encrypt(password, out)
    return target


def as_2026_export(source: Path, target: Path) -> Path:
    """A Rekap 5 export as SIPD-RI writes it from 2026: the same rows in TAHUN 2026, each
    account written in the new format (rincian objek of three digits, sub rincian objek
    of five: 5.1.02.01.01.0024 becomes 5.1.02.01.001.00024). Codes stay text."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(source)).get_sheet_by_index(0).to_python()
    header = [str(title).strip().upper() for title in rows[0]]
    tahun, rekening = header.index("TAHUN"), header.index("KODE REKENING")
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = "Sheet 1"
    worksheet.append(rows[0])
    for row in rows[1:]:
        row = list(row)
        row[tahun] = 2026
        if row[rekening]:
            *levels, rincian, sub_rincian = str(row[rekening]).split(".")
            row[rekening] = ".".join([*levels, rincian.zfill(3), sub_rincian.zfill(5)])
        worksheet.append(row)
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return target
