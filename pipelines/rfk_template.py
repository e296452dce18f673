"""The OPD monthly report template (RFK): one xlsx per OPD and month, pre-filled.

serapan writes each OPD's sub kegiatan with the budget in force (PAGU DPA) and the
cumulative cash plan (RAK); the OPD fills in its cumulative realisation and the physical
plan of the month (RENCANA FISIK, from its S-curve) and uploads the file, which
`pipelines.sources.rfk` reads back. The column titles are variants that reader maps, and
the title rows carry the OPD and the month the way it reads them.

The sheet is protected without a password: it keeps codes and titles from being edited
by accident (the reader joins on them) and can still be unprotected by anyone who must.
The same inputs always give the same bytes, so a template re-made is not a new file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_range

from pipelines.reports.safe_cells import new_workbook, write_text
from pipelines.sources.rfk.read import MONTH_NAMES


@dataclass(frozen=True)
class TemplateLine:
    kode_sub_kegiatan: str
    nama_sub_kegiatan: str
    pagu: Decimal  # budget in force (DPA) for the sub kegiatan
    rak: Decimal  # cumulative cash plan to the end of the month, Rp
    realisasi_keuangan: Decimal | None = None  # pre-filled only by the sample generator
    realisasi_fisik: Decimal | None = None  # % 0..100
    permasalahan: str | None = None
    tindak_lanjut: str | None = None
    rencana_fisik: Decimal | None = None  # the physical plan (S-curve), cumulative % 0..100


SHEET_NAME = "RFK"  # no month in it: the reader then checks the BULAN title row
REPORT_TITLE = "LAPORAN REALISASI FISIK DAN KEUANGAN"
# (title, width): every title is one the rfk reader maps (see its TITLES).
COLUMNS = (
    ("KODE SUB KEGIATAN", 22),
    ("NAMA SUB KEGIATAN", 50),
    ("PAGU DPA (Rp)", 19),
    ("RAK (Rp)", 19),
    ("REALISASI KEUANGAN (Rp)", 19),
    ("RENCANA FISIK (%)", 13),
    ("REALISASI FISIK (%)", 13),
    ("PERMASALAHAN", 35),
    ("TINDAK LANJUT", 35),
    ("CATATAN VERIFIKATOR", 30),
)
(KODE, NAMA, PAGU, RAK, KEUANGAN, RENCANA_FISIK, FISIK, PERMASALAHAN, TINDAK_LANJUT,
 CATATAN) = range(len(COLUMNS))
INSTRUCTIONS_TITLE = "PETUNJUK PENGISIAN / HOW TO FILL IN"
INSTRUCTIONS = (
    "1. Isi sel berlatar putih: REALISASI KEUANGAN (Rp), RENCANA FISIK (%), REALISASI FISIK "
    "(%), PERMASALAHAN dan TINDAK LANJUT. Sel abu-abu sudah diisi dan terkunci. / Fill in "
    "the white cells; grey cells are pre-filled and locked.",
    "2. Semua nilai KUMULATIF sejak awal tahun anggaran sampai akhir bulan laporan, bukan "
    "hanya bulan ini; RAK (Rp) juga kumulatif. / All values are cumulative from the start "
    "of the year to the end of the month.",
    "3. Realisasi keuangan dalam Rupiah, angka 0 atau lebih, tanpa teks. / Rupiah, a number "
    "of 0 or more.",
    "4. Realisasi fisik dalam persen 0 sampai 100, dari tahapan pekerjaan yang selesai, "
    "bukan salinan persen keuangan. Rencana fisik: persen pekerjaan yang dijadwalkan selesai "
    "sampai akhir bulan menurut kurva S (jadwal pelaksanaan); kosongkan bila tidak ada. / "
    "Physical progress in %, 0 to 100, from work stages completed, not copied from the "
    "financial %. Physical plan: the % of work scheduled by the month's end (the S-curve); "
    "leave it empty if there is none.",
    "5. Jangan mengubah kode, judul kolom atau baris judul; jangan menambah atau menghapus "
    "baris. CATATAN VERIFIKATOR diisi oleh verifikator. / Do not change the codes, column "
    "titles or title rows, nor add or delete rows.",
    "6. Simpan sebagai file .xlsx lalu unggah. / Save as .xlsx and upload.",
)
_PERIODE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def write_rfk_template(path: Path, *, nama_pemda: str, kode_opd: str, nama_opd: str,
                       periode: str, lines: Sequence[TemplateLine]) -> Path:
    """The template for one OPD and month ('YYYY-MM'), written to path."""
    found = _PERIODE.match(periode)
    if found is None:
        raise ValueError(f"periode {periode!r} harus YYYY-MM / must be YYYY-MM")
    if not lines:
        raise ValueError(f"tidak ada sub kegiatan untuk OPD {kode_opd} / no sub kegiatan")
    year, month = int(found.group(1)), int(found.group(2))
    title_rows = (
        nama_pemda,
        REPORT_TITLE,
        f"SKPD: {kode_opd} {nama_opd}",
        f"BULAN: {MONTH_NAMES[month - 1]} {year}",
    )

    # The document's dates come from the month, and new_workbook's zip entries' from
    # 1980: the same inputs always give the same bytes.
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = new_workbook(path)
    workbook.set_properties({
        "title": f"{REPORT_TITLE} {kode_opd} {periode}",
        "author": "serapan",
        "created": datetime(year, month, 1),
    })
    sheet = workbook.add_worksheet(SHEET_NAME)
    styles = _Styles(workbook)
    for column, (_, width) in enumerate(COLUMNS):
        sheet.set_column(column, column, width)

    for row, text in enumerate(title_rows):
        write_text(sheet, row, 0, text, styles.title)
    instructions = len(title_rows) + 1  # a blank row between
    write_text(sheet, instructions, 0, INSTRUCTIONS_TITLE, styles.title)
    for row, text in enumerate(INSTRUCTIONS, instructions + 1):
        write_text(sheet, row, 0, text, styles.note)
    header = instructions + len(INSTRUCTIONS) + 2  # a blank row between
    sheet.set_row(header, 32)
    for column, (title, _) in enumerate(COLUMNS):
        write_text(sheet, header, column, title, styles.header)

    first, last = header + 1, header + len(lines)
    for row, line in enumerate(lines, first):
        _write_line(sheet, row, line, styles)
    _validate_inputs(sheet, first, last)
    _write_total(sheet, last + 2, first, last, lines, styles)

    sheet.freeze_panes(first, 0)
    sheet.repeat_rows(header)  # printed, each page shows the column titles
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.protect("", {"format_columns": True, "format_rows": True})
    workbook.close()
    return path


class _Styles:
    """Grey and locked where serapan filled in, white and unlocked where the OPD writes."""

    def __init__(self, workbook: xlsxwriter.Workbook):
        cell = {"border": 1, "valign": "top"}
        prefilled = {**cell, "bg_color": "#D9D9D9"}
        to_fill = {**cell, "locked": False}
        self.title = workbook.add_format({"bold": True})
        self.note = workbook.add_format({"italic": True})
        self.header = workbook.add_format({**cell, "bold": True, "text_wrap": True,
                                           "align": "center", "valign": "vcenter",
                                           "bg_color": "#BDD7EE"})
        self.code = workbook.add_format(prefilled)
        self.name = workbook.add_format({**prefilled, "text_wrap": True})
        self.rupiah = workbook.add_format({**prefilled, "num_format": "#,##0"})
        self.input_rupiah = workbook.add_format({**to_fill, "num_format": "#,##0"})
        self.input_percent = workbook.add_format({**to_fill, "num_format": "0.00"})
        self.input_text = workbook.add_format({**to_fill, "text_wrap": True})
        self.total_label = workbook.add_format({**prefilled, "bold": True})
        self.total_rupiah = workbook.add_format({**prefilled, "bold": True,
                                                 "num_format": "#,##0"})


def _write_line(sheet, row: int, line: TemplateLine, styles: _Styles) -> None:
    write_text(sheet, row, KODE, line.kode_sub_kegiatan, styles.code)
    write_text(sheet, row, NAMA, line.nama_sub_kegiatan, styles.name)
    sheet.write_number(row, PAGU, float(line.pagu), styles.rupiah)
    sheet.write_number(row, RAK, float(line.rak), styles.rupiah)
    _write_input_number(sheet, row, KEUANGAN, line.realisasi_keuangan, styles.input_rupiah)
    _write_input_number(sheet, row, RENCANA_FISIK, line.rencana_fisik, styles.input_percent)
    _write_input_number(sheet, row, FISIK, line.realisasi_fisik, styles.input_percent)
    write_text(sheet, row, PERMASALAHAN, line.permasalahan, styles.input_text)
    write_text(sheet, row, TINDAK_LANJUT, line.tindak_lanjut, styles.input_text)
    sheet.write_blank(row, CATATAN, None, styles.input_text)


def _write_input_number(sheet, row: int, column: int, value: Decimal | None, style) -> None:
    if value is None:
        sheet.write_blank(row, column, None, style)
    else:
        sheet.write_number(row, column, float(value), style)


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


def _write_total(sheet, row: int, first: int, last: int, lines: Sequence[TemplateLine],
                 styles: _Styles) -> None:
    """A TOTAL row under the data, a blank row between; the rfk reader skips it.

    Formulas keep it right as the OPD types; the cached values are the pre-filled sums,
    so a reader that does not recalculate still sees consistent numbers.
    """
    sheet.write_blank(row, KODE, None, styles.total_label)
    write_text(sheet, row, NAMA, "TOTAL", styles.total_label)
    totals = {
        PAGU: sum((line.pagu for line in lines), Decimal(0)),
        RAK: sum((line.rak for line in lines), Decimal(0)),
        KEUANGAN: sum((line.realisasi_keuangan or Decimal(0) for line in lines), Decimal(0)),
    }
    for column, total in totals.items():
        span = xl_range(first, column, last, column)
        sheet.write_formula(row, column, f"=SUM({span})", styles.total_rupiah, float(total))
