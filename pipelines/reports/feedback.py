"""The workbook sent back to an OPD: what is wrong in its month, and what to do.

In Indonesian, for OPD staff, one sheet that prints on A4 landscape pages (fit to the
page's width, the column titles repeated on every page):
A. what the OPD corrects in its own report: rule by rule, the problem and the fix said
   once, then where (file, sheet, row), the sub kegiatan and the values in words and
   rupiah; a finding about the whole report is one line;
B. what BPKAD corrects in the finance system's exports (SIPD-RI), for the OPD to pass on;
C. how and where to send the corrected file.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

from pipelines.quality.findings import Finding
from pipelines.reports.feedback_data import BPKAD, OPD, Feedback, RuleFindings
from pipelines.reports.finding_values import described, sub_kegiatan
from pipelines.reports.formatting import bulan_tahun, tanggal
from pipelines.reports.safe_cells import new_workbook, write_text

SHEET = "Temuan"
TITLE = "UMPAN BALIK KUALITAS DATA LAPORAN REALISASI FISIK DAN KEUANGAN"
# (title, width in characters): 128 characters fill an A4 landscape page at about 100%.
COLUMNS = (("No", 5), ("Letak: file, sheet, baris", 32), ("Sub kegiatan", 40),
           ("Nilai yang diperiksa", 51))
WIDTH = sum(width for _, width in COLUMNS)
SEVERITY = {"error": "KESALAHAN", "warning": "PERINGATAN"}
SEVERITY_MEANS = {
    "error": "baris ini tidak dihitung dalam laporan pimpinan sampai diperbaiki",
    "warning": "tetap dihitung, mohon diperiksa dan dijelaskan",
}
SECTIONS = {
    OPD: ("A. YANG PERLU DIPERBAIKI OPD, DI LAPORAN REALISASI FISIK DAN KEUANGAN (RFK)",
          "Perbaiki di file laporan Anda (bukan di lembar ini), pada sheet dan baris yang "
          "disebut, lalu kirim ulang (lihat bagian C)."),
    BPKAD: ("B. UNTUK BPKAD: TEMUAN PADA DATA SISTEM KEUANGAN (SIPD-RI)",
            "Temuan ini ada pada ekspor sistem keuangan (anggaran, anggaran kas, realisasi, "
            "register SP2D atau LRA), bukan pada laporan OPD: OPD tidak perlu mengubah "
            "laporannya. Mohon teruskan bagian ini ke BPKAD, yang memeriksa dan "
            "memperbaikinya di SIPD-RI lalu mengekspor ulang datanya kepada tim data."),
}
LINE_POINTS = 15  # the height of a line of text, in points
NO_FILE = "(laporan bulan ini, tanpa file tertentu)"  # late, missing: no file or row
HOW_TO_SEND = (
    "Buka file laporan yang Anda kirim (namanya tertulis di kolom Letak), perbaiki pada "
    "sheet dan baris yang disebut. Jangan mengubah kode sub kegiatan, judul kolom atau "
    "baris judul, dan jangan menambah atau menghapus baris.",
    "Semua nilai kumulatif sejak awal tahun sampai akhir bulan laporan. Bila laporan "
    "belum ada, minta template laporan bulan ini kepada tim data.",
    "Simpan sebagai file Excel (.xlsx) untuk bulan yang sama; file yang baru menggantikan "
    "yang lama.",
    "Kirim file itu ke: {alamat}.",
    "File yang diterima diperiksa ulang pada malam harinya; umpan balik yang baru dapat "
    "diminta keesokan harinya. Temuan PERINGATAN yang memang benar cukup dijelaskan di "
    "kolom PERMASALAHAN laporan.",
)
DEFAULT_ADDRESS = "tim data pemda yang mengirim umpan balik ini"


def write_feedback(path: Path, feedback: Feedback, *, alamat: str | None = None,
                   dibuat: date | None = None) -> Path:
    """The workbook for `feedback`; `alamat` is where corrected reports are sent (an
    e-mail address, a shared folder, a portal: SERAPAN_ALAMAT_LAPORAN)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = new_workbook(path)
    styles = _Styles(workbook)
    sheet = workbook.add_worksheet(SHEET)
    for column, (_, width) in enumerate(COLUMNS):
        sheet.set_column(column, column, width)

    row = _write_heading(sheet, feedback, styles, dibuat or date.today())
    header = row
    for column, (title, _) in enumerate(COLUMNS):
        write_text(sheet, header, column, title, styles.header)
    row += 1
    for addressee in (OPD, BPKAD):
        groups = feedback.by_addressee[addressee]
        if addressee == BPKAD and not groups:
            continue
        row = _write_section(sheet, row, addressee, groups, styles)
    _write_how_to_send(sheet, row + 1, alamat or DEFAULT_ADDRESS, styles)

    sheet.freeze_panes(header + 1, 0)
    sheet.repeat_rows(header)  # printed: the column titles on every page
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)  # as wide as one page, as many pages long as it takes
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.set_footer(f"&L{feedback.kode_opd} {feedback.periode}&RHalaman &P dari &N")
    workbook.close()
    return path


def _write_heading(sheet, feedback: Feedback, styles, dibuat: date) -> int:
    opd = f"{feedback.kode_opd} {feedback.nama_opd}".strip()
    summary = _summary(feedback)
    lines = (
        (TITLE, styles.title),
        (feedback.nama_pemda, styles.bold),
        (f"OPD: {opd}", styles.bold),
        (f"Bulan laporan: {bulan_tahun(date.fromisoformat(feedback.periode + '-01'))}",
         styles.bold),
        (f"Dibuat: {tanggal(dibuat)}", styles.plain),
    )
    for row, (text, style) in enumerate(lines):
        write_text(sheet, row, 0, text, style)
    row = len(lines)
    _merged(sheet, row, summary, styles.summary)
    return row + 2


