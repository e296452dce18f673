"""OPD monthly report, RFK (laporan realisasi fisik dan keuangan), per OPD and month.

One source, several layouts: serapan's template (in the FORM-RFK shape, with codes:
template_form.py) and hand-made reports with its titles (read.py), and the field's own
forms, FORM-RFK, FORM-M, the pemda's recap of them and Provinsi Bali's monthly sheets
(forms.py). A workbook's headers tell which: a FORM-RFK with a code column is the
template, read by code.
"""

from pathlib import Path

from pipelines.inbox import FileMeta
from pipelines.sources.base import ParsedFile, Source
from pipelines.sources.rfk.forms import FormSheet, FormsParsedFile, form_sheets, read_forms
from pipelines.sources.rfk.read import read_rfk, sheets_of
from pipelines.sources.rfk.read import supersede_key as template_supersede_key
from pipelines.sources.rfk.template_form import is_template


def read_report(path: Path, meta: FileMeta) -> ParsedFile:
    sheets = sheets_of(path)
    if is_template(sheets):
        return read_rfk(path, meta, sheets)
    found = form_sheets(sheets)
    if any(isinstance(sheet, FormSheet) for sheet in found):
        return read_forms(path, meta, found)
    return read_rfk(path, meta, sheets)


def month_of(path: Path, meta: FileMeta) -> str:
    """The month reported: the sidecar's periode, else the latest month in the workbook."""
    if meta.periode:
        return meta.periode
    parsed = read_report(path, meta)
    if isinstance(parsed, FormsParsedFile):
        return parsed.months[-1]
    position = 2 + parsed.columns.index("periode")
    return max(row[position] for row in parsed.rows).strftime("%Y-%m")


def supersede_key(meta: FileMeta, parsed: ParsedFile) -> str:
    """rfk|pemda|opd|YYYY-MM (see read.supersede_key); a form for one (sub) kegiatan adds
    it, as an OPD sends a form per sub kegiatan; a pemda's recap is rfk|pemda|rekap|..."""
    if isinstance(parsed, FormsParsedFile):
        return parsed.key
    return template_supersede_key(meta, parsed)


SOURCE = Source(
    name="rfk",
    raw_table="raw.rfk_laporan",
    read=read_report,
    supersede_key=supersede_key,
    amount_column="realisasi_keuangan",
    month_of=month_of,
)
