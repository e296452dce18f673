"""Text serapan writes for a person to open in a spreadsheet is text, never a formula.

A file, sheet or OPD name such as =HYPERLINK("evil.ex","klik") or =cmd|' -C calc'!A0 must
reach the feedback workbook, the RFK template and the flags csv as the text it is.
"""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from pipelines.quality.findings import CSV_COLUMNS, Finding, write_csv
from pipelines.reports.feedback import write_feedback
from pipelines.reports.feedback_data import Feedback, group_findings
from pipelines.rfk_template import TemplateLine, write_rfk_template

OPD = "1.02.0.00.0.00.01.0000"
HOSTILE = ('=HYPERLINK("evil.ex","klik")', "=cmd|' -C calc'!A0", "+1+cmd|' /C calc'!A0",
           "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1")


def _cells(path, sheet):
    """Every non-empty cell of the sheet, as openpyxl reads it: (value, data type). (The
    file keeps a carriage return as Excel does, '_x000D_', which openpyxl leaves so.)"""
    rows = openpyxl.load_workbook(path)[sheet].iter_rows()
    return [(cell.value.replace("_x000D_", "\r") if cell.data_type == "s" else cell.value,
             cell.data_type) for row in rows for cell in row if cell.value is not None]


@pytest.mark.parametrize("text", HOSTILE)
def test_feedback_writes_hostile_names_as_neutral_text(tmp_path, text):
    found = [Finding(text + ".xlsx", text, 7, "RFK-004", "error", OPD, date(2025, 3, 1),
                     text, "99.01", "rfk", {"permasalahan": text})]
    feedback = Feedback("99.01", "Kabupaten Contoh 01", OPD, text, "2025-03",
                        group_findings(found))
    path = write_feedback(tmp_path / "fb.xlsx", feedback, alamat=text)
    cells = _cells(path, "Temuan")
    assert all(kind != "f" for _, kind in cells), cells
    values = [value for value, _ in cells]
    # the place (file, sheet, row) and the problem as written, the file first in its cell
    assert f"'{text}.xlsx, sheet {text}, baris 7" in values
    assert any(text in value for value in values if value.startswith("KESALAHAN"))
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "-", "@", "\t", "\r"))
                   for v in values), values


@pytest.mark.parametrize("text", HOSTILE)
def test_rfk_template_writes_hostile_names_as_neutral_text(tmp_path, text):
    line = TemplateLine("1.02.02.2.01.0001", text, Decimal(100), Decimal(50),
                        permasalahan=text, tindak_lanjut=text, pihak_diharapkan=text)
    path = write_rfk_template(tmp_path / "rfk.xlsx", nama_pemda=text, kode_opd=OPD,
                              nama_opd="Dinas", periode="2025-03", lines=[line])
    rfk, problems = _cells(path, "RFK"), _cells(path, "M")
    assert [value for value, kind in rfk if kind != "f"].count("'" + text) == 2  # pemda, name
    # pemda, sub kegiatan, problem, remedy, who should help
    assert [value for value, kind in problems if kind != "f"].count("'" + text) == 5
    # The form's %, TTB and sums are serapan's own formulas, and the only ones: no text
    # written reaches one.
    formulas = [value for value, kind in rfk + problems if kind == "f"]
    assert formulas and all(value.startswith(("=IF(", "=SUM(", "=D")) for value in formulas)
    assert not any(text.strip() in value for value in formulas)


def test_flags_csv_neutralises_text_a_spreadsheet_would_run():
    found = [Finding(text, text, 3, "SP2D-014", "error", OPD, date(2025, 3, 1), text,
                     "99.01", "sp2d", {}) for text in HOSTILE]
    out = io.StringIO()
    write_csv(found, out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    for text, row in zip(HOSTILE, rows[1:]):
        assert (row[0], row[1], row[7]) == ("'" + text,) * 3
        assert row[2] == "3" and row[3] == "SP2D-014"
