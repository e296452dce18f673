"""Landing an SP2D csv with one COPY straight into raw.sp2d_rincian.

An SP2D list runs to millions of lines a year for a province. read.py turns each into
Python objects (dates, Decimals) that the loader writes back out as text for COPY: some
25,000 lines a second, the whole file in memory. This lands a csv with the same outcome
(the same rows, row numbers, values, skipped rows, manifest figures and errors) while
streaming, at the speed of COPY itself:

- csv_stream gives each record's cells as bytes, as read.py's csv reader would;
- a line whose cells are of forms already judged goes to COPY as text the database
  types, in a few bytes operations: its date text was read by read.py's date parser
  before (a year has a few hundred), and its amounts are of a shape (each digit written
  as 0: '1.234.567,00' -> '0.000.000,00') that parse_rupiah took before, whose reading
  (Indonesian grouping or a decimal comma, at most two decimals) is plain text work;
- any other record (the first of each date and shape, a total, title, note or empty
  row, a bad line) is read by read.py itself, on its own: its row, its skip, or its
  error is read.py's by construction.

An error stops the COPY mid-stream; the caller's transaction rolls back.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import psycopg2.errors

from pipelines.inbox import FileMeta
from pipelines.sources.base import LoadedFile
from pipelines.sources.sp2d.csv_stream import DELIMITER, ChunkReader, CsvRecords, Record
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
    skipped_kind,
    unreadable_csv,
)
from pipelines.sources.spreadsheet import HEADER_SCAN_ROWS, Header, decimal_text, parse_rupiah

RAW_TABLE = "raw.sp2d_rincian"
_LINEAGE = ("file_id", "file_sha256", "kode_pemda", "sheet", "row_number")
_NOMOR, _TANGGAL, _NILAI, _POTONGAN, _NPWP, _REKENING_BANK = (
    COLUMNS.index(name) for name in
    ("nomor_sp2d", "tanggal_sp2d", "nilai", "potongan", "npwp", "nomor_rekening_bank")
)
# First bytes of a NOMOR SP2D on a plain (ASCII) line that TOTAL_LABEL might match:
# the regular expression runs only for those.
_MAYBE_TOTAL = frozenset(b"sSgGjJtT")
_ZERO_DIGITS = bytes.maketrans(b"123456789", b"000000000")


def load_csv(cur, path: Path, meta: FileMeta, file_id: int, sha256: str) -> LoadedFile:
    """Land one SP2D csv into raw.sp2d_rincian inside the caller's transaction; raise
    SourceFileError (the caller rolls back) as read_sp2d would."""
    with path.open("rb") as handle:
        records = CsvRecords(handle)
        try:
            head = records.head(HEADER_SCAN_ROWS)
            header = csv_header(path, head)
            width = len(head[header.row_index])
            lines = _Lines(path, meta, header, width)
            copied = lines.copy_lines(records.body(head[header.row_index + 1:], width),
                                      f"{file_id};{sha256};{_csv_cell(meta.kode_pemda)};"
                                      f"{CSV_SHEET};".encode())
            _copy(cur, copied)
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


def _copy(cur, lines: Iterator[bytes]) -> None:
    reader = ChunkReader(lines)
    try:
        cur.copy_expert(
            f"copy {RAW_TABLE} ({', '.join((*_LINEAGE, *COLUMNS))}) from stdin "
            f"with (format csv, delimiter '{DELIMITER}', encoding 'UTF8')", reader)
    except psycopg2.errors.QueryCanceled:
        if reader.failure is None:
            raise
        raise reader.failure from None
    finally:
        reader.close()


class _Lines:
    """The file's records into COPY lines, with the tallies the manifest keeps."""

    def __init__(self, path: Path, meta: FileMeta, header: Header, width: int):
        self.path, self.meta, self.header, self.width = path, meta, header, width
        # Where each of COLUMNS is in a record; an absent one points at the b'' after
        # the last cell.
        self.positions = tuple(header.columns.get(name, width) for name in COLUMNS)
        self._reader_positions = tuple(header.columns.get(name) for name in COLUMNS)
        self.tahun = meta.tahun
        self.rows = 0
        self.skipped = dict.fromkeys(SKIPPED_KINDS, 0)
        self.numeric_ids = 0
        self.dates: dict[bytes, date] = {}  # date text -> the date read.py read
        self._iso: dict[bytes, bytes] = {}
        self._shapes: dict[bytes, tuple[bool, int] | None] = {}  # see _reading
        self._cents = 0  # NILAI of the lines read here, in cents
        self._read_total = Decimal(0)  # NILAI of the lines read.py read

    def total(self) -> Decimal:
        return self._read_total + Decimal(self._cents).scaleb(-2)

    def copy_lines(self, records: Iterator[Record], prefix: bytes) -> Iterator[bytes]:
        """The hot loop: a few bytes operations and dict lookups a line."""
        positions, iso, shapes = self.positions, self._iso, self._shapes
        p_nomor, p_tanggal, p_nilai, p_potongan = (
            positions[i] for i in (_NOMOR, _TANGGAL, _NILAI, _POTONGAN))
        p_npwp, p_rekening_bank = positions[_NPWP], positions[_REKENING_BANK]
        row_number = self.header.row_index + 1
        for cells, plain, wide in records:
            row_number += 1
            nomor, tanggal, nilai = cells[p_nomor], cells[p_tanggal], cells[p_nilai]
            potongan = cells[p_potongan]
            if not plain or not nomor or tanggal not in iso \
                    or nomor[0] in _MAYBE_TOTAL and TOTAL_LABEL.match(nomor.decode()):
                yield from self._by_reader(cells, wide, row_number, prefix)
                continue
            nilai_reading = shapes.get(nilai.translate(_ZERO_DIGITS))
            potongan_reading = shapes.get(potongan.translate(_ZERO_DIGITS)) if potongan \
                else _NO_AMOUNT
            if nilai_reading is None or potongan_reading is None:
                yield from self._by_reader(cells, wide, row_number, prefix)
                continue
            grouped, to_cents = nilai_reading
            if grouped:
                nilai = nilai.replace(b".", b"")
            nilai = nilai.replace(b",", b".")
            self._cents += int(nilai.replace(b".", b"")) * to_cents
            if potongan:
                if potongan_reading[0]:
                    potongan = potongan.replace(b".", b"")
                potongan = potongan.replace(b",", b".")
            self.numeric_ids += _numeric_id(cells[p_npwp], cells[p_rekening_bank])
            line = [cells[p] for p in positions]
            line[_TANGGAL], line[_NILAI], line[_POTONGAN] = iso[tanggal], nilai, potongan
            self.rows += 1
            yield b"%s%d;%s" % (prefix, row_number, b";".join(line))

    def _by_reader(self, cells: list[bytes], wide: bool, row_number: int,
                   prefix: bytes) -> Iterator[bytes]:
        """One record read by read.py: a skipped row counted, a line landed (and its
        date and amount shapes judged for the lines after it), or read.py's error."""
        # Cells beyond the header's width were cut; all they tell is a note from an
        # empty row, and one non-blank cell in their place tells it as well.
        record = [cell.decode() for cell in cells[:self.width]] + (["…"] if wide else [])
        _, line = csv_cells(record, self._reader_positions)
        nomor = line[_NOMOR]
        if nomor is None or (line[_TANGGAL] is None and line[_NILAI] is None) \
                or TOTAL_LABEL.match(nomor):
            self.skipped[skipped_kind(self.path, CSV_SHEET, row_number, record, line)] += 1
            return
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
        yield b"%s%d;%s" % (prefix, row_number,
                            b";".join(_csv_cell(value).encode() for value in values))


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
