"""Text for a spreadsheet a person opens: shown as written, never run as a formula.

Excel, LibreOffice and Google Sheets take a value that starts with = + - or @ as a
formula (some drop a leading tab or carriage return first), in a csv they open and in a
workbook cell written as a formula. A file, sheet or OPD name such as
=HYPERLINK("evil.ex","klik") or =cmd|' /C calc'!A0 would then run on the reader's
machine. Every text serapan writes into a workbook or csv goes through here: a workbook
cell is always a text cell, and a text that starts so gets an apostrophe in front
(OWASP's advice against CSV injection), which keeps it text wherever it is copied or
saved to.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

# typing.TYPE_CHECKING without importing typing (`serapan flags` passes through here)
TYPE_CHECKING = False
if TYPE_CHECKING:  # imported where a workbook is written: `serapan flags` writes none
    import xlsxwriter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral(value):
    """The value as a spreadsheet must show it: text that would start a formula with an
    apostrophe in front; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(values: Iterable) -> list:
    return [neutral(value) for value in values]


def new_workbook(path: Path) -> xlsxwriter.Workbook:
    """A workbook whose write() never turns a string into a formula or a link.

    in_memory: xlsxwriter then dates every zip entry 1980-01-01, so the same inputs
    always give the same bytes."""
    import xlsxwriter

    return xlsxwriter.Workbook(str(path), {"in_memory": True, "strings_to_formulas": False,
                                           "strings_to_urls": False})


def write_text(sheet, row: int, column: int, text: str | None, style=None) -> None:
    """A text cell (blank for None or ''), neutral."""
    if not text:
        sheet.write_blank(row, column, None, style)
    else:
        sheet.write_string(row, column, neutral(text), style)


def write_row(sheet, row: int, values: Iterable, style=None) -> None:
    """Numbers as numbers, anything else as neutral text, from the first column on."""
    for column, value in enumerate(values):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            sheet.write_number(row, column, value, style)
        else:
            write_text(sheet, row, column, None if value is None else str(value), style)
