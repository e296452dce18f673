"""Reading spreadsheet exports the way the field writes them.

Headers are found by their titles, never by position; every code is text; money is
Decimal. Shared by every source's reader.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from itertools import chain, islice, repeat
from pathlib import Path
from typing import Iterator
from xml.parsers import expat

import openpyxl
from python_calamine import CalamineWorkbook

from pipelines.sources.errors import SourceFileError
from pipelines.sources.percent_cells import worksheet_parts

HEADER_SCAN_ROWS = 30
_ID_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+(,\d+)?$")
# '12,500': twelve thousand five hundred where a comma groups thousands (an English
# export), 12,5 where it is the decimal mark (Indonesian). Neither is guessed.
_COMMA_GROUPS_OR_DECIMAL = re.compile(r"^-?[1-9]\d{0,2},\d{3}$")


def fold_title(value: object) -> str:
    """Case, spaces and line breaks folded, so 'Kode\\nSub  Unit' matches 'KODE SUB UNIT'.
    (str.split() splits at what \\s matches; it is the faster of the two.)"""
    return " ".join(str(value or "").split()).upper()


# An xlsx is a zip; a real export inflates 5-20x. A "zip bomb" inflates by thousands and
# would exhaust memory before any row is read, so its declared sizes are checked first.
MAX_UNCOMPRESSED_BYTES = 2 * 1024**3
MAX_COMPRESSION_RATIO = 200
_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")  # encrypted OOXML and legacy .xls
_WORKBOOK_MAGICS = (b"PK\x03\x04", _OLE_MAGIC)  # xlsx (a zip), xls


def is_workbook(path: Path) -> bool:
    """Whether the file's first bytes are a workbook's, whatever its name says."""
    with path.open("rb") as handle:
        return handle.read(8).startswith(_WORKBOOK_MAGICS)


def open_workbook(path: Path) -> CalamineWorkbook:
    _refuse_hostile_container(path)
    return _calamine(path)


def _calamine(path: Path) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several unrelated types for bad files
        raise SourceFileError(
            path, f"bukan file spreadsheet yang bisa dibaca / not a readable spreadsheet ({exc})"
        ) from exc


def _refuse_hostile_container(path: Path) -> int | None:
    """Refuses what no reader should open; the bytes an xlsx inflates to (None for a
    workbook that is no zip)."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if not head:
        raise SourceFileError(path, "file kosong (0 byte) / empty file")
    if head == _OLE_MAGIC and path.suffix.lower() == ".xlsx":
        raise SourceFileError(
            path, "file dilindungi kata sandi / password-protected: simpan ulang tanpa kata "
            "sandi lalu unggah lagi / save it without a password and upload again",
        )
    if not zipfile.is_zipfile(path):
        return None  # .xls and .ods-in-other-containers are left to calamine to judge
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise SourceFileError(path, f"file xlsx rusak / corrupt xlsx ({exc})") from exc
    inflated = sum(m.file_size for m in members)
    compressed = sum(m.compress_size for m in members) or 1
    if inflated > MAX_UNCOMPRESSED_BYTES or inflated / compressed > MAX_COMPRESSION_RATIO:
        raise SourceFileError(
            path, f"isi file mengembang tidak wajar / suspicious expansion: {compressed:,} byte "
            f"menjadi/inflate to {inflated:,} byte (zip bomb?)",
        )
    return inflated


@dataclass(frozen=True)
class Header:
    row_index: int  # 0-based index of the header row in the sheet
    columns: dict[str, int]  # canonical column name -> 0-based column index


def find_header(rows: list[list], titles: dict[str, tuple[str, ...]],
                required: tuple[str, ...]) -> Header | None:
    """The first row within HEADER_SCAN_ROWS that carries every required title."""
    variants = _variants(titles)
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        for position, cell in enumerate(row):
            name = variants.get(fold_title(cell))
            if name is not None and name not in columns:
                columns[name] = position
        if all(name in columns for name in required):
            return Header(index, columns)
    return None


