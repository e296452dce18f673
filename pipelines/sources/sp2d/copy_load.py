"""Landing an SP2D csv with one COPY straight into raw.sp2d_rincian.

An SP2D list runs to millions of lines a year for a province. read.py turns each into
Python objects (dates, Decimals) that the loader writes back out as text for COPY: some
25,000 lines a second, the whole file in memory. This lands a csv with the same outcome
(the same rows, row numbers, values, skipped rows, manifest figures and errors) while
streaming, at the speed of COPY itself:

- csv_stream gives runs of plain lines, and the other records' cells as bytes, as
  read.py's csv reader would;
- a run of plain lines is judged a column at a time with bytes operations over the
  whole column (split, join, translate, set): every line has the header's width, a
  SP2D number that cannot be a total, a date text read by read.py's date parser in the
  file's year (a year has a few hundred), and amounts of shapes (each digit written as
  0: '1.234.567,00' -> '0.000.000,00') that parse_rupiah reads as plain text work
  (Indonesian grouping or a decimal comma, at most two decimals), one reading a column;
  then the run goes to COPY as text the database types, a few C loops per column (a
  file in COLUMNS' order, as the finance system exports it, goes as it was split, its
  typed columns put back; another order is rebuilt line by line);
- a run where any of that fails goes line by line: a line of known date and shapes
  still goes in a few bytes operations, and any other record (the first of a date in
  the year a file without one in its metadata takes, a total, title, note or empty
  row, a bad line) is read by read.py itself, on its own: its row, its skip, or its
  error is read.py's by construction.

An error stops the COPY mid-stream; the caller's transaction rolls back.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from decimal import Decimal
from itertools import repeat
from pathlib import Path
from typing import Iterator

import psycopg2.errors

from pipelines.inbox import FileMeta
from pipelines.sources.base import LoadedFile
from pipelines.sources.dates import parse_tanggal
from pipelines.sources.errors import SourceFileError
from pipelines.sources.sp2d.csv_stream import (
    DELIMITER,
    SEPARATOR,
    ChunkReader,
    CsvRecords,
    PlainLines,
    Record,
    plain_record,
)
from pipelines.sources.sp2d.read import (
    COLUMNS,
    CSV_SHEET,
    SKIPPED_KINDS,
    TOTAL_LABEL,
    csv_cells,
    csv_header,
    encoding_error,
    key_of,
    no_lines_error,
    notes_of,
    parse_lines,
    refuse_workbook,
    skipped_kind,
    unreadable_csv,
)
from pipelines.sources.spreadsheet import HEADER_SCAN_ROWS, Header, decimal_text, parse_rupiah

RAW_TABLE = "raw.sp2d_rincian"
# The columns of a COPY line: the file's lineage, its cells, then its row number.
_LINEAGE = ("file_id", "kode_pemda", "sheet")
_COPY_COLUMNS = (*_LINEAGE, *COLUMNS, "row_number")
_NOMOR, _TANGGAL, _NILAI, _POTONGAN, _NPWP, _REKENING_BANK = (
    COLUMNS.index(name) for name in
    ("nomor_sp2d", "tanggal_sp2d", "nilai", "potongan", "npwp", "nomor_rekening_bank")
)
# First bytes of a NOMOR SP2D on a plain (ASCII) line that TOTAL_LABEL might match:
# the regular expression runs only for those.
_MAYBE_TOTAL = frozenset(b"sSgGjJtT")
# The same for a column of numbers joined by '\n' after a '\n', in lower case: the
# words TOTAL_LABEL starts with, at the start of a number.
_MAYBE_TOTAL_STARTS = (b"\nsub", b"\ngrand", b"\njumlah", b"\ntotal")
# What to delete from a run's line break pieces, joined by NUL (never in a plain line),
# for only their line feeds and the NULs to be left.
_ALL_BUT_BREAKS = bytes(byte for byte in range(256) if byte not in b"\0\n")
_ZERO_DIGITS = bytes.maketrans(b"123456789", b"000000000")
_COPIED_PER_LINE = len(COLUMNS) + 1  # cells and row number: what a line adds to its run


def load_csv(cur, path: Path, meta: FileMeta, file_id: int) -> LoadedFile:
    """Land one SP2D csv into raw.sp2d_rincian inside the caller's transaction; raise
    SourceFileError (the caller rolls back) as read_sp2d would."""
    refuse_workbook(path)
    with path.open("rb") as handle:
        records = CsvRecords(handle)
        try:
            head = records.head(HEADER_SCAN_ROWS)
            header = csv_header(path, head)
            width = len(head[header.row_index])
            lines = _Lines(path, meta, header, width,
                           f"{file_id};{_csv_cell(meta.kode_pemda)};"
                           f"{CSV_SHEET}".encode())
            _copy(cur, lines.copy_text(records.body(head[header.row_index + 1:], width)))
        except UnicodeDecodeError:
            raise encoding_error(path) from None
        except csv.Error as exc:
            raise unreadable_csv(path, exc) from None
    if not lines.rows:
        raise no_lines_error(path, CSV_SHEET)
    return LoadedFile(
        tahun=lines.tahun,
        rows=lines.rows,
        rows_skipped=sum(lines.skipped.values()),
        total=lines.total(),
        notes=notes_of(lines.skipped, lines.numeric_ids),
        supersede_key=key_of(meta, lines.tahun, min(lines.dates.values()),
                             max(lines.dates.values())),
    )


def _copy(cur, pieces: Iterator[bytes]) -> None:
    reader = ChunkReader(pieces)
    try:
        cur.copy_expert(
            f"copy {RAW_TABLE} ({', '.join(_COPY_COLUMNS)}) from stdin "
            f"with (format csv, delimiter '{DELIMITER}', encoding 'UTF8')", reader)
    except psycopg2.errors.QueryCanceled:
        if reader.failure is None:
            raise
        raise reader.failure from None
    finally:
        reader.close()


class _Lines:
    """The file's records into COPY text, with the tallies the manifest keeps."""

    def __init__(self, path: Path, meta: FileMeta, header: Header, width: int,
                 lineage: bytes):
        self.path, self.meta, self.header, self.width = path, meta, header, width
        self.lineage = lineage  # the _LINEAGE columns, as COPY text
        # Where each of COLUMNS is in a record; an absent one points at the b'' after
        # the last cell.
        self.positions = tuple(header.columns.get(name, width) for name in COLUMNS)
        self._reader_positions = tuple(header.columns.get(name) for name in COLUMNS)
        # The file's cells are COLUMNS, in order: a run goes to COPY as it was split.
        self.in_file_order = self.positions == tuple(range(width))
        self.tahun = meta.tahun
        self.rows = 0
        self.skipped = dict.fromkeys(SKIPPED_KINDS, 0)
        self.numeric_ids = 0
        self.dates: dict[bytes, date] = {}  # date text -> the date read.py reads
        self._iso: dict[bytes, bytes] = {}
        self._shapes: dict[bytes, tuple[bool, int] | None] = {}  # see _reading
        self._cents = 0  # NILAI of the lines read here, in cents
        self._read_total = Decimal(0)  # NILAI of the lines read.py read

    def total(self) -> Decimal:
        return self._read_total + Decimal(self._cents).scaleb(-2)

    def copy_text(self, records: Iterator[Record | PlainLines]) -> Iterator[bytes]:
        """COPY text of the records: a run of plain lines at once where it can be,
        else a line at a time."""
        row_number = self.header.row_index + 1
        for item in records:
            if isinstance(item, PlainLines):
                text = self._run(item, row_number + 1)
                if text is not None:
                    row_number += item.count
                    yield text
                    continue
                for line in item.lines:
                    row_number += 1
                    yield self._line(plain_record(line, self.width), row_number)
                continue
            row_number += 1
            yield self._line(item, row_number)

    def _run(self, run: PlainLines, first_row: int) -> bytes | None:
        """The COPY text of a run of plain lines judged a column at a time, or None
        where a line needs judging on its own (see the module's docstring)."""
        count, step = run.count, self.width - 1  # step: the separators of a line
        # Split at ';' only, the run is its lines' cells but for each line break's: the
        # last cell of one line and the first of the next, as one piece.
        pieces = run.text.split(SEPARATOR)
        if len(pieces) != count * step + 1:
            return None  # a line of other width: padded, or with a note beyond the header
        breaks = pieces[step:-1:step]
        # Every line break in a piece of its own, one each: every line has the width.
        if b"\0".join(breaks).translate(None, _ALL_BUT_BREAKS) != \
                b"\0".join(repeat(b"\n", len(breaks))):
            return None
        ends = run.ending.join(breaks).split(run.ending) if breaks else []
        firsts, lasts = [pieces[0], *ends[1::2]], [*ends[::2], pieces[-1]]

        def column(name: int) -> list[bytes]:
            position = self.positions[name]
            return firsts if position == 0 else lasts if position == step \
                else pieces[position::step] if position < step else [b""] * count

        nomor = column(_NOMOR)
        numbers = b"\n" + b"\n".join(nomor).lower()
        if b"" in nomor or any(start in numbers for start in _MAYBE_TOTAL_STARTS):
            return None
        tanggal = column(_TANGGAL)
        dates = self._new_dates(set(tanggal).difference(self._iso))
        nilai = self._amounts(column(_NILAI), required=True)
        potongan = self._amounts(column(_POTONGAN), required=False)
        if dates is None or nilai is None or potongan is None:
            return None
        numeric_ids = sum(map(_numeric_id, column(_NPWP), column(_REKENING_BANK))) \
            if b"E+" in run.text or b"e+" in run.text else 0

        for text, value in dates.items():
            self.dates[text] = value
            self._iso[text] = value.isoformat().encode()
        typed = {_TANGGAL: list(map(self._iso.__getitem__, tanggal)),
                 _NILAI: nilai[0], _POTONGAN: potongan[0]}
        self.rows += count
        self._cents += nilai[1]
        self.numeric_ids += numeric_ids
        if self.in_file_order:
            return self._rejoined(pieces, typed, first_row, count, run.ending)
        return self._reordered([typed[name] if name in typed else column(name) for name in
                                range(len(COLUMNS))], first_row, count)

    def _rejoined(self, pieces: list[bytes], typed: dict[int, list[bytes]], first_row: int,
                  count: int, ending: bytes) -> bytes:
        """A run of a file in COLUMNS' order as COPY text: its pieces, with the typed
        columns put back and each line break's piece given the row number and the next
        line's lineage."""
        step = self.width - 1
        for position, column in typed.items():  # inner columns: never a break's piece
            pieces[position::step] = column
        glue = b";%d\n" + self.lineage.replace(b"%", b"%%") + SEPARATOR
        pieces[step:-1:step] = map(bytes.replace, pieces[step:-1:step],
                                   repeat(ending, count - 1),
                                   map(glue.__mod__, range(first_row, first_row + count)))
        return b"%s;%s;%d\n" % (self.lineage, SEPARATOR.join(pieces),
                                 first_row + count - 1)

    def _reordered(self, columns: list[list[bytes]], first_row: int, count: int) -> bytes:
        """A run as COPY text, line by line in COLUMNS' order, whatever the file's."""
        # Every cell in one list, joined once: each line's cells, then its row number
        # glued to the line break and the next line's lineage.
        cells = [b""] * (count * _COPIED_PER_LINE)
        for position, column in enumerate(columns):
            cells[position::_COPIED_PER_LINE] = column
        glue = b"%d\n" + self.lineage.replace(b"%", b"%%")
        cells[len(COLUMNS)::_COPIED_PER_LINE] = map(glue.__mod__,
                                                    range(first_row, first_row + count))
        cells[-1] = b"%d\n" % (first_row + count - 1)
        return self.lineage + SEPARATOR + SEPARATOR.join(cells)

    def _new_dates(self, texts: set[bytes]) -> dict[bytes, date] | None:
        """Date texts not seen before, as read.py reads them where each is a date in
        the file's year; None where one is not (or the year is not known yet: the
        first line tells it)."""
        dates = {}
        for text in texts:
            try:
                dates[text] = parse_tanggal(self.path, CSV_SHEET, 0, text.decode())
            except SourceFileError:
                return None
            if dates[text].year != self.tahun:
                return None
        return dates

    def _amounts(self, cells: list[bytes], required: bool
                 ) -> tuple[list[bytes], int] | None:
        """A column of amounts as COPY text and their sum in cents, where all are of
        shapes of one reading (an empty POTONGAN is NULL); else None."""
        joined = b"\n".join(cells)
        readings = set()
        for shape in set(joined.translate(_ZERO_DIGITS).split(b"\n")):
            if shape or required:
                if shape not in self._shapes:
                    self._shapes[shape] = _reading(shape)
                readings.add(self._shapes[shape])
        if None in readings or len(readings) > 1:
            return None
        if not readings:  # every POTONGAN empty
            return cells, 0
        grouped, to_cents = readings.pop()
        if grouped:
            joined = joined.replace(b".", b"")
        joined = joined.replace(b",", b".")
        cents = sum(map(int, joined.replace(b".", b"").split(b"\n"))) * to_cents \
            if required else 0
        return joined.split(b"\n"), cents

    def _line(self, record: Record, row_number: int) -> bytes:
        """One record's COPY line (b'' for a skipped row): a few bytes operations where
        its date and amount shapes are known, else read by read.py."""
        cells, plain, wide = record
        positions = self.positions
        nomor, tanggal = cells[positions[_NOMOR]], cells[positions[_TANGGAL]]
        nilai, potongan = cells[positions[_NILAI]], cells[positions[_POTONGAN]]
        if not plain or not nomor or tanggal not in self._iso \
                or nomor[0] in _MAYBE_TOTAL and TOTAL_LABEL.match(nomor.decode()):
            return self._by_reader(cells, wide, row_number)
        nilai_reading = self._shapes.get(nilai.translate(_ZERO_DIGITS))
        potongan_reading = self._shapes.get(potongan.translate(_ZERO_DIGITS)) if potongan \
            else _NO_AMOUNT
        if nilai_reading is None or potongan_reading is None:
            return self._by_reader(cells, wide, row_number)
        grouped, to_cents = nilai_reading
        if grouped:
            nilai = nilai.replace(b".", b"")
        nilai = nilai.replace(b",", b".")
        self._cents += int(nilai.replace(b".", b"")) * to_cents
        if potongan:
            if potongan_reading[0]:
                potongan = potongan.replace(b".", b"")
            potongan = potongan.replace(b",", b".")
        self.numeric_ids += _numeric_id(cells[positions[_NPWP]],
                                        cells[positions[_REKENING_BANK]])
        line = [cells[p] for p in positions]
        line[_TANGGAL], line[_NILAI], line[_POTONGAN] = self._iso[tanggal], nilai, potongan
        self.rows += 1
        return b"%s;%s;%d\n" % (self.lineage, SEPARATOR.join(line), row_number)

    def _by_reader(self, cells: list[bytes], wide: bool, row_number: int) -> bytes:
        """One record read by read.py: a skipped row counted (b''), a line landed (and
        its date and amount shapes judged for the lines after it), or read.py's error."""
        # Cells beyond the header's width were cut; all they tell is a note from an
        # empty row, and one non-blank cell in their place tells it as well.
        record = [cell.decode() for cell in cells[:self.width]] + (["…"] if wide else [])
        _, line = csv_cells(record, self._reader_positions)
        nomor = line[_NOMOR]
        if nomor is None or (line[_TANGGAL] is None and line[_NILAI] is None) \
                or TOTAL_LABEL.match(nomor):
            self.skipped[skipped_kind(self.path, CSV_SHEET, row_number, record, line)] += 1
            return b""
        parsed = parse_lines(self.path, CSV_SHEET, [(row_number, record)], self.header,
                             replace(self.meta, tahun=self.tahun), csv_cells)
        [(_, _, *values)] = parsed.rows
        self.tahun = parsed.tahun
        self.rows += 1
        self._read_total += values[_NILAI]
        self.numeric_ids += _numeric_id(cells[self.positions[_NPWP]],
                                        cells[self.positions[_REKENING_BANK]])
        tanggal = cells[self.positions[_TANGGAL]]
        self.dates[tanggal] = values[_TANGGAL]
        self._iso[tanggal] = values[_TANGGAL].isoformat().encode()
        for position in (self.positions[_NILAI], self.positions[_POTONGAN]):
            shape = cells[position].translate(_ZERO_DIGITS)
            if shape and shape not in self._shapes:
                self._shapes[shape] = _reading(shape)
        return b"%s;%s;%d\n" % (self.lineage,
                                b";".join(_csv_cell(value).encode() for value in values),
                                row_number)


