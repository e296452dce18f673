"""Reader for the SP2D list (payment orders), csv or xlsx: one row per SP2D detail line.

csv: ';'-separated, UTF-8 (a BOM is fine), Indonesian number text ("1.234.567,00"),
dates as text. Any other encoding is refused with the line and bytes that fail: a
Windows-1252 guess would decode anything without error, so a wrong guess would land
misspelt recipient names silently; the fix for the sender is one click ("CSV UTF-8").
The csv has no sheets: its rows land with sheet = 'csv', and row numbers count records
as a spreadsheet opening the file shows them (an encoding error names the file line;
the two differ only after a quoted field that spans lines).

xlsx: the first sheet whose header row is found, as for the other sources.

The loader lands csv files through copy_load.py (streamed into COPY, same outcome):
what this module reads is the contract both keep.

NPWP and NOMOR REKENING BANK are personal data: kept as text exactly as written (leading
zeros too) and never echoed in messages; masking happens downstream.
"""

from __future__ import annotations

import codecs
import csv
import re
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import Callable, Iterable

from pipelines.inbox import FileMeta
from pipelines.sources.base import ParsedFile
from pipelines.sources.dates import parse_tanggal
from pipelines.sources.errors import SourceFileError
from pipelines.sources.spreadsheet import (
    HEADER_SCAN_ROWS,
    Header,
    cell_text,
    find_header,
    first_sheet_with_header,
    is_workbook,
    missing_titles,
    parse_rupiah,
)

# Canonical column -> title variants seen in exports (folded when compared).
TITLES: dict[str, tuple[str, ...]] = {
    "nomor_sp2d": ("NOMOR SP2D", "NO SP2D", "NO. SP2D"),
    "tanggal_sp2d": ("TANGGAL SP2D", "TGL SP2D", "TGL. SP2D"),
    "jenis_sp2d": ("JENIS SP2D", "JENIS"),
    "nomor_spm": ("NOMOR SPM", "NO SPM", "NO. SPM"),
    "kode_skpd": ("KODE SKPD", "KODE OPD"),
    "nama_skpd": ("NAMA SKPD", "NAMA OPD"),
    "kode_sub_unit": ("KODE SUB UNIT", "KODE SUB SKPD", "KODE UNIT"),
    "kode_sub_kegiatan": ("KODE SUB KEGIATAN", "KODE SUBKEGIATAN"),
    "kode_rekening": ("KODE REKENING", "KODE AKUN"),
    "uraian": ("URAIAN", "KETERANGAN", "URAIAN SP2D"),
    "nilai": ("NILAI", "NILAI SP2D", "NILAI (RP)"),
    "potongan": ("POTONGAN", "NILAI POTONGAN", "JUMLAH POTONGAN"),
    "nama_penerima": ("NAMA PENERIMA", "PENERIMA", "NAMA PIHAK KETIGA"),
    "npwp": ("NPWP", "NPWP PENERIMA"),
    "bank": ("BANK", "NAMA BANK", "BANK PENERIMA"),
    "nomor_rekening_bank": ("NOMOR REKENING BANK", "NO REKENING BANK", "NO. REKENING BANK",
                            "NOMOR REKENING", "NO. REKENING", "REKENING BANK"),
}
REQUIRED = ("nomor_sp2d", "tanggal_sp2d", "jenis_sp2d", "kode_skpd", "kode_sub_kegiatan",
            "kode_rekening", "nilai")
COLUMNS = tuple(TITLES)
CSV_SHEET = "csv"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")

_NOMOR, _TANGGAL, _NILAI, _POTONGAN, _NPWP, _REKENING_BANK = (
    COLUMNS.index(name) for name in
    ("nomor_sp2d", "tanggal_sp2d", "nilai", "potongan", "npwp", "nomor_rekening_bank")
)
# What only a detail line carries: a row with them but no SP2D number (or no date and
# amount) is a line that lost them (merged cells), not a total or a note.
_LINE_ONLY = tuple(COLUMNS.index(name) for name in
                   ("tanggal_sp2d", "kode_sub_kegiatan", "kode_rekening"))
