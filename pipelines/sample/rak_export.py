"""The cash plan (anggaran kas, RAK) of each budget version, in the shape SIPD-RI's tools
export it (DOMAIN.md, "Real layouts" 6).

One row per account (sub unit, sub kegiatan, rekening): SIPD-RI plans cash per rekening
of a sub kegiatan, so budget lines that differ only in funding source or package are one
row. The codes and names of the levels above the sub kegiatan, then Nilai Rincian (the
account's budget), twelve monthly amounts (not cumulative) that add up to it, Total RAK
and Selisih. A new budget version comes with a new plan, so there is one file per
version; the year and version come from the upload's sidecar.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import xlsxwriter

from pipelines.sample.budget import BudgetVersion
from pipelines.sample.spending import Account, Spending

TITLES = ("Kode SKPD", "Nama SKPD", "Kode Sub SKPD", "Nama Sub SKPD", "Kode Urusan",
          "Nama Urusan", "Kode Bidang Urusan", "Nama Bidang Urusan", "Kode Program",
          "Nama Program", "Kode Kegiatan", "Nama Kegiatan", "Kode Sub Kegiatan",
          "Nama Sub Kegiatan", "Kode Akun", "Nama Akun", "Nilai Rincian",
          *(f"Bulan {month}" for month in range(1, 13)), "Total RAK", "Selisih")


def rak_file_name(tahun: int, versi: str) -> str:
    return f"anggaran-kas-{tahun}-{versi}.xlsx"


def write_rak(path: Path, spending: Spending, version: BudgetVersion,
              plan: dict[Account, tuple[int, ...]]) -> Path:
    # in_memory: every zip entry dated 1980-01-01; the document dated the version's date.
    workbook = xlsxwriter.Workbook(str(path), {"in_memory": True})
    workbook.set_properties({"author": "SIPD", "created": datetime.combine(
        version.tanggal_versi, datetime.min.time())})
    sheet = workbook.add_worksheet("Anggaran Kas")
    header = workbook.add_format({"bold": True, "border": 1, "align": "center",
                                  "valign": "vcenter"})
    text = workbook.add_format({"border": 1})
    money = workbook.add_format({"border": 1, "num_format": "#,##0"})
    for column, title in enumerate(TITLES):
        sheet.write_string(0, column, title, header)
    ordered = sorted(plan, key=lambda account: (spending.accounts[account].skpd.kode, account))
    for row, account in enumerate(ordered, 1):
        spent = spending.accounts[account]
        kegiatan = spent.sub_kegiatan.kegiatan
        bidang = kegiatan.program.bidang
        codes = (spent.skpd.kode, spent.skpd.nama, spent.sub_unit.kode, spent.sub_unit.nama,
                 bidang.kode_urusan, bidang.nama_urusan, bidang.kode, bidang.nama,
                 kegiatan.program.kode, kegiatan.program.nama, kegiatan.kode, kegiatan.nama,
                 spent.sub_kegiatan.kode, spent.sub_kegiatan.nama, spent.rekening.kode,
                 spent.rekening.nama)
        for column, value in enumerate(codes):
            sheet.write_string(row, column, value, text)
        months = plan[account]
        total = sum(months)
        # The plan spreads the whole budget: Nilai Rincian is its total, Selisih nil.
        for column, amount in enumerate((total, *months, total, 0), len(codes)):
            sheet.write_number(row, column, amount, money)
    sheet.set_column(0, 15, 22)
    sheet.set_column(16, len(TITLES) - 1, 15)
    sheet.freeze_panes(1, 0)
    workbook.close()
    return path
