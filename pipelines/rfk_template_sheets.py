"""The template's sheets, laid out: FORM-RFK (with its formulas), FORM-M and the
instructions; their styles, print setup and signature block (see rfk_template.py).

Every title is one the rfk reader maps (pipelines/sources/rfk/template_form.py), written
as the field's FORM-RFK writes it, so the header is read by its titles, not its place.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from pipelines.reports.safe_cells import write_text
from pipelines.sources.dates import MONTH_NAMES

# --- FORM-RFK --------------------------------------------------------------------------

# Columns A..T: NO | URAIAN KEGIATAN (B: its code, C: its name) | NILAI DPA Rp, % |
# KEUANGAN RENCANA Rp, % KUM, % TTB | REALISASI Rp, % KUM, % TTB | CAPAIAN | SISA |
# FISIK RENCANA KUM, TTB | REALISASI KUM, TTB | CAPAIAN | serapan's two: the finance
# system's realization (reference) and the verifier's note.
(NO, KODE, NAMA, PAGU, PAGU_PERSEN, RAK, RAK_KUM, RAK_TTB, KEUANGAN, KEUANGAN_KUM,
 KEUANGAN_TTB, CAPAIAN_KEUANGAN, SISA, RENCANA_FISIK, RENCANA_FISIK_TTB, FISIK, FISIK_TTB,
 CAPAIAN_FISIK, SISTEM, CATATAN) = range(20)
WIDTHS = (5, 19, 38, 16, 7, 16, 7, 8, 16, 7, 8, 9, 16, 7, 8, 7, 8, 9, 16, 24)
LAST_COLUMN = CATATAN
# The header's three rows: (row, first column, last row, last column, title); a title
# spanning more than one cell is merged over them.
RFK_HEADER = (
    (0, NO, 2, NO, "NO"),
    (0, KODE, 0, NAMA, "URAIAN KEGIATAN"),
    (1, KODE, 2, KODE, "KODE SUB KEGIATAN"),
    (1, NAMA, 2, NAMA, "NAMA SUB KEGIATAN"),
    (0, PAGU, 0, PAGU_PERSEN, "NILAI DPA"),
    (1, PAGU, 2, PAGU, "Rp"),
    (1, PAGU_PERSEN, 2, PAGU_PERSEN, "%"),
    (0, RAK, 0, SISA, "KEUANGAN"),
    (1, RAK, 1, RAK_TTB, "RENCANA"),
    (2, RAK, 2, RAK, "Rp"), (2, RAK_KUM, 2, RAK_KUM, "% KUM"),
    (2, RAK_TTB, 2, RAK_TTB, "% TTB"),
    (1, KEUANGAN, 1, KEUANGAN_TTB, "REALISASI"),
    (2, KEUANGAN, 2, KEUANGAN, "Rp"), (2, KEUANGAN_KUM, 2, KEUANGAN_KUM, "% KUM"),
    (2, KEUANGAN_TTB, 2, KEUANGAN_TTB, "% TTB"),
    (1, CAPAIAN_KEUANGAN, 2, CAPAIAN_KEUANGAN, "CAPAIAN (%)"),
    (1, SISA, 2, SISA, "SISA ANGGARAN (Rp)"),
    (0, RENCANA_FISIK, 0, CAPAIAN_FISIK, "FISIK (%)"),
    (1, RENCANA_FISIK, 1, RENCANA_FISIK_TTB, "RENCANA"),
    (2, RENCANA_FISIK, 2, RENCANA_FISIK, "KUM"),
    (2, RENCANA_FISIK_TTB, 2, RENCANA_FISIK_TTB, "TTB"),
    (1, FISIK, 1, FISIK_TTB, "REALISASI"),
    (2, FISIK, 2, FISIK, "KUM"), (2, FISIK_TTB, 2, FISIK_TTB, "TTB"),
    (1, CAPAIAN_FISIK, 2, CAPAIAN_FISIK, "CAPAIAN (%)"),
    (0, SISTEM, 2, SISTEM, "REALISASI SISTEM KEUANGAN (Rp)"),
    (0, CATATAN, 2, CATATAN, "CATATAN VERIFIKATOR"),
)
# The row of column numbers: the real form's 1..17, then serapan's two. URAIAN KEGIATAN
# is one column of the form (2), here its code and name under one number.
RFK_NUMBERS = {NO: 1, KODE: 2, **{column: number for number, column in
                                  enumerate(range(PAGU, LAST_COLUMN + 1), 3)}}
TITLE_ROWS = 5  # the title and label rows, and a blank row, above the header
HEADER_ROWS = 3
FIRST_LINE_ROW = TITLE_ROWS + HEADER_ROWS + 1  # 0-based: the 10th row, as on the form


@dataclass(frozen=True)
class TitleRows:
    nama_pemda: str
    kode_opd: str
    nama_opd: str
    year: int
    month: int
    last_day: int

    def write(self, sheet, title: str, form: str, last_column: int, styles: Styles) -> None:
        """The form's title and name, the pemda, and the labels: the OPD (its code
        first, so the reader knows it) and the day the report is cumulative to."""
        write_text(sheet, 0, 0, title, styles.title)
        write_text(sheet, 0, last_column, form, styles.form_name)
        write_text(sheet, 1, 0, self.nama_pemda, styles.title)
        write_text(sheet, 2, 0, "SKPD", styles.label)
        write_text(sheet, 2, NAMA, f": {self.kode_opd} {self.nama_opd}", styles.label)
        write_text(sheet, 3, 0, "KONDISI S/D TGL.", styles.label)
        write_text(sheet, 3, NAMA, f": {self.kondisi}", styles.label)

    @property
    def kondisi(self) -> str:
        return f"{self.last_day} {MONTH_NAMES[self.month - 1]} {self.year}"

    def signer(self) -> str:
        """Who signs: the Camat of a kecamatan, else the head of the OPD."""
        nama = self.nama_opd
        if nama.startswith("Kecamatan "):
            return f"Camat {nama.removeprefix('Kecamatan ')}"
        return f"Kepala {nama}" if nama else "Kepala SKPD"


class Styles:
    """Grey and locked where serapan filled in or computes, white and unlocked where the
    OPD writes, pale yellow and locked where the verifier writes."""

    def __init__(self, workbook: xlsxwriter.Workbook):
        cell = {"border": 1, "valign": "top"}
        prefilled = {**cell, "bg_color": "#D9D9D9"}
        to_fill = {**cell, "locked": False}
        self.title = workbook.add_format({"bold": True})
        self.form_name = workbook.add_format({"bold": True, "align": "right"})
        self.label = workbook.add_format({})
        self.note = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.header = workbook.add_format({**cell, "bold": True, "text_wrap": True,
                                           "align": "center", "valign": "vcenter",
                                           "bg_color": "#BDD7EE"})
        self.numbers = workbook.add_format({**cell, "italic": True, "align": "center",
                                            "bg_color": "#BDD7EE"})
        self.nomor = workbook.add_format({**prefilled, "align": "center"})
        self.code = workbook.add_format(prefilled)
        self.name = workbook.add_format({**prefilled, "text_wrap": True})
        self.rupiah = workbook.add_format({**prefilled, "num_format": "#,##0"})
        self.percent = workbook.add_format({**prefilled, "num_format": "0.00"})
        self.input_rupiah = workbook.add_format({**to_fill, "num_format": "#,##0"})
        self.input_percent = workbook.add_format({**to_fill, "num_format": "0.00"})
        self.input_text = workbook.add_format({**to_fill, "text_wrap": True})
        self.verifier = workbook.add_format({**cell, "text_wrap": True, "bg_color": "#FFF2CC"})
        self.total_label = workbook.add_format({**prefilled, "bold": True})
        self.total_rupiah = workbook.add_format({**prefilled, "bold": True,
                                                 "num_format": "#,##0"})
        self.total_percent = workbook.add_format({**prefilled, "bold": True,
                                                  "num_format": "0.00"})
        self.signature = workbook.add_format({"align": "center"})


def _cell(column: int, row: int, absolute: bool = False) -> str:
    """A1 reference of a 0-based cell."""
    dollar = "$" if absolute else ""
    return f"{dollar}{xl_col_to_name(column)}{dollar}{row + 1}"


def _ratio(part: Decimal | None, whole: Decimal | None, scale: Decimal = Decimal(100)):
    """part / whole x scale as the cell caches it; '' where the formula shows nothing."""
    if part is None or not whole:
        return ""
    return float(part / whole * scale)


def write_rfk(sheet, title: str, titles: TitleRows, lines: Sequence, styles: Styles) -> None:
    for column, width in enumerate(WIDTHS):
        sheet.set_column(column, column, width)
    titles.write(sheet, title, "FORM-RFK", LAST_COLUMN, styles)
    _header(sheet, RFK_HEADER, TITLE_ROWS, styles)
    sheet.set_row(TITLE_ROWS, 20)
    sheet.set_row(TITLE_ROWS + 1, 30)
    numbering = TITLE_ROWS + HEADER_ROWS
    _numbers(sheet, numbering, RFK_NUMBERS, LAST_COLUMN, styles)
    sheet.merge_range(numbering, KODE, numbering, NAMA, RFK_NUMBERS[KODE], styles.numbers)

    first, last = FIRST_LINE_ROW, FIRST_LINE_ROW + len(lines) - 1
    total = last + 1
    base = sum((line.pagu for line in lines), Decimal(0))
    for number, (row, line) in enumerate(zip(range(first, last + 1), lines), 1):
        _rfk_line(sheet, row, number, line, total, base, styles)
    _rfk_total(sheet, total, first, last, lines, styles)
    _validate_inputs(sheet, first, last)
    signed = _signatures(sheet, total + 2, titles, KODE, RENCANA_FISIK, CAPAIAN_FISIK, styles)
    _print_setup(sheet, TITLE_ROWS, numbering, signed, LAST_COLUMN, FIRST_LINE_ROW, NAMA + 1)


def _header(sheet, header, top: int, styles: Styles) -> None:
    for row, left, bottom, right, text in header:
        if (row, left) != (bottom, right):
            sheet.merge_range(top + row, left, top + bottom, right, "", styles.header)
        write_text(sheet, top + row, left, text, styles.header)


def _numbers(sheet, row: int, numbers: dict[int, int], last_column: int,
             styles: Styles) -> None:
    for column in range(last_column + 1):
        if column in numbers:
            sheet.write_number(row, column, numbers[column], styles.numbers)
        else:
            sheet.write_blank(row, column, None, styles.numbers)


def _rfk_line(sheet, row: int, number: int, line, total: int, base: Decimal,
              styles: Styles) -> None:
    # as high as the wrapped name: a spreadsheet keeps the height it is given
    wrapped = max(math.ceil(len(line.nama_sub_kegiatan) / (WIDTHS[NAMA] - 3)), 1)
    if wrapped > 1:
        sheet.set_row(row, 15 * wrapped)
    sheet.write_number(row, NO, number, styles.nomor)
    write_text(sheet, row, KODE, line.kode_sub_kegiatan, styles.code)
    write_text(sheet, row, NAMA, line.nama_sub_kegiatan, styles.name)
    sheet.write_number(row, PAGU, float(line.pagu), styles.rupiah)
    sheet.write_number(row, RAK, float(line.rak), styles.rupiah)
    _input_number(sheet, row, KEUANGAN, line.realisasi_keuangan, styles.input_rupiah)
    _input_number(sheet, row, RENCANA_FISIK, line.rencana_fisik, styles.input_percent)
    _input_number(sheet, row, FISIK, line.realisasi_fisik, styles.input_percent)
    if line.realisasi_sistem is None:
        sheet.write_blank(row, SISTEM, None, styles.rupiah)
    else:
        sheet.write_number(row, SISTEM, float(line.realisasi_sistem), styles.rupiah)
    sheet.write_blank(row, CATATAN, None, styles.verifier)

    def ref(column: int) -> str:
        return _cell(column, row)

    budget = _cell(PAGU, total, absolute=True)  # the OPD's budget, what TTB weighs against
    pagu, rak = line.pagu, line.rak
    keuangan, rencana, fisik = line.realisasi_keuangan, line.rencana_fisik, line.realisasi_fisik
    formulas = {
        # (formula, cached value): a reader that does not recalculate sees the same
        PAGU_PERSEN: (f'=IF({budget}=0,"",{ref(PAGU)}/{budget}*100)', _ratio(pagu, base)),
        RAK_KUM: (f'=IF({ref(PAGU)}=0,"",{ref(RAK)}/{ref(PAGU)}*100)', _ratio(rak, pagu)),
        RAK_TTB: (f'=IF({budget}=0,"",{ref(RAK)}/{budget}*100)', _ratio(rak, base)),
        KEUANGAN_KUM: (_of(ref(KEUANGAN), ref(PAGU)), _ratio(keuangan, pagu)),
        KEUANGAN_TTB: (_of(ref(KEUANGAN), budget), _ratio(keuangan, base)),
        CAPAIAN_KEUANGAN: (_of(ref(KEUANGAN), ref(RAK)), _ratio(keuangan, rak)),
        SISA: (f"={ref(PAGU)}-N({ref(KEUANGAN)})", float(pagu - (keuangan or 0))),
        RENCANA_FISIK_TTB: (_weighted(ref(RENCANA_FISIK), ref(PAGU), budget),
                            _ratio(rencana, base, pagu) if rencana is not None else ""),
        FISIK_TTB: (_weighted(ref(FISIK), ref(PAGU), budget),
                    _ratio(fisik, base, pagu) if fisik is not None else ""),
        CAPAIAN_FISIK: (_of(ref(FISIK), ref(RENCANA_FISIK)), _ratio(fisik, rencana)),
    }
    for column, (formula, cached) in formulas.items():
        style = styles.rupiah if column == SISA else styles.percent
        sheet.write_formula(row, column, formula, style, cached)


def _of(part: str, whole: str) -> str:
    """part as a % of whole; empty while part is not filled in or whole is 0."""
    return f'=IF(OR({part}="",N({whole})=0),"",{part}/{whole}*100)'


def _weighted(value: str, pagu: str, budget: str) -> str:
    """A line's % weighted by its share of the OPD's budget (TTB)."""
    return f'=IF(OR({value}="",{budget}=0),"",{value}*{pagu}/{budget})'


def _input_number(sheet, row: int, column: int, value: Decimal | None, style) -> None:
    if value is None:
        sheet.write_blank(row, column, None, style)
    else:
        sheet.write_number(row, column, float(value), style)


def _rfk_total(sheet, row: int, first: int, last: int, lines: Sequence,
               styles: Styles) -> None:
    """The Jumlah row: sums where the form sums, the OPD's own % where it divides (the
    TTB sums are the OPD's financial and physical figures, as on the form). The rfk
    reader skips it."""
    sheet.merge_range(row, NO, row, NAMA, "", styles.total_label)
    write_text(sheet, row, NO, "JUMLAH", styles.total_label)

    def total(name: str) -> Decimal:
        return sum((getattr(line, name) or Decimal(0) for line in lines), Decimal(0))

    def weighted(name: str) -> Decimal:
        return sum((getattr(line, name) * line.pagu for line in lines
                    if getattr(line, name) is not None), Decimal(0))

    base, rak, keuangan = total("pagu"), total("rak"), total("realisasi_keuangan")
    rencana_ttb = _ratio(weighted("rencana_fisik"), base, Decimal(1))
    fisik_ttb = _ratio(weighted("realisasi_fisik"), base, Decimal(1))

    def summed(column: int) -> str:
        return f"=SUM({_cell(column, first)}:{_cell(column, last)})"

    def of(part: int, whole: int) -> str:
        """The OPD's part as a % of its whole, on this row."""
        return f'=IF({_cell(whole, row)}=0,"",{_cell(part, row)}/{_cell(whole, row)}*100)'

    money = {  # column -> (formula, cached value)
        PAGU: (summed(PAGU), float(base)),
        RAK: (summed(RAK), float(rak)),
        KEUANGAN: (summed(KEUANGAN), float(keuangan)),
        SISA: (summed(SISA), float(base - keuangan)),
    }
    if any(line.realisasi_sistem is not None for line in lines):  # else not loaded: blank
        money[SISTEM] = (summed(SISTEM), float(total("realisasi_sistem")))
    percent = {
        PAGU_PERSEN: (summed(PAGU_PERSEN), 100.0 if base else 0.0),
        RAK_KUM: (of(RAK, PAGU), _ratio(rak, base)),
        RAK_TTB: (summed(RAK_TTB), _ratio(rak, base) or 0.0),
        KEUANGAN_KUM: (of(KEUANGAN, PAGU), _ratio(keuangan, base)),
        KEUANGAN_TTB: (summed(KEUANGAN_TTB), _ratio(keuangan, base) or 0.0),
        CAPAIAN_KEUANGAN: (of(KEUANGAN_TTB, RAK_TTB), _ratio(keuangan, rak)),
        RENCANA_FISIK_TTB: (summed(RENCANA_FISIK_TTB), rencana_ttb or 0.0),
        FISIK_TTB: (summed(FISIK_TTB), fisik_ttb or 0.0),
        CAPAIAN_FISIK: (of(FISIK_TTB, RENCANA_FISIK_TTB),
                        _ratio(Decimal(fisik_ttb or 0), Decimal(rencana_ttb or 0))),
    }
    for column in range(PAGU, LAST_COLUMN + 1):
        if column in money:
            sheet.write_formula(row, column, *_with_style(money[column], styles.total_rupiah))
        elif column in percent:
            sheet.write_formula(row, column, *_with_style(percent[column],
                                                          styles.total_percent))
        else:
            sheet.write_blank(row, column, None, styles.total_label)


