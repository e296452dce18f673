"""SP2D registers and SIPD-RI SP2D records written for tests, as DOMAIN.md describes them
("Real layouts" 3 and 4): cells written exactly as given (text, numbers, dates)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import xlsxwriter

BUD_TITLES = ["No", "Tanggal Pembuatan", "Tanggal Pencairan", "Nomor SP2D", "SKPD",
              "Nama Penerima", "Keterangan", "Jenis SP2D", "Bruto", "Potongan", "Neto"]
FMIS_TITLES = ["No Urut", "No. SP2D", "Tanggal Terbit", "Tanggal Cair", "No. SPM", "OPD",
               "Keperluan", "Rekanan", "Nomor Rekening Penerima", "Kode Rekening",
               "Jumlah Kotor", "PPh", "PPn", "Potongan", "Jumlah Bersih"]
NAMA_SKPD = "Dinas Kesehatan"
REKENING_PENERIMA = "0012345678"
NPWP = "012345678901000"


def bud_row(no, nomor: str, pembuatan="2 Januari 2026", pencairan="5 Januari 2026",
            skpd: str = NAMA_SKPD, jenis: str = "LS", bruto=1_000_000, potongan=100_000,
            neto=900_000) -> list:
    return [no, pembuatan, pencairan, nomor, skpd, "CV Maju Jaya", "Belanja alat tulis",
            jenis, bruto, potongan, neto]


def fmis_row(no, nomor: str, terbit="03/02/2026", cair="04/02/2026", skpd: str = NAMA_SKPD,
             kotor=2_000_000, pph=30_000, ppn=200_000, potongan=0, bersih=1_770_000) -> list:
    return [no, nomor, terbit, cair, f"SPM-{no}", skpd, "Belanja modal", "PT Contoh",
            REKENING_PENERIMA, "5.2.02.01.01.0001", kotor, pph, ppn, potongan, bersih]


def write_register(path: Path, rows: list[list], *, titles: list[str] = BUD_TITLES,
                   sheet: str = "Data Realisasi", title_rows: list[list] = (),
                   sheets_before: tuple[str, ...] = ()) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path))
    day = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for other in sheets_before:
        workbook.add_worksheet(other).write_string(0, 0, "Catatan")
    worksheet = workbook.add_worksheet(sheet)
    for row_index, row in enumerate([*title_rows, titles, *rows]):
        for column, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, date):
                worksheet.write_datetime(row_index, column, value, day)
            elif isinstance(value, (int, float)):
                worksheet.write_number(row_index, column, value)
            else:
                worksheet.write_string(row_index, column, str(value))
    workbook.close()
    return path


def sp2d_record(nomor: str, status: str = "ditransfer", tanggal="2026-01-07 00:00:00",
                nilai="116338787", kode_skpd: str = "1.02.0.00.0.00.01.0000", **more) -> dict:
    """A record as SIPD-RI's service gives it (DOMAIN.md "Real layouts" 4; values as text,
    as wp-sipd stores them)."""
    return {
        "nomor_sp_2_d": nomor, "tanggal_sp_2_d": tanggal, "jenis_sp_2_d": "LS",
        "jenis_ls_sp_2_d": "gaji", "nilai_sp_2_d": nilai, "nomor_spm": nomor + "/SPM",
        "kode_skpd": kode_skpd, "kode_sub_skpd": kode_skpd, "id_sumber_dana": "0",
        "is_gaji": "1", "status": status,
        "header": {"pihak_ketiga": "Bendahara Gaji", "npwp": NPWP, "no_rek": REKENING_PENERIMA},
        "detail_belanja": [{"kode_rekening": "5.1.01.01.01.0001", "uraian": "Gaji pokok",
                            "jumlah": nilai}],
        "pajak_potongan": [],
        **more,
    }


def write_records(path: Path, records) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(records, indent=1))
    return path
