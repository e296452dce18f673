"""Reader for SIPD-RI Penatausahaan's "Laporan Realisasi Per Dokumen" (../shared/DOMAIN.md,
"Real layouts (seen)" 2): one month per export, for one SKPD or all.

Sheet "Data Realisasi Dokumen" (else the first whose header is found): a title block
("LAPORAN REALISASI PER DOKUMEN", merged title rows, a blank row), the header of 45 or 46
titled columns on row 5 (row 1 once re-saved by tools), one row per document line
(document x sub kegiatan x rekening), and a total row at the end. Every column lands, as
text where it is a code or a name, so nothing the export says is lost.

What a line counts for is decided here, once, and landed beside the columns the export
has: the day it is realization (`tanggal_realisasi`: the transfer date for LS paid
through an SPP, the document's date for the others) and how much (`realisasi`: Nilai
Realisasi less Nilai Setoran, the money paid back on the document; DOMAIN.md marks that
reading of Nilai Setoran as inferred). Nilai SP2D, the whole SP2D repeated on each of its
lines, lands as written and is summed once per SP2D downstream. The file must agree
with itself: its lines add up to its own total row.
"""

from __future__ import annotations

import re
from datetime import date
from functools import partial
from decimal import Decimal
from pathlib import Path

from pipelines.inbox import FileMeta
from pipelines.sources.base import ParsedFile
from pipelines.sources.dates import parse_tanggal
from pipelines.sources.errors import SourceFileError
from pipelines.sources.spreadsheet import (
    Header,
    SheetRows,
    cell_text,
    cells_at,
    first_sheet_with_layout,
    parse_rupiah,
)

SHEET = "Data Realisasi Dokumen"
TABLE = "raw.realisasi_dokumen"
# Column -> its title in the export (variants folded when compared, as for every source).
TITLES: dict[str, tuple[str, ...]] = {
    "nomor": ("Nomor", "No"),
    "kode_skpd": ("Kode SKPD",),
    "nama_skpd": ("Nama SKPD",),
    "kode_sub_skpd": ("Kode Sub SKPD",),
    "nama_sub_skpd": ("Nama Sub SKPD",),
    "kode_fungsi": ("Kode Fungsi",),
    "nama_fungsi": ("Nama Fungsi",),
    "kode_sub_fungsi": ("Kode Sub Fungsi",),
    "nama_sub_fungsi": ("Nama Sub Fungsi",),
    "kode_urusan": ("Kode Urusan",),
    "nama_urusan": ("Nama Urusan",),
    "kode_bidang_urusan": ("Kode Bidang Urusan",),
    "nama_bidang_urusan": ("Nama Bidang Urusan",),
    "kode_program": ("Kode Program",),
    "nama_program": ("Nama Program",),
    "kode_kegiatan": ("Kode Kegiatan",),
    "nama_kegiatan": ("Nama Kegiatan",),
    "kode_sub_kegiatan": ("Kode Sub Kegiatan",),
    "nama_sub_kegiatan": ("Nama Sub Kegiatan",),
    "kode_rekening": ("Kode Rekening",),
    "nama_rekening": ("Nama Rekening",),
    "nomor_dokumen": ("Nomor Dokumen",),
    "jenis_dokumen": ("Jenis Dokumen",),
    "jenis_transaksi": ("Jenis Transaksi",),
    "nomor_dpt": ("Nomor DPT",),
    "tanggal_dokumen": ("Tanggal Dokumen",),
    "keterangan_dokumen": ("Keterangan Dokumen",),
    "nilai_realisasi": ("Nilai Realisasi",),
    "nilai_setoran": ("Nilai Setoran",),
    "nip_pegawai": ("NIP Pegawai",),
    "nama_pegawai": ("Nama Pegawai",),
    "tanggal_simpan": ("Tanggal Simpan",),
    "nomor_spd": ("Nomor SPD",),
    "periode_spd": ("Periode SPD",),
    "nilai_spd": ("Nilai SPD",),
    "tahapan_spd": ("Tahapan SPD",),
    "nama_sub_tahapan_jadwal": ("Nama Sub Tahapan Jadwal",),
    "tahapan_apbd": ("Tahapan APBD",),
    "nomor_spp": ("Nomor SPP",),
    "tanggal_spp": ("Tanggal SPP",),
    "nomor_spm": ("Nomor SPM",),
    "tanggal_spm": ("Tanggal SPM",),
    "nomor_sp2d": ("Nomor SP2D",),
    "tanggal_sp2d": ("Tanggal SP2D",),
    "tanggal_transfer": ("Tanggal Transfer",),
    "nilai_sp2d": ("Nilai SP2D",),
}
# What a line needs to be a line: whose, where, which document, when, how much. The
# export has 45 or 46 columns: the others land when present.
REQUIRED = ("kode_skpd", "kode_sub_kegiatan", "kode_rekening", "nomor_dokumen",
            "jenis_dokumen", "jenis_transaksi", "tanggal_dokumen", "nilai_realisasi")