def _with_style(formula_and_value: tuple[str, object], style) -> tuple:
    formula, cached = formula_and_value
    return formula, style, cached


def _validate_inputs(sheet, first: int, last: int) -> None:
    """Excel refuses a wrong number as it is typed; the reader and checks judge the rest."""
    sheet.data_validation(first, KEUANGAN, last, KEUANGAN, {
        "validate": "decimal",
        "criteria": ">=",
        "value": 0,
        "input_title": "Realisasi keuangan (Rp)",
        "input_message": "Kumulatif sampai akhir bulan, dalam Rupiah, angka 0 atau lebih. / "
                         "Cumulative to the end of the month, Rupiah, 0 or more.",
        "error_title": "Nilai tidak sah / Invalid",
        "error_message": "Isi angka Rupiah 0 atau lebih, tanpa teks. / Enter a Rupiah "
                         "amount of 0 or more, no text.",
    })
    _validate_percent(sheet, first, last, RENCANA_FISIK, "Rencana fisik (%)",
                      "Persen pekerjaan yang dijadwalkan selesai sampai akhir bulan (kurva "
                      "S), 0 sampai 100; kosong bila tidak ada. / Percent of work scheduled "
                      "by the month's end (S-curve), 0 to 100; empty if none.")
    _validate_percent(sheet, first, last, FISIK, "Realisasi fisik (%)",
                      "Persen pekerjaan selesai, kumulatif, 0 sampai 100. / Percent of "
                      "work done, cumulative, 0 to 100.")


