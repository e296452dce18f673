"""The field's own monthly report forms, written: FORM-RFK and FORM-M as Kota Banjarmasin's
OPDs fill them (data/rfk/banjarmasin-2023/rfk_skpd.xlsx), from the sample's figures.

FORM-RFK: title and label rows (SKPD, KONDISI S/D TGL.), a header of three rows under
merged titles (NO | URAIAN KEGIATAN | NILAI DPA Rp, % | KEUANGAN: RENCANA and REALISASI
in Rp, % KUM and % TTB, CAPAIAN, SISA ANGGARAN | FISIK: RENCANA and REALISASI, KUM and
TTB, CAPAIAN), a row of column numbers, the lines named, not coded, a Jumlah row and the
signatures. KUM is cumulative; TTB (tertimbang) is the line's figure weighted by its
share of the OPD's budget, so a TTB column sums to the OPD's figure.

FORM-M: the problems behind the lagging lines (NO | URAIAN KEGIATAN | PERMASALAHAN |
UPAYA PEMECAHAN MASALAH | PIHAK YANG DIHARAPKAN DAPAT MEMBANTU PENYELESAIAN MASALAH), a
single '-' row when there are none.

write_rfk_sheet writes the form on a worksheet from rows of cells (the tests write theirs,
with text and errors in figure cells); write_opd_forms writes an OPD's month as both
sheets of one workbook and says where each line landed, for the ground truth.
"""

from __future__ import annotations

import calendar
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.writer.excel import ExcelWriter

from pipelines.sample.rfk_reports import OpdMonth, Placement, ReportLine, percent
from pipelines.sources.rfk.read import MONTH_NAMES

RFK_SHEET, M_SHEET = "RFK", "M"
# Columns A..R: NO, URAIAN (B:C), NILAI DPA Rp, %, KEUANGAN RENCANA Rp % KUM % TTB,
# REALISASI Rp % KUM % TTB, CAPAIAN, SISA, FISIK RENCANA KUM TTB, REALISASI KUM TTB,
# CAPAIAN. {unit} is the money's unit as the header writes it ('Rp', 'Rp. 000,-').
RFK_HEADER = [
    ["NO", "URAIAN KEGIATAN", None, "NILAI DPA", None, "KEUANGAN"] + [None] * 7
    + ["FISIK ( % )"] + [None] * 4,
    [None] * 3 + ["{unit}", "%", "RENCANA", None, None, "REALISASI", None, None,
                  "CAPAIAN (%)", "SISA ANGGARAN ( {unit} )", "RENCANA", None, "REALISASI",
                  None, "CAPAIAN %"],
    [None] * 5 + ["{unit}", "% KUM", "% TTB", "{unit}", "% KUM", "% TTB", None, None, "KUM",
                  "TTB", "KUM", "TTB", None],
]
# (first row, last row) of the header, 0 the top one, and the columns each merge spans
_RFK_MERGES = [((0, 2), "A:A"), ((0, 2), "B:C"), ((0, 0), "D:E"), ((0, 0), "F:M"),
               ((0, 0), "N:R"), ((1, 2), "D:D"), ((1, 2), "E:E"), ((1, 1), "F:H"),
               ((1, 1), "I:K"), ((1, 2), "L:L"), ((1, 2), "M:M"), ((1, 1), "N:O"),
               ((1, 1), "P:Q"), ((1, 2), "R:R")]
RFK_NUMBERS = [1, 2, None, 3, 4, 5, "6a", "6b", 7, "8a", "8b", "9a", 10, 11, 12, 13, 14, 15]
PERCENT_COLUMNS = "GHJKNOPQ"
SIGNATURE_COLUMN = 13  # N: where the form's signature block stands

M_HEADER = ["NO", "URAIAN KEGIATAN", None, "PERMASALAHAN", "UPAYA PEMECAHAN MASALAH",
            "PIHAK YANG DIHARAPKAN DAPAT MEMBANTU PENYELESAIAN MASALAH"]
M_NUMBERS = [1, 2, None, 3, 4, 5]