TOTAL_LABEL = re.compile(r"^(SUB\s*)?(GRAND\s*)?(JUMLAH|TOTAL)\b", re.IGNORECASE)
Positions = tuple[int | None, ...]  # column index of each of COLUMNS in a record
SKIPPED_KINDS = ("subtotal", "kosong / empty", "judul/catatan / title or note")
NOT_A_LIST = "bukan daftar SP2D / not an SP2D list"


def read_sp2d(path: Path, meta: FileMeta) -> ParsedFile:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path, meta)
    if suffix in WORKBOOK_SUFFIXES:
        return _read_workbook(path, meta)
    raise SourceFileError(
        path, f"format {suffix or 'tanpa akhiran'} tidak didukung / unsupported format: "
        "kirim .csv, .xlsx atau .json / send .csv, .xlsx or .json",
    )


def supersede_key(meta: FileMeta, parsed: ParsedFile) -> str:
    """A re-export of the same date range (or the same metadata 'batch') replaces the earlier.

    The range is that of the lines' dates; where a correction moves its first or last
    date (an SP2D cancelled on the edge day), the sender names both files with the same
    'batch'. Overlapping exports (weekly and year-to-date) keep distinct keys: nothing is
    replaced by a file that does not cover it, so SP2D lines must be deduplicated by
    number downstream.
    """
    position = 2 + _TANGGAL
    dates = [row[position] for row in parsed.rows]
    return key_of(meta, parsed.tahun, min(dates), max(dates))


def key_of(meta: FileMeta, tahun: int, first: date, last: date) -> str:
    if meta.batch:
        return f"sp2d|{meta.kode_pemda}|{tahun}|{meta.batch}"
    return f"sp2d|{meta.kode_pemda}|{tahun}|{first}..{last}"


