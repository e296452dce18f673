"""Reader for the cash plan (anggaran kas, RAK) as SIPD-RI's tools export it.

The shape is DOMAIN.md's "Real layouts" 6: one row per sub kegiatan and account (Kode /
Nama SKPD, Kode / Nama Sub SKPD, the codes and names of Urusan, Bidang, Program, Kegiatan
and Sub Kegiatan, Kode / Nama Akun), then Nilai Rincian (the line's budget), the twelve
months titled "Bulan 1" .. "Bulan 12" or by their names, Total RAK and Selisih, and
sometimes Nilai Realisasi. Some pemda templates put TRIWULAN I..IV totals between the
months. Each month is that month's plan alone, not cumulative.

Only the sub kegiatan's own code is needed: it carries the codes of its kegiatan,
program, bidang and urusan (each level's code begins the next one's, as every row of
Kab. Buru's Rekap 5 shows), so the separate columns of the higher levels may be there or
not. Rows without a full account code (a title, a subtotal or the signature block under
the table) are counted as skipped.

Lines land long, one row per month, so "the plan to the end of March" is a sum over
bulan <= 3 downstream rather than a choice among twelve columns. What the file says
about a line's totals lands beside its months as written: Nilai Rincian, Total RAK,
Selisih and Nilai Realisasi on each month's row, a TRIWULAN total on the row of its
quarter's last month. (Nilai Realisasi is kept, not used: it carries no date, and the
realization is read from SIPD-RI's realization exports, which date each document.) A
line whose months do not make its Total RAK, its Nilai Rincian or a TRIWULAN total, or
whose Selisih is not Nilai Rincian - Total RAK, lands as read: the quality rules
(RAK-005, RAK-007 .. RAK-009) judge it. Only what cannot land at all, such as text in a
money cell, rejects the file.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain
from pathlib import Path
from typing import Iterator

from pipelines.inbox import FileMeta
from pipelines.sources.base import ParsedFile
from pipelines.sources.errors import SourceFileError
from pipelines.sources.spreadsheet import (
    Header,
    SheetRows,
    cell_text,
    cells_at,
    column_letter,
    find_header,
    fold_title,
    missing_titles,
    parse_rupiah,
    workbook_sheets,
)

# --- Columns ---------------------------------------------------------------------------

# Each month by its number ("Bulan 3", as the tools title it) or its name, with the older
# official spellings (PEBRUARI, NOPEMBER) that pemda templates still print.
_MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    ("JANUARI",), ("FEBRUARI", "PEBRUARI"), ("MARET",), ("APRIL",), ("MEI",), ("JUNI",),
    ("JULI",), ("AGUSTUS",), ("SEPTEMBER",), ("OKTOBER",), ("NOVEMBER", "NOPEMBER"),
    ("DESEMBER",),
)
MONTH_COLUMNS = tuple(f"bulan_{month:02d}" for month in range(1, 13))
QUARTER_COLUMNS = tuple(f"triwulan_{quarter}" for quarter in range(1, 5))

# Canonical column -> title variants (folded when compared; the first is the one named
# in messages). The raw table keeps serapan's names: the Sub SKPD is the sub unit, the
# Akun the rekening, Nilai Rincian the line's pagu.
TITLES: dict[str, tuple[str, ...]] = {
    "kode_skpd": ("Kode SKPD",),
    "nama_skpd": ("Nama SKPD",),
    "kode_sub_unit": ("Kode Sub SKPD",),
    "kode_sub_kegiatan": ("Kode Sub Kegiatan",),
    "nama_sub_kegiatan": ("Nama Sub Kegiatan",),
    "kode_rekening": ("Kode Akun",),
    "nama_rekening": ("Nama Akun",),
    "pagu": ("Nilai Rincian",),
    **{column: (f"Bulan {month}", *names)
       for month, (column, names) in enumerate(zip(MONTH_COLUMNS, _MONTH_NAMES), 1)},
    **{column: (f"TRIWULAN {roman}",)
       for column, roman in zip(QUARTER_COLUMNS, ("I", "II", "III", "IV"))},
    "total_rak": ("Total RAK",),
    "selisih": ("Selisih",),
    "nilai_realisasi": ("Nilai Realisasi",),
}
REQUIRED = ("kode_skpd", "kode_sub_kegiatan", "kode_rekening", "pagu", *MONTH_COLUMNS)
TEXT_COLUMNS = ("kode_skpd", "nama_skpd", "kode_sub_unit", "kode_sub_kegiatan",
                "nama_sub_kegiatan", "kode_rekening", "nama_rekening")
# What the file says about the whole line, written on each of its months' rows.
LINE_AMOUNTS = ("pagu", "total_rak", "selisih", "nilai_realisasi")
COLUMNS = (*TEXT_COLUMNS, *LINE_AMOUNTS, "bulan", "nilai", "triwulan")
MONEY_COLUMNS = (*LINE_AMOUNTS, *MONTH_COLUMNS, *QUARTER_COLUMNS)
# Codes an account line needs to be attributed; empty ones usually mean merged cells.
LINE_CODES = ("kode_skpd", "kode_sub_kegiatan")
ACCOUNT_LEVELS = 6  # akun.kelompok.jenis.objek.rincian_objek.sub_rincian_objek
_REKENING = TEXT_COLUMNS.index("kode_rekening")

# The raw table's numeric(20,2): a larger amount cannot land, so it is rejected here
# with its row rather than failing the whole load in the database.
MONEY_LIMIT = Decimal(10) ** 18
# Accounting formats show zero as a dash; a dash typed by hand means zero too.
_NIL = {"-", "\u2013", "\u2014"}
_TAHUN_IN_TITLE = re.compile(r"\bTAHUN(?:\s+ANGGARAN)?\b\s*:?\s*(\d{4})\b")

# Why a row under the header was not landed (Indonesian / English, for the notes).
SKIP_SUBTOTAL = "subtotal"
SKIP_TITLE = "judul / title"
SKIP_EMPTY = "kosong / empty"


# --- One sheet -------------------------------------------------------------------------


@dataclass
class SheetPlan:
    """One sheet's account lines, long, and what the sheet says about itself."""

    sheet: str
    tahun: int | None  # from a "TAHUN ANGGARAN 2025" title row
    lines: int = 0  # account lines read so far
    skipped: Counter = field(default_factory=Counter)
    unbalanced: int = 0  # lines whose months do not sum to their Nilai Rincian

    def notes(self) -> list[str]:
        notes = []
        if self.skipped:
            parts = ", ".join(f"{count} {kind}" for kind, count in self.skipped.most_common())
            notes.append(f"sheet '{self.sheet}': baris dilewati / rows skipped: {parts}")
        if self.unbalanced:
            notes.append(f"sheet '{self.sheet}': {self.unbalanced} baris rekening dengan "
                         "jumlah Bulan 1-12 tidak sama dengan Nilai Rincian, dimuat apa "
                         "adanya / lines whose months do not sum to Nilai Rincian, landed "
                         "as read")
        return notes


