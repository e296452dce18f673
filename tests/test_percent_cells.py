"""Percent-formatted cells read from the xlsx package give openpyxl's answers.

Workbooks are written here by two writers (openpyxl and xlsxwriter lay out styles and
strings differently); openpyxl, reading every cell's format, is the reference.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from pipelines.sources.percent_cells import is_percent_format, percent_formatted_cells

_LITERAL = re.compile(r'"[^"]*"|\\.')

# (value, number format) per column of row 2; row 1 is a title in General.
CELLS = [
    (0.455, "0%"),  # builtin 9
    (0.455, "0.00%"),  # builtin 10
    (0.455, "0.0%"),  # custom
    (45, "0.0 %;[Red]-0.0 %"),  # custom, sections and a colour
    (45.5, '0.00"%"'),  # a literal % sign: not shown times 100
    (45.5, "0\\%"),  # escaped: literal too
    (45.5, "0.00"),
    (45.5, "General"),
    ("45%", "0%"),  # text in a percent cell: not a number
    (True, "0%"),  # a boolean is not a number
    ("=0.3+0.2", "0%"),  # a formula
    (datetime(2025, 3, 31), "dd/mm/yyyy"),
    (None, "0%"),  # a styled empty cell
    (0, "0%"),
]
PERCENT_COLUMNS = {0, 1, 2, 3, 13}  # 0-based, of the cells above in row index 1


def openpyxl_percent_cells(path: Path) -> dict[str, set[tuple[int, int]]]:
    """What the rfk reader computed with openpyxl before: every cell's format read."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    cells = {}
    for worksheet in workbook.worksheets:
        worksheet.reset_dimensions()
        found = cells.setdefault(worksheet.title, set())
        for row in worksheet.iter_rows():
            for cell in row:
                if (isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)
                        and "%" in _LITERAL.sub("", cell.number_format or "")):
                    found.add((cell.row - 1, cell.column - 1))
    workbook.close()
    return cells


def write_with_openpyxl(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "Maret"
    first.append(["REALISASI FISIK (%)"])
    for column, (value, number_format) in enumerate(CELLS, 1):
        cell = first.cell(row=2, column=column, value=value)
        cell.number_format = number_format
    second = workbook.create_sheet("Tanpa persen")
    second.append([0.5, 45, "x"])
    third = workbook.create_sheet("April")
    third.cell(row=40, column=30, value=0.25).number_format = "0.0%"  # AD40
    workbook.save(path)
    return path


def write_with_xlsxwriter(path: Path) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Maret")
    sheet.write_string(0, 0, "REALISASI FISIK (%)")
    for column, (value, number_format) in enumerate(CELLS):
        style = workbook.add_format({"num_format": number_format})
        if isinstance(value, str) and value.startswith("="):
            sheet.write_formula(1, column, value, style, 0.5)
        elif value is None:
            sheet.write_blank(1, column, None, style)
        else:
            sheet.write(1, column, value, style)
    workbook.add_worksheet("Tanpa persen").write_row(0, 0, [0.5, 45, "x"])
    workbook.close()
    return path


@pytest.mark.parametrize("write", [write_with_openpyxl, write_with_xlsxwriter])
def test_same_cells_as_openpyxl_reads(tmp_path, write):
    path = write(tmp_path / "rfk.xlsx")
    found = percent_formatted_cells(path)
    assert found == openpyxl_percent_cells(path)
    assert found["Maret"] == {(1, column) for column in PERCENT_COLUMNS}
    assert found["Tanpa persen"] == set()
    if "April" in found:
        assert found["April"] == {(39, 29)}


def test_workbook_without_percent_styles_has_no_cells(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "RFK"
    workbook.active.append(["KODE", 0.45, 45])
    workbook.create_sheet("Petunjuk")
    workbook.save(tmp_path / "a.xlsx")
    assert percent_formatted_cells(tmp_path / "a.xlsx") == {"RFK": set(), "Petunjuk": set()}


def test_not_an_xlsx_has_no_answer(tmp_path):
    old = tmp_path / "a.xls"
    old.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))
    corrupt = tmp_path / "b.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip")
    assert percent_formatted_cells(old) is None
    assert percent_formatted_cells(corrupt) is None


@pytest.mark.parametrize("code, shown_as_percent", [
    ("0%", True), ("0.00%", True), ("#,##0.0%", True), ("0%;[Red]-0%", True),
    ('0.00"%"', False), ("0\\%", False), ("0.00", False), (None, False),
    ('0% "d"', True),  # a quoted letter is no date part
    ("d%", False),  # a day: the number is a date
])
def test_percent_format_codes(code, shown_as_percent):
    assert is_percent_format(code) is shown_as_percent
