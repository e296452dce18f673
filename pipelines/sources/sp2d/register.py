"""What every SP2D register layout lands: one row per SP2D in raw.sp2d_register.

The layouts (DOMAIN.md "Real layouts" 3 and 4): the BUD's register workbook, the older
FMIS print (register_workbook.py), and SIPD-RI's SP2D records in JSON (records_json.py).
Each gives the SP2D's number, dates, SKPD, type and amounts; what a layout lacks is NULL,
never derived (no neto is computed from bruto and potongan).

Money out: an SP2D of the register with its Tanggal Pencairan (cashed), a JSON record of
status 'ditransfer'. The rest lands too, with money_out false.

The month a file reports: the sidecar's periode, else the one month all its money-out
dates fall in; a file of money out in several months, or of none, is refused, naming
what to write in the sidecar. Never guessed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterator

from pipelines.inbox import SIDECAR_SUFFIX, FileMeta
from pipelines.sources.base import ParsedFile
from pipelines.sources.errors import SourceFileError

TABLE = "raw.sp2d_register"
AMOUNT_COLUMN = "bruto"
# Personal data: kept as written in raw only, never echoed in a message.
PERSONAL = ("npwp", "nomor_rekening_penerima")


@dataclass
class Sp2d:
    """One SP2D as a layout reads it; the fields are raw.sp2d_register's columns."""

    nomor_sp2d: str
    tanggal_pembuatan: date | None
    tanggal_pencairan: date | None
    bruto: Decimal
    money_out: bool
    nomor_urut: str | None = None
    nomor_spm: str | None = None
    nama_skpd: str | None = None
    kode_skpd: str | None = None
    kode_sub_skpd: str | None = None
    nama_penerima: str | None = None
    keterangan: str | None = None
    jenis_sp2d: str | None = None
    jenis_ls: str | None = None
    id_sumber_dana: str | None = None
    is_gaji: bool | None = None
    kode_rekening: str | None = None
    pph: Decimal | None = None
    ppn: Decimal | None = None
    potongan: Decimal | None = None
    neto: Decimal | None = None
    status: str | None = None
    npwp: str | None = None
    nomor_rekening_penerima: str | None = None
    detail_belanja: str | None = None  # JSON text, as the record holds it
    pajak_potongan: str | None = None  # JSON text, as the record holds it

    @property
    def tanggal(self) -> date | None:
        """The day the money went out: cashed where the layout says, else the SP2D's."""
        return self.tanggal_pencairan or self.tanggal_pembuatan


COLUMNS = ("layout", *Sp2d.__dataclass_fields__)


def parsed_register(path: Path, meta: FileMeta, layout: str,
                    sp2d: list[tuple[str, int, Sp2d]], skipped: dict[str, int]
                    ) -> ParsedFile:
    """The file's SP2D ((sheet, row_number, Sp2d) each) as rows of raw.sp2d_register,
    under the month it reports; refused where an SP2D number repeats (one row per SP2D)."""
    tally = Tally(path)
    for entry in sp2d:
        tally.add(*entry)
    parsed = _register(path, meta, tally.periode(meta),
                       [as_row(layout, *entry) for entry in sp2d])
    tally.finish(parsed, skipped)
    return parsed


def streamed_register(path: Path, meta: FileMeta, layout: str,
                      read: Callable[[], tuple[Iterator[tuple[str, int, Sp2d]], dict]]
                      ) -> ParsedFile:
    """As parsed_register, the SP2D landed as they are read: `read` gives them (and the
    rows skipped, counted as they are read) afresh each time. Without a periode in the
    sidecar, a first reading finds the month."""
    if meta.periode:
        periode = meta.periode
    else:
        tally = Tally(path)
        for entry in read()[0]:
            tally.add(*entry)
        periode = tally.periode(meta)
    parsed = _register(path, meta, periode, [])
    parsed.rows = _landing(path, layout, read, parsed)
    return parsed


def _landing(path: Path, layout: str, read, parsed: ParsedFile) -> Iterator[tuple]:
    tally = Tally(path)
    entries, skipped = read()
    for entry in entries:
        tally.add(*entry)
        yield as_row(layout, *entry)
    tally.require_sp2d()
    tally.finish(parsed, skipped)


def as_row(layout: str, sheet: str, row: int, one: Sp2d) -> tuple:
    return (sheet, row, layout, *(getattr(one, name) for name in COLUMNS[1:]))


