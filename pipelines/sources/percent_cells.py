"""Which numbers in an xlsx workbook are shown as percentages.

calamine gives a cell's value but not its number format, and a physical-progress cell
may hold 0.455 shown as 45,5 %. The formats are read from the package itself: the
stylesheet tells which cell styles show a percentage, and only when one does are the
worksheets streamed (expat, no tree, no shared strings) for numbers in those styles.
A workbook without percent styles, such as serapan's own template, costs two small XML
parts.

The answers are the ones openpyxl gave when the reader asked it, down to what counts
as a number: not a formula's cell (openpyxl gives its formula; so a formula's fraction
shown as a percentage lands as the fraction), and not a cell whose format has date
parts (a date).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_TYPE = _OFFICE_REL + "/"
XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")

# The built-in number formats that show a percentage; every other one is custom, in
# the stylesheet's numFmts.
_BUILTIN_PERCENT = {9: "0%", 10: "0.00%"}
# A '%' inside quotes or escaped ('0.00"%"') is a literal sign, not a times-100 display.
_LITERAL_IN_FORMAT = re.compile(r'"[^"]*"|\\.')
# Date and time parts in a format's first section, quotes and [colour]/[locale]
# brackets (not [h], [mm], [ss]) taken out: such a cell holds a date.
_DATE_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_PART = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_CELL_REFERENCE = re.compile(r"([A-Z]+)(\d+)")

PercentCells = dict[str, set[tuple[int, int]]]


def percent_formatted_cells(path: Path) -> PercentCells | None:
    """Per worksheet, the 0-based (row, column) of numbers in a cell formatted as percent.

    None when the file is not a readable xlsx (an old .xls): fractions then land as
    they are.
    """
    if path.suffix.lower() not in XLSX_SUFFIXES:
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            stylesheet, worksheets = _parts_of(archive, _office_document(archive))
            styles = _percent_styles(archive, stylesheet)
            cells: PercentCells = {}
            for name, part in worksheets:
                if not styles:
                    cells[name] = set()
                    continue
                with archive.open(part) as stream:
                    cells[name] = _numbers_in_styles(stream, styles)
            return cells
    except Exception:  # parts missing or malformed: calamine read the values, no formats
        return None


def is_percent_format(code: str | None) -> bool:
    """Whether a number format code shows numbers times 100 with a '%' sign."""
    if not code or "%" not in _LITERAL_IN_FORMAT.sub("", code):
        return False
    return _DATE_PART.search(_DATE_STRIP.sub("", code.split(";")[0])) is None


def worksheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """The worksheets' parts by sheet name."""
    return dict(_parts_of(archive, _office_document(archive))[1])


def _office_document(archive: zipfile.ZipFile) -> str:
    """The workbook part's name, as the package's root relationships give it."""
    for rel in _relationships(archive, "_rels/.rels"):
        if rel.get("Type") == _REL_TYPE + "officeDocument":
            return _resolve("", rel.get("Target"))
    return "xl/workbook.xml"


def _relationships(archive: zipfile.ZipFile, part: str) -> list:
    root = ElementTree.fromstring(archive.read(part))
    return root.findall(f"{{{_RELATIONSHIPS}}}Relationship")


def _resolve(base_dir: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(base_dir, target))


def _parts_of(archive: zipfile.ZipFile,
              workbook: str) -> tuple[str | None, list[tuple[str, str]]]:
    """The stylesheet part and the worksheets' (name, part), in the workbook's order."""
    folder, name = posixpath.split(workbook)
    targets, styles = {}, None
    for rel in _relationships(archive, posixpath.join(folder, "_rels", name + ".rels")):
        kind, target = rel.get("Type"), _resolve(folder, rel.get("Target"))
        if kind == _REL_TYPE + "worksheet":
            targets[rel.get("Id")] = target
        elif kind == _REL_TYPE + "styles":
            styles = target
    sheets = ElementTree.fromstring(archive.read(workbook)).iter(f"{{{MAIN}}}sheet")
    worksheets = [(sheet.get("name"), targets[sheet.get(f"{{{_OFFICE_REL}}}id")])
                  for sheet in sheets if sheet.get(f"{{{_OFFICE_REL}}}id") in targets]
    return styles, worksheets


def _percent_styles(archive: zipfile.ZipFile, part: str | None) -> set[int]:
    """Indexes of the cell styles (cellXfs) whose number format shows a percentage."""
    if part is None:
        return set()
    root = ElementTree.fromstring(archive.read(part))
    custom = {int(fmt.get("numFmtId")): fmt.get("formatCode")
              for fmt in root.iter(f"{{{MAIN}}}numFmt")}
    cell_xfs = root.find(f"{{{MAIN}}}cellXfs")
    styles = set()
    for index, xf in enumerate([] if cell_xfs is None else cell_xfs):
        number_format = int(xf.get("numFmtId", 0))
        code = custom.get(number_format, _BUILTIN_PERCENT.get(number_format))
        if is_percent_format(code):
            styles.add(index)
    return styles


def _numbers_in_styles(stream, styles: set[int]) -> set[tuple[int, int]]:
    scan = _CellScan(styles)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    parser.ParseFile(stream)
    return scan.found


class _CellScan:
    """expat handlers: the position of each number cell (type n, no formula) in a style."""

    def __init__(self, styles: set[int]):
        self.styles = {str(style) for style in styles}
        self.found: set[tuple[int, int]] = set()
        self.row = self.column = 0
        self.cell: tuple[int, int] | None = None  # a candidate cell being read
        self.formula = False
        self.value: list[str] = []  # the <v> text
        self.in_value = False

    def start(self, tag: str, attrs: dict) -> None:
        if tag == _ROW:
            self.row = int(attrs["r"]) if "r" in attrs else self.row + 1
            self.column = 0
        elif tag == _CELL:
            reference = _CELL_REFERENCE.fullmatch(attrs.get("r", ""))
            if reference:
                self.row = int(reference.group(2))
                self.column = _column_number(reference.group(1))
            else:
                self.column += 1
            number = attrs.get("t", "n") == "n" and attrs.get("s", "0") in self.styles
            self.cell = (self.row - 1, self.column - 1) if number else None
            self.formula, self.value = False, []
        elif self.cell is not None:
            if tag == _FORMULA:
                self.formula = True
            elif tag == _VALUE:
                self.in_value = True

    def text(self, data: str) -> None:
        if self.in_value:
            self.value.append(data)

    def end(self, tag: str) -> None:
        if tag == _VALUE:
            self.in_value = False
        elif tag == _CELL and self.cell is not None:
            if not self.formula and _is_number("".join(self.value)):
                self.found.add(self.cell)
            self.cell = None


_ROW, _CELL, _FORMULA, _VALUE = (f"{MAIN} {tag}" for tag in ("row", "c", "f", "v"))


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _is_number(text: str) -> bool:
    try:
        float(text)  # '' too is no number
    except ValueError:
        return False
    return True