# Folded title -> canonical name, per titles mapping: the readers pass their module's
# TITLES, and search headers row by row, thousands of times a night.
_VARIANTS: dict[int, tuple[dict, dict[str, str]]] = {}


def _variants(titles: dict[str, tuple[str, ...]]) -> dict[str, str]:
    cached = _VARIANTS.get(id(titles))
    if cached is None or cached[0] is not titles:
        folded = {fold_title(t): name for name, ts in titles.items() for t in ts}
        cached = _VARIANTS[id(titles)] = (titles, folded)
    return cached[1]


def first_sheet_with_header(path: Path, titles: dict[str, tuple[str, ...]],
                            required: tuple[str, ...],
                            not_this: str) -> tuple[str, list[list], Header]:
    """The first sheet whose header carries the required titles, with its rows read
    whole (see first_sheet_with_layout for one read as it goes).

    `not_this` opens the error when no sheet qualifies, e.g. "bukan Laporan Realisasi /
    not a realization report"; each sheet's reason follows it.
    """
    _, sheet, header = first_sheet_with_layout(path, {"": (titles, required)}, not_this)
    return sheet.name, sheet.whole(), header


# A layout a source reads: its titles mapping and the columns its header must carry.
Layout = tuple[dict[str, tuple[str, ...]], tuple[str, ...]]


def first_sheet_with_layout(path: Path, layouts: dict[str, Layout], not_this: str,
                            prefer: str | None = None) -> tuple[str, SheetRows, Header]:
    """The first sheet (the one named `prefer` before the others) whose header carries
    the required titles of one of the source's layouts, tried in their order: the
    layout's name, the sheet (its rows read as they are taken) and the header. A file's
    layout is told by its titles; with no sheet of any, the error names what each sheet
    lacks per layout."""
    problems = []
    for sheet in workbook_sheets(path, prefer):
        missing = []
        for layout, (titles, required) in layouts.items():
            header = find_header(sheet.head, titles, required)
            if header is not None:
                return layout, sheet, header
            lacking = ", ".join(missing_titles(sheet.head, titles, required))
            missing.append(f"{layout}: {lacking}" if layout else lacking)
        if sheet.is_empty():
            problems.append(f"sheet '{sheet.name}' kosong / empty")
        else:
            problems.append(f"sheet '{sheet.name}': kolom tidak ditemukan / columns not "
                            "found: " + " | ".join(missing))
    raise SourceFileError(path, f"{not_this}: " + "; ".join(problems))


# An xlsx whose parts inflate past this (some 45,000 per-document lines) is read a row at
# a time, by openpyxl's read-only reader (it parses a sheet's XML as it inflates):
# calamine holds a whole sheet in its own cells before it gives the first row, gigabytes
# for a million per-document lines, and the rows as Python lists as much again. A
# smaller workbook, every monthly export and OPD report seen, calamine reads whole, the
# faster way by far (docs/performance.md).
STREAM_ABOVE_BYTES = 32 << 20
STREAMED_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class SheetRows:
    """A sheet's rows: the first HEADER_SCAN_ROWS (head; row 1 of the sheet is
    head[0]), where a header is looked for, then the rest as they are read. A row's
    cells start at column A, as calamine's to_python(skip_empty_area=False) gives them;
    a streamed row may end before the sheet's last column (cells_at reads past it as
    None)."""

    name: str
    head: list[list]
    rest: Iterator[list]
    streamed: bool = False  # read row by row, not held whole (STREAM_ABOVE_BYTES)
    merges: list = field(default_factory=list)  # a held sheet's; see merged_ranges

    def rows_after(self, index: int) -> Iterator[tuple[int, list]]:
        """(row number as the spreadsheet shows it, row) for each row below the 0-based
        row `index` (a header's), to the sheet's last."""
        for position in range(index + 1, len(self.head)):
            yield position + 1, self.head[position]
        yield from enumerate(self.rest, len(self.head) + 1)

    def is_empty(self) -> bool:
        """Whether no cell holds more than blanks (reads on to the first that does)."""
        return not any(cell_text(cell) for row in chain(self.head, self.rest) for cell in row)

    def whole(self) -> list[list]:
        """Every row in a list (reads the rest)."""
        return [*self.head, *self.rest]


