"""The monthly "Laporan Realisasi" of the finance system: all SKPD, one period, xlsx.

REALISASI is cumulative from 1 January to the month's end, per sub unit, sub kegiatan and
rekening; ANGGARAN is the budget in force at the month's end. Each SKPD's block opens
with its subtotal row, each sub kegiatan's with its own (codes of a higher level, no
account), and a grand total closes the report, as the reader expects.

What the export shows is the ledger: the payments of the spending model, cumulated, plus
the postings the finance office got wrong that month (see defects.py). Those change one
month's figure only; the next export is right again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from pathlib import Path

import xlsxwriter

from pipelines.sample.spending import (
    MONTHS,
    Account,
    AccountSpending,
    Spending,
    account_pagu,
    month_end,
    version_in_force,
)

TITLES = (
    "KODE SKPD", "NAMA SKPD", "KODE SUB UNIT", "NAMA SUB UNIT", "KODE SUB KEGIATAN",
    "NAMA SUB KEGIATAN", "KODE REKENING", "NAMA REKENING", "ANGGARAN", "REALISASI", "SISA",
    "PERSENTASE",
)
(KODE_SKPD, NAMA_SKPD, KODE_SUB_UNIT, NAMA_SUB_UNIT, KODE_SUB_KEGIATAN, NAMA_SUB_KEGIATAN,
 KODE_REKENING, NAMA_REKENING, ANGGARAN, REALISASI, SISA, PERSENTASE) = range(len(TITLES))
HEADER_ROW = 5  # as the spreadsheet shows it: three title rows and a blank one above
FIRST_DATA_ROW = HEADER_ROW + 1
SHEET_NAME = "Laporan Realisasi"
BULAN = ("JANUARI", "FEBRUARI", "MARET", "APRIL", "MEI", "JUNI", "JULI", "AGUSTUS",
         "SEPTEMBER", "OKTOBER", "NOVEMBER", "DESEMBER")
SKPD, SUB_KEGIATAN, LINE, TOTAL = "skpd", "sub_kegiatan", "line", "total"

# What the export shows for an account at each month's end, when it differs from the
# payments to date: {(account, month): amount added to that month's cumulative figure}.
Postings = dict[tuple[Account, int], int]


@dataclass(eq=False)  # rows are told apart by identity: a copied row is another row
class ReportRow:
    level: str  # SKPD, SUB_KEGIATAN, LINE or TOTAL
    cells: list
    account: Account | None = None  # for LINE rows


def ledger(spending: Spending, postings: Postings) -> dict[Account, tuple[int, ...]]:
    """Each account's cumulative REALISASI as exported at the end of each month."""
    shown = {}
    for account, spent in spending.accounts.items():
        cumulative, months = 0, []
        for month in MONTHS:
            cumulative += spent.paid[month - 1]
            months.append(cumulative + postings.get((account, month), 0))
        shown[account] = tuple(months)
    return shown


def realisasi_file_name(tahun: int, month: int) -> str:
    return f"laporan-realisasi-{tahun}-{month:02d}.xlsx"


def report_rows(spending: Spending, realisasi: dict[Account, tuple[int, ...]],
                month: int) -> list[ReportRow]:
    """The month's rows in export order: the accounts of the version in force (a line
    may be budgeted at 0), and any other account with realization to date."""
    budgeted = account_pagu(version_in_force(spending.budget, month))
    shown = sorted((spent for account, spent in spending.accounts.items()
                    if account in budgeted or realisasi[account][month - 1]),
                   key=lambda s: (s.skpd.kode, s.account))
    rows: list[ReportRow] = []
    for _, skpd_block in groupby(shown, key=lambda s: s.skpd):
        skpd_block = list(skpd_block)
        skpd = skpd_block[0].skpd
        rows.append(_subtotal(SKPD, [skpd.kode, skpd.nama] + [None] * 6, skpd_block,
                              realisasi, month))
        for _, block in groupby(skpd_block, key=lambda s: s.account[:2]):
            block = list(block)
            rows.append(_subtotal(SUB_KEGIATAN, _codes(block[0])[:6] + [None, None], block,
                                  realisasi, month))
            rows += [ReportRow(LINE, _codes(spent) + _figures(
                spent.anggaran[month - 1], realisasi[spent.account][month - 1]), spent.account)
                for spent in block]
    rows.append(_subtotal(TOTAL, ["JUMLAH BELANJA DAERAH"] + [None] * 7, shown, realisasi,
                          month))
    return rows


def _codes(spent: AccountSpending) -> list:
    unit, sub, rekening = spent.sub_unit, spent.sub_kegiatan, spent.rekening
    return [unit.skpd.kode, unit.skpd.nama, unit.kode, unit.nama, sub.kode, sub.nama,
            rekening.kode, rekening.nama]


def _figures(anggaran: int, realisasi: int) -> list:
    persen = round(realisasi / anggaran * 100, 2) if anggaran else None
    return [anggaran, realisasi, anggaran - realisasi, persen]


def _subtotal(level: str, label: list, block: list[AccountSpending],
              realisasi: dict[Account, tuple[int, ...]], month: int) -> ReportRow:
    anggaran = sum(s.anggaran[month - 1] for s in block)
    amount = sum(realisasi[s.account][month - 1] for s in block)
    return ReportRow(level, label + _figures(anggaran, amount))


def write_realisasi(path: Path, rows: list[ReportRow], nama_pemda: str, tahun: int,
                    month: int) -> Path:
    """The export: rows[i] lands on row FIRST_DATA_ROW + i."""
    end = month_end(tahun, month)
    # in_memory: every zip entry dated 1980-01-01; the document dated the period's end.
    workbook = xlsxwriter.Workbook(str(path), {"in_memory": True})
    workbook.set_properties({"author": "SIPD", "created": datetime.combine(
        end, datetime.min.time())})
    sheet = workbook.add_worksheet(SHEET_NAME)
    bold = workbook.add_format({"bold": True})
    header = workbook.add_format({"bold": True, "border": 1, "align": "center",
                                  "valign": "vcenter", "text_wrap": True})
    styles = {level: (workbook.add_format({"border": 1, "bold": level != LINE}),
                      workbook.add_format({"border": 1, "bold": level != LINE,
                                           "num_format": "#,##0.00"}))
              for level in (SKPD, SUB_KEGIATAN, LINE, TOTAL)}
    sheet.write_string(0, 0, "LAPORAN REALISASI ANGGARAN BELANJA PER SUB KEGIATAN DAN "
                             "REKENING", bold)
    sheet.write_string(1, 0, f"PEMERINTAH {nama_pemda.upper()}", bold)
    sheet.write_string(2, 0, f"PERIODE 1 JANUARI {tahun} S.D. {end.day} {BULAN[month - 1]} "
                             f"{tahun}", bold)
    for column, title in enumerate(TITLES):
        sheet.write_string(HEADER_ROW - 1, column, title, header)
    for index, row in enumerate(rows):
        text, number = styles[row.level]
        for column, cell in enumerate(row.cells):
            if cell is None:
                sheet.write_blank(HEADER_ROW + index, column, None, text)
            elif isinstance(cell, str):
                sheet.write_string(HEADER_ROW + index, column, cell, text)
            else:
                sheet.write_number(HEADER_ROW + index, column, cell, number)
    for column, width in enumerate((24, 36, 24, 36, 20, 44, 20, 44, 18, 18, 18, 11)):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(HEADER_ROW, 0)
    workbook.close()
    return path