def write_rfk_sheet(sheet, titles: list[list], lines: list[list], *, unit: str = "Rp",
                    total: list | None = None, below: list[list] = (),
                    percent_format: bool = False) -> int:
    """FORM-RFK on `sheet`: the title rows, the header, the column numbers, the lines
    (18 cells each, A..R), the Jumlah row and the rows below it. With percent_format the
    lines' percentage cells are formatted as percent (their values then fractions).
    Returns the number of the first line's row."""
    for row in titles:
        sheet.append(row)
    top = len(titles) + 1
    for row in RFK_HEADER:
        sheet.append([cell.format(unit=unit) if isinstance(cell, str) else cell
                      for cell in row])
    for (first, last), columns in _RFK_MERGES:
        left, right = columns.split(":")
        sheet.merge_cells(f"{left}{top + first}:{right}{top + last}")
    sheet.append(RFK_NUMBERS)
    first_line = top + len(RFK_HEADER) + 1
    for row in lines:
        sheet.append(row)
    if percent_format:
        for row in range(first_line, first_line + len(lines)):
            for column in PERCENT_COLUMNS:
                sheet[f"{column}{row}"].number_format = "0.00%"
    for row in ([total or ["Jumlah"]] + list(below)):
        sheet.append(row)
    return first_line


def write_opd_forms(path: Path, report: OpdMonth, nama_pemda: str) -> list[Placement]:
    """The OPD's month as its FORM-RFK and FORM-M sheets; where each line and kegiatan row
    of FORM-RFK landed."""
    workbook = openpyxl.Workbook()
    rfk = workbook.active
    rfk.title = RFK_SHEET
    rows, objects = _rfk_rows(report)
    total = ["Jumlah", None, None, *_figures(report.lines, _base(report))]
    first = write_rfk_sheet(rfk, _titles(report, "LAPORAN REALISASI FISIK DAN KEUANGAN",
                                         [None] * 17 + ["FORM-RFK"]),
                            rows, total=total,
                            below=_signature(report, nama_pemda, SIGNATURE_COLUMN))
    _write_problems(workbook.create_sheet(M_SHEET), report, nama_pemda)
    _save(workbook, path, report)
    return [(RFK_SHEET, first + offset, obj) for offset, obj in enumerate(objects)]


def _titles(report: OpdMonth, title: str, form_row: list) -> list[list]:
    """The form's title, its name, and its labels: the OPD and the day it reports to."""
    last_day = calendar.monthrange(report.tahun, report.month)[1]
    return [
        [f"REKAPITULASI {title}"],
        form_row,
        ["SKPD", None, f": {report.skpd.nama}"],
        ["KONDISI S/D TGL.", None,
         f": {last_day} {MONTH_NAMES[report.month - 1]} {report.tahun}"],
        [],
    ]


def _rfk_rows(report: OpdMonth) -> tuple[list[list], list[object]]:
    """FORM-RFK's lines: each sub kegiatan numbered, a kegiatan row the OPD wrote above
    its sub kegiatan unnumbered; with the object each row was written from."""
    above = {subtotal.before: subtotal for subtotal in report.subtotals}
    base = _base(report)
    rows, objects = [], []
    for index, line in enumerate(report.lines):
        if index in above:
            subtotal = above[index]
            rows.append([None, subtotal.nama, None, *_figures(subtotal.summed, base)])
            objects.append(subtotal)
        rows.append([index + 1, line.nama_sub_kegiatan, None, *_figures([line], base)])
        objects.append(line)
    return rows, objects


def _base(report: OpdMonth) -> Decimal:
    """The OPD's budget as its form adds it up: what the TTB columns weigh against."""
    return sum((line.pagu for line in report.lines if isinstance(line.pagu, Decimal)),
               Decimal(0))


def _figures(lines: list[ReportLine], base: Decimal) -> list:
    """Columns D..R of a line, or of several summed (a kegiatan, the Jumlah row). A
    line's empty budget stays as the OPD left it (blank, '-' or 0), and what is worked
    out from it blank."""
    budgets = [line.pagu for line in lines if isinstance(line.pagu, Decimal)]
    pagu = sum(budgets, Decimal(0)) if budgets else lines[0].pagu
    amount = pagu if isinstance(pagu, Decimal) else None
    rak = sum((line.rak for line in lines), Decimal(0))
    realisasi = sum((line.realisasi_keuangan for line in lines), Decimal(0))
    fisik = _weighted([(line.realisasi_fisik, line.pagu) for line in lines])
    # The physical plan (the S-curve), FISIK RENCANA; blank where a line gives none.
    planned = [(line.rencana_fisik, line.pagu) for line in lines]
    rencana_fisik = (None if any(plan is None for plan, _ in planned)
                     else _weighted(planned))
    return [
        _money(pagu), _share(amount, base), _money(rak), _share(rak, amount),
        _share(rak, base, 6), _money(realisasi), _share(realisasi, amount),
        _share(realisasi, base, 6), _share(realisasi, rak),
        _money(amount - realisasi) if amount is not None else None,
        _float(rencana_fisik), _weight(rencana_fisik, amount, base), _float(fisik),
        _weight(fisik, amount, base), _share(fisik, rencana_fisik),
    ]