def _register(path: Path, meta: FileMeta, periode: str, rows) -> ParsedFile:
    if meta.tahun and int(periode[:4]) != meta.tahun:
        raise SourceFileError(path, f"bulan {periode} di luar tahun {meta.tahun} di sidecar / "
                              f"month outside the sidecar's year {meta.tahun}")
    return ParsedFile(
        columns=COLUMNS,
        rows=rows,
        file_columns={"kode_pemda": meta.kode_pemda, "periode": periode},
        tahun=meta.tahun or int(periode[:4]),
    )


class Tally:
    """What the register's checks and key need of its SP2D, kept as they are read: one
    row per SP2D (a number repeated is refused, naming both rows), the months of the
    money out, the SKPD, how many were not money out."""

    def __init__(self, path: Path):
        self.path = path
        self.first_row: dict[str, int] = {}
        self.months: set[str] = set()
        self.units: set[str] = set()
        self.not_out = 0

    def add(self, sheet: str, row: int, one: Sp2d) -> None:
        folded = _fold_nomor(one.nomor_sp2d)
        if folded in self.first_row:
            raise SourceFileError(
                self.path, f"Nomor SP2D {one.nomor_sp2d!r} sudah ada di baris "
                f"{self.first_row[folded]} (satu baris per SP2D) / already on row "
                f"{self.first_row[folded]} (one row per SP2D)", sheet=sheet, row=row)
        self.first_row[folded] = row
        if one.money_out:
            self.months.add(one.tanggal.strftime("%Y-%m"))
        else:
            self.not_out += 1
        self.units.add("|".join(str(value or "") for value in
                                (one.kode_skpd, one.kode_sub_skpd, one.nama_skpd)))

    def require_sp2d(self) -> None:
        if not self.first_row:
            raise SourceFileError(self.path, "tidak ada SP2D di bawah header / no SP2D under "
                                  "the header")

    def periode(self, meta: FileMeta) -> str:
        """The month the file reports ("YYYY-MM"): see the module's docstring."""
        self.require_sp2d()
        if meta.periode:
            return meta.periode
        months = sorted(self.months)
        if len(months) == 1:
            return months[0]
        found = (f"SP2D uang keluar di {len(months)} bulan ({', '.join(months)}) / money-out "
                 f"SP2D in {len(months)} months" if months
                 else "tidak ada SP2D uang keluar / no money-out SP2D")
        raise SourceFileError(
            self.path, f"bulan laporan tidak bisa ditentukan / the month reported cannot be "
            f"told: {found}; tulis periode (YYYY-MM) di sidecar / write periode (YYYY-MM) in "
            f"the sidecar {self.path.name}{SIDECAR_SUFFIX}, mis. / e.g. "
            f"{{\"periode\": \"2026-01\"}}")

    def finish(self, parsed: ParsedFile, skipped: dict[str, int]) -> None:
        """The file's figures, once its SP2D are all read."""
        notes = ["baris dilewati / rows skipped: "
                 + ", ".join(f"{count} {kind}" for kind, count in skipped.items())] \
            if skipped else []
        if self.not_out:
            notes.append(f"{self.not_out} SP2D belum/tidak dicairkan (bukan uang keluar) / "
                         "not cashed or transferred (not money out)")
        parsed.notes = notes
        parsed.rows_skipped = sum(skipped.values())
        parsed.facts["skpd"] = self.units


def supersede_key(meta: FileMeta, parsed: ParsedFile) -> str:
    """A re-export of the same month and SKPD (or the same metadata 'batch') replaces the
    earlier. A service's records may come per SKPD: files of other SKPD of the same
    month both stay, and staging takes each SP2D from the latest file that carries it."""
    periode = parsed.file_columns["periode"]
    if meta.batch:
        return f"sp2d-register|{meta.kode_pemda}|{periode}|{meta.batch}"
    units = sorted(parsed.facts["skpd"])
    digest = hashlib.sha256("\n".join(units).encode()).hexdigest()[:16]
    return f"sp2d-register|{meta.kode_pemda}|{periode}|skpd:{digest}"


def _fold_nomor(nomor: str) -> str:
    """An SP2D number as it is joined: case and spaces folded (staging folds alike)."""
    return "".join(nomor.split()).upper()