MONEY = ("nilai_realisasi", "nilai_setoran", "nilai_spd", "nilai_sp2d")
# The dates that place a line in its month or tie it to an SP2D are read as dates; the
# other date columns (SPP, SPM, when it was saved) land as written.
DATES = ("tanggal_dokumen", "tanggal_sp2d", "tanggal_transfer")
EXPORT_COLUMNS = tuple(TITLES)
COLUMNS = (*EXPORT_COLUMNS, "tanggal_realisasi", "realisasi")
_TOTAL_LABEL = re.compile(r"^\s*(GRAND\s*)?(JUMLAH|TOTAL)\b", re.IGNORECASE)
_IDENTIFYING = ("kode_rekening", "nomor_dokumen", "kode_sub_kegiatan")
# Positions in a landed line (sheet, row_number, *COLUMNS).
_SKPD = 2 + COLUMNS.index("kode_skpd")
_TANGGAL_REALISASI = 2 + COLUMNS.index("tanggal_realisasi")
_TOTALLED = {name: 2 + COLUMNS.index(name) for name in ("nilai_realisasi", "nilai_setoran")}


def locate(path: Path) -> tuple[SheetRows, Header]:
    """The sheet holding the per-document header (its own sheet first); a workbook
    without one is refused, naming what each sheet lacks. Its rows below the header are
    read as they are taken."""
    _, sheet, header = first_sheet_with_layout(
        path, {"": (TITLES, REQUIRED)}, "bukan Laporan Realisasi Per Dokumen / not a "
        "per-document realization export (SIPD-RI Penatausahaan, Laporan > Realisasi)",
        prefer=SHEET)
    return sheet, header


def stream_dokumen(path: Path, meta: FileMeta) -> ParsedFile:
    """The export with its lines read as they are taken; the month they report, when
    the sidecar does not say, from a first reading of them."""
    located = locate(path)
    sheet = located[0]
    lines = _Lines(path, *located)
    periode = _stated_periode(meta)
    rows = iter(lines)
    if periode is None:
        if sheet.streamed:  # too large to hold: read twice, holding only the months
            months = {_month(line) for line in lines}
            lines.check()
            lines = _Lines(path, *locate(path))
            rows = iter(lines)
        else:  # held, as calamine read the sheet whole
            rows = list(lines)
            months = {_month(line) for line in rows}
            lines.check()
        periode = _periode(path, sheet.name, months - {None}, meta)
    _check_year(path, sheet.name, periode, meta)
    parsed = ParsedFile(
        columns=COLUMNS,
        rows=rows,
        file_columns={"kode_pemda": meta.kode_pemda, "tahun": periode.year, "periode": periode},
        tahun=periode.year,
        table=TABLE,
        amount_column="nilai_realisasi",
    )
    lines.parsed = parsed
    if isinstance(rows, list):
        lines.finish()
    return parsed


