"""The workbook sent back to an OPD: every flagged row of its month, and what to fix.

In Indonesian, for OPD staff: where the problem is (file, sheet, row), what is wrong,
what to correct, and how to upload the corrected report.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.quality.findings import Finding
from pipelines.reports.safe_cells import new_workbook, write_row, write_text

SEVERITY_LABEL = {"error": "KESALAHAN (ditahan)", "warning": "PERINGATAN"}
COLUMNS = (
    ("No", 5), ("File", 30), ("Sheet", 12), ("Baris", 7), ("Aturan", 10), ("Tingkat", 20),
    ("Nilai yang diperiksa", 45), ("Masalah dan perbaikan", 80),
)
STEPS = (
    "Baris bertanda KESALAHAN tidak dihitung dalam laporan pimpinan sampai diperbaiki.",
    "Baris bertanda PERINGATAN tetap dihitung, tetapi mohon diperiksa dan dijelaskan.",
    "Perbaiki di file laporan Anda (bukan di lembar ini), pada sheet dan baris yang disebut.",
    "Unggah ulang file yang sudah diperbaiki untuk bulan yang sama; file baru menggantikan "
    "yang lama dan temuan akan diperiksa ulang pada proses malam berikutnya.",
    "Jangan mengubah kode sub kegiatan atau judul kolom template.",
)


def write_feedback(path: Path, *, kode_opd: str, periode: str, nama_opd: str,
                   found: list[Finding]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = new_workbook(path)
    bold = workbook.add_format({"bold": True})
    title = workbook.add_format({"bold": True, "font_size": 14})
    header = workbook.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1,
                                  "text_wrap": True, "valign": "top"})
    cell = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1})
    error = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1,
                                 "font_color": "#9C0006", "bg_color": "#FFC7CE"})

    sheet = workbook.add_worksheet("Temuan")
    errors = sum(1 for f in found if f.severity == "error")
    write_text(sheet, 0, 0, "UMPAN BALIK KUALITAS DATA / DATA QUALITY FEEDBACK", title)
    write_text(sheet, 1, 0, f"OPD: {kode_opd} {nama_opd}", bold)
    write_text(sheet, 2, 0, f"Bulan / month: {periode}", bold)
    write_text(sheet, 3, 0, f"Kesalahan / errors: {errors}    Peringatan / warnings: "
                            f"{len(found) - errors}", bold)
    if not found:
        write_text(sheet, 5, 0, "Tidak ada temuan: data bulan ini valid. / No findings.", bold)
    first_row = 5
    for column, (name, width) in enumerate(COLUMNS):
        write_text(sheet, first_row, column, name, header)
        sheet.set_column(column, column, width)
    for number, finding in enumerate(found, start=1):
        style = error if finding.severity == "error" else cell
        values = "; ".join(f"{k} = {v}" for k, v in finding.values.items() if v is not None)
        row = (number, finding.source_file or "(laporan tidak ada / no report)",
               finding.sheet, finding.row_number, finding.rule_id,
               SEVERITY_LABEL[finding.severity], values, finding.message)
        write_row(sheet, first_row + number, row, style)
    sheet.freeze_panes(first_row + 1, 0)
    if found:
        sheet.autofilter(first_row, 0, first_row + len(found), len(COLUMNS) - 1)

    guide = workbook.add_worksheet("Petunjuk")
    guide.set_column(0, 0, 110)
    write_text(guide, 0, 0, "CARA MEMPERBAIKI / HOW TO FIX", title)
    wrap = workbook.add_format({"text_wrap": True})
    for index, step in enumerate(STEPS, start=2):
        write_text(guide, index, 0, f"{index - 1}. {step}", wrap)
    workbook.close()
    return path