_NO_AMOUNT = (False, 0)  # an empty POTONGAN: NULL


def _numeric_id(npwp: bytes, rekening_bank: bytes) -> bool:
    """read.py's _looks_numeric on csv text: '1,23457E+14' is a number Excel wrote."""
    return b"E+" in npwp or b"e+" in npwp or b"E+" in rekening_bank \
        or b"e+" in rekening_bank


def _reading(shape: bytes) -> tuple[bool, int] | None:
    """How to read amounts of this shape as parse_rupiah does, with bytes.replace:
    whether '.' groups thousands (and goes), then ',' becomes '.'; and the factor from
    the result without its '.' to cents. None where only read.py should read it: forms
    other than digits, '-', '.' and ',' to at most two decimals, or refused ones."""
    text = shape.decode("ascii", errors="replace")
    try:
        amount = parse_rupiah(text)
    except ValueError:
        return None
    plain = decimal_text(text)
    if amount is None or not shape.isascii() or not all(c in "-0.," for c in text) \
            or plain.count(".") > 1 or len(plain.partition(".")[2]) > 2:
        return None
    to_cents = 10 ** (2 - len(plain.partition(".")[2]))
    if plain == text.replace(".", "").replace(",", "."):
        return True, to_cents
    if plain == text.replace(",", "."):
        return False, to_cents
    return None


def _csv_cell(value: object) -> str:
    """A value as a COPY csv field: empty for None (NULL), quoted otherwise."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return '"' + str(value).replace('"', '""') + '"'