def title_rows(path: Path) -> list[list]:
    """The rows above the header (the title block of an original export)."""
    sheet, header = locate(path)
    return sheet.head[:header.row_index]


def skpd_of(parsed: ParsedFile) -> str:
    """The SKPD a file is for, or 'semua' for an export of several (all SKPD)."""
    codes = set(parsed.facts["kode_skpd"])
    return codes.pop() if len(codes) == 1 else "semua"


class _Lines:
    """The document lines under the header, as they are read; once all are read, the
    checks of the file as a whole (lines at all, the total row) and its figures, set on
    `parsed` (the rows_skipped and notes the loader records)."""

    def __init__(self, path: Path, sheet: SheetRows, header: Header):
        self.path, self.sheet, self.header = path, sheet, header
        self.parsed: ParsedFile | None = None
        self.count = 0
        self.sums = dict.fromkeys(_TOTALLED, Decimal(0))
        self.skpd: set[str | None] = set()
        self.skipped = {"total": 0, "kosong / empty": 0, "judul / title": 0}
        self.total_row: tuple[int, dict] | None = None

    def __iter__(self):
        positions = [self.header.columns.get(name) for name in EXPORT_COLUMNS]
        convert = _Converters(self.path, self.sheet.name)
        for row_number, row in self.sheet.rows_after(self.header.row_index):
            cells = dict(zip(EXPORT_COLUMNS, cells_at(row, positions)))
            kind = _row_kind(row, cells)
            if kind != "line":
                self.skipped[kind] += 1
                if kind == "total":
                    self.total_row = (row_number, cells)
                continue
            line = (self.sheet.name, row_number, *convert.line(row_number, cells))
            self.count += 1
            self.skpd.add(line[_SKPD])
            for name, position in _TOTALLED.items():
                if line[position] is not None:
                    self.sums[name] += line[position]
            yield line
        if self.parsed is not None:
            self.finish()

    def finish(self) -> None:
        """Checks the file as a whole, and sets its figures on `parsed`."""
        self.check()
        notes = ["tata letak / layout: Laporan Realisasi Per Dokumen (SIPD-RI)",
                 "baris dilewati / rows skipped: "
                 + ", ".join(f"{count} {kind}" for kind, count in self.skipped.items())]
        if self.total_row is None:
            notes.append("tanpa baris total / no total row: jumlah baris tidak bisa "
                         "dicocokkan dengan total file / the lines could not be checked "
                         "against a total")
        self.parsed.rows_skipped = sum(self.skipped.values())
        self.parsed.notes = notes
        self.parsed.facts["kode_skpd"] = self.skpd

    def check(self) -> None:
        """Lines at all, and the total row is their sum (once all are read)."""
        if not self.count:
            raise SourceFileError(self.path, "tidak ada baris dokumen di bawah header / no "
                                  "document lines under the header", sheet=self.sheet.name)
        if self.total_row is not None:
            _check_total(self.path, self.sheet.name, self.count, self.sums, *self.total_row)


def _row_kind(row: list, cells: dict) -> str:
    if any(cells[name] not in (None, "") for name in _IDENTIFYING):
        return "line"
    texts = [str(cell) for cell in row if cell not in (None, "")]
    if not texts:
        return "kosong / empty"
    if cells["nilai_realisasi"] not in (None, "") and any(_TOTAL_LABEL.match(t) for t in texts):
        return "total"
    if cells["nilai_realisasi"] not in (None, ""):
        return "line"  # money without codes: lands, and the checks say what it lacks
    return "judul / title"


