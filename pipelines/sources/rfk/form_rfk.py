"""FORM-RFK, the field's monthly report of financial and physical realization.

Seen in Kota Banjarmasin's bundle of forms per sub kegiatan (its RFK sheet) and in the
pemda's recap (a sheet per OPD or Camat): label or title rows, then a header of two or
three rows, NO | URAIAN KEGIATAN | NILAI DPA (or NILAI ANGGARAN) Rp, % | KEUANGAN:
RENCANA (Rp, % KUM, % TTB), REALISASI (Rp, % KUM, % TTB), CAPAIAN, SISA ANGGARAN | FISIK:
RENCANA (KUM, TTB), REALISASI (KUM, TTB), CAPAIAN; a row of column numbers; lines named,
not coded; a JUMLAH or TOTAL row, and the signatures or summary tables under it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from pipelines.sources.rfk import accounting as why
from pipelines.sources.rfk.accounting import Accounting
from pipelines.sources.rfk.form_rows import TOTAL, Figures, cell, framing, is_signature
from pipelines.sources.rfk.headers import FormHeader, paths
from pipelines.sources.spreadsheet import cell_text, fold_title

_FISIK = ("FISIK", "FISIK (%)")
_KUM = ("KUM", "% KUM", "%")
_TTB = ("TTB", "% TTB", "% #2")  # the recap's second '%' under a title: see headers.py
TITLES: dict[str, tuple[str, ...]] = {
    "nomor": ("NO",),
    "uraian": ("URAIAN KEGIATAN",),
    "pagu": paths(("NILAI DPA", "NILAI ANGGARAN"), ("RP",))
    + ("NILAI DPA (RP)", "NILAI ANGGARAN (RP)"),
    "rak": paths(("KEUANGAN",), ("RENCANA",), ("RP",)),
    "rencana_keuangan_ttb": paths(("KEUANGAN",), ("RENCANA",), ("% TTB", "% #2")),
    "realisasi_keuangan": paths(("KEUANGAN",), ("REALISASI",), ("RP",)),
    "realisasi_keuangan_ttb": paths(("KEUANGAN",), ("REALISASI",), ("% TTB", "% #2")),
    "sisa_anggaran": paths(("KEUANGAN",), ("SISA ANGGARAN (RP)",))
    + paths(("KEUANGAN",), ("SISA ANGGARAN",), ("RP",)),
    "rencana_fisik": paths(_FISIK, ("RENCANA", "REN"), _KUM),
    "rencana_fisik_ttb": paths(_FISIK, ("RENCANA", "REN"), _TTB),
    "realisasi_fisik": paths(_FISIK, ("REALISASI", "REAL"), _KUM),
    "realisasi_fisik_ttb": paths(_FISIK, ("REALISASI", "REAL"), _TTB),
}
REQUIRED = ("uraian", "pagu", "realisasi_keuangan", "realisasi_fisik")
MAX_HEIGHT = 3
MONEY = ("pagu", "rak", "realisasi_keuangan", "sisa_anggaran")
PERCENT = ("rencana_fisik", "realisasi_fisik")
WEIGHTED = ("rencana_keuangan_ttb", "realisasi_keuangan_ttb", "rencana_fisik_ttb",
            "realisasi_fisik_ttb")
FIGURES = (*MONEY, *PERCENT, *WEIGHTED)


@dataclass
class Line:
    row_number: int  # as the spreadsheet shows it
    nomor: str | None
    uraian: str
    figures: dict[str, Decimal | None]


@dataclass
class FormSheet:
    lines: list[Line] = field(default_factory=list)
    # The figures of the sheet's JUMLAH/TOTAL row, as the workbook computed them.
    totals: dict[str, Decimal | None] | None = None


def _name(value: object) -> str | None:
    """The line's name; a formula showing 0 where the name should be is no name."""
    text = cell_text(value)
    return None if text in (None, "0") else text


def read_sheet(name: str, rows: list[list], header: FormHeader,
               percent_cells: set[tuple[int, int]], periode: date,
               accounting: Accounting) -> FormSheet:
    """The sheet's lines; every other row goes to the accounting with its reason."""
    figures = Figures(header, MONEY, PERCENT, WEIGHTED, percent_cells)
    figure_positions = {header.columns[n] for n in figures.names}
    sheet = FormSheet()
    state = "start"  # start: before any line; lines; below: under the total
    for index, row in enumerate(rows):
        row_number = index + 1
        framed = framing(row, index, header, state != "start")
        if framed:
            accounting.skip(name, row_number, framed, periode)
            state = "lines" if framed == why.NUMBERING else state
        elif state == "below" or is_signature(row):
            reason = _below(row, header, figures, index)
            if reason:
                accounting.reject(name, row_number, reason, periode)
            else:
                accounting.skip(name, row_number, why.BELOW, periode)
            state = "below"
        else:
            labels = [cell_text(value) for position, value in enumerate(row)
                      if position not in figure_positions]
            if any(TOTAL.match(fold_title(text)) for text in labels if text):
                sheet.totals, _ = figures.read(row, index)
                accounting.skip(name, row_number, why.SUBTOTAL, periode)
                state = "below"
            else:
                _line(sheet, name, row, index, header, figures, periode, accounting)
                state = "lines"
    return sheet


def _line(sheet: FormSheet, name: str, row: list, index: int, header: FormHeader,
          figures: Figures, periode: date, accounting: Accounting) -> None:
    row_number = index + 1
    uraian = _name(cell(row, header.columns["uraian"]))
    values, problem = figures.read(row, index)
    if problem:
        accounting.reject(name, row_number, problem, periode)
    elif uraian is None and any(value for value in values.values()):
        accounting.reject(name, row_number, "angka tanpa uraian / figures without a name",
                          periode)
    elif uraian is None:
        accounting.skip(name, row_number, why.UNFILLED, periode)
    elif not figures.written(row):
        accounting.skip(name, row_number, why.HEADING, periode)
    else:
        nomor = cell_text(cell(row, header.columns.get("nomor")))
        sheet.lines.append(Line(row_number, nomor, uraian, values))
        accounting.land(name)


def _below(row: list, header: FormHeader, figures: Figures, index: int) -> str | None:
    """Why a row under the total cannot be passed over: it is a numbered, named line
    with figures, which a form puts above its total, never under it."""
    nomor = cell_text(cell(row, header.columns.get("nomor")))
    uraian = _name(cell(row, header.columns["uraian"]))
    values, _ = figures.read(row, index)
    if nomor and nomor.isdigit() and uraian and any(values.values()):
        return "baris data di bawah baris total / a data line below the total row"
    return None
