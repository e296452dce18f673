"""Reader for the LRA, Laporan Realisasi Anggaran of one SKPD (AKLAP in SIPD-RI; SIPKD
and others before).

Title rows (the pemda, "LAPORAN REALISASI ANGGARAN ...", the period, Urusan / Unit
Organisasi / Sub Unit Organisasi), then a header KODE REKENING, URAIAN, ANGGARAN,
REALISASI, then one row per account of levels 1 to 6 (akun 5, kelompok 5.1, jenis
5.1.02, objek, rincian objek, sub rincian objek) for revenue (4), spending (5) and
financing (6). Every coded row lands with its level: the file's subtotals are its own
structure, and a rule checks each parent against its children (LRA-002). A total sums
the rows of ONE level only.

The field's template (Kab. Toba 2022, tests/data/lra/) lays a title over merged cells and
its values over other merged cells: KODE REKENING over B:F with the code in D,
ANGGARAN over Q:R, REALISASI in S with each row's realization in R:S. So a title covers
every column of its merged range, and a value every column of its own; a value under
two titles goes to the one the row's other values leave without a value, and is refused
when that does not settle it.

The title rows of that template are left unfilled ("periode .... s.d .... 2022"), so
the SKPD and the month come from the sidecar (kode_opd, periode), never guessed; a
period the title does state must agree with the sidecar.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path
from typing import Iterator

from pipelines.inbox import FileMeta
from pipelines.pemda import government_named_in
from pipelines.sources.base import ParsedFile
from pipelines.sources.errors import SourceFileError
from pipelines.sources.spreadsheet import (
    Header,
    SheetRows,
    cell_text,
    first_sheet_with_layout,
    fold_title,
    merged_ranges,
    parse_rupiah,
)

# Canonical column -> title variants seen in exports (folded when compared). The
# percentage and last year's figure some LRA print are not read: no export seen has
# them, so their titles are not known.
TITLES: dict[str, tuple[str, ...]] = {
    "kode_rekening": ("KODE REKENING",),
    "uraian": ("URAIAN",),
    "anggaran": ("ANGGARAN",),
    "realisasi": ("REALISASI",),
}
REQUIRED = tuple(TITLES)
MONEY_COLUMNS = ("anggaran", "realisasi")
COLUMNS = ("kode_rekening", "tingkat", "uraian", *MONEY_COLUMNS)
DEEPEST_LEVEL = 6  # sub rincian objek
_ACCOUNT_CODE = re.compile(r"^\d+(\.\d+)*$")

MONTHS = {
    "JANUARI": 1, "FEBRUARI": 2, "PEBRUARI": 2, "MARET": 3, "APRIL": 4, "MEI": 5,
    "JUNI": 6, "JULI": 7, "AGUSTUS": 8, "SEPTEMBER": 9, "OKTOBER": 10, "NOVEMBER": 11,
    "NOPEMBER": 11, "DESEMBER": 12,
}
_PERIODE = re.compile(r"\bPERIODE\b")
# The period's end as a title writes it: '31 OKTOBER 2022', '31/10/2022'.
_END_DATE = re.compile(r"(\d{1,2})\s*(?:([A-Z]+)|[/-]\s*(\d{1,2})\s*[/-])\s*(\d{4})\s*$")
_YEAR = re.compile(r"\b(20\d\d)\b")
NOT_LRA = "bukan Laporan Realisasi Anggaran (LRA) / not a budget realization report"


def read_lra(path: Path, meta: FileMeta) -> ParsedFile:
    """The LRA with its account rows in a list."""
    return stream_lra(path, meta).whole()


def stream_lra(path: Path, meta: FileMeta) -> ParsedFile:
    """The LRA with its account rows read as they are taken."""
    sheet, header = _sheet_with_header(path)
    period_end = _period_end(path, sheet.name, sheet.head[:header.row_index], meta)
    parsed = ParsedFile(
        columns=COLUMNS,
        rows=[],
        file_columns={"kode_pemda": meta.kode_pemda, "tahun": period_end.year,
                      "periode_akhir": period_end, "kode_skpd": meta.kode_opd},
        tahun=period_end.year,
    )
    parsed.rows = _account_rows(path, sheet, header, merged_ranges(path, sheet), parsed)
    return parsed


def _account_rows(path: Path, sheet: SheetRows, header: Header, merges: list,
                  parsed: ParsedFile) -> Iterator[tuple]:
    """The coded rows under the header; once all are read, the rows skipped."""
    spans = _title_spans(header, merges)
    by_row = _merges_by_row(merges)
    lines = 0
    skipped = {"kosong / empty": 0, "tanpa kode rekening / without account code": 0}
    for row_number, row in sheet.rows_after(header.row_index):
        values = _values_under_titles(path, sheet.name, row_number, row,
                                      by_row.get(row_number - 1, {}), spans)
        kode = cell_text(values.get("kode_rekening"))
        if kode is None:
            empty = all(cell in (None, "") for cell in row)
            skipped["kosong / empty" if empty else
                    "tanpa kode rekening / without account code"] += 1
            continue
        money = []
        for name in MONEY_COLUMNS:
            try:
                money.append(parse_rupiah(values.get(name)))
            except ValueError as exc:
                raise SourceFileError(path, f"{TITLES[name][0]}: {exc}", sheet=sheet.name,
                                      row=row_number) from None
        lines += 1
        yield (sheet.name, row_number, kode, level_of(kode), cell_text(values.get("uraian")),
               *money)
    if not lines:
        raise SourceFileError(path, "tidak ada baris rekening di bawah header / no account "
                              "rows under the header", sheet=sheet.name)
    parsed.rows_skipped = sum(skipped.values())
    parsed.notes = ["baris dilewati / rows skipped: "
                    + ", ".join(f"{count} {kind}" for kind, count in skipped.items())]


def level_of(kode: str) -> int | None:
    """The account level a code's parts give (5 -> 1, 5.1.02 -> 3), in either format of
    the codes (5.1.02.01.01.0024, 5.1.02.01.001.00024); None for what is no account code,
    which LRA-001 flags."""
    if not _ACCOUNT_CODE.match(kode):
        return None
    parts = kode.count(".") + 1
    return parts if parts <= DEEPEST_LEVEL else None


def month_of(path: Path, meta: FileMeta) -> str:
    """The month the LRA runs to: the sidecar's periode (FileMeta requires it)."""
    if meta.periode is None:
        raise SourceFileError(path, _PERIODE_MISSING)
    return meta.periode