def _summary(feedback: Feedback) -> str:
    total = feedback.count()
    if not total:
        return "Ringkasan: tidak ada temuan untuk bulan ini. Terima kasih."
    parts = [f"{feedback.count(severity=severity)} {SEVERITY[severity]} "
             f"({SEVERITY_MEANS[severity]})" for severity in SEVERITY
             if feedback.count(severity=severity)]
    text = f"Ringkasan: {total} temuan, {' dan '.join(parts)}."
    if feedback.count(BPKAD):
        text += (f" {feedback.count(OPD)} untuk OPD (bagian A), {feedback.count(BPKAD)} "
                 "untuk BPKAD (bagian B).")
    return text


def _write_section(sheet, row: int, addressee: str, groups: list[RuleFindings],
                   styles) -> int:
    title, intro = SECTIONS[addressee]
    _merged(sheet, row, title, styles.section)
    _merged(sheet, row + 1, intro, styles.intro)
    row += 2
    if not groups:
        _merged(sheet, row, "Tidak ada temuan.", styles.intro)
        return row + 1
    number = 0
    for group in groups:
        _merged(sheet, row, _rule_heading(group), styles.rule[group.severity])
        row += 1
        if group.whole_report:
            number += 1
            # one finding's values say something (the day received); many rows' do not
            values = described(group.found[0].values) if len(group.found) == 1 else []
            _write_line(sheet, row, (number, _whole_report_place(group),
                                     "seluruh sub kegiatan pada laporan", "\n".join(values)),
                        styles)
            row += 1
            continue
        for finding in group.found:
            number += 1
            _write_line(sheet, row, (number, _place(finding), sub_kegiatan(finding.values),
                                     "\n".join(described(finding.values))), styles)
            row += 1
    return row


def _rule_heading(group: RuleFindings) -> str:
    severity = SEVERITY[group.severity]
    many = ("seluruh laporan" if group.whole_report
            else f"{len(group.found)} baris" if len(group.found) > 1 else "1 baris")
    return f"{severity} ({many}; aturan {group.rule_id}): {group.message}"


def _place(finding: Finding) -> str:
    if not finding.source_file:
        return NO_FILE
    parts = [finding.source_file]
    if finding.sheet:
        parts.append(f"sheet {finding.sheet}")
    if finding.row_number is not None:
        parts.append(f"baris {finding.row_number}")
    return ", ".join(parts)


def _whole_report_place(group: RuleFindings) -> str:
    """The files and sheets the rule found, with how many rows, said once."""
    places = []
    for name in group.files or [None]:
        mine = [f for f in group.found if f.source_file == name]
        sheets = list(dict.fromkeys(f.sheet for f in mine if f.sheet))
        rows = sorted(f.row_number for f in mine if f.row_number is not None)
        text = name or NO_FILE
        if sheets:
            text += ", sheet " + ", ".join(sheets)
        if rows:
            text += f" ({len(rows)} baris, {rows[0]} s.d. {rows[-1]})" if len(rows) > 1 \
                else f", baris {rows[0]}"
        places.append(text)
    return "; ".join(places)


def _write_line(sheet, row: int, values: tuple, styles) -> None:
    number, *texts = values
    sheet.write_number(row, 0, number, styles.cell)
    for column, text in enumerate(texts, start=1):
        write_text(sheet, row, column, text, styles.cell)
    sheet.set_row(row, LINE_POINTS * max(
        _lines(text, COLUMNS[column][1]) for column, text in enumerate(texts, start=1)))


def _write_how_to_send(sheet, row: int, alamat: str, styles) -> None:
    _merged(sheet, row, "C. CARA MENGIRIM PERBAIKAN", styles.section)
    for number, step in enumerate(HOW_TO_SEND, start=1):
        _merged(sheet, row + number, f"{number}. {step.format(alamat=alamat)}", styles.intro)


def _merged(sheet, row: int, text: str, style) -> None:
    """Text across the table's width, the row as high as its wrapped lines."""
    sheet.merge_range(row, 0, row, len(COLUMNS) - 1, "", style)
    write_text(sheet, row, 0, text, style)
    sheet.set_row(row, LINE_POINTS * _lines(text, WIDTH))


def _lines(text: str, width: int) -> int:
    """Lines a wrapped text takes in a column `width` characters wide (about as many
    letters fit as the width says; word breaks take one)."""
    usable = max(width - 1, 1)
    return max(1, sum(math.ceil(max(len(part), 1) / usable) for part in text.split("\n")))


class _Styles:
    def __init__(self, workbook):
        top = {"text_wrap": True, "valign": "top"}
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.bold = workbook.add_format({"bold": True})
        self.plain = workbook.add_format({})
        self.summary = workbook.add_format({**top, "bold": True})
        self.header = workbook.add_format({**top, "bold": True, "bg_color": "#D9D9D9",
                                           "border": 1})
        self.section = workbook.add_format({**top, "bold": True, "font_size": 12,
                                            "bg_color": "#BDD7EE", "border": 1})
        self.intro = workbook.add_format({**top, "italic": True})
        self.cell = workbook.add_format({**top, "border": 1})
        self.rule = {
            "error": workbook.add_format({**top, "bold": True, "border": 1,
                                          "font_color": "#9C0006", "bg_color": "#FFC7CE"}),
            "warning": workbook.add_format({**top, "bold": True, "border": 1,
                                            "font_color": "#7F6000", "bg_color": "#FFEB9C"}),
        }