def _read_csv(path: Path, meta: FileMeta) -> ParsedFile:
    refuse_workbook(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            records = enumerate(csv.reader(handle, delimiter=";"), start=1)
            head = list(islice(records, HEADER_SCAN_ROWS))
            header = csv_header(path, [record for _, record in head])
            lines = chain(head[header.row_index + 1:], records)
            return parse_lines(path, CSV_SHEET, lines, header, meta, csv_cells)
    except UnicodeDecodeError:
        raise encoding_error(path) from None
    except csv.Error as exc:
        raise unreadable_csv(path, exc) from None


def csv_header(path: Path, head: list[list[str]]) -> Header:
    """The header among a csv's first HEADER_SCAN_ROWS records, or why there is none."""
    if not any(any(cell.strip() for cell in record) for record in head):
        raise SourceFileError(path, "file kosong / empty file", sheet=CSV_SHEET)
    header = find_header(head, TITLES, REQUIRED)
    if header is None:
        missing = ", ".join(missing_titles(head, TITLES, REQUIRED))
        raise SourceFileError(
            path, "bukan daftar SP2D / not an SP2D list: kolom tidak ditemukan / "
            f"columns not found: {missing} (pemisah kolom harus ';' / the "
            "separator must be ';')", sheet=CSV_SHEET,
        )
    return header


def refuse_workbook(path: Path) -> None:
    """A workbook named .csv is not read as text: its bytes would be refused as 'not
    UTF-8', which sends the sender to the wrong fix."""
    if is_workbook(path):
        raise SourceFileError(
            path, "file workbook Excel (xlsx/xls), bukan csv / an Excel workbook, not a csv: "
            "kirim dengan akhiran nama .xlsx (atau .xls) atau simpan ulang sebagai "
            "'CSV UTF-8' / send it named .xlsx (or .xls) or save it again as 'CSV UTF-8'",
            sheet=CSV_SHEET)


def unreadable_csv(path: Path, exc: csv.Error) -> SourceFileError:
    return SourceFileError(path, f"csv tidak terbaca / unreadable csv ({exc})", sheet=CSV_SHEET)


def encoding_error(path: Path) -> SourceFileError:
    """Name the first line and bytes that are not UTF-8 (UTF-8 never uses byte 0x0A
    inside a character, so lines can be decoded one at a time)."""
    with path.open("rb") as handle:
        for line_number, line in enumerate(handle, start=1):
            if line_number == 1 and line.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                return SourceFileError(
                    path, "file UTF-16 (Excel 'Unicode Text'), bukan UTF-8 / not UTF-8: "
                    "simpan ulang sebagai 'CSV UTF-8' / save again as 'CSV UTF-8'",
                    sheet=CSV_SHEET, row=1,
                )
            try:
                line.removeprefix(codecs.BOM_UTF8).decode("utf-8")
            except UnicodeDecodeError as exc:
                return SourceFileError(
                    path, f"bukan UTF-8 / not UTF-8: byte {line[exc.start:exc.end].hex(' ')} "
                    f"pada posisi / at byte {exc.start + 1} (mungkin Windows-1252/ANSI / "
                    "probably Windows-1252/ANSI): simpan ulang sebagai 'CSV UTF-8' / save "
                    "again as 'CSV UTF-8'", sheet=CSV_SHEET, row=line_number,
                )
    # Only reached if the file changed after the failed read: still refuse it, clearly.
    return SourceFileError(path, "bukan UTF-8 / not UTF-8", sheet=CSV_SHEET)


def _read_workbook(path: Path, meta: FileMeta) -> ParsedFile:
    sheet, rows, header = first_sheet_with_header(path, TITLES, REQUIRED, NOT_A_LIST)
    return read_list_sheet(path, meta, sheet, rows, header)


def read_list_sheet(path: Path, meta: FileMeta, sheet: str, rows: list[list],
                    header: Header) -> ParsedFile:
    """The SP2D lines under the header found in a workbook's sheet."""
    lines = enumerate(rows[header.row_index + 1:], start=header.row_index + 2)
    return parse_lines(path, sheet, lines, header, meta, _sheet_cells)


def csv_cells(record: list[str], positions: Positions) -> tuple[list, list]:
    """csv fields are text already: stripped, '' -> None; the raw and text views are one."""
    width = len(record)
    line = [record[p].strip() or None if p is not None and p < width else None
            for p in positions]
    return line, line


def _sheet_cells(record: list, positions: Positions) -> tuple[list, list]:
    """Sheet cells as they are (numbers, dates) and as text (codes, identifiers)."""
    width = len(record)
    values = [record[p] if p is not None and p < width else None for p in positions]
    return values, [cell_text(value) for value in values]


def parse_lines(path: Path, sheet: str, lines: Iterable[tuple[int, list]], header: Header,
                meta: FileMeta, cells: Callable[[list, Positions], tuple[list, list]],
                ) -> ParsedFile:
    """Every record under the header, as lines or counted skips. The loop of the xlsx
    reader, and of copy_load for each record it does not judge itself; kept to list
    comprehensions and dict lookups."""
    positions = tuple(header.columns.get(name) for name in COLUMNS)
    rows = []
    skipped = dict.fromkeys(SKIPPED_KINDS, 0)
    dates: dict[object, date] = {}  # SP2D dates repeat: each distinct cell is parsed once
    tahun = meta.tahun
    numeric_ids = 0
    for row_number, record in lines:
        values, line = cells(record, positions)
        nomor = line[_NOMOR]
        if nomor is None or (line[_TANGGAL] is None and line[_NILAI] is None) \
                or TOTAL_LABEL.match(nomor):
            skipped[skipped_kind(path, sheet, row_number, record, line)] += 1
            continue
        # Raw cells first: for csv, values and line are the same list, filled in below.
        raw_date, raw_nilai, raw_potongan = values[_TANGGAL], values[_NILAI], values[_POTONGAN]
        tanggal = dates.get(raw_date)
        if tanggal is None:
            tanggal = dates[raw_date] = parse_tanggal(path, sheet, row_number, raw_date)
        if tahun is None:
            tahun = tanggal.year
        elif tanggal.year != tahun:
            raise SourceFileError(
                path, f"TANGGAL SP2D {tanggal.isoformat()} di luar tahun {tahun} / outside "
                f"year {tahun}", sheet=sheet, row=row_number,
            )
        line[_TANGGAL] = tanggal
        line[_NILAI] = _money(path, sheet, row_number, "nilai", raw_nilai)
        if line[_NILAI] is None:
            raise SourceFileError(path, "NILAI kosong / empty", sheet=sheet, row=row_number)
        line[_POTONGAN] = _money(path, sheet, row_number, "potongan", raw_potongan)
        if _looks_numeric(values[_NPWP]) or _looks_numeric(values[_REKENING_BANK]):
            numeric_ids += 1
        rows.append((sheet, row_number, *line))
    if not rows:
        raise no_lines_error(path, sheet)
    return ParsedFile(
        columns=COLUMNS,
        rows=rows,
        file_columns={"kode_pemda": meta.kode_pemda},
        tahun=tahun,
        rows_skipped=sum(skipped.values()),
        notes=notes_of(skipped, numeric_ids),
    )


def no_lines_error(path: Path, sheet: str) -> SourceFileError:
    return SourceFileError(
        path, "tidak ada baris SP2D di bawah header / no SP2D lines under the header",
        sheet=sheet,
    )


def notes_of(skipped: dict[str, int], numeric_ids: int) -> list[str]:
    """What the manifest notes about a file: rows skipped by kind (SKIPPED_KINDS), and
    identifiers that reached the export as numbers."""
    notes = ["baris dilewati / rows skipped: "
             + ", ".join(f"{skipped[kind]} {kind}" for kind in SKIPPED_KINDS)]
    if numeric_ids:
        notes.append(
            f"{numeric_ids} baris dengan NPWP/NOMOR REKENING BANK tersimpan sebagai angka "
            "(nol di depan atau digit bisa hilang) / lines whose NPWP or bank account was "
            "stored as a number (leading zeros or digits may be lost)"
        )
    return notes


def skipped_kind(path, sheet, row_number, record: list, line: list) -> str:
    """Why a row is not a line: a total, a title or note (often in the first column, the
    NOMOR SP2D one), or empty. A detail line that lost its number, or its date and amount,
    is an error, never a skip."""
    nomor = line[_NOMOR]
    if nomor is not None and TOTAL_LABEL.match(nomor):
        return "subtotal"
    if any(line[index] is not None for index in _LINE_ONLY):
        lost = "NOMOR SP2D" if nomor is None else "TANGGAL SP2D dan NILAI"
        raise SourceFileError(
            path, f"{lost} kosong pada baris rincian (sel gabungan?) / empty on a detail "
            "line (merged cells?)", sheet=sheet, row=row_number,
        )
    if nomor is None and (line[_NILAI] is not None or line[_POTONGAN] is not None):
        return "subtotal"
    if any(cell not in (None, "") and str(cell).strip() for cell in record):
        return "judul/catatan / title or note"
    return "kosong / empty"


def _money(path, sheet, row_number, name: str, value: object):
    try:
        return parse_rupiah(value)
    except ValueError as exc:
        raise SourceFileError(path, f"{TITLES[name][0]}: {exc}", sheet=sheet,
                              row=row_number) from None


def _looks_numeric(value: object) -> bool:
    """An identifier Excel turned into a number: a number cell, or '1,23457E+14' text."""
    if isinstance(value, str):
        return "E+" in value or "e+" in value
    return isinstance(value, (int, float))