def _validate_percent(sheet, first: int, last: int, column: int, title: str,
                      message: str) -> None:
    sheet.data_validation(first, column, last, column, {
        "validate": "decimal",
        "criteria": "between",
        "minimum": 0,
        "maximum": 100,
        "input_title": title,
        "input_message": message,
        "error_title": "Nilai tidak sah / Invalid",
        "error_message": "Isi persen antara 0 dan 100. / Enter a percentage between 0 and "
                         "100.",
    })


def _signatures(sheet, row: int, titles: TitleRows, left: int, right: int,
                right_last: int, styles: Styles) -> int:
    """The verifier's signature on the left, the head of the OPD's on the right, as the
    form signs; returns the block's last row."""
    blocks = (
        (left, left + 1, ["", "Diverifikasi oleh / Verifikator,", "", "", "",
                          "( ................................ )",
                          "NIP. .............................."]),
        (right, right_last, [f"................., {titles.kondisi}", titles.signer(), "",
                             "", "", "( ................................ )",
                             "NIP. .............................."]),
    )
    for first, last, texts in blocks:
        for offset, text in enumerate(texts):
            if text:
                sheet.merge_range(row + offset, first, row + offset, last, "",
                                  styles.signature)
                write_text(sheet, row + offset, first, text, styles.signature)
    return row + max(len(texts) for _, _, texts in blocks) - 1