def workbook_sheets(path: Path, prefer: str | None = None) -> Iterator[SheetRows]:
    """The workbook's sheets in its order (the one named `prefer` first), each opened
    as it is asked for: read whole by calamine, or row by row where the workbook is
    large (STREAM_ABOVE_BYTES)."""
    inflated = _refuse_hostile_container(path)
    if inflated is not None and inflated > STREAM_ABOVE_BYTES \
            and path.suffix.lower() in STREAMED_SUFFIXES:
        yield from _streamed_sheets(path, prefer)
        return
    workbook = _calamine(path)
    for name in sorted(workbook.sheet_names, key=lambda name: name.strip() != prefer):
        try:
            sheet = workbook.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
        except Exception as exc:  # calamine raises several unrelated types
            raise SourceFileError(path, f"sheet tidak terbaca / unreadable sheet ({exc})",
                                  sheet=name) from exc
        yield SheetRows(name, rows[:HEADER_SCAN_ROWS], iter(rows[HEADER_SCAN_ROWS:]),
                        merges=sheet.merged_cell_ranges or [])


def _streamed_sheets(path: Path, prefer: str | None) -> Iterator[SheetRows]:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for bad files
        raise SourceFileError(
            path, f"bukan file spreadsheet yang bisa dibaca / not a readable spreadsheet ({exc})"
        ) from exc
    # Not closed here: a sheet's rows may still be read once the sheets are no longer
    # asked for; the package closes when nothing refers to it.
    for name in sorted(workbook.sheetnames, key=lambda name: name.strip() != prefer):
        rows = _streamed_rows(path, workbook[name])
        yield SheetRows(name, list(islice(rows, HEADER_SCAN_ROWS)), rows, streamed=True)


def _streamed_rows(path: Path, worksheet) -> Iterator[list]:
    """A worksheet's rows as openpyxl reads them, each cell as calamine gives it."""
    if not hasattr(worksheet, "iter_rows"):  # a chart sheet: no cells
        return
    number = empty = 0
    try:
        for number, cells in enumerate(worksheet.iter_rows(), 1):
            row = [_as_calamine_gives(cell) for cell in cells]
            if not any(value != "" for value in row):
                # calamine's sheet ends at its last value; openpyxl's goes on to the
                # last row with a format: held back until a value follows
                empty += 1
                continue
            yield from repeat([], empty)
            empty = 0
            yield row
    except Exception as exc:  # a part cut short, bad XML: after row `number`
        raise SourceFileError(path, f"sheet tidak terbaca / unreadable sheet ({exc})",
                              sheet=worksheet.title, row=number + 1) from exc