class _Converters:
    """A line's cells as values: each column's conversion chosen once per file, and each
    distinct date text parsed once (a month's export repeats a few dozen dates over
    thousands of lines)."""

    def __init__(self, path: Path, sheet: str):
        self.path, self.sheet, self.row_number = path, sheet, 0
        self.dates: dict[object, date | None] = {}
        self.plan = [(name, parse_rupiah if name in MONEY else
                      partial(self._date, TITLES[name][0]) if name in DATES else cell_text)
                     for name in EXPORT_COLUMNS]

    def line(self, row_number: int, cells: dict) -> list:
        self.row_number = row_number
        values = {}
        for name, convert in self.plan:
            try:
                values[name] = convert(cells[name])
            except ValueError as exc:
                raise SourceFileError(self.path, f"{TITLES[name][0]}: {exc}", sheet=self.sheet,
                                      row=row_number) from None
        return [*values.values(), tanggal_realisasi(values), realisasi(values)]

    def _date(self, title: str, value: object) -> date | None:
        key = (type(value), value)
        if key not in self.dates:  # an unreadable date raises, naming this row
            self.dates[key] = None if cell_text(value) is None else parse_tanggal(
                self.path, self.sheet, self.row_number, value, title)
        return self.dates[key]


def realisasi(line: dict) -> Decimal | None:
    """The line's realization: Nilai Realisasi less the money paid back on it."""
    if line["nilai_realisasi"] is None:
        return None
    return line["nilai_realisasi"] - (line["nilai_setoran"] or 0)


def tanggal_realisasi(line: dict) -> date | None:
    """The day a document line is realization (DOMAIN.md): the transfer for LS paid
    through an SPP (None until transferred), the document's date for the others (TBP of
    UP/GU/TU spending)."""
    paid_by_transfer = ((line["jenis_transaksi"] or "").upper() == "LS"
                        and (line["jenis_dokumen"] or "").upper() == "SPP")
    return line["tanggal_transfer"] if paid_by_transfer else line["tanggal_dokumen"]


def _check_total(path, sheet, count: int, sums: dict[str, Decimal], row_number: int,
                 cells: dict) -> None:
    """The export's total row must be the sum of its lines: a file that lost rows on the
    way (a filter left on, a sheet cut) says so here rather than landing short."""
    for name in _TOTALLED:
        try:
            stated = parse_rupiah(cells[name])
        except ValueError as exc:
            raise SourceFileError(path, f"{TITLES[name][0]} total: {exc}", sheet=sheet,
                                  row=row_number) from None
        if stated is None:
            continue
        summed = sums[name]
        if summed != stated:
            raise SourceFileError(
                path, f"baris total {TITLES[name][0]} Rp {stated:,} tidak sama dengan jumlah "
                f"{count} baris dokumen Rp {summed:,} (baris hilang atau tersaring?) / "
                "the total row differs from the sum of the document lines (rows lost or "
                "filtered?)", sheet=sheet, row=row_number,
            )


def _month(line: tuple) -> tuple[int, int] | None:
    day = line[_TANGGAL_REALISASI]
    return None if day is None else (day.year, day.month)


def _stated_periode(meta: FileMeta) -> date | None:
    if not meta.periode:
        return None
    year, month = map(int, meta.periode.split("-"))
    return date(year, month, 1)


def _periode(path, sheet, months: set[tuple[int, int]], meta: FileMeta) -> date:
    """The month the export reports (its first day) when the sidecar does not say: the
    one month every dated line falls in. An export whose lines span months without a
    sidecar saying which month it is, is not guessed."""
    if len(months) == 1:
        (year, month), = months
        return date(year, month, 1)
    spanned = ", ".join(f"{y}-{m:02d}" for y, m in sorted(months)) or "-"
    raise SourceFileError(
        path, f"bulan laporan tidak bisa ditentukan: baris jatuh pada bulan {spanned}; "
        "isi 'periode': 'YYYY-MM' di metadata / the export's month cannot be told from "
        "its lines; give 'periode' in the sidecar", sheet=sheet,
    )


def _check_year(path, sheet, stated: date, meta: FileMeta) -> None:
    if meta.tahun is not None and meta.tahun != stated.year:
        raise SourceFileError(path, f"tahun {stated.year} tidak sama dengan metadata "
                              f"{meta.tahun} / year differs from metadata", sheet=sheet)