def _print_setup(sheet, header_top: int, header_bottom: int, last_row: int,
                 last_column: int, frozen_row: int, frozen_column: int) -> None:
    """A4 landscape, as wide as one page and as long as it takes, the header on every
    page; protected, so only the cells to fill in can be edited."""
    sheet.freeze_panes(frozen_row, frozen_column)
    sheet.repeat_rows(header_top, header_bottom)
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.print_area(0, 0, last_row, last_column)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_footer("&LSerapan: &A&RHalaman &P dari &N")
    sheet.protect("", {"format_columns": True, "format_rows": True})


# --- FORM-M ----------------------------------------------------------------------------

(M_NO, M_KODE, M_NAMA, M_PERMASALAHAN, M_UPAYA, M_PIHAK) = range(6)
M_WIDTHS = (5, 19, 40, 45, 45, 32)
M_HEADER = (
    (0, M_NO, 1, M_NO, "NO"),
    (0, M_KODE, 0, M_NAMA, "URAIAN KEGIATAN"),
    (1, M_KODE, 1, M_KODE, "KODE SUB KEGIATAN"),
    (1, M_NAMA, 1, M_NAMA, "NAMA SUB KEGIATAN"),
    (0, M_PERMASALAHAN, 1, M_PERMASALAHAN, "PERMASALAHAN"),
    (0, M_UPAYA, 1, M_UPAYA, "UPAYA PEMECAHAN MASALAH"),
    (0, M_PIHAK, 1, M_PIHAK, "PIHAK YANG DIHARAPKAN DAPAT MEMBANTU PENYELESAIAN MASALAH"),
)
M_NUMBERS = {M_NO: 1, M_KODE: 2, M_PERMASALAHAN: 3, M_UPAYA: 4, M_PIHAK: 5}
M_HEADER_ROWS = 2
M_FIRST_LINE_ROW = TITLE_ROWS + M_HEADER_ROWS + 1