def merged_ranges(path: Path, sheet: SheetRows) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The sheet's merged ranges ((top, left), (bottom, right), 0-based) as calamine
    gives them. A worksheet lists them after its rows: for a streamed sheet, its XML is
    scanned for them alone (expat, nothing held but the ranges)."""
    if not sheet.streamed:
        return sheet.merges
    ranges = []

    def start(tag: str, attributes: dict) -> None:
        if tag == _MERGE_CELL:
            first, _, last = attributes["ref"].partition(":")
            ranges.append((_cell_position(first), _cell_position(last or first)))

    try:
        with zipfile.ZipFile(path) as archive, \
                archive.open(worksheet_parts(archive)[sheet.name]) as stream:
            parser = expat.ParserCreate(namespace_separator=" ")
            parser.StartElementHandler = start
            parser.ParseFile(stream)
    except Exception as exc:  # a part missing or cut short, bad XML
        raise SourceFileError(path, f"sheet tidak terbaca / unreadable sheet ({exc})",
                              sheet=sheet.name) from exc
    return ranges


_MERGE_CELL = "http://schemas.openxmlformats.org/spreadsheetml/2006/main mergeCell"
_CELL_REFERENCE = re.compile(r"^\$?([A-Z]+)\$?(\d+)$")


def _cell_position(reference: str) -> tuple[int, int]:
    """'B5' -> (4, 1): the 0-based row and column."""
    letters, digits = _CELL_REFERENCE.match(reference.upper()).groups()
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(digits) - 1, column - 1


def _as_calamine_gives(cell) -> object:
    """openpyxl's cell as calamine's to_python gives it, so a sheet reads the same
    whichever reads it: an empty cell or an error value (#REF!) "", every number a
    float, a date cell of a whole day a date."""
    value = cell.value
    if value is None or cell.data_type == "e":
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date()
    return value


def missing_titles(rows: list[list], titles: dict[str, tuple[str, ...]],
                   required: tuple[str, ...]) -> list[str]:
    """Titles of required columns absent from the row that matches best, for the error."""
    variants = _variants(titles)
    best: set[str] = set()
    for row in rows[:HEADER_SCAN_ROWS]:
        found = {variants[fold_title(c)] for c in row if fold_title(c) in variants}
        if len(found) > len(best):
            best = found
    return [titles[name][0] for name in required if name not in best]


def cell_text(value: object) -> str | None:
    """A cell as text, for codes: 1.0 -> '1'; empty -> None. Never a float's rounding."""
    if isinstance(value, str):  # most cells: asked first, as every row's codes pass here
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def cells_at(row: list, positions: list[int | None]) -> list:
    """The row's cells at these 0-based positions (from a Header's columns, looked up
    once per sheet); None for an absent column or past the row's last cell."""
    width = len(row)
    return [row[p] if p is not None and p < width else None for p in positions]


def column_letter(number: int) -> str:
    """The column as the spreadsheet names it: 1 -> 'A', 27 -> 'AA'."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def parse_rupiah(value: object, scale: int = 1) -> Decimal | None:
    """Money from a cell: numbers, '1.234.567,00', '1234567.5', '1,2E+9'. Empty -> None.
    `scale` multiplies before rounding to cents (1000 for amounts in thousands, where
    '1.234,567' is Rp 1,234,567).

    Raises ValueError for anything else, so the caller can name the row.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"bukan angka / not a number: {value!r}")
    if isinstance(value, int):
        return Decimal(value * scale)
    if isinstance(value, float):
        # repr gives the shortest text that round-trips: 1234.56, never 1234.559999.
        return _cents(Decimal(repr(value)) * scale)
    text = decimal_text(str(value))
    if not text:
        return None
    try:
        return _cents(Decimal(text) * scale)
    except InvalidOperation:
        raise ValueError(f"bukan angka / not a number: {value!r}") from None


def decimal_text(value: str) -> str:
    """Amount text as Decimal() should read it ('' when there is none): 'Rp' and spaces
    out, Indonesian grouping and decimal comma turned into plain decimal notation.

    Raises ValueError for a comma that may group thousands or mark decimals."""
    text = value.strip().replace("Rp", "").replace(" ", "").replace("\u00a0", "")
    if _COMMA_GROUPS_OR_DECIMAL.match(text):
        raise ValueError(
            f"angka ambigu / ambiguous number: {value!r}: koma pemisah ribuan atau desimal? / "
            f"is the comma a thousands or a decimal separator? Tulis / write "
            f"{text.replace(',', '.')} untuk ribuan / for thousands")
    if _ID_NUMBER.match(text):  # Indonesian: '.' groups thousands, ',' is the decimal mark
        return text.replace(".", "").replace(",", ".")
    if "," in text and "." not in text and "e" not in text.lower():
        return text.replace(",", ".")
    if "e" in text.lower():
        return text.replace(",", ".")
    return text


def _cents(amount: Decimal) -> Decimal:
    if not amount.is_finite():
        raise ValueError(f"bukan angka / not a number: {amount}")
    return amount.quantize(Decimal("0.01"))
