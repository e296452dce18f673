"""The visit workbook of a sidak: one xlsx per OPD and month, pre-filled with what the
OPD reported, to be filled in by the team in the field.

It feels like the RFK template (pipelines/rfk_template.py): grey locked cells hold what
serapan wrote, white unlocked cells what the team writes; the sheet is protected
without a password; A4 landscape, one page wide, the column titles on every page. The
same inputs give the same bytes. pipelines/sources/sidak reads it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import xlsxwriter

from pipelines.reports.safe_cells import new_workbook, write_text
from pipelines.sources.dates import MONTH_NAMES
from pipelines.sources.sidak.layout import (
    DATE_LABEL,
    MONTH_LABEL,
    OPD_LABEL,
    PEMDA_LABEL,
    REASON_LABEL,
    REPORT_TITLE,
    SHEET_NAME,
    TEAM_LABEL,
    TITLES,
)


@dataclass(frozen=True)
class VisitLine:
    """A sub kegiatan to inspect, with what the OPD reported of it (None: not reported)."""

    kode_sub_kegiatan: str
    nama_sub_kegiatan: str
    pagu: Decimal
    realisasi_keuangan: Decimal | None = None
    realisasi_fisik: Decimal | None = None  # % 0..100
    permasalahan: str | None = None

    @property
    def persen_keuangan(self) -> Decimal | None:
        if self.realisasi_keuangan is None or not self.pagu:
            return None
        return (self.realisasi_keuangan / self.pagu * 100).quantize(Decimal("0.01"))


# (column, width) in the order written; the titles are the reader's (layout.TITLES).
COLUMNS = (
    ("kode_sub_kegiatan", 22), ("nama_sub_kegiatan", 40), ("pagu", 17),
    ("realisasi_keuangan", 18), ("persen_keuangan", 11), ("fisik_dilaporkan", 11),
    ("permasalahan", 28), ("fisik_terverifikasi", 13), ("temuan", 34), ("bukti", 26),
    ("koordinat", 20),
)
POSITION = {name: index for index, (name, _) in enumerate(COLUMNS)}
INSTRUCTIONS_TITLE = "PETUNJUK PENGISIAN / HOW TO FILL IN"
INSTRUCTIONS = (
    "1. Isi TIM SIDAK (nama dan jabatan anggota tim) dan TANGGAL SIDAK (tanggal kunjungan). "
    "/ Fill in the team and the day of the visit.",
    "2. Untuk setiap sub kegiatan yang diperiksa, isi FISIK TERVERIFIKASI (%): kemajuan "
    "pekerjaan yang dilihat di lapangan, kumulatif, 0 sampai 100. Sub kegiatan yang tidak "
    "diperiksa dibiarkan kosong. / For each sub kegiatan inspected, the physical progress "
    "seen on site, cumulative, 0 to 100; leave the others empty.",
    "3. TEMUAN: apa yang dilihat (mis. pekerjaan belum dimulai, material belum datang). "
    "BUKTI: nama file foto atau tautan. KOORDINAT: lintang, bujur lokasi (mis. -3.2345, "
    "126.5678). / Findings, evidence (photo file names or links), coordinates.",
    "4. Sel abu-abu adalah laporan OPD dan terkunci; jangan mengubah kode, judul kolom atau "
    "baris judul. Simpan sebagai .xlsx dan unggah ke inbox/sidak/ bersama file .meta.json-"
    "nya. / Grey cells are the OPD's report, locked. Save as .xlsx and upload to "
    "inbox/sidak/ with its .meta.json.",
)


def visit_title_rows(nama_pemda: str, kode_pemda: str, kode_opd: str, nama_opd: str,
                     periode: str, alasan: str) -> tuple[str, ...]:
    year, month = (int(part) for part in periode.split("-"))
    return (
        nama_pemda,
        REPORT_TITLE,
        f"{PEMDA_LABEL}: {kode_pemda}",
        f"{OPD_LABEL}: {kode_opd} {nama_opd}".rstrip(),
        f"{MONTH_LABEL}: {MONTH_NAMES[month - 1].upper()} {year}",
        f"{REASON_LABEL}: {alasan}",
    )


def write_visit_workbook(path: Path, *, nama_pemda: str, kode_pemda: str, kode_opd: str,
                         nama_opd: str, periode: str, alasan: str,
                         lines: Sequence[VisitLine]) -> Path:
    """The visit workbook of one OPD and month ('YYYY-MM'), written to path."""
    if not lines:
        raise ValueError(f"tidak ada sub kegiatan untuk OPD {kode_opd} / no sub kegiatan")
    year, month = (int(part) for part in periode.split("-"))
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = new_workbook(path)
    workbook.set_properties({"title": f"{REPORT_TITLE} {kode_opd} {periode}",
                             "author": "serapan", "created": datetime(year, month, 1)})
    sheet = workbook.add_worksheet(SHEET_NAME)
    styles = _Styles(workbook)
    for column, (_, width) in enumerate(COLUMNS):
        sheet.set_column(column, column, width)

    titles = visit_title_rows(nama_pemda, kode_pemda, kode_opd, nama_opd, periode, alasan)
    for row, text in enumerate(titles):
        write_text(sheet, row, 0, text, styles.title if row < 2 else styles.label)
    team = len(titles) + 1  # a blank row between
    for row, label in ((team, TEAM_LABEL), (team + 1, DATE_LABEL)):
        write_text(sheet, row, 0, label, styles.label)
        sheet.merge_range(row, 1, row, 3, None, styles.input_date if label == DATE_LABEL
                          else styles.input_text)
    sheet.data_validation(team + 1, 1, team + 1, 1, {
        "validate": "date", "criteria": ">=", "value": datetime(year, month, 1),
        "input_title": "Tanggal sidak", "input_message": "Tanggal kunjungan / day of the visit",
        "error_title": "Tanggal tidak sah / Invalid date",
        "error_message": "Isi tanggal setelah awal bulan laporan. / A date after the start "
                         "of the month reported."})
    instructions = team + 3
    write_text(sheet, instructions, 0, INSTRUCTIONS_TITLE, styles.title)
    for row, text in enumerate(INSTRUCTIONS, instructions + 1):
        write_text(sheet, row, 0, text, styles.note)
    header = instructions + len(INSTRUCTIONS) + 2
    sheet.set_row(header, 45)
    for column, (name, _) in enumerate(COLUMNS):
        write_text(sheet, header, column, TITLES[name][0],
                   styles.header_verified if name in _TEAM_COLUMNS else styles.header)

    first, last = header + 1, header + len(lines)
    for row, line in enumerate(lines, first):
        _write_line(sheet, row, line, styles)
    _validate_percent(sheet, first, last)

    sheet.freeze_panes(first, 2)
    sheet.repeat_rows(header)
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.protect("", {"format_columns": True, "format_rows": True})
    workbook.close()
    return path


_TEAM_COLUMNS = ("fisik_terverifikasi", "temuan", "bukti", "koordinat")


class _Styles:
    """Grey and locked where serapan filled in, white and unlocked where the team writes."""

    def __init__(self, workbook: xlsxwriter.Workbook):
        cell = {"border": 1, "valign": "top"}
        prefilled = {**cell, "bg_color": "#D9D9D9"}
        to_fill = {**cell, "locked": False}
        self.title = workbook.add_format({"bold": True})
        self.label = workbook.add_format({})
        self.note = workbook.add_format({"italic": True})
        header = {**cell, "bold": True, "text_wrap": True, "align": "center",
                  "valign": "vcenter"}
        self.header = workbook.add_format({**header, "bg_color": "#BDD7EE"})
        self.header_verified = workbook.add_format({**header, "bg_color": "#C6E0B4"})
        self.code = workbook.add_format(prefilled)
        self.name = workbook.add_format({**prefilled, "text_wrap": True})
        self.rupiah = workbook.add_format({**prefilled, "num_format": "#,##0"})
        self.percent = workbook.add_format({**prefilled, "num_format": "0.00"})
        self.input_percent = workbook.add_format({**to_fill, "num_format": "0.00"})
        self.input_text = workbook.add_format({**to_fill, "text_wrap": True})
        self.input_date = workbook.add_format({**to_fill, "num_format": "dd/mm/yyyy"})


def _write_line(sheet, row: int, line: VisitLine, styles: _Styles) -> None:
    write_text(sheet, row, POSITION["kode_sub_kegiatan"], line.kode_sub_kegiatan, styles.code)
    write_text(sheet, row, POSITION["nama_sub_kegiatan"], line.nama_sub_kegiatan, styles.name)
    for name, value, style in (
            ("pagu", line.pagu, styles.rupiah),
            ("realisasi_keuangan", line.realisasi_keuangan, styles.rupiah),
            ("persen_keuangan", line.persen_keuangan, styles.percent),
            ("fisik_dilaporkan", line.realisasi_fisik, styles.percent)):
        if value is None:
            sheet.write_blank(row, POSITION[name], None, style)
        else:
            sheet.write_number(row, POSITION[name], float(value), style)
    write_text(sheet, row, POSITION["permasalahan"], line.permasalahan, styles.name)
    sheet.write_blank(row, POSITION["fisik_terverifikasi"], None, styles.input_percent)
    for name in ("temuan", "bukti", "koordinat"):
        sheet.write_blank(row, POSITION[name], None, styles.input_text)


def _validate_percent(sheet, first: int, last: int) -> None:
    column = POSITION["fisik_terverifikasi"]
    sheet.data_validation(first, column, last, column, {
        "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100,
        "input_title": "Fisik terverifikasi (%)",
        "input_message": "Kemajuan pekerjaan yang dilihat di lapangan, 0 sampai 100. / "
                         "Progress seen on site, 0 to 100.",
        "error_title": "Nilai tidak sah / Invalid",
        "error_message": "Isi persen antara 0 dan 100. / Enter a percentage between 0 and 100.",
    })