def write_form_m(sheet, title: str, titles: TitleRows, lines: Sequence,
                 styles: Styles) -> None:
    """FORM-M: the RFK's lines in its order and numbering, a problem to write on each
    that lags (the others left empty)."""
    for column, width in enumerate(M_WIDTHS):
        sheet.set_column(column, column, width)
    titles.write(sheet, title, "FORM-M", M_PIHAK, styles)
    _header(sheet, M_HEADER, TITLE_ROWS, styles)
    sheet.set_row(TITLE_ROWS, 30)  # PIHAK YANG DIHARAPKAN ... wraps over three lines
    sheet.set_row(TITLE_ROWS + 1, 20)
    numbering = TITLE_ROWS + M_HEADER_ROWS
    _numbers(sheet, numbering, M_NUMBERS, M_PIHAK, styles)
    sheet.merge_range(numbering, M_KODE, numbering, M_NAMA, M_NUMBERS[M_KODE], styles.numbers)
    first = M_FIRST_LINE_ROW
    for number, (row, line) in enumerate(zip(range(first, first + len(lines)), lines), 1):
        texts = (line.permasalahan, line.tindak_lanjut, line.pihak_diharapkan)
        wrapped = max(math.ceil(len(text or "") / (M_WIDTHS[column] - 3))
                      for column, text in zip((M_NAMA, M_PERMASALAHAN, M_UPAYA),
                                              (line.nama_sub_kegiatan, *texts[:2])))
        if wrapped > 1:
            sheet.set_row(row, 15 * wrapped)
        sheet.write_number(row, M_NO, number, styles.nomor)
        write_text(sheet, row, M_KODE, line.kode_sub_kegiatan, styles.code)
        write_text(sheet, row, M_NAMA, line.nama_sub_kegiatan, styles.name)
        for column, text in zip((M_PERMASALAHAN, M_UPAYA, M_PIHAK), texts):
            write_text(sheet, row, column, text, styles.input_text)
    last = first + len(lines) - 1
    for column, what in ((M_PERMASALAHAN, "Permasalahan"), (M_UPAYA, "Upaya pemecahan"),
                         (M_PIHAK, "Pihak yang diharapkan membantu")):
        sheet.data_validation(first, column, last, column, {
            "validate": "any",
            "input_title": what,
            "input_message": _M_PROMPTS[column],
        })
    signed = _signatures(sheet, last + 2, titles, M_KODE, M_UPAYA, M_PIHAK, styles)
    _print_setup(sheet, TITLE_ROWS, numbering, signed, M_PIHAK, first, M_NAMA + 1)