def pemda_of(path: Path) -> str | None:
    """The government the title rows name ("PEMERINTAH KABUPATEN TOBA"), if they do."""
    sheet, header = _sheet_with_header(path)
    return government_named_in(" ".join(str(cell) for cell in row if cell not in (None, ""))
                               for row in sheet.head[:header.row_index])


def supersede_key(meta: FileMeta, parsed: ParsedFile) -> str:
    """A later LRA of the same SKPD and month replaces the earlier one."""
    period_end: date = parsed.file_columns["periode_akhir"]
    return f"lra|{meta.kode_pemda}|{meta.kode_opd}|{period_end:%Y-%m}"


_PERIODE_MISSING = ("bulan LRA tidak diketahui / the LRA's month is unknown: isi / put "
                    "'periode': 'YYYY-MM' (LRA kumulatif s.d. akhir bulan itu / cumulative "
                    "to that month's end) di sidecar / in the sidecar")


def _sheet_with_header(path: Path) -> tuple[SheetRows, Header]:
    """The first sheet whose header carries every title, its rows still to read."""
    _, sheet, header = first_sheet_with_layout(path, {"": (TITLES, REQUIRED)}, NOT_LRA)
    return sheet, header


def _title_spans(header: Header, merges: list) -> dict[str, range]:
    """The columns each title covers: those of the merged range it heads, else its own."""
    spans = {name: range(position, position + 1) for name, position in header.columns.items()}
    for (top, left), (bottom, right) in merges:
        if top <= header.row_index <= bottom:
            for name, position in header.columns.items():
                if position == left:
                    spans[name] = range(left, right + 1)
    return spans


def _merges_by_row(merges: list) -> dict[int, dict[int, int]]:
    """Row index -> a merged range's first column -> its last, for the ranges of one row
    that hold a value (their top left cell)."""
    by_row: dict[int, dict[int, int]] = {}
    for (top, left), (_bottom, right) in merges:
        by_row.setdefault(top, {})[left] = right
    return by_row


def _values_under_titles(path: Path, sheet: str, row_number: int, row: list,
                         merged: dict[int, int], spans: dict[str, range]) -> dict:
    """Each title's value in the row: the one non-empty cell whose columns (its merged
    range's) meet the title's; a cell meeting several titles goes to the one the row's
    other cells leave without a value."""
    found: dict[str, object] = {}
    shared = []
    for position, cell in enumerate(row):
        if cell in (None, ""):
            continue
        columns = range(position, merged.get(position, position) + 1)
        names = [name for name, span in spans.items()
                 if span.start < columns.stop and columns.start < span.stop]
        if len(names) == 1:
            if names[0] in found:
                raise SourceFileError(
                    path, f"dua nilai di bawah {TITLES[names[0]][0]} / two values under "
                    f"{TITLES[names[0]][0]}: {cell_text(found[names[0]])!r}, "
                    f"{cell_text(cell)!r}",
                    sheet=sheet, row=row_number)
            found[names[0]] = cell
        elif names:
            shared.append((names, cell))
    for names, cell in shared:
        left = [name for name in names if name not in found]
        if len(left) != 1:
            titles = " dan ".join(TITLES[name][0] for name in names)
            raise SourceFileError(
                path, f"nilai {cell_text(cell)!r} di bawah judul {titles} (sel gabungan) tidak "
                "jelas milik yang mana / a merged cell under several titles, not telling "
                "whose value it is", sheet=sheet, row=row_number)
        found[left[0]] = cell
    return found


def _period_end(path: Path, sheet: str, title_rows: list[list], meta: FileMeta) -> date:
    """The last day of the sidecar's month; a period or year the title states must agree."""
    if meta.periode is None:
        raise SourceFileError(path, _PERIODE_MISSING, sheet=sheet)
    year, month = (int(part) for part in meta.periode.split("-"))
    end = date(year, month, calendar.monthrange(year, month)[1])
    for index, row in enumerate(title_rows):
        text = fold_title(" ".join(str(cell) for cell in row if cell not in (None, "")))
        if not _PERIODE.search(text):
            continue
        stated = _END_DATE.search(text)
        if stated is not None:
            day, name, number, stated_year = stated.groups()
            stated_month = MONTHS.get(name) if name else int(number)
            if (int(stated_year), stated_month) != (year, month):
                raise SourceFileError(
                    path, f"periode di judul ({text!r}) tidak sama dengan sidecar {meta.periode}"
                    " / the title's period differs from the sidecar's", sheet=sheet,
                    row=index + 1)
        years = {int(found) for found in _YEAR.findall(text)}
        if years - {year}:
            raise SourceFileError(
                path, f"tahun di judul ({text!r}) tidak sama dengan sidecar {meta.periode} / "
                "the title's year differs from the sidecar's", sheet=sheet, row=index + 1)
    if meta.tahun is not None and meta.tahun != year:
        raise SourceFileError(path, f"tahun sidecar {meta.tahun} tidak sama dengan periode "
                              f"{meta.periode} / the sidecar's year differs from its periode")
    return end
