"""The monthly sheet of Provinsi Bali's workbook per kegiatan (LAPORAN REALISASI FISIK DAN
KEUANGAN, one sheet per month beside DPA, PLGK, Bobot and ROK).

A header of four rows: KODE REKENING | URAIAN BELANJA | RENCANA KEGIATAN (VOL, SAT,
LOKASI, JML PAKET, ANGGARAN) | PELAKSANAAN KEGIATAN (KONTRAK SWAKELOLA, SISA ANGGARAN,
PROGRES: FISIK RENC, REAL, DEV; KEUANGAN RENC, REAL Rp., %) | SALDO, then the columns
lettered a..p. The lines are the budget's accounts with their codes typed by hand
(' 5.2.2.', '5.1.02.01.01.0024'); the levels above an account (5, 5.1, ...) carry its
totals, and under an account its components are written indented ('-' | 'Alat Tulis
Kantor Spesifikasi : ...'). KEUANGAN RENC says no unit (Rupiah or %) and no workbook
seen fills it, so it is not landed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from pipelines.sources.rfk import accounting as why
from pipelines.sources.rfk.accounting import Accounting
from pipelines.sources.rfk.form_rows import Figures, cell, framing, is_signature
from pipelines.sources.rfk.headers import FormHeader, paths
from pipelines.sources.spreadsheet import cell_text

_PROGRESS = ("PELAKSANAAN KEGIATAN",), ("PROGRES",)
TITLES: dict[str, tuple[str, ...]] = {
    "kode_rekening": ("KODE REKENING",),
    "uraian": ("URAIAN BELANJA",),
    "pagu": paths(("RENCANA KEGIATAN",), ("ANGGARAN",)),
    "nilai_kontrak": paths(("PELAKSANAAN KEGIATAN",), ("KONTRAK SWAKELOLA",)),
    "sisa_anggaran": paths(("PELAKSANAAN KEGIATAN",), ("SISA ANGGARAN",)),
    "rencana_fisik": paths(*_PROGRESS, ("FISIK",), ("RENC",)),
    "realisasi_fisik": paths(*_PROGRESS, ("FISIK",), ("REAL",)),
    "deviasi_fisik": paths(*_PROGRESS, ("FISIK",), ("DEV",)),
    "realisasi_keuangan": paths(*_PROGRESS, ("KEUANGAN",), ("REAL RP",)),
}
REQUIRED = ("kode_rekening", "uraian", "pagu", "realisasi_fisik", "realisasi_keuangan")
MAX_HEIGHT = 4
MONEY = ("pagu", "nilai_kontrak", "sisa_anggaran", "realisasi_keuangan")
PERCENT = ("rencana_fisik", "realisasi_fisik", "deviasi_fisik")
# An account has six levels (5.1.02.01.01.0024, or 5.1.02.01.001.00024 from 2026); a code
# of fewer is a level above the accounts, whose figures are their sums.
ACCOUNT_LEVELS = 6
_DOTTED = re.compile(r"^\d+(\.\d+)*\.?$")


@dataclass
class Account:
    row_number: int
    kode_rekening: str | None  # as typed
    uraian: str
    figures: dict[str, Decimal | None]


@dataclass
class MonthSheet:
    accounts: list[Account] = field(default_factory=list)
    # Each level above the accounts, by its code as typed: its figures as written.
    parents: dict[str, dict[str, Decimal | None]] = field(default_factory=dict)

    def is_filled(self) -> bool:
        """Whether any realization is written (the month sheets are made in advance)."""
        return any(account.figures.get(name) is not None for account in self.accounts
                   for name in ("realisasi_fisik", "realisasi_keuangan"))


def levels(kode: str) -> int:
    return len([part for part in "".join(kode.split()).split(".") if part])


def read_sheet(name: str, rows: list[list], header: FormHeader,
               percent_cells: set[tuple[int, int]], periode: date,
               accounting: Accounting) -> MonthSheet:
    figures = Figures(header, MONEY, PERCENT, (), percent_cells)
    uraian_span = header.spans["uraian"]
    sheet = MonthSheet()
    state = "start"
    for index, row in enumerate(rows):
        row_number = index + 1

        def skip(reason: str) -> None:
            accounting.skip(name, row_number, reason, periode)

        kode = cell_text(cell(row, header.columns["kode_rekening"]))
        uraian = cell_text(cell(row, uraian_span[0]))
        framed = framing(row, index, header, state != "start")
        if framed:
            skip(framed)
            state = "lines" if framed == why.NUMBERING else state
        elif state == "below" or is_signature(row):
            skip(why.SIGNATURE)
            state = "below"
        elif kode is None and uraian is None and any(
                cell_text(cell(row, position)) for position in uraian_span[1:]):
            # text only further right under URAIAN BELANJA: an indented component
            skip(why.DETAIL)
        else:
            state = "lines"
            values, problem = figures.read(row, index)
            if problem:
                accounting.reject(name, row_number, problem, periode)
            elif kode and _DOTTED.match(kode.strip()) and levels(kode) < ACCOUNT_LEVELS:
                sheet.parents[kode] = values
                skip(why.PARENT_ACCOUNT)
            elif uraian is None:
                accounting.reject(name, row_number, "kode rekening tanpa uraian / an account "
                                  "code without a name" if kode else "angka tanpa uraian / "
                                  "figures without a name", periode)
            else:
                sheet.accounts.append(Account(row_number, kode, uraian, values))
                accounting.land(name)
    return sheet