_M_PROMPTS = {
    M_PERMASALAHAN: "Kendala yang menghambat realisasi baris ini; kosongkan bila tidak ada. "
                    "/ What holds this line back; empty if nothing.",
    M_UPAYA: "Apa yang sudah atau akan dilakukan. / What is or will be done.",
    M_PIHAK: "OPD atau pihak yang diharapkan membantu (mis. BPKPAD, Bagian PBJ). / Who "
             "should help.",
}


# --- Instructions ----------------------------------------------------------------------

INSTRUCTIONS_TITLE = "PETUNJUK PENGISIAN / HOW TO FILL IN"
INSTRUCTIONS = (
    "1. Sheet RFK: isi sel berlatar putih, REALISASI Rp (kolom 8), FISIK RENCANA KUM "
    "(kolom 13) dan FISIK REALISASI KUM (kolom 15). Sel abu-abu sudah diisi atau dihitung "
    "dengan rumus (%, TTB, CAPAIAN, SISA) dan terkunci. / Fill in the white cells; grey "
    "cells are pre-filled or computed and locked.",
    "2. Semua nilai KUMULATIF sejak awal tahun anggaran sampai akhir bulan laporan, bukan "
    "hanya bulan ini; RENCANA Rp (anggaran kas) juga kumulatif. / All values are "
    "cumulative from the start of the year to the end of the month.",
    "3. Realisasi keuangan dalam Rupiah, angka 0 atau lebih, tanpa teks. Kolom 18 "
    "menampilkan realisasi menurut sistem keuangan (SIPD-RI) sampai akhir bulan, sebagai "
    "pembanding: selisih lebih dari toleransi akan ditandai. / Rupiah, 0 or more. Column "
    "18 shows the finance system's realization for reference: a larger difference is "
    "flagged.",
    "4. Realisasi fisik dalam persen 0 sampai 100, dari tahapan pekerjaan yang selesai, "
    "bukan salinan persen keuangan. Rencana fisik: persen pekerjaan yang dijadwalkan selesai "
    "sampai akhir bulan menurut kurva S (jadwal pelaksanaan); kosongkan bila tidak ada. / "
    "Physical progress in %, 0 to 100, from work stages completed, not copied from the "
    "financial %. Physical plan: the % of work scheduled by the month's end (the S-curve).",
    "5. Sheet M (FORM-M): untuk baris yang realisasinya tertinggal, tulis PERMASALAHAN, "
    "UPAYA PEMECAHAN MASALAH dan PIHAK YANG DIHARAPKAN membantu. / Sheet M: the problem, "
    "its remedy and who should help, for each lagging line.",
    "6. Jangan mengubah kode, judul kolom atau baris judul; jangan menambah atau menghapus "
    "baris. CATATAN VERIFIKATOR (kolom 19) diisi oleh verifikator. / Do not change codes, "
    "titles or title rows, nor add or delete rows; column 19 is the verifier's.",
    "7. Cetak pada kertas A4 mendatar (sudah diatur), tanda tangani, lalu simpan sebagai "
    "file .xlsx dan unggah. / Print on A4 landscape (set up), sign, save as .xlsx and "
    "upload.",
)


def write_instructions(sheet, styles: Styles) -> None:
    sheet.set_column(0, 0, 110)
    write_text(sheet, 0, 0, INSTRUCTIONS_TITLE, styles.title)
    for row, text in enumerate(INSTRUCTIONS, 2):
        write_text(sheet, row, 0, text, styles.note)
        sheet.set_row(row, 15 * math.ceil(len(text) / 100))
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
