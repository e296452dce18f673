"""The cash plan (RAK, "Anggaran Kas") of each budget version, as SIPD-RI exports it.

One row per account (sub unit, sub kegiatan, rekening): SIPD-RI plans cash per rekening
of a sub kegiatan, so budget lines that differ only in funding source or package are one
row. Twelve monthly amounts (not cumulative) that add up to PAGU. A new budget version
comes with a new plan, so there is one file per version.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import xlsxwriter

from pipelines.sample.budget import BudgetVersion
from pipelines.sample.spending import Account, Spending

MONTH_TITLES = ("JANUARI", "FEBRUARI", "MARET", "APRIL", "MEI", "JUNI", "JULI", "AGUSTUS",
                "SEPTEMBER", "OKTOBER", "NOVEMBER", "DESEMBER")
TITLES = ("KODE SKPD", "NAMA SKPD", "KODE SUB UNIT", "KODE SUB KEGIATAN", "NAMA SUB KEGIATAN",
          "KODE REKENING", "NAMA REKENING", "PAGU", *MONTH_TITLES)
HEADER_ROW = 5  # as the spreadsheet shows it: three title rows and a blank one above
VERSION_NAMES = {"murni": "APBD MURNI", "pergeseran_1": "PERGESERAN 1",
                 "pergeseran_2": "PERGESERAN 2", "perubahan": "APBD PERUBAHAN"}


def rak_file_name(tahun: int, versi: str) -> str:
    return f"anggaran-kas-{tahun}-{versi}.xlsx"


def write_rak(path: Path, spending: Spending, version: BudgetVersion,
              plan: dict[Account, tuple[int, ...]]) -> Path:
    universe = spending.budget.universe
    # in_memory: every zip entry dated 1980-01-01; the document dated the version's date.
    workbook = xlsxwriter.Workbook(str(path), {"in_memory": True})
    workbook.set_properties({"author": "SIPD", "created": datetime.combine(
        version.tanggal_versi, datetime.min.time())})
    sheet = workbook.add_worksheet("Anggaran Kas")
    bold = workbook.add_format({"bold": True})
    header = workbook.add_format({"bold": True, "border": 1, "align": "center",
                                  "valign": "vcenter"})
    text = workbook.add_format({"border": 1})
    money = workbook.add_format({"border": 1, "num_format": "#,##0"})
    sheet.write_string(0, 0, "LAPORAN ANGGARAN KAS", bold)
    sheet.write_string(1, 0, f"PEMERINTAH {universe.nama_pemda.upper()}", bold)
    sheet.write_string(2, 0, f"TAHUN ANGGARAN {universe.tahun} - "
                             f"{VERSION_NAMES.get(version.versi, version.versi.upper())}", bold)
    for column, title in enumerate(TITLES):
        sheet.write_string(HEADER_ROW - 1, column, title, header)
    ordered = sorted(plan, key=lambda account: (spending.accounts[account].skpd.kode, account))
    for row, account in enumerate(ordered, HEADER_ROW):
        spent = spending.accounts[account]
        codes = (spent.skpd.kode, spent.skpd.nama, spent.sub_unit.kode, spent.sub_kegiatan.kode,
                 spent.sub_kegiatan.nama, spent.rekening.kode, spent.rekening.nama)
        for column, value in enumerate(codes):
            sheet.write_string(row, column, value, text)
        months = plan[account]
        sheet.write_number(row, len(codes), sum(months), money)
        for column, amount in enumerate(months, len(codes) + 1):
            sheet.write_number(row, column, amount, money)
    sheet.set_column(0, 6, 22)
    sheet.set_column(7, 19, 15)
    sheet.freeze_panes(HEADER_ROW, 0)
    workbook.close()
    return path
