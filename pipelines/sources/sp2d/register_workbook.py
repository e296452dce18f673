"""The SP2D register workbook: the BUD's "Data Realisasi" and the older FMIS print
(DOMAIN.md "Real layouts" 3), one row per SP2D, no sub kegiatan and no account.

Both print the same facts under other titles; TITLES keeps them in one mapping, and the
title of the gross amount tells which print a file is. FMIS's PPh and PPn land beside
its Potongan as printed: whether Potongan includes them is not known, so nothing is
added up.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from pipelines.inbox import FileMeta
from pipelines.sources.base import ParsedFile
from pipelines.sources.dates import parse_tanggal
from pipelines.sources.errors import SourceFileError
from pipelines.sources.sp2d.register import Sp2d, parsed_register, streamed_register
from pipelines.sources.spreadsheet import (
    Header,
    SheetRows,
    cell_text,
    cells_at,
    fold_title,
    parse_rupiah,
    workbook_sheets,
)

SHEET = "Data Realisasi"  # the BUD register's sheet; else the first with the header
# Canonical column -> its titles: the BUD register's first, then FMIS's.
TITLES: dict[str, tuple[str, ...]] = {
    "nomor_urut": ("No", "No Urut"),
    "tanggal_pembuatan": ("Tanggal Pembuatan", "Tanggal Terbit"),
    "tanggal_pencairan": ("Tanggal Pencairan", "Tanggal Cair"),
    "nomor_sp2d": ("Nomor SP2D", "No. SP2D"),
    "nomor_spm": ("No. SPM",),
    "nama_skpd": ("SKPD", "OPD"),
    "nama_penerima": ("Nama Penerima", "Rekanan"),
    "nomor_rekening_penerima": ("Nomor Rekening Penerima",),
    "keterangan": ("Keterangan", "Keperluan"),
    "jenis_sp2d": ("Jenis SP2D",),
    "kode_rekening": ("Kode Rekening",),
    "bruto": ("Bruto", "Jumlah Kotor"),
    "pph": ("PPh",),
    "ppn": ("PPn",),
    "potongan": ("Potongan",),
    "neto": ("Neto", "Jumlah Bersih"),
}
REQUIRED = ("nomor_sp2d", "tanggal_pembuatan", "tanggal_pencairan", "nama_skpd", "bruto",
            "neto")
LAYOUTS = {fold_title("Bruto"): "register_bud", fold_title("Jumlah Kotor"): "register_fmis"}
_TEXT = ("nomor_urut", "nomor_spm", "nama_skpd", "nama_penerima", "nomor_rekening_penerima",
         "keterangan", "jenis_sp2d", "kode_rekening")
_MONEY = ("pph", "ppn", "potongan", "neto")
_COLUMNS = tuple(TITLES)
_NOMOR, _BRUTO = _COLUMNS.index("nomor_sp2d"), _COLUMNS.index("bruto")
_DATES = tuple(_COLUMNS.index(name) for name in ("tanggal_pembuatan", "tanggal_pencairan"))
# A total's label in the SP2D number's column ("JUMLAH", "Total", "Sub Jumlah").
TOTAL_LABEL = re.compile(r"^(SUB\s*)?(GRAND\s*)?(JUMLAH|TOTAL)\b", re.IGNORECASE)
# Rows under the header that are no SP2D, counted by kind in the manifest's note.
SKIPPED_KINDS = ("subtotal", "kosong / empty", "judul/catatan / title or note")


def read_register(path: Path, meta: FileMeta, sheet: SheetRows, header: Header
                  ) -> ParsedFile:
    """The register's SP2D under its header; total, title and empty rows counted by kind
    (SKIPPED_KINDS), a row of dates without its number refused. A register too large to
    hold (sheet.streamed) lands its SP2D as they are read."""
    titles = sheet.head[header.row_index]
    layout = LAYOUTS[fold_title(titles[header.columns["bruto"]])]
    if not sheet.streamed:
        sp2d, skipped = _sp2d_of(path, sheet, header)
        return parsed_register(path, meta, layout, list(sp2d), skipped)
    sheets = [sheet]  # the one given first, then the sheet read again

    def read():
        current = sheets.pop() if sheets else _sheet_named(path, sheet.name)
        return _sp2d_of(path, current, header)
    return streamed_register(path, meta, layout, read)


def _sheet_named(path: Path, name: str) -> SheetRows:
    return next(sheet for sheet in workbook_sheets(path, prefer=name) if sheet.name == name)


def _sp2d_of(path: Path, sheet: SheetRows, header: Header
             ) -> tuple[Iterator[tuple[str, int, Sp2d]], dict[str, int]]:
    """The sheet's SP2D as they are read, and the rows skipped, counted as they are."""
    titles = sheet.head[header.row_index]
    positions = [header.columns.get(name) for name in _COLUMNS]
    # a column's title as the file writes it, for the messages
    title_of = {name: " ".join(str(titles[position]).split())
                for name, position in header.columns.items()}
    skipped = dict.fromkeys(SKIPPED_KINDS, 0)

    def sp2d():
        for row_number, record in sheet.rows_after(header.row_index):
            values = cells_at(record, positions)
            nomor = cell_text(values[_NOMOR])
            if nomor is None or TOTAL_LABEL.match(nomor):
                skipped[_skipped_kind(path, sheet.name, row_number, record, values,
                                      nomor)] += 1
                continue
            yield (sheet.name, row_number,
                   _sp2d(path, sheet.name, row_number, nomor, dict(zip(_COLUMNS, values)),
                         title_of))
    return sp2d(), skipped


def _sp2d(path, sheet, row_number, nomor: str, cells: dict, title_of: dict) -> Sp2d:
    def tanggal(name: str):
        if cell_text(cells[name]) is None:
            return None
        return parse_tanggal(path, sheet, row_number, cells[name], title_of[name])

    def money(name: str):
        if name not in title_of:
            return None
        try:
            return parse_rupiah(cells[name])
        except ValueError as exc:
            raise SourceFileError(path, f"{title_of[name]}: {exc}", sheet=sheet,
                                  row=row_number) from None

    pembuatan, pencairan = tanggal("tanggal_pembuatan"), tanggal("tanggal_pencairan")
    if pembuatan is None:
        raise SourceFileError(path, f"{title_of['tanggal_pembuatan']} kosong / empty",
                              sheet=sheet, row=row_number)
    bruto = money("bruto")
    if bruto is None:
        raise SourceFileError(path, f"{title_of['bruto']} kosong / empty", sheet=sheet,
                              row=row_number)
    return Sp2d(
        nomor_sp2d=nomor, tanggal_pembuatan=pembuatan, tanggal_pencairan=pencairan,
        bruto=bruto, money_out=pencairan is not None,
        **{name: cell_text(cells[name]) for name in _TEXT},
        **{name: money(name) for name in _MONEY},
    )


def _skipped_kind(path, sheet, row_number, record: list, values: list,
                  nomor: str | None) -> str:
    """A total (labelled, or amounts without a number), a title or note, or empty; a row
    with an SP2D's dates but no number lost it (merged cells?): an error, never a skip."""
    subtotal, empty, note = SKIPPED_KINDS
    if nomor is not None:
        return subtotal
    if any(cell_text(values[position]) is not None for position in _DATES):
        raise SourceFileError(
            path, "Nomor SP2D kosong pada baris SP2D (sel gabungan?) / empty on an SP2D "
            "row (merged cells?)", sheet=sheet, row=row_number)
    if cell_text(values[_BRUTO]) is not None:
        return subtotal
    if any(cell_text(cell) is not None for cell in record):
        return note
    return empty