def is_account_line(kode_rekening: str | None) -> bool:
    """A full account code (5.1.02.01.01.0024): subtotals carry a shorter one, or a label."""
    return (kode_rekening is not None and kode_rekening[0].isdigit()
            and kode_rekening.count(".") + 1 >= ACCOUNT_LEVELS)


def tahun_in_titles(title_rows: list[list]) -> int | None:
    for row in title_rows:
        found = _TAHUN_IN_TITLE.search(fold_title(" ".join(filter(None, map(cell_text, row)))))
        if found:
            return int(found.group(1))
    return None


def parse_money(value: object) -> Decimal | None:
    if isinstance(value, str) and value.strip() in _NIL:
        return Decimal("0.00")
    amount = parse_rupiah(value)
    if amount is not None and abs(amount) >= MONEY_LIMIT:
        raise ValueError(f"terlalu besar / too large: {amount}")
    return amount


def read_sheet(path: Path, sheet: SheetRows, header: Header, plan: SheetPlan
               ) -> Iterator[tuple]:
    """The sheet's account lines, long (a row per month), as they are read; the plan
    counts them and the rows skipped."""
    titles_in_file = sheet.head[header.row_index]
    text_positions = [header.columns.get(name) for name in TEXT_COLUMNS]
    money_positions = [header.columns.get(name) for name in MONEY_COLUMNS]
    for row_number, row in sheet.rows_after(header.row_index):
        texts = [cell_text(value) for value in cells_at(row, text_positions)]
        money_cells = cells_at(row, money_positions)
        if not is_account_line(texts[_REKENING]):
            plan.skipped[_skip_kind(row, money_cells)] += 1
            continue
        for name in LINE_CODES:
            if texts[TEXT_COLUMNS.index(name)] is None:
                raise SourceFileError(
                    path, f"{TITLES[name][0]} kosong pada baris rekening (sel gabungan?) / "
                    "empty on an account line (merged cells?)", sheet=sheet.name,
                    row=row_number,
                )
        amounts = dict(zip(MONEY_COLUMNS, _amounts(path, sheet.name, row_number,
                                                   titles_in_file, money_positions,
                                                   money_cells)))
        line = [amounts[name] for name in LINE_AMOUNTS]
        months = [amounts[name] for name in MONTH_COLUMNS]
        if sum(filter(None, months), Decimal(0)) != (amounts["pagu"] or 0):
            plan.unbalanced += 1
        plan.lines += 1
        yield from (
            (sheet.name, row_number, *texts, *line, bulan, nilai,
             # a quarter's total on the row of its last month
             amounts[QUARTER_COLUMNS[bulan // 3 - 1]] if bulan % 3 == 0 else None)
            for bulan, nilai in enumerate(months, 1))
    if not plan.lines:
        raise SourceFileError(path, "tidak ada baris rekening di bawah header / no "
                              "account lines under the header", sheet=sheet.name)


def _amounts(path: Path, sheet: str, row_number: int, titles_in_file: list,
             positions: list[int | None], cells: list) -> list[Decimal | None]:
    """The row's money cells as Decimal (None for an absent column or an empty cell)."""
    amounts = []
    for position, value in zip(positions, cells):
        try:
            amounts.append(parse_money(value))
        except ValueError as exc:
            raise SourceFileError(
                path, f"kolom/column '{cell_text(titles_in_file[position])}' "
                f"({column_letter(position + 1)}): {exc}", sheet=sheet, row=row_number,
            ) from None
    return amounts


def _skip_kind(row: list, money_cells: list) -> str:
    """Why a row that is not an account line is skipped: amounts make it a subtotal."""
    if any(cell_text(value) for value in money_cells):
        return SKIP_SUBTOTAL
    if any(cell_text(value) for value in row):
        return SKIP_TITLE
    return SKIP_EMPTY


# --- The workbook ----------------------------------------------------------------------


def _sheets_with_header(path: Path) -> tuple[list[tuple[SheetRows, Header]], list[str]]:
    """Every sheet carrying the header, its rows still to read; and why each other
    non-empty sheet is not read."""
    sheets, problems = [], []
    for sheet in workbook_sheets(path):
        header = find_header(sheet.head, TITLES, REQUIRED)
        if header is not None:
            sheets.append((sheet, header))
        elif not sheet.is_empty():  # an unused "Sheet2" says nothing
            missing = ", ".join(missing_titles(sheet.head, TITLES, REQUIRED))
            problems.append(f"sheet '{sheet.name}': kolom tidak ditemukan / columns not "
                            f"found: {missing}")
    return sheets, problems


def _tahun(path: Path, plans: list[SheetPlan], meta: FileMeta) -> int:
    """The year from the title rows ("TAHUN ANGGARAN 2025") or the metadata; both agree."""
    in_titles = sorted({plan.tahun for plan in plans if plan.tahun is not None})
    if len(in_titles) > 1:
        raise SourceFileError(path, f"lebih dari satu TAHUN ANGGARAN / several years: "
                              f"{in_titles}")
    in_file = in_titles[0] if in_titles else None
    if in_file is not None and meta.tahun is not None and in_file != meta.tahun:
        raise SourceFileError(path, f"TAHUN ANGGARAN di file {in_file} tidak sama dengan "
                              f"metadata {meta.tahun} / year in file differs from metadata")
    tahun = in_file or meta.tahun
    if tahun is None:
        raise SourceFileError(path, "tahun tidak diketahui / year unknown: tulis baris judul "
                              "'TAHUN ANGGARAN 2025' atau isi tahun di metadata")
    return tahun


def read_rak(path: Path, meta: FileMeta) -> ParsedFile:
    """The plan with its lines in a list."""
    return stream_rak(path, meta).whole()


def stream_rak(path: Path, meta: FileMeta) -> ParsedFile:
    """The plan with its lines read as they are taken, sheet after sheet; its year from
    the sheets' title rows (or the sidecar) before."""
    sheets, problems = _sheets_with_header(path)
    if not sheets:
        raise SourceFileError(path, "bukan ekspor Anggaran Kas SIPD-RI / not a SIPD-RI "
                              "Anggaran Kas export: "
                              + ("; ".join(problems) or "workbook kosong / empty workbook"))
    plans = [SheetPlan(sheet.name, tahun_in_titles(sheet.head[:header.row_index]))
             for sheet, header in sheets]
    rows = chain.from_iterable(read_sheet(path, sheet, header, plan)
                               for (sheet, header), plan in zip(sheets, plans))
    if not any(sheet.streamed for sheet, _ in sheets):
        rows = list(rows)  # held as calamine read it: a bad line named before the year
    tahun = _tahun(path, plans, meta)
    parsed = ParsedFile(
        columns=COLUMNS,
        rows=rows,
        file_columns={"kode_pemda": meta.kode_pemda, "tahun": tahun, "versi": meta.versi},
        tahun=tahun,
    )
    parsed.rows = _with_figures(rows, plans, problems, parsed)
    return parsed


def _with_figures(rows, plans: list[SheetPlan], problems: list[str],
                  parsed: ParsedFile) -> Iterator[tuple]:
    """The rows; once all are read, the file's rows skipped and notes set on parsed."""
    yield from rows
    notes = [f"{problem}; tidak dimuat / not landed" for problem in problems]
    for plan in plans:
        notes.extend(plan.notes())
    parsed.notes = notes
    parsed.rows_skipped = sum(sum(plan.skipped.values()) for plan in plans)


def supersede_key(meta: FileMeta, parsed: ParsedFile) -> str:
    """rak|pemda|tahun|versi: a new export of the year's plan (for one budget version,
    when the sidecar names one) replaces the earlier."""
    return f"rak|{meta.kode_pemda}|{parsed.tahun}|{meta.versi or '-'}"