def _weighted(pairs: list[tuple[Decimal, object]]) -> Decimal:
    """A physical % as the form sums it: of one line as written, of several weighted by
    their budgets."""
    if len(pairs) == 1:
        return pairs[0][0]
    counted = [(fisik, pagu) for fisik, pagu in pairs if isinstance(pagu, Decimal)]
    total = sum(pagu for _, pagu in counted)
    return percent(float(sum(fisik * pagu for fisik, pagu in counted) / total)) if total \
        else Decimal(0)


def _ratio(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """part as a percentage of whole; None where whole is no amount."""
    if part is None or not whole:
        return None
    return part / whole * 100


def _share(part: Decimal | None, whole: Decimal | None, places: int = 2) -> float | None:
    """part as a percentage of whole, rounded as the form shows it."""
    ratio = _ratio(part, whole)
    return None if ratio is None else round(float(ratio), places)


def _weight(value: Decimal | None, pagu: Decimal | None, base: Decimal) -> float | None:
    """A percentage weighted by the line's share of the OPD's budget (TTB)."""
    if value is None or pagu is None or not base:
        return None
    return round(float(value * pagu / base), 6)


def _money(value) -> object:
    """Money as the sheet holds it: a whole number, or what the OPD typed."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _signature(report: OpdMonth, nama_pemda: str, column: int) -> list[list]:
    """The place and day of signing, and who signs: the Camat of a kecamatan, else the
    head of the OPD."""
    signed = report.diterima or report.deadline
    tempat = nama_pemda.removeprefix("Kabupaten ").removeprefix("Kota ")
    nama = report.skpd.nama
    jabatan = (f"Camat {nama.removeprefix('Kecamatan ')}" if nama.startswith("Kecamatan ")
               else f"Kepala {nama}")
    pad = [None] * column
    return [[], pad + [f"{tempat}, {signed.day} {MONTH_NAMES[signed.month - 1]} "
                       f"{signed.year}"],
            pad + [jabatan], [], [], [], pad + ["( ................................ )"],
            pad + ["NIP. .............................."]]


def _write_problems(sheet, report: OpdMonth, nama_pemda: str) -> None:
    """FORM-M: each lagging line's problem once, in the order of the lines."""
    titles = _titles(report, "LAPORAN PERMASALAHAN", [None] * 6 + ["FORM-M"])
    for row in titles:
        sheet.append(row)
    top = len(titles) + 1
    sheet.append(M_HEADER)
    sheet.merge_cells(f"B{top}:C{top}")
    sheet.append(M_NUMBERS)
    problems = list(dict.fromkeys(
        (line.nama_sub_kegiatan, line.permasalahan, line.tindak_lanjut, line.pihak)
        for line in report.lines if line.permasalahan))
    for number, (nama, permasalahan, upaya, pihak) in enumerate(problems, 1):
        sheet.append([number, nama, None, permasalahan, upaya, pihak])
    if not problems:
        sheet.append([1, "-", None, "-", "-", "-"])
    for row in _signature(report, nama_pemda, 4):
        sheet.append(row)


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries all carry 1980-01-01, so the same workbook gives the same bytes
    (openpyxl otherwise stamps each entry with the time of saving)."""

    def writestr(self, name, data, compress_type=None, compresslevel=None):
        if isinstance(name, str):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            name = info
        super().writestr(name, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl writes each worksheet from a temporary file, dated when it was written
        with open(filename, "rb") as handle:
            self.writestr(str(arcname or filename), handle.read())


def _save(workbook, path: Path, report: OpdMonth) -> None:
    """Saved with the document dated the day the OPD made it (not the time of saving)."""
    made = datetime.combine(report.diterima or report.deadline, datetime.min.time())
    workbook.properties.creator = f"Operator {report.skpd.nama}"
    workbook.properties.created = workbook.properties.modified = made
    ExcelWriter(workbook, _FixedTimeZip(path, "w", zipfile.ZIP_DEFLATED)).save()
