"""Reader for the SIPD-RI "Rekap 5" budget export (one flat sheet, one header row).

Two variants land: 23 columns with PAKET/KELOMPOK and NAMA PAKET/KELOMPOK, and 21
without them. The component-level rekap (KODE / NAMA STANDAR HARGA where the package
would be) is refused: SIPD-RI gives it at the planning stage (KUA-PPAS), and a plan is
not a DPA. Kab. Buru's of 2025 holds Rp 897.7 bn against its DPA murni's Rp 1,079.0 bn,
and of its 4,636 accounts only 1,090 carry the DPA's pagu; summed to budget lines and
landed under a sidecar's "murni" it would become the budget in force unnoticed, and a
sidecar cannot name a planning stage (its versi is one of the DPA's).
"""

from __future__ import annotations

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
    first_sheet_with_layout,
    parse_rupiah,
)

# Canonical column -> title variants seen in exports (folded when compared).
TITLES: dict[str, tuple[str, ...]] = {
    "no": ("NO", "NO."),
    "tahun": ("TAHUN", "TAHUN ANGGARAN"),
    "kode_urusan": ("KODE URUSAN",),
    "nama_urusan": ("NAMA URUSAN",),
    "kode_skpd": ("KODE SKPD", "KODE OPD"),
    "nama_skpd": ("NAMA SKPD", "NAMA OPD"),
    "kode_sub_unit": ("KODE SUB UNIT", "KODE SUB SKPD", "KODE UNIT"),
    "nama_sub_unit": ("NAMA SUB UNIT", "NAMA SUB SKPD", "NAMA UNIT"),
    "kode_bidang_urusan": ("KODE BIDANG URUSAN",),
    "nama_bidang_urusan": ("NAMA BIDANG URUSAN",),
    "kode_program": ("KODE PROGRAM",),
    "nama_program": ("NAMA PROGRAM",),
    "kode_kegiatan": ("KODE KEGIATAN",),
    "nama_kegiatan": ("NAMA KEGIATAN",),
    "kode_sub_kegiatan": ("KODE SUB KEGIATAN", "KODE SUBKEGIATAN"),
    "nama_sub_kegiatan": ("NAMA SUB KEGIATAN", "NAMA SUBKEGIATAN"),
    "kode_sumber_dana": ("KODE SUMBER DANA",),
    "nama_sumber_dana": ("NAMA SUMBER DANA",),
    "kode_rekening": ("KODE REKENING", "KODE AKUN"),
    "nama_rekening": ("NAMA REKENING", "NAMA AKUN"),
    "paket_kelompok": ("PAKET/KELOMPOK", "PAKET / KELOMPOK"),
    "nama_paket_kelompok": ("NAMA PAKET/KELOMPOK", "NAMA PAKET / KELOMPOK"),
    "pagu": ("PAGU", "NILAI PAGU", "PAGU ANGGARAN"),
    # not landed: its presence tells a planning-stage rekap (see above)
    "kode_standar_harga": ("KODE STANDAR HARGA",),
}
REQUIRED = ("tahun", "kode_skpd", "kode_sub_unit", "kode_sub_kegiatan", "kode_rekening", "pagu")
TEXT_COLUMNS = tuple(name for name in TITLES if name not in ("pagu", "kode_standar_harga"))
COLUMNS = (*TEXT_COLUMNS, "pagu")


def read_rekap5(path: Path, meta: FileMeta) -> ParsedFile:
    """The export with its lines in a list."""
    return stream_rekap5(path, meta).whole()


def stream_rekap5(path: Path, meta: FileMeta) -> ParsedFile:
    """The export with its lines read as they are taken; its year once all are read."""
    _, sheet, header = first_sheet_with_layout(
        path, {"": (TITLES, REQUIRED)},
        "bukan ekspor Rekap 5 SIPD-RI / not a SIPD-RI Rekap 5 export")
    if "kode_standar_harga" in header.columns:
        raise SourceFileError(
            path, "rekap tingkat komponen (KODE STANDAR HARGA) adalah rekap tahap perencanaan "
            "(KUA-PPAS), bukan DPA: tidak dimuat sebagai versi anggaran; unggah Rekap 5 DPA "
            "/ a component-level rekap (KODE STANDAR HARGA) is a planning-stage (KUA-PPAS) "
            "rekap, not a DPA budget version: not landed; upload the DPA's Rekap 5",
            sheet=sheet.name, row=header.row_index + 1,
        )
    parsed = ParsedFile(
        columns=COLUMNS,
        rows=[],
        file_columns={
            "kode_pemda": meta.kode_pemda,
            "versi": meta.versi,
            "tanggal_versi": meta.tanggal_versi,
        },
        tahun=meta.tahun,
    )
    parsed.rows = _lines(path, sheet, header, meta, parsed)
    return parsed


def _lines(path, sheet: SheetRows, header: Header, meta: FileMeta,
           parsed: ParsedFile) -> Iterator[tuple]:
    """The sheet's lines; once all are read, the file's year and rows skipped."""
    lines = skipped = 0
    years: set[str] = set()
    positions = [header.columns.get(name) for name in (*TEXT_COLUMNS, "pagu")]
    for row_number, row in sheet.rows_after(header.row_index):
        *cells, raw_pagu = cells_at(row, positions)
        texts = [cell_text(value) for value in cells]
        if all(t is None for t in texts) and raw_pagu in (None, ""):
            skipped += 1
            continue
        try:
            pagu = parse_rupiah(raw_pagu)
        except ValueError as exc:
            raise SourceFileError(path, f"PAGU: {exc}", sheet=sheet.name,
                                  row=row_number) from None
        if pagu is not None and pagu < 0:
            raise SourceFileError(path, f"PAGU negatif / negative: {pagu}", sheet=sheet.name,
                                  row=row_number)
        tahun = texts[TEXT_COLUMNS.index("tahun")]
        if tahun:
            years.add(tahun)
        lines += 1
        yield (sheet.name, row_number, *texts, pagu)
    if not lines:
        raise SourceFileError(path, "tidak ada baris data / no data rows under the header",
                              sheet=sheet.name)
    if len(years) > 1:
        raise SourceFileError(path, f"lebih dari satu TAHUN / several years: {sorted(years)}",
                              sheet=sheet.name)
    tahun = int(next(iter(years))) if years and next(iter(years)).isdigit() else None
    if meta.tahun is not None and tahun is not None and meta.tahun != tahun:
        raise SourceFileError(
            path, f"TAHUN di file {tahun} tidak sama dengan metadata {meta.tahun} / "
            "year in file differs from metadata", sheet=sheet.name,
        )
    parsed.tahun = tahun or meta.tahun
    parsed.rows_skipped = skipped
